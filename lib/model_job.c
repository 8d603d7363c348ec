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

	run->rc = dbt_model_load_text(&run->schema, run->dialect, run->path, run->text, run->len);
	/* Back to the heap of the thread that read it (model_job.h). */
	free(run->text);
	run->text = NULL;
	if (run->rc < 0)
		snprintf(run->error, sizeof(run->error), "%s", dbt_error_last());
	return NULL;
}

/* Whether the model at `path` is loaded on a thread (model_job.h). */
static int threadable(const char *path)
{
	struct stat st;

	return !dbt_model_command_set() && stat(path, &st) == 0 && st.st_size <= DBT_MODEL_JOB_MAX;
}

/* Reads the model file on this thread and starts `run` parsing it on its
 * own; 0 when no thread could be started (the load is then left to
 * dbt_model_job_finish()).  A file that cannot be read is the run's
 * failure, handed over as the thread's would be, with no thread. */
static int run_start(struct dbt_model_load_run *run, const struct dbt_dialect *dialect)
{
	run->dialect = dialect;
	run->rc = 0;
	run->schema = NULL;
	run->error[0] = '\0';
	run->threaded = 0;
	if ((run->rc = dbt_model_read(&run->text, &run->len, run->path)) < 0) {
		snprintf(run->error, sizeof(run->error), "%s", dbt_error_last());
		return 1;
	}
	if (pthread_create(&run->thread, NULL, load, run) == 0) {
		run->threaded = 1;
		return 1;
	}
	free(run->text);
	run->text = NULL;
	return 0;
}

/* Waits for `run`; its schema, or its error, set on this thread when
 * `report` (a cancelled load's error is nobody's: the caller's own
 * failure stays the message). */
static int run_join(dbt_schema **out, struct dbt_model_load_run *run, int report)
{
	if (run->threaded)
		pthread_join(run->thread, NULL);
	run->threaded = 0;
	*out = run->schema;
	run->schema = NULL;
	if (run->rc < 0 && report)
		return dbt_error_set(run->rc, "%s", run->error);
	return run->rc;
}

void dbt_model_job_start(dbt_model_job *job, dbt_conn *conn, const char *path)
{
	struct dbt_model_preload *pre = conn->preload;

	job->conn = conn;
	job->path = path;
	job->run = NULL;
	job->freeing = 0;
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
	rc = run_join(out, job->run, 1);
	run_done(job);
	if (rc < 0)
		return rc;
	return dbt_model_exclude(out, job->conn);
}

void dbt_model_job_cancel(dbt_model_job *job)
{
	dbt_schema *s = NULL;

	if (job->run)
		run_join(&s, job->run, 0);
	run_done(job);
	dbt_schema_free(s);
}

static void *free_schema(void *arg)
{
	dbt_schema_free(arg);
	return NULL;
}

void dbt_model_job_give_back(dbt_model_job *job, dbt_schema *model)
{
	if (!job->freeing && model && model->ntables >= DBT_MODEL_JOB_FREE_MIN &&
	    pthread_create(&job->freer, NULL, free_schema, model) == 0) {
		job->freeing = 1;
		return;
	}
	dbt_schema_free(model);
}

void dbt_model_job_end(dbt_model_job *job)
{
	if (job->freeing)
		pthread_join(job->freer, NULL);
	job->freeing = 0;
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
	dbt_model_job job = {.run = NULL};

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
