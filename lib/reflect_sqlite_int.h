/*
 * reflect_sqlite_int.h - what the files of SQLite's reflection share: the
 * reader of the CREATE TABLE and CREATE INDEX statements SQLite keeps as
 * written (reflect_sqlite_sql.c), and the state of one reflection (struct
 * reflect) that reflect_sqlite.c (the read of sqlite_schema and the
 * entry), reflect_sqlite_preparse.c (the parse on two threads),
 * reflect_sqlite_build.c (the tables) and reflect_sqlite_objects.c (views
 * and triggers) work on.  Not installed, not part of the library's API.
 */
#ifndef DBT_REFLECT_SQLITE_INT_H
#define DBT_REFLECT_SQLITE_INT_H

#include "dialect.h"
#include "lex.h"
#include "schema.h"
#include "sqlite_rows.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>

/* `len` bytes of text at `at`; `at` NULL: none. */
struct span {
	const char *at;
	size_t len;
};

/* What a column's dbt_column does not hold of its stored SQL: spans of
 * the statement's text (or of a constant), no copy, so that parsing makes
 * no string that is freed again once the reflected column is made. */
struct tcol {
	struct span decl; /* its declared type as SQLite keeps it */
	struct span dflt; /* its default's text as SQLite keeps it */
};

/*
 * What the stored CREATE TABLE declares, kept in a table of a scratch
 * schema: column names (folded as the model folds them; SQLite compares
 * names ignoring ASCII case, so a name as SQLite keeps it finds the same
 * column) and whether they were quoted, collations, AUTOINCREMENT, and
 * constraint names, CHECKs and DEFERRABLE.  Types stay DBT_TYPE_NONE:
 * `cols` holds their text, for the reflected table.
 */
struct tdef {
	dbt_table *t;
	struct tcol *cols; /* per column read, in order */
	size_t ncols;
	int without_rowid;
	int strict;
	int pk_desc; /* a column's PRIMARY KEY DESC */
};

/* One key of a stored CREATE INDEX. */
struct ielem {
	size_t from, to; /* the column or expression, without COLLATE and ASC/DESC */
	int collate;	 /* 1 when the key names a collation */
	size_t cto;	 /* where its COLLATE clause ends; `to` without one */
	int desc;
	char *coll; /* the collation it names, folded; NULL for none */
};

struct idef {
	char *name; /* folded */
	struct ielem *elems;
	size_t nelems;
	size_t where_from, where_to;
	int has_where;
	int unique;
};

/* Starts a reader of one stored statement (`len` bytes of `text`), with
 * SQLite's [bracket] and `backtick` quotes read as quoted names. */
int rd_init(dbt_cursor *r, const char *text, size_t len);

/* Reads a name: `*folded` as the model parser folds it, `*stored` (when
 * not NULL) as SQLite keeps it; caller frees. */
int rd_name(dbt_cursor *r, char **folded, char **stored, const char *what);

/* `len` bytes of `text` with [bracket] and `backtick` quoted names
 * written in standard double quotes, in `out`; caller frees. */
int std_quotes(char **out, const char *text, size_t len);

/* Reads the stored CREATE TABLE `sql` into `d`, its table made in
 * `scratch`; an error names what it could not read.  The spans of
 * `d->cols` point into `sql`, which must outlive their use. */
int read_table_sql(struct tdef *d, dbt_schema *scratch, const char *sql);

/* Frees what read_table_sql() put in `d` but its table, which its
 * scratch schema holds; `d` is all zero after. */
void tdef_release(struct tdef *d);

/* Frees what read_index_sql() put in `d`. */
void idef_release(struct idef *d);

/* Reads the stored CREATE INDEX `sql` into `d`; idef_release() frees
 * what it holds, after a failure too. */
int read_index_sql(struct idef *d, const char *sql);

/*
 * dbt_sqlite_reflect() with the stored CREATE TABLE statements parsed on
 * two threads when there are `threads_min` tables or more (SIZE_MAX: on
 * the calling thread alone, as below dbt_sqlite_reflect's threshold), so
 * that tests can compare the two paths.
 */
int dbt_sqlite_reflect_threads(struct dbt_schema **out, dbt_conn *conn, size_t threads_min);

/* ---------------------------------------------- the state of a reflection */

/*
 * From this many tables on, the stored CREATE TABLE statements are parsed
 * on two threads.  A thread costs some 600,000 instructions that the
 * join waits for, most of them the allocator's teardown of the thread's
 * heap at its exit: about what parsing 13 tables of eight columns does
 * (callgrind, 44,000 a table).  The helper takes half of the parse, so it
 * pays for itself from some 30 such tables on; 64 leaves room for smaller
 * tables and for the system calls that the count does not see.  Below it,
 * nothing changes: no thread, the parse in the building pass.
 */
enum { THREADS_MIN = 64 };

/* A reflected table. */
struct rtable {
	char *stored;	 /* its name as SQLite keeps it, in reflect.names */
	dbt_table *t;	 /* in the result; NULL until built */
	struct tdef def; /* what its stored SQL declares */
	size_t row;	 /* its row of the query */
	size_t idx_at;	 /* its indexes: idx_of[idx_at] on, in creation order */
	size_t nidx;
	int integer_pk; /* a primary-key column is declared INTEGER */
	int fks_wait;	/* a foreign key names a table built after it */
};

/* A view or trigger as sqlite_schema holds it. */
struct robj {
	int trigger;
	char *name;  /* as SQLite keeps it */
	char *table; /* tbl_name */
	char *sql;
};

/* One reflection, on the stack of dbt_sqlite_reflect_threads(), which
 * frees all it holds but what it returns (reflect_release). */
struct reflect {
	struct robj *objs; /* views, then triggers, in creation order */
	size_t nobjs;
	dbt_conn *conn;
	sqlite3 *db;
	dbt_schema *out;
	dbt_schema *scratch;	    /* holds each tdef's table */
	dbt_schema *helper_scratch; /* the helper thread's tdefs' tables; NULL: none */
	struct tdef *pre; /* per table, parsed by dbt_sqlite_preparse_tables; NULL: none */
	size_t npre;
	struct rtable *tabs; /* in creation order */
	size_t ntabs;
	struct rtable **sorted; /* by name ignoring ASCII case, for lookups */
	dbt_type_memo types;	/* the columns' declared types, read once each */
	dbt_buf str;		/* span_str's copy of a span of the stored SQL */
	char *names;		/* the tables' names as SQLite keeps them, one after another */
	size_t *ix_row;		/* per CREATE INDEX of a table, in creation order: its row */
	size_t *idx_of;		/* the same by table: their places in ix_row */
	size_t *ix_at;		/* per index of `out`: its place in ix_row */
	const struct rtable **targets; /* find_targets' tables */
	size_t ntargets;
	/* Per column of the table being built: its 1-based place in the
	 * primary key, or 0. */
	int *pkpos;
	size_t npkpos;
	/* The build's failure that comes first in the order of its steps
	 * (may_run, reflect_sqlite_build.c). */
	struct fault {
		int step; /* enum step; STEP_NONE: nothing failed */
		size_t at;
		int rc;
		char *msg; /* NULL: out of memory */
	} fault;
};

struct preparse; /* reflect_sqlite_preparse.c's */

/*
 * The helper thread.  It is started before the query of sqlite_schema
 * when the connection's count of its rows says there will be enough
 * tables, and waits for the rows, yielding its processor, instead of
 * being started once they are read: a second processor of a virtual
 * machine that has gone idle can take milliseconds to wake (the helper
 * began 0.1-2.5 ms after the rows were read at 1,000 tables, when the
 * parse it shares takes 2.5 ms; bench/README.md), and the query hides
 * that wait.  `go` is 0 while it waits, 1 when `work` is set, 2 when
 * there is nothing for it.
 */
struct parser {
	struct preparse *work;
	dbt_schema *scratch;
	pthread_t thread;
	int started;
	atomic_int go;
};

/* The table SQLite would find under `name` among x->tabs (its names
 * compared ignoring ASCII case), once read_tables has sorted them; NULL
 * when none. */
struct rtable *dbt_sqlite_find_table(const struct reflect *x, const char *name);

/*
 * x->out built from the rows of sqlite_schema `rows`, with the tables
 * that dbt_sqlite_preparse_tables parsed into x->pre: its tables, indexes, names,
 * views and triggers.  `rows` is released and zeroed once every row is
 * read (the caller releases it when the build fails before).  Returns 0,
 * or the error of the first failing step in the order of the build's
 * steps (reflect_sqlite_build.c); whatever x holds is reflect_release's to
 * free, after a failure too.
 */
int dbt_sqlite_build_schema(struct reflect *x, struct rows *rows);

/* The views and triggers of x->objs as objects of x->out, with the tables
 * and views they name, once every table is built: 0, or an error (x->out
 * keeps the objects made until then). */
int dbt_sqlite_read_objects(struct reflect *x);

/* Starts the helper `p`, waiting for its work (dbt_sqlite_helper_go), with a
 * scratch schema of its own, x->helper_scratch; `p->started` is 0 when the
 * thread or the schema cannot be had, with no error kept: the calling
 * thread then parses alone. */
void dbt_sqlite_helper_start(struct reflect *x, struct parser *p);

/* Gives the helper its work, or nothing (NULL), and lets it go; once per
 * start.  `work` must live until dbt_sqlite_helper_join(). */
void dbt_sqlite_helper_go(struct parser *p, struct preparse *work);

/* Waits for the helper's end, when it was started; `p->started` is 0
 * after. */
void dbt_sqlite_helper_join(struct parser *p);

/*
 * The tables' stored SQL parsed on this thread and the helper into x->pre
 * (x->npre tables, in creation order; a table left all zero is for the
 * build to parse) when there are `threads_min` tables or more, the helper
 * joined before it returns.  `release` (NULL: none) is a connection whose
 * memory this thread releases meanwhile (the dialect's release_memory).
 * Never fails: what cannot be had leaves the parse to the build.
 */
void dbt_sqlite_preparse_tables(struct reflect *x, const struct rows *rows, size_t threads_min,
				struct parser *helper, dbt_conn *release);

#endif
