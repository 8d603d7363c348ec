/*
 * model_job.c - the model loaded on a second thread (see model_job.h), and
 * the preload of dbtool.h that starts it before the connection exists.
 */
#include "model_job.h"

#include "dbtool.h"
#include "error.h"
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void *load(void *arg)
{
	struct dbt_model_load_run *run = arg;
	dbt_schema *s = NULL;
	int rc = dbt_model_load_for(&s, run->dialect, run->path);

	pthread_mutex_lock(&run->lock);
	run->rc = rc;
	if (rc < 0)
		snprintf(run->error, sizeof(run->error), "%s", dbt_error_last());
	run->schema = s;
	run->keep = rc == 0 && s->ntables >= DBT_MODEL_JOB_FREE_MIN;
	run->state = DBT_MODEL_LOADED;
	pthread_cond_signal(&run->cond);
	if (!run->keep) {
		pthread_mutex_unlock(&run->lock);
		return NULL;
	}
	/* Blocked until the model comes back (model_job.h). */
	while (run->state != DBT_MODEL_GIVEN)
		pthread_cond_wait(&run->cond, &run->lock);
	s = run->given;
	run->given = NULL;
	pthread_mutex_unlock(&run->lock);
	dbt_schema_free(s);
	return NULL;
}

/* Whether the model at `path` is loaded on a thread (model_job.h). */
static int threadable(const char *path)
{
	struct stat st;

	return !dbt_model_command_set() && stat(path, &st) == 0 && st.st_size <= DBT_MODEL_JOB_MAX;
}

/* Starts `run` on its thread; 0 when it could not be started. */
static int run_start(struct dbt_model_load_run *run, const struct dbt_dialect *dialect)
{
	run->dialect = dialect;
	run->rc = 0;
	run->schema = NULL;
	run->given = NULL;
	run->keep = 0;
	run->state = DBT_MODEL_LOADING;
	run->error[0] = '\0';
	if (pthread_mutex_init(&run->lock, NULL) != 0)
		return 0;
	if (pthread_cond_init(&run->cond, NULL) != 0) {
		pthread_mutex_destroy(&run->lock);
		return 0;
	}
	if (pthread_create(&run->thread, NULL, load, run) != 0) {
		pthread_cond_destroy(&run->cond);
		pthread_mutex_destroy(&run->lock);
		return 0;
	}
	return 1;
}

/* Waits for the thread of `run` to exit. */
static void run_join(struct dbt_model_load_run *run)
{
	pthread_join(run->thread, NULL);
	pthread_cond_destroy(&run->cond);
	pthread_mutex_destroy(&run->lock);
}

/* Waits for `run`'s load; its schema, or its error, set on this thread
 * when `report` (a cancelled load's error is nobody's: the caller's own
 * failure stays the message).  The thread is joined unless it waits for
 * the schema back (`run->keep`). */
static int run_wait(dbt_schema **out, struct dbt_model_load_run *run, int report)
{
	pthread_mutex_lock(&run->lock);
	while (run->state == DBT_MODEL_LOADING)
		pthread_cond_wait(&run->cond, &run->lock);
	pthread_mutex_unlock(&run->lock);
	if (!run->keep)
		run_join(run);
	*out = run->schema;
	run->schema = NULL;
	if (run->rc < 0 && report)
		return dbt_error_set(run->rc, "%s", run->error);
	return run->rc;
}

/* Hands `s` to the waiting thread of `run` to free, and lets it exit. */
static void run_give(struct dbt_model_load_run *run, dbt_schema *s)
{
	pthread_mutex_lock(&run->lock);
	run->given = s;
	run->state = DBT_MODEL_GIVEN;
	pthread_cond_signal(&run->cond);
	pthread_mutex_unlock(&run->lock);
}

void dbt_model_job_start(dbt_model_job *job, dbt_conn *conn, const char *path)
{
	struct dbt_model_preload *pre = conn->preload;

	job->conn = conn;
	job->path = path;
	job->run = NULL;
	if (pre && !strcmp(pre->run.path, path) && pre->run.dialect == conn->dialect) {
		/* Taken over: the connection lets go of it. */
		conn->preload = NULL;
		job->run = &pre->run;
		return;
	}
	if (!threadable(path))
		return;
	job->own.path = path;
	if (run_start(&job->own, conn->dialect))
		job->run = &job->own;
}

/* Frees the preload that holds `run`, if one does. */
static void run_done(dbt_model_job *job)
{
	if (job->run && job->run != &job->own) {
		struct dbt_model_preload *pre = (struct dbt_model_preload *)job->run;

		free(pre->path);
		free(pre);
	}
	job->run = NULL;
}

int dbt_model_job_finish(dbt_schema **out, dbt_model_job *job)
{
	int rc;

	*out = NULL;
	if (!job->run)
		return dbt_model_load(out, job->conn, job->path);
	rc = run_wait(out, job->run, 1);
	if (!job->run->keep)
		run_done(job);
	if (rc < 0)
		return rc;
	return dbt_model_exclude(out, job->conn);
}

void dbt_model_job_cancel(dbt_model_job *job)
{
	dbt_schema *s = NULL;

	if (!job->run)
		return;
	run_wait(&s, job->run, 0);
	if (job->run->keep) {
		/* The thread frees its own schema. */
		dbt_model_job_give_back(job, s);
		dbt_model_job_end(job);
		return;
	}
	run_done(job);
	dbt_schema_free(s);
}

/* Whether the thread of `job` waits for its model back.  Only the
 * calling thread sets GIVEN, and the thread has set `keep` before the
 * caller's run_wait() returned: no lock is needed to read them here. */
static int waiting(const dbt_model_job *job)
{
	return job->run && job->run->keep && job->run->state != DBT_MODEL_GIVEN;
}

void dbt_model_job_give_back(dbt_model_job *job, dbt_schema *model)
{
	if (waiting(job))
		run_give(job->run, model);
	else
		dbt_schema_free(model);
}

void dbt_model_job_end(dbt_model_job *job)
{
	if (!job->run)
		return;
	/* Without give_back() the thread is let go with nothing to free. */
	if (waiting(job))
		run_give(job->run, NULL);
	run_join(job->run);
	run_done(job);
}

/* ------------------------------------------------------------- preload */

dbt_model_preload *dbt_model_preload_start(dbt_dialect_kind kind, const char *model_path)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);
	struct dbt_model_preload *pre;

	if (!d || !model_path || !threadable(model_path) || !(pre = calloc(1, sizeof(*pre))))
		return NULL;
	pre->run.path = pre->path = strdup(model_path);
	if (!pre->path || !run_start(&pre->run, d)) {
		free(pre->path);
		free(pre);
		return NULL;
	}
	return pre;
}

void dbt_model_preload_free(dbt_model_preload *pre)
{
	dbt_model_job job = {NULL, NULL, NULL, {0}};

	if (!pre)
		return;
	job.run = &pre->run;
	dbt_model_job_cancel(&job);
}

void dbt_conn_set_model_preload(dbt_conn *conn, dbt_model_preload *pre)
{
	dbt_model_preload_free(conn->preload);
	conn->preload = NULL;
	/* One for another kind of database is of no use to this one. */
	if (pre && pre->run.dialect != conn->dialect) {
		dbt_model_preload_free(pre);
		pre = NULL;
	}
	conn->preload = pre;
}
