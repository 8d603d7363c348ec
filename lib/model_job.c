/*
 * model_job.c - dbt_model_load() on a second thread (see model_job.h).
 */
#include "model_job.h"

#include "error.h"
#include "model.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void *load(void *arg)
{
	dbt_model_job *job = arg;

	job->rc = dbt_model_load(&job->schema, job->conn, job->path);
	if (job->rc < 0)
		snprintf(job->error, sizeof(job->error), "%s", dbt_error_last());
	return NULL;
}

void dbt_model_job_start(dbt_model_job *job, dbt_conn *conn, const char *path)
{
	struct stat st;

	job->conn = conn;
	job->path = path;
	job->threaded = 0;
	job->rc = 0;
	job->schema = NULL;
	job->error[0] = '\0';
	if (!dbt_model_command_set() && stat(path, &st) == 0 && st.st_size <= DBT_MODEL_JOB_MAX)
		job->threaded = pthread_create(&job->thread, NULL, load, job) == 0;
}

int dbt_model_job_finish(dbt_schema **out, dbt_model_job *job)
{
	*out = NULL;
	if (!job->threaded)
		return dbt_model_load(out, job->conn, job->path);
	pthread_join(job->thread, NULL);
	job->threaded = 0;
	if (job->rc < 0)
		return dbt_error_set(job->rc, "%s", job->error);
	*out = job->schema;
	job->schema = NULL;
	return job->rc;
}

void dbt_model_job_cancel(dbt_model_job *job)
{
	if (job->threaded)
		pthread_join(job->thread, NULL);
	job->threaded = 0;
	dbt_schema_free(job->schema);
	job->schema = NULL;
}
