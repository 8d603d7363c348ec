/*
 * model_job.h - the model loaded on a second thread while the caller reads
 * the database: `check` and `migrate` spend about as long parsing the model
 * as reflecting the database, and the two need nothing of each other until
 * they are compared.
 *
 * dbt_model_job_start() begins dbt_model_load(conn, path) on a thread of its
 * own; dbt_model_job_finish() waits for it and hands its result over as
 * dbt_model_load() would have returned it: the schema, or the error code
 * with its message set on the calling thread.  dbt_model_job_cancel()
 * waits and frees whatever was loaded (the caller failed meanwhile).
 *
 * In between, the caller may use the connection's database handle (the
 * load never touches it) but must not change the connection's dialect or
 * exclude patterns, which the load reads.  When no thread can be started,
 * or the model comes from model_command (a child process is better started
 * from one thread), the load runs in dbt_model_job_finish() on the calling
 * thread, in the order the caller would have used without a job.
 *
 * The job is a struct of the caller's (no allocation); start() always
 * succeeds, and finish() or cancel() must follow it, once.
 */
#ifndef DBT_MODEL_JOB_H
#define DBT_MODEL_JOB_H

#include "dialect.h"
#include "schema.h"

#include <pthread.h>

typedef struct dbt_model_job {
	dbt_conn *conn;
	const char *path;
	pthread_t thread;
	int threaded; /* the thread was started */
	int rc;
	dbt_schema *schema;
	char error[4096]; /* the thread's message when rc < 0 */
} dbt_model_job;

void dbt_model_job_start(dbt_model_job *job, dbt_conn *conn, const char *path);
int dbt_model_job_finish(dbt_schema **out, dbt_model_job *job);
void dbt_model_job_cancel(dbt_model_job *job);

#endif
