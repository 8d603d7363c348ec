/*
 * reflect_sqlite_preparse.c - the stored CREATE TABLE statements of
 * SQLite's reflection parsed on two threads, the calling one and a helper,
 * before the schema is built (see reflect_sqlite.c, and THREADS_MIN in
 * reflect_sqlite_int.h).  Apart from the build because it is the one part
 * of the reflection that runs on two threads: the helper's start, its wait
 * for the rows, the shared counter of tables and the join are all here;
 * the build (reflect_sqlite_build.c) only takes what the parse left in
 * x->pre, on the calling thread.
 */
#include "reflect_sqlite_int.h"

#include "error.h"
#include "sqlite_rows.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Tables taken from the shared counter at once: few, so that whichever
 * thread is late (a helper scheduled late, a long table) leaves the other
 * little to wait for; more than one, so that the counter is not fought
 * over. */
enum { CHUNK = 4 };

/* The parse shared by the two threads: each takes the next CHUNK tables
 * from `next` until none is left, into its own scratch schema
 * (dbt_schema_add_table is not thread-safe). */
struct preparse {
	const struct rows *rows;
	const size_t *row;  /* per table, in creation order: its row of `rows` */
	struct tdef *defs;  /* per table: what its SQL declares; all zero: not read */
	size_t n;	    /* tables */
	atomic_size_t next; /* the first table no thread has taken */
};

/* A table whose parse fails is left unread (its partial tdef released),
 * for read_table to parse again on the calling thread, where the error
 * of the first failing table in creation order is made as it always was:
 * this thread's message is not the caller's.  Out of memory here is no
 * error either: read_table tries again. */
static void parse_tables(struct preparse *w, dbt_schema *scratch)
{
	size_t i, end;

	while ((i = atomic_fetch_add_explicit(&w->next, CHUNK, memory_order_relaxed)) < w->n) {
		for (end = w->n - i < CHUNK ? w->n : i + CHUNK; i < end; i++) {
			const char *sql = row_col(w->rows, w->row[i], ROW_SQL);

			if (!strncasecmp(sql, "CREATE VIRTUAL", 14))
				continue;
			if (read_table_sql(&w->defs[i], scratch, sql) < 0) {
				tdef_release(&w->defs[i]);
				dbt_error_clear();
			}
		}
	}
}

static void *parser_main(void *arg)
{
	struct parser *p = arg;
	int go;

	while ((go = atomic_load_explicit(&p->go, memory_order_acquire)) == 0)
		sched_yield();
	if (go == 1)
		parse_tables(p->work, p->scratch);
	return NULL;
}

/* Starts the helper, waiting, with a scratch schema of its own; nothing
 * when either cannot be had (the caller then parses alone). */
void dbt_sqlite_helper_start(struct reflect *x, struct parser *p)
{
	p->started = 0;
	atomic_init(&p->go, 0);
	if (dbt_schema_new(&x->helper_scratch) < 0) {
		dbt_error_clear();
		return;
	}
	p->scratch = x->helper_scratch;
	p->started = pthread_create(&p->thread, NULL, parser_main, p) == 0;
}

/* Sets the helper to `work`, or to nothing (NULL), and lets it go. */
void dbt_sqlite_helper_go(struct parser *p, struct preparse *work)
{
	p->work = work;
	atomic_store_explicit(&p->go, work ? 1 : 2, memory_order_release);
}

void dbt_sqlite_helper_join(struct parser *p)
{
	if (p->started)
		pthread_join(p->thread, NULL);
	p->started = 0;
}

/*
 * The tables' stored SQL parsed on this thread and a helper into x->pre,
 * when there are `threads_min` tables or more.  Whatever fails here (the
 * memory for the shared work, the helper's scratch schema, the thread)
 * leaves more, or all, for read_table to parse, with no error.
 *
 * `release` (NULL: none) is a connection whose memory is to be released
 * (the dialect's release_memory), which nothing reads any more: this
 * thread releases it (6.4 ms at 5,000 tables) while the helper starts the
 * parse, then takes its share of what is left.  Here, not on the helper:
 * SQLite's schema was allocated on this thread, and freed on another each
 * block is the allocator's slower cross-thread free (the parse and the
 * release together took 2.3 ms more at 5,000 tables, 1.3 ms at 1,000).
 * Released first, not while the calling thread builds: SQLite's schema
 * alive beside the parse's memory put the peak RSS of `check` at 5,000
 * tables up by 6-7 MiB (bench/README.md).  Only this thread uses the
 * connection.
 */
void dbt_sqlite_preparse_tables(struct reflect *x, const struct rows *rows, size_t threads_min,
				struct parser *helper, dbt_conn *release)
{
	struct preparse w = {.rows = rows};
	size_t *row = NULL, i, n = 0;

	for (i = 0; i < rows->n; i++)
		n += !strcmp(row_col(rows, i, ROW_TYPE), "table");
	if (n < threads_min || n < 2 || !(row = malloc(n * sizeof(*row))) ||
	    !(x->pre = calloc(n, sizeof(*x->pre)))) {
		free(row);
		dbt_error_clear();
		dbt_sqlite_helper_go(helper, NULL);
		dbt_sqlite_helper_join(helper);
		if (release)
			release->dialect->release_memory(release);
		return;
	}
	x->npre = n;
	for (i = 0, n = 0; i < rows->n; i++)
		if (!strcmp(row_col(rows, i, ROW_TYPE), "table"))
			row[n++] = i;
	w.row = row;
	w.defs = x->pre;
	w.n = n;
	atomic_init(&w.next, 0);
	if (!helper->started && !x->helper_scratch)
		dbt_sqlite_helper_start(x, helper);
	dbt_sqlite_helper_go(helper, &w);
	if (release)
		release->dialect->release_memory(release);
	parse_tables(&w, x->scratch);
	dbt_sqlite_helper_join(helper);
	free(row);
}
