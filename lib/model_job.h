/*
 * model_job.h - the model loaded on a second thread while the caller reads
 * the database: `check` and `migrate` spend about as long parsing the model
 * as reflecting the database, and the two need nothing of each other until
 * they are compared.
 *
 * dbt_model_job_start() begins loading the model file for conn's kind of
 * database on a thread of its own; dbt_model_job_finish() waits for it and
 * hands its result over as dbt_model_load(conn, path) would have returned
 * it: the schema (conn's exclude patterns applied, on the calling thread),
 * or the error code with its message set on the calling thread.
 * dbt_model_job_cancel() waits and frees whatever was loaded (the caller
 * failed meanwhile).  The thread reads neither the connection nor its
 * settings: the caller may use and change both in between.
 *
 * When the connection holds a preload of the same model file
 * (dbt_conn_set_model_preload), dbt_model_job_start() takes it over
 * instead of starting a thread: the preload began before the connection
 * was made, so that the model is parsed while the caller connects and
 * SQLite parses its own schema (bench/README.md, "The model before the
 * connection").
 *
 * The load runs in dbt_model_job_finish() on the calling thread instead,
 * in the order the caller would have used without a job, when no thread
 * can be started, when the model comes from model_command (a child process
 * is better started from one thread), and when the model file is larger
 * than DBT_MODEL_JOB_MAX bytes: the model parsed at the same time as the
 * database's schema is built costs its whole size in memory on top of the
 * reflection's, where parsed after it, it reuses the memory the
 * reflection gave back (issue 11 bounds the peak memory of `check` on
 * SQLite at 5,000 tables, a model of 1.9 MB, at 48 MiB: 39.5-43.4 MiB
 * with the model on the second thread, 34 MiB without).
 *
 * Freeing the two schemas at the end of `check` or `migrate` takes as
 * long as a pass over both (at 5,000 tables about 7 ms), and the model's
 * part costs twice the instructions of the database's: every block of it
 * was allocated on the model's thread, which has exited, so that each
 * free is a cross-thread free in the allocator.  dbt_model_job_give_back()
 * hands a model of DBT_MODEL_JOB_FREE_MIN tables or more to a thread of
 * its own that frees it while the caller frees the database's schema and
 * the diff; dbt_model_job_end() joins it.  A smaller model, or one when
 * no thread can be started, is freed by give_back() on the calling
 * thread, as before.  The model's loading thread is not kept for it:
 * alive, its heap keeps the pages its parse freed from the reflection,
 * which then needs 4-6 MiB more at 5,000 tables (bench/README.md, "The
 * model freed on a thread of its own").
 *
 * The model file is read on the thread that starts the job (or the
 * preload), and the load frees it once parsed: mimalloc, the binary's
 * allocator, keeps each thread's freed memory for that thread, and a
 * thread that exits leaves it to no one, so that the file (1.9 MB at
 * 5,000 tables) read on the model's thread stayed part of the process's
 * memory to the end, where read by the caller it goes back to the
 * caller, whose reflection reuses it (bench/README.md, "PostgreSQL
 * `check` at 5,000 tables: peak memory").  A file that cannot be read
 * then is the job's error, which finish() hands over as a failed
 * parse's.
 *
 * The job is a struct of the caller's (no allocation but a preload's);
 * start() always succeeds, and finish() or cancel() must follow it, once,
 * then end(), which a give_back() may precede (more than one: each after
 * the first frees on the calling thread).  give_back() and end() are for
 * any path after start(), a failed one included, so that one cleanup can
 * call both.
 */
#ifndef DBT_MODEL_JOB_H
#define DBT_MODEL_JOB_H

#include "dialect.h"
#include "schema.h"

#include <pthread.h>

/* The largest model file, in bytes, loaded on a second thread: 4 MiB,
 * about 10,000 tables of eight columns. */
#define DBT_MODEL_JOB_MAX (4L * 1024 * 1024)

/* The fewest tables of a model that give_back() frees on a thread: the
 * thread's start, on a second processor that may have gone idle, costs
 * about what freeing a model of 1,000 tables does (0.5 ms). */
#define DBT_MODEL_JOB_FREE_MIN 2000

/* What the thread does and hands back. */
struct dbt_model_load_run {
	const struct dbt_dialect *dialect;
	const char *path;
	char *text; /* the file, read by the starting thread; the load frees it */
	size_t len;
	pthread_t thread;
	int threaded; /* `thread` runs the load, and is to be joined */
	int rc;
	dbt_schema *schema;
	char error[4096]; /* the thread's message when rc < 0 */
};

typedef struct dbt_model_job {
	dbt_conn *conn;
	const char *path;
	/* The running load, NULL when there is none (the load is then done
	 * by finish()): `own`, or a preload's taken over. */
	struct dbt_model_load_run *run;
	struct dbt_model_load_run own;
	/* The thread that frees the model given back, when `freeing`. */
	pthread_t freer;
	int freeing;
} dbt_model_job;

/* A model file being loaded ahead of a connection (dbtool.h). */
struct dbt_model_preload {
	struct dbt_model_load_run run;
	char *path; /* run.path: the preload's own copy */
};

void dbt_model_job_start(dbt_model_job *job, dbt_conn *conn, const char *path);
int dbt_model_job_finish(dbt_schema **out, dbt_model_job *job);
void dbt_model_job_cancel(dbt_model_job *job);
void dbt_model_job_give_back(dbt_model_job *job, dbt_schema *model);
void dbt_model_job_end(dbt_model_job *job);

#endif
