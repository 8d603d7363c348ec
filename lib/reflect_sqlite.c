/*
 * reflect_sqlite.c - reading a live SQLite database into a normalised
 * Schema (dialect.h's reflect slot for SQLite).
 *
 * Two catalog queries cover the whole database, whatever the number of
 * tables: the tables, views and triggers with their stored SQL, and the
 * indexes with their stored CREATE INDEX text.  They run in one read
 * transaction when none is open, so they see one state of the database.
 *
 * No pragma is read.  SQLite runs a table-valued pragma (table_xinfo,
 * index_list, index_xinfo, foreign_key_list) once per table or index it is
 * joined to, each an internal statement of its own, which cost several
 * times what reading sqlite_schema does; and what those pragmas report is
 * SQLite's own reading of the stored SQL, which is its schema: SQLite
 * keeps each CREATE statement as written (and rewrites it on ALTER TABLE)
 * and parses it again whenever it loads the schema.  So everything is read
 * from that SQL, with SQLite's rules where its reading is not the plain
 * text: a declared type as SQLite keeps it (column_type in
 * reflect_sqlite_sql.c), a default's text as pragma_table_xinfo gives it,
 * which primary key is the rowid alias (rowid_alias), which UNIQUE
 * constraints get an index of their own (add_uniques: an autoindex has no
 * SQL, its keys are those of its constraint), the NOT NULL that WITHOUT
 * ROWID and STRICT put on key columns, the last of repeated foreign-key
 * actions, and which index keys are columns (key_column).  Unquoted names
 * are folded to lower case, as the model parser folds them.  The reader of
 * that SQL accepts all of SQLite's table syntax, not only the model's
 * (WITHOUT ROWID, STRICT, ON CONFLICT, [bracket] and `backtick` quotes,
 * any type name), so that tables made by other tools reflect too.
 *
 * The declared type is the column's type, as SQLite keeps it
 * (dbt_type_from_sqlite): "INT", "DATETIME", "NVARCHAR(40)", "STRING" or
 * none at all, each its own type.  A primary-key column is NOT NULL only
 * when declared so, or when it is the rowid alias (INTEGER PRIMARY KEY),
 * which is all SQLite enforces (a STRICT or WITHOUT ROWID table's key is
 * NOT NULL).  A generated column is VIRTUAL unless declared STORED; the
 * table options STRICT and WITHOUT ROWID come from the stored SQL too
 * (PRAGMA table_list has them only from SQLite 3.37 on).  What the Schema cannot represent is an
 * error naming the table: virtual tables, and keys of constraints with a
 * collation of their own (an index's such key is the expression
 * "key COLLATE name").  sqlite_* tables and the version
 * table are never reflected.
 *
 * Views and triggers come with the tables' query and become objects held
 * as definitions (schema.h): the definition is the CREATE statement as
 * SQLite keeps it (as written, from its name on), and the dependencies are
 * the tables and views that the statement names, found by its tokens.
 * Triggers on dbtool's own tables and SQLite's internal objects are left
 * out.
 *
 * Parsing the stored CREATE TABLE statements is most of reflection's
 * work, and each table's is independent of the others': from THREADS_MIN
 * tables on, they are parsed on the calling thread and one helper
 * (preparse_tables) before the schema is built; the building stays on the
 * calling thread, in creation order, as below THREADS_MIN.
 */
#include "dialect.h"
#include "defaults.h"

#include "error.h"
#include "ident.h"
#include "lex.h"
#include "reflect_sqlite_int.h"
#include "schema.h"
#include "sqlite_rows.h"

#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The tables that are reflected, as a condition on sqlite_schema `m`: not
 * SQLite's own, nor dbtool's version and history tables. */
/* clang-format off */
#define USER_TABLES                                                                        \
	"m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name "         \
	"COLLATE NOCASE NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "')"
/* clang-format on */

/*
 * The one query of reflection: the tables, views and triggers, and the
 * indexes made by CREATE INDEX, with their SQL, in the order they were
 * made (the order of the scan: SQLite sorts nothing and keeps no copy of
 * the rows for a sort; read_tables takes the tables first, read_indexes
 * the indexes).  SQLite's own indexes for UNIQUE and PRIMARY KEY
 * constraints have no SQL: their keys are the constraints' in the
 * tables' SQL.
 */
static const char schema_sql[] =
	"SELECT m.name, m.sql, m.type, m.tbl_name FROM sqlite_schema m WHERE (" USER_TABLES
	") OR (m.type IN ('view', 'trigger') AND m.sql IS NOT NULL"
	" AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
	" AND m.tbl_name COLLATE NOCASE NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "'))"
	" OR (m.type = 'index' AND m.sql IS NOT NULL) ORDER BY m.rowid";

/* ---------------------------------------------------------------- names */

/* ------------------------------------------------------------- catalog */

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

struct reflect {
	struct robj *objs; /* views, then triggers, in creation order */
	size_t nobjs;
	dbt_conn *conn;
	sqlite3 *db;
	dbt_schema *out;
	dbt_schema *scratch;	    /* holds each tdef's table */
	dbt_schema *helper_scratch; /* the helper thread's tdefs' tables; NULL: none */
	struct tdef *pre;	    /* per table, parsed by preparse_tables; NULL: none */
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
	 * (may_run). */
	struct fault {
		int step; /* enum step; STEP_NONE: nothing failed */
		size_t at;
		int rc;
		char *msg; /* NULL: out of memory */
	} fault;
};

static int cmp_rtable(const void *a, const void *b)
{
	const struct rtable *x = *(struct rtable *const *)a, *y = *(struct rtable *const *)b;

	return dbt_name_casecmp(x->stored, y->stored);
}

/* The table SQLite would find under `name`; NULL when none. */
static struct rtable *find_table(const struct reflect *x, const char *name)
{
	size_t lo = 0, hi = x->ntabs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = dbt_name_casecmp(name, x->sorted[mid]->stored);

		if (c == 0)
			return x->sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The column of `rt` that SQLite would find under `stored`; NULL when
 * none. */
static dbt_column *find_column(const struct rtable *rt, const char *stored)
{
	size_t i;

	/* A column's name is as SQLite keeps it, or that folded to lower
	 * case, which SQLite's comparison ignoring ASCII case does not tell
	 * apart. */
	for (i = 0; i < rt->t->ncolumns; i++)
		if (!dbt_name_casecmp(rt->t->columns[i]->name, stored))
			return rt->t->columns[i];
	return NULL;
}

static int db_fail(struct reflect *x)
{
	if (sqlite3_errcode(x->db) == SQLITE_NOMEM)
		return dbt_error_oom();
	return dbt_error_set(DBT_EDB, "cannot read the database schema: %s", sqlite3_errmsg(x->db));
}

static int prepare(struct reflect *x, sqlite3_stmt **out, const char *sql)
{
	x->conn->nqueries++;
	if (sqlite3_prepare_v2(x->db, sql, -1, out, NULL) != SQLITE_OK)
		return db_fail(x);
	return 0;
}

/* A text column, "" for NULL; NULL only when out of memory. */
static const char *text_col(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	if (!v && sqlite3_column_type(st, i) == SQLITE_NULL)
		return "";
	return v;
}

/*
 * The rows of the query of sqlite_schema (struct rows, sqlite_rows.h),
 * copied out of SQLite: it is read whole before any row is parsed, so
 * that what SQLite keeps for it (its parsed schema, its cache) can be
 * released first (dbt_conn.release_after_reflect).
 */
static int fetch(struct reflect *x, struct rows *out, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int step, rc, i;

	if ((rc = prepare(x, &st, sql)) < 0)
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[ROW_COLS];
		size_t len[ROW_COLS];

		for (i = 0; i < ROW_COLS; i++) {
			if (!(v[i] = text_col(st, i))) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			len[i] = (size_t)sqlite3_column_bytes(st, i);
		}
		if (rows_add(out, v, len) < 0) {
			rc = dbt_error_oom();
			goto cleanup;
		}
	}
	if (step != SQLITE_DONE)
		rc = db_fail(x);
cleanup:
	sqlite3_finalize(st);
	return rc;
}

static int table_fail(const char *table, int rc)
{
	return dbt_error_prefix(rc, "cannot reflect table '%s'", table);
}

static int add_robj(struct reflect *x, int trigger, const char *name, const char *tbl,
		    const char *sql)
{
	struct robj *v = realloc(x->objs, (x->nobjs + 1) * sizeof(*v)), *o;

	if (!v)
		return dbt_error_oom();
	x->objs = v;
	o = &v[x->nobjs];
	o->trigger = trigger;
	o->name = strdup(name);
	o->table = strdup(tbl);
	o->sql = strdup(sql);
	x->nobjs++;
	if (!o->name || !o->table || !o->sql)
		return dbt_error_oom();
	return 0;
}

/* ------------------------------------------------ parsing on two threads */

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

/* A table whose parse fails is left unread (its partial tdef released),
 * for read_tables to parse again on the calling thread, where the error
 * of the first failing table in creation order is made as it always was:
 * this thread's message is not the caller's.  Out of memory here is no
 * error either: read_tables tries again. */
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
static void helper_start(struct reflect *x, struct parser *p)
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
static void helper_go(struct parser *p, struct preparse *work)
{
	p->work = work;
	atomic_store_explicit(&p->go, work ? 1 : 2, memory_order_release);
}

static void helper_join(struct parser *p)
{
	if (p->started)
		pthread_join(p->thread, NULL);
	p->started = 0;
}

/*
 * The tables' stored SQL parsed on this thread and a helper into x->pre,
 * when there are `threads_min` tables or more.  Whatever fails here (the
 * memory for the shared work, the helper's scratch schema, the thread)
 * leaves more, or all, for read_tables to parse, with no error.
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
static void preparse_tables(struct reflect *x, const struct rows *rows, size_t threads_min,
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
		helper_go(helper, NULL);
		helper_join(helper);
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
		helper_start(x, helper);
	helper_go(helper, &w);
	if (release)
		release->dialect->release_memory(release);
	parse_tables(&w, x->scratch);
	helper_join(helper);
	free(row);
}

/* ------------------------------------------------------------- tables */

/*
 * The build that follows the parse takes the tables one at a time, in
 * creation order, and does all of a table's work while its parse is in the
 * processor's caches: its columns and primary key, its indexes, its unique
 * constraints, checks and foreign keys.  It was a pass over all the tables
 * for each of those, and from some thousands of tables on each pass found
 * them in memory again.  Only what needs another table waits for a pass of
 * its own: a foreign key that names a table made after its own.
 *
 * The errors are those of the passes as they were: the first failing table
 * of the tables' pass (a virtual table, SQL that does not read), else the
 * first of the columns' pass, else the first failing CREATE INDEX in
 * creation order, else the unique constraints', else the foreign keys'.
 * Each step of the build has its place in that order (enum step, and the
 * table's position, or the index's row); once a step has failed, only the
 * steps before it in that order run, and one of those that fails takes its
 * place.  A step needs only steps before it, so whatever runs has what it
 * needs.
 */
enum step { STEP_TABLE, STEP_COLUMNS, STEP_INDEX, STEP_UNIQUES, STEP_FKS, STEP_NONE };

/* Whether the step `step` at `at` comes before the failed one, if any. */
static int may_run(const struct reflect *x, enum step step, size_t at)
{
	return (int)step < x->fault.step || ((int)step == x->fault.step && at < x->fault.at);
}

/* Keeps the failure `rc` of the step `step` at `at`, which comes before
 * any kept (may_run), with its message. */
static void fail_step(struct reflect *x, enum step step, size_t at, int rc)
{
	free(x->fault.msg);
	x->fault.step = (int)step;
	x->fault.at = at;
	x->fault.rc = rc;
	x->fault.msg = strdup(dbt_error_last());
}

/* The failure kept, as the build's error. */
static int fault_error(const struct reflect *x)
{
	if (!x->fault.msg)
		return dbt_error_oom();
	return dbt_error_set(x->fault.rc, "%s", x->fault.msg);
}

/* The kinds of rows of the query, by its column m.type. */
enum { KIND_TABLE, KIND_INDEX, KIND_VIEW, KIND_TRIGGER, KIND_OTHER };

static unsigned char row_kind(const char *type)
{
	static const char *const kinds[] = {"table", "index", "view", "trigger"};
	unsigned char k;

	for (k = 0; k < KIND_OTHER && strcmp(type, kinds[k]); k++)
		;
	return k;
}

/*
 * The query's views and triggers, then its tables, in creation order,
 * not yet built, with their CREATE INDEX rows: the lookup of tables by
 * name needs every table's name from the start, and an index is built
 * with its table.
 */

static int read_tables(struct reflect *x, const struct rows *rows)
{
	dbt_buf names = DBT_BUF_INIT;
	size_t i, row, n = 0, nix = 0, *at = NULL, *tab = NULL;
	unsigned char *kind = malloc(rows->n ? rows->n : 1);
	int trigger, rc = 0;

	if (!kind)
		return dbt_error_oom();
	/* Each row's kind, read once. */
	for (row = 0; row < rows->n; row++) {
		kind[row] = row_kind(row_col(rows, row, ROW_TYPE));
		n += kind[row] == KIND_TABLE;
		nix += kind[row] == KIND_INDEX;
	}
	/* The views, then the triggers. */
	for (trigger = 0; trigger < 2; trigger++)
		for (row = 0; row < rows->n; row++)
			if (kind[row] == (trigger ? KIND_TRIGGER : KIND_VIEW) &&
			    (rc = add_robj(x, trigger, row_col(rows, row, ROW_NAME),
					   row_col(rows, row, ROW_TBL),
					   row_col(rows, row, ROW_SQL))) < 0)
				goto cleanup;
	if (!(x->tabs = calloc(n ? n : 1, sizeof(*x->tabs))) ||
	    !(x->sorted = malloc((n ? n : 1) * sizeof(*x->sorted))) ||
	    !(at = malloc((n ? n : 1) * sizeof(*at))) ||
	    !(tab = malloc((nix ? nix : 1) * sizeof(*tab))) ||
	    !(x->ix_row = malloc((nix ? nix : 1) * sizeof(*x->ix_row))) ||
	    !(x->idx_of = malloc((nix ? nix : 1) * sizeof(*x->idx_of))) ||
	    !(x->ix_at = malloc((nix ? nix : 1) * sizeof(*x->ix_at)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (row = 0; row < rows->n; row++) {
		if (kind[row] != KIND_TABLE)
			continue;
		x->tabs[x->ntabs].row = row;
		at[x->ntabs++] = names.len;
		dbt_buf_puts(&names, row_col(rows, row, ROW_NAME));
		dbt_buf_putc(&names, '\0');
	}
	if (names.oom || !(x->names = dbt_buf_detach(&names))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < x->ntabs; i++) {
		x->tabs[i].stored = x->names + at[i];
		x->sorted[i] = &x->tabs[i];
	}
	qsort(x->sorted, x->ntabs, sizeof(*x->sorted), cmp_rtable);
	/* The indexes of each table, in creation order: counted, then placed. */
	for (row = 0, nix = 0; row < rows->n; row++) {
		struct rtable *rt;

		if (kind[row] == KIND_INDEX && (rt = find_table(x, row_col(rows, row, ROW_TBL)))) {
			tab[nix] = (size_t)(rt - x->tabs);
			x->ix_row[nix++] = row;
			rt->nidx++;
		}
	}
	for (i = 0, n = 0; i < x->ntabs; i++) {
		x->tabs[i].idx_at = n;
		n += x->tabs[i].nidx;
	}
	for (i = 0; i < nix; i++)
		x->idx_of[x->tabs[tab[i]].idx_at++] = i;
	for (i = 0; i < x->ntabs; i++)
		x->tabs[i].idx_at -= x->tabs[i].nidx;
cleanup:
	dbt_buf_release(&names);
	free(kind);
	free(at);
	free(tab);
	return rc;
}

/* Table `i`'s stored SQL (taken from x->pre where preparse_tables read
 * it, else read here) and its table in the result. */
static int read_table(struct reflect *x, const struct rows *rows, size_t i)
{
	struct rtable *rt = &x->tabs[i];
	const char *sql = row_col(rows, rt->row, ROW_SQL);
	int rc;

	if (!strncasecmp(sql, "CREATE VIRTUAL", 14))
		return dbt_error_set(DBT_ERROR,
				     "cannot reflect table '%s': it is a virtual table, "
				     "which a schema cannot represent",
				     rt->stored);
	if (i < x->npre && x->pre[i].t) {
		rt->def = x->pre[i];
		memset(&x->pre[i], 0, sizeof(x->pre[i]));
	} else if ((rc = read_table_sql(&rt->def, x->scratch, sql)) < 0) {
		return table_fail(rt->stored, rc);
	}
	if ((rc = dbt_schema_add_table(&rt->t, x->out, rt->def.t->name, rt->def.t->quoted)) < 0)
		return rc;
	rt->t->strict = rt->def.strict;
	rt->t->without_rowid = rt->def.without_rowid;
	return 0;
}

/* Whether rt's primary key is the rowid alias, which has no index: one
 * column declared INTEGER in a rowid table, not "INTEGER PRIMARY KEY
 * DESC" (SQLite's rule in sqlite3AddPrimaryKey; rt->integer_pk says
 * whether a key column is declared INTEGER). */
static int rowid_alias(const struct rtable *rt)
{
	return rt->t->pk && rt->t->pk->ncolumns == 1 && rt->integer_pk && !rt->def.without_rowid &&
	       !rt->def.pk_desc;
}

/* The primary key from the columns' places in it (`pkpos`), named as
 * declared or by a named unique constraint on the same columns (as
 * dbt_table_normalize moves the name of a unique constraint it drops). */
static int make_pk(struct rtable *rt, const int *pkpos)
{
	const dbt_table *def = rt->def.t;
	const char *name = def->pk && def->pk->name_given ? def->pk->name : NULL;
	dbt_unique *pk;
	size_t i, j, n = 0;
	int pos, rc;

	for (i = 0; i < rt->t->ncolumns; i++)
		n += pkpos[i] > 0;
	if (n == 0)
		return 0;
	if ((rc = dbt_table_set_pk(&pk, rt->t, NULL)) < 0)
		return rc;
	for (pos = 1; (size_t)pos <= n; pos++) {
		for (i = 0; i < rt->t->ncolumns && pkpos[i] != pos; i++)
			;
		if (i == rt->t->ncolumns)
			return dbt_error_set(DBT_ERROR,
					     "cannot reflect table '%s': its primary key has a gap",
					     rt->t->name);
		if ((rc = dbt_unique_add_column(pk, rt->t->columns[i]->name)) < 0)
			return rc;
	}
	for (i = 0; !name && i < def->nuniques; i++) {
		const dbt_unique *u = def->uniques[i];

		if (!u->name_given || u->ncolumns != pk->ncolumns)
			continue;
		for (j = 0; j < n && !strcmp(u->columns[j], pk->columns[j]); j++)
			;
		if (j == n)
			name = u->name;
	}
	if (name && !(pk->name = strdup(name)))
		return dbt_error_oom();
	pk->name_given = name != NULL;
	if (def->pk) {
		pk->conflict = def->pk->conflict;
		pk->column_desc = rt->def.pk_desc;
		/* pkpos follows the declared key's order. */
		for (i = 0; i < n && i < def->pk->ncolumns; i++)
			if (dbt_unique_collation(def->pk, i) &&
			    (rc = dbt_unique_set_collation(pk, i,
							   dbt_unique_collation(def->pk, i))) < 0)
				return rc;
	}
	return 0;
}

/* Whether `dflt` is one bare word that SQLite takes as the string of its
 * letters (its grammar's `DEFAULT id`): not a value of its own (NULL,
 * TRUE, CURRENT_TIMESTAMP ...), which the model also keeps as words. */
static int bare_word_default(const char *dflt)
{
	static const char *const values[] = {"true",	     "false",
					     "null",	     "current_timestamp",
					     "current_date", "current_time",
					     "localtime",    "localtimestamp",
					     "current_user", "session_user"};
	dbt_lexer lx;
	dbt_token t, end;
	size_t i;

	dbt_lex_init(&lx, dflt, strlen(dflt));
	if (dbt_lex_next(&lx, &t) < 0 || t.kind != DBT_TOK_WORD || dbt_lex_next(&lx, &end) < 0 ||
	    end.kind != DBT_TOK_END)
		return 0;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (dbt_token_is(dflt, &t, values[i]))
			return 0;
	return 1;
}

/* SQLite takes DEFAULT "word" (or [word], `word`, or a bare word) as the
 * string 'word': that literal in `*out` (caller frees) when `dflt` is one
 * quoted name or bare word, NULL otherwise. */
static int quoted_default(char **out, const char *dflt)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_cursor r;
	char *word = NULL;
	int rc;

	*out = NULL;
	if (bare_word_default(dflt)) {
		dbt_literal_quote(&b, dflt);
		if (!(*out = dbt_buf_detach(&b)))
			return dbt_error_oom();
		return 0;
	}
	if (rd_init(&r, dflt, strlen(dflt)) < 0 || r.tok.kind != DBT_TOK_QUOTED) {
		dbt_error_clear();
		return 0;
	}
	if (rd_name(&r, &word, NULL, "a name") < 0) {
		dbt_error_clear();
		return 0;
	}
	rc = 0;
	if (r.tok.kind == DBT_TOK_END) {
		dbt_literal_quote(&b, word);
		if (!(*out = dbt_buf_detach(&b)))
			rc = dbt_error_oom();
	}
	free(word);
	return rc;
}

/* `s` as a string in x->str, until the next call ("" for none); NULL
 * when out of memory. */
static const char *span_str(struct reflect *x, struct span s)
{
	dbt_buf_clear(&x->str);
	dbt_buf_put(&x->str, s.at ? s.at : "", s.len);
	return x->str.oom ? NULL : dbt_buf_str(&x->str);
}

/* Column `cid` of rt's stored SQL, as SQLite reads it: the declared
 * type, NOT NULL, the default's text and the generated expression as
 * written, the place in the primary key as declared.  The column is the
 * one the stored SQL's reader made (read_columns moves them to the
 * reflected table): its name, NOT NULL, AUTOINCREMENT, collation and
 * generated expression are as read, its type and default are set here. */
static int add_column(struct reflect *x, struct rtable *rt, size_t cid)
{
	const struct tcol *tc = &rt->def.cols[cid];
	const dbt_table *def = rt->def.t;
	const char *decl, *dflt;
	char *expr;
	dbt_column *c = rt->t->columns[cid];
	dbt_type type;
	size_t k;
	int rc;

	if (!(decl = span_str(x, tc->decl)))
		return dbt_error_oom();
	if ((rc = dbt_type_from_sqlite_memo(&type, decl, &x->types)) < 0)
		return rc;
	dbt_type_release(&c->type);
	c->type = type;
	x->pkpos[cid] = 0;
	for (k = 0; def->pk && k < def->pk->ncolumns; k++)
		if (!strcmp(def->pk->columns[k], c->name))
			x->pkpos[cid] = (int)k + 1;
	if (x->pkpos[cid] > 0 && !strcasecmp(decl, "INTEGER"))
		rt->integer_pk = 1;
	if (tc->dflt.at) {
		if (!(dflt = span_str(x, tc->dflt)))
			return dbt_error_oom();
		if ((rc = quoted_default(&expr, dflt)) < 0)
			return rc;
		if (!expr && (rc = std_quotes(&expr, dflt, strlen(dflt))) < 0)
			return rc;
		rc = dbt_column_set_default(c, expr, strlen(expr));
		free(expr);
		if (rc < 0)
			return dbt_error_prefix(rc,
						"cannot reflect the default of column '%s' of "
						"table '%s'",
						c->name, rt->t->name);
	}
	return 0;
}

/* rt's columns, from its stored SQL, then its primary key.  A primary
 * key's columns are NOT NULL in a WITHOUT ROWID table, and in a STRICT one
 * but for the rowid alias, as SQLite makes them. */
static int read_columns(struct reflect *x, struct rtable *rt)
{
	size_t j;
	int rc;

	/* The stored SQL's columns become the reflected table's, moved
	 * rather than copied: the reader made them, the keys, foreign keys
	 * and checks of rt->def refer to them by name alone. */
	free(rt->t->columns);
	rt->t->columns = rt->def.t->columns;
	rt->t->ncolumns = rt->def.t->ncolumns;
	rt->def.t->columns = NULL;
	rt->def.t->ncolumns = 0;
	/* One array of places in the key for every table in turn. */
	if (rt->t->ncolumns > x->npkpos) {
		int *v = realloc(x->pkpos, rt->t->ncolumns * sizeof(*v));

		if (!v)
			return dbt_error_oom();
		x->pkpos = v;
		x->npkpos = rt->t->ncolumns;
	}
	if (rt->t->ncolumns)
		memset(x->pkpos, 0, rt->t->ncolumns * sizeof(*x->pkpos));
	for (j = 0; j < rt->def.ncols && j < rt->t->ncolumns; j++)
		if ((rc = add_column(x, rt, j)) < 0)
			return rc;
	/* The stored SQL's types and defaults are read here alone: freed
	 * once read. */
	free(rt->def.cols);
	rt->def.cols = NULL;
	rt->def.ncols = 0;
	if ((rc = make_pk(rt, x->pkpos)) < 0)
		return rc;
	for (j = 0; rt->t->pk && (rt->def.without_rowid || rt->def.strict) && j < rt->t->ncolumns;
	     j++)
		if (x->pkpos[j] > 0 && (rt->def.without_rowid || !rowid_alias(rt)))
			rt->t->columns[j]->not_null = 1;
	return 0;
}

/* 0 when both collations (NULL: none) are one, as strcmp. */
static int collation_cmp(const char *a, const char *b)
{
	if (!a || !b)
		return !a != !b;
	return dbt_name_casecmp(a, b);
}

static int same_columns(const dbt_unique *a, const dbt_unique *b)
{
	size_t i;

	if (a->ncolumns != b->ncolumns)
		return 0;
	/* SQLite's keys with other collations are other indexes. */
	for (i = 0; i < a->ncolumns && !strcmp(a->columns[i], b->columns[i]) &&
		    !collation_cmp(dbt_unique_collation(a, i), dbt_unique_collation(b, i));
	     i++)
		;
	return i == a->ncolumns;
}

/*
 * The unique constraints, from the stored SQL alone.  SQLite makes an
 * index (sqlite_autoindex_*, which has no SQL of its own) for each
 * UNIQUE, except one on the same columns as the primary key's index or
 * an earlier UNIQUE's: those are the same index.  Each is named as the
 * first named constraint declared on its columns, with the first one's
 * ON CONFLICT, as SQLite keeps it.
 */
static int add_uniques(struct rtable *rt)
{
	const dbt_table *def = rt->def.t;
	size_t i, j;
	int rc;

	for (i = 0; i < def->nuniques; i++) {
		const dbt_unique *d = def->uniques[i];
		const char *name = NULL;
		dbt_unique *u;

		if (rt->t->pk && !rowid_alias(rt) && same_columns(d, rt->t->pk))
			continue;
		for (j = 0; j < i && !same_columns(d, def->uniques[j]); j++)
			;
		if (j < i)
			continue;
		if ((rc = dbt_table_add_unique(&u, rt->t, NULL)) < 0)
			return rc;
		for (j = 0; j < d->ncolumns; j++)
			if ((rc = dbt_unique_add_column(u, d->columns[j])) < 0 ||
			    (dbt_unique_collation(d, j) &&
			     (rc = dbt_unique_set_collation(u, j, dbt_unique_collation(d, j))) < 0))
				return rc;
		u->conflict = d->conflict;
		for (j = i; !name && j < def->nuniques; j++)
			if (def->uniques[j]->name_given && same_columns(d, def->uniques[j]))
				name = def->uniques[j]->name;
		if (name && !(u->name = strdup(name)))
			return dbt_error_oom();
		u->name_given = name != NULL;
	}
	return 0;
}

/* The column that a key of a stored CREATE INDEX names, as SQLite
 * resolves it, into `*out`: a name, maybe in parentheses, of a column of
 * rt; NULL for an expression.  `*rowid` is set when the name is the
 * rowid's.  Fails only when memory runs out. */
static int key_column(const struct rtable *rt, const char *text, size_t len, int *rowid,
		      const dbt_column **out)
{
	dbt_cursor r;
	char *folded = NULL, *stored = NULL;
	const dbt_column *c;
	int open = 0, dq, rc = 0;

	*rowid = 0;
	*out = NULL;
	if (rd_init(&r, text, len) < 0)
		goto expression;
	for (; dbt_cursor_is(&r, "("); open++)
		if (dbt_cursor_next(&r) < 0)
			goto expression;
	if (r.tok.kind != DBT_TOK_WORD && r.tok.kind != DBT_TOK_QUOTED &&
	    !(r.tok.kind == DBT_TOK_STRING && r.text[r.tok.start] == '\''))
		goto expression;
	dq = r.tok.kind == DBT_TOK_QUOTED && r.quote == '"';
	/* A name token read into a string: only memory can fail here. */
	if ((rc = rd_name(&r, &folded, &stored, "a name")) < 0)
		goto cleanup;
	for (; open > 0 && dbt_cursor_is(&r, ")"); open--)
		if (dbt_cursor_next(&r) < 0)
			goto expression;
	if (open || r.tok.kind != DBT_TOK_END)
		goto expression;
	c = find_column(rt, stored);
	/* A "name" that is no column is a string (SQLite's double-quoted
	 * string literals). */
	if (!c && !dq)
		*rowid = !strcasecmp(stored, "rowid") || !strcasecmp(stored, "oid") ||
			 !strcasecmp(stored, "_rowid_");
	*out = c;
expression:
	/* What the tokenizer could not read is an expression's, not an error. */
	dbt_error_clear();
cleanup:
	free(folded);
	free(stored);
	return rc;
}

/* An index made by CREATE INDEX, from its stored SQL: a key that is a
 * column without COLLATE is that column; any other is an expression (a
 * column with a COLLATE written, even the column's own collation, is
 * the expression "key COLLATE name", as the model holds it). */
static int add_index(struct reflect *x, struct rtable *rt, const char *iname, const char *sql)
{
	struct idef d;
	dbt_index *ix;
	char *expr = NULL;
	size_t i;
	int rc;

	if ((rc = read_index_sql(&d, sql)) < 0)
		goto fail;
	if ((rc = dbt_schema_add_index(&ix, x->out, d.name, dbt_ident_needs_quotes(d.name),
				       rt->t->name, d.unique)) < 0)
		goto cleanup;
	for (i = 0; i < d.nelems; i++) {
		const struct ielem *e = &d.elems[i];
		const dbt_column *c;
		int rowid;

		if ((rc = key_column(rt, sql + e->from, e->to - e->from, &rowid, &c)) < 0)
			goto fail;
		if (rowid) {
			rc = dbt_error_set(DBT_ERROR,
					   "its key %zu is the rowid, which a schema cannot "
					   "represent",
					   i + 1);
			goto fail;
		}
		if (c && !e->collate) {
			rc = dbt_index_add_column(ix, c->name, e->desc);
		} else {
			free(expr);
			if ((rc = std_quotes(&expr, sql + e->from, e->cto - e->from)) < 0)
				goto cleanup;
			rc = dbt_index_add_expr(ix, expr, strlen(expr), e->desc);
		}
		if (rc < 0)
			goto fail;
	}
	if (d.has_where) {
		free(expr);
		if ((rc = std_quotes(&expr, sql + d.where_from, d.where_to - d.where_from)) < 0)
			goto cleanup;
		if ((rc = dbt_index_set_where(ix, expr, strlen(expr))) < 0)
			goto fail;
	}
	rc = 0;
	goto cleanup;
fail:
	rc = dbt_error_prefix(rc, "cannot reflect index '%s' of table '%s'", iname, rt->t->name);
cleanup:
	free(expr);
	idef_release(&d);
	return rc;
}

/* rt's indexes made by CREATE INDEX, in the order they were made, each
 * read from its stored SQL.  An index that fails is kept (fail_step), and
 * the indexes made after it are left. */
static void read_indexes(struct reflect *x, const struct rows *rows, struct rtable *rt)
{
	size_t j;
	int rc;

	for (j = rt->idx_at; j < rt->idx_at + rt->nidx; j++) {
		size_t k = x->idx_of[j], row = x->ix_row[k];

		if (!may_run(x, STEP_INDEX, row))
			return;
		if ((rc = add_index(x, rt, row_col(rows, row, ROW_NAME),
				    row_col(rows, row, ROW_SQL))) < 0) {
			fail_step(x, STEP_INDEX, row, rc);
			return;
		}
		x->ix_at[x->out->nindexes - 1] = k;
	}
}

/* The result's indexes in the order they were made, as the query has
 * them, when every table's were added with it: x->ix_at is then a
 * permutation, followed cycle by cycle. */
static void order_indexes(struct reflect *x)
{
	dbt_index **v = x->out->indexes, *ix;
	size_t *at = x->ix_at, i, k;

	for (i = 0; i < x->out->nindexes; i++) {
		while ((k = at[i]) != i) {
			ix = v[k];
			v[k] = v[i];
			v[i] = ix;
			at[i] = at[k];
			at[k] = k;
		}
	}
}

/*
 * One foreign key of rt's stored SQL (to `target`, the table SQLite
 * finds under its name; NULL when none), which says all that
 * pragma_foreign_key_list would: columns, referenced table and columns,
 * and actions (the last ON DELETE and ON UPDATE, as SQLite keeps them).
 * A referenced column is as its table spells it, or as the constraint
 * spells it when that table or column is missing; without referenced
 * columns, those of the referenced table's primary key.
 */
static int add_fk(struct rtable *rt, const dbt_fk *dfk, const struct rtable *target)
{
	const dbt_column *c;
	dbt_fk *fk;
	size_t i;
	int rc;

	if ((rc = dbt_table_add_fk(&fk, rt->t, dfk->name_given ? dfk->name : NULL,
				   target ? target->t->name : dfk->ref_table)) < 0)
		return rc;
	fk->deferrable = dfk->deferrable;
	fk->initially_deferred = dfk->initially_deferred;
	fk->match = dfk->match;
	fk->on_update = dfk->on_update;
	fk->on_delete = dfk->on_delete;
	fk->ref_columns_given = dfk->ref_columns_given;
	for (i = 0; i < dfk->ncolumns; i++)
		if ((rc = dbt_fk_add_column(fk, dfk->columns[i])) < 0)
			return rc;
	if (!fk->ref_columns_given) {
		if (!target || !target->t->pk)
			return dbt_error_set(DBT_ERROR,
					     "cannot reflect table '%s': a foreign key references "
					     "table '%s', which %s",
					     rt->t->name, dfk->ref_table,
					     target ? "has no primary key" : "does not exist");
		for (i = 0; i < target->t->pk->ncolumns; i++)
			if ((rc = dbt_fk_add_ref_column(fk, target->t->pk->columns[i])) < 0)
				return rc;
		return 0;
	}
	for (i = 0; i < dfk->nref_columns; i++) {
		const char *ref = dfk->ref_columns[i];

		if (target && (c = find_column(target, ref)))
			ref = c->name;
		if ((rc = dbt_fk_add_ref_column(fk, ref)) < 0)
			return rc;
	}
	return 0;
}

/* The tables that rt's foreign keys name, in x->targets (NULL for a name
 * of no table); `*wait` is set when one is built after rt: the foreign
 * key needs its key and columns. */
static int find_targets(struct reflect *x, const struct rtable *rt, int *wait)
{
	size_t j, n = rt->def.t->nfks;

	*wait = 0;
	if (n > x->ntargets) {
		const struct rtable **v = realloc(x->targets, n * sizeof(*v));

		if (!v)
			return dbt_error_oom();
		x->targets = v;
		x->ntargets = n;
	}
	for (j = 0; j < n; j++) {
		x->targets[j] = find_table(x, rt->def.t->fks[j]->ref_table);
		if (x->targets[j] && x->targets[j] > rt)
			*wait = 1;
	}
	return 0;
}

/* rt's foreign keys, from its stored SQL (no query of their own), to the
 * tables find_targets found. */
static int read_fks(struct reflect *x, struct rtable *rt)
{
	size_t j;
	int rc;

	for (j = 0; j < rt->def.t->nfks; j++)
		if ((rc = add_fk(rt, rt->def.t->fks[j], x->targets[j])) < 0)
			return rc;
	return 0;
}

/* ------------------------------------------------------ views, triggers */

/* An object's name as its kind's objects are told apart: SQLite's name in
 * lower case (SQLite ignores ASCII case), quoted where SQL needs it. */
static void put_object_name(dbt_buf *out, const struct dbt_dialect *d, const char *stored)
{
	char *low = strdup(stored);
	size_t i;

	if (!low) {
		out->oom = 1;
		return;
	}
	for (i = 0; low[i]; i++)
		low[i] = (char)dbt_ascii_lower((unsigned char)low[i]);
	d->quote_ident(out, low);
	free(low);
}

/* The view among `x->objs` that SQLite finds under `name`; NULL when none. */
static const struct robj *find_view(const struct reflect *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nobjs; i++)
		if (!x->objs[i].trigger && !dbt_name_casecmp(x->objs[i].name, name))
			return &x->objs[i];
	return NULL;
}

/* Adds to `obj` the tables and views that `o`'s statement names. */
static int object_deps(struct reflect *x, dbt_object *obj, const struct robj *o,
		       const struct dbt_dialect *d)
{
	dbt_cursor r;
	dbt_buf dep = DBT_BUF_INIT;
	int rc = 0, stop = 0;

	if (o->trigger) {
		const struct rtable *rt = find_table(x, o->table);

		if ((rc = dbt_object_add_dep(obj, rt ? rt->t->name : o->table)) < 0)
			return rc;
	}
	/* A statement the tokenizer cannot read to its end keeps the
	 * dependencies found before the fault. */
	if (rd_init(&r, o->sql, strlen(o->sql)) < 0)
		return 0;
	while (r.tok.kind != DBT_TOK_END && rc == 0) {
		char *folded = NULL, *stored = NULL;
		const struct rtable *rt;
		const struct robj *v;

		if (r.tok.kind != DBT_TOK_WORD && r.tok.kind != DBT_TOK_QUOTED) {
			if (dbt_cursor_next(&r) < 0)
				break;
			continue;
		}
		if ((rc = rd_name(&r, &folded, &stored, "a name")) < 0) {
			/* The name was read, the token after it was not. */
			stop = rc == DBT_EPARSE && folded;
			if (!stop) {
				free(folded);
				free(stored);
				rc = rc == DBT_EPARSE ? 0 : rc;
				break;
			}
			rc = 0;
		}
		if ((rt = find_table(x, stored))) {
			rc = dbt_object_add_dep(obj, rt->t->name);
		} else if ((v = find_view(x, stored)) && v != o &&
			   dbt_name_casecmp(o->name, stored)) {
			dbt_buf_clear(&dep);
			dbt_buf_puts(&dep, "view ");
			put_object_name(&dep, d, v->name);
			rc = dep.oom ? dbt_error_oom() : dbt_object_add_dep(obj, dbt_buf_str(&dep));
		}
		free(folded);
		free(stored);
		if (stop)
			break;
	}
	dbt_buf_release(&dep);
	return rc;
}

/* The views and triggers as objects: definition, the stored SQL; create,
 * that statement ended; drop, DROP VIEW or DROP TRIGGER of its name. */
static int read_objects(struct reflect *x)
{
	const struct dbt_dialect *d = dbt_dialect_for(DBT_DIALECT_SQLITE);
	dbt_buf name = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < x->nobjs && rc == 0; i++) {
		const struct robj *o = &x->objs[i];
		const struct rtable *rt = o->trigger ? find_table(x, o->table) : NULL;
		const char *table = rt ? rt->t->name : o->table;
		const char *last = strrchr(o->sql, '\n');
		dbt_object *obj;

		dbt_buf_clear(&name);
		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		put_object_name(&name, d, o->name);
		if (o->trigger) {
			dbt_buf_puts(&name, " ON ");
			d->quote_ident(&name, table);
		}
		/* SQLite keeps a trailing comment: the ';' then goes on a line
		 * of its own. */
		dbt_buf_puts(&create, o->sql);
		dbt_buf_puts(&create, strstr(last ? last : o->sql, "--") ? "\n;" : ";");
		dbt_buf_puts(&drop, o->trigger ? "DROP TRIGGER " : "DROP VIEW ");
		d->quote_ident(&drop, o->name);
		dbt_buf_putc(&drop, ';');
		if (name.oom || create.oom || drop.oom) {
			rc = dbt_error_oom();
			break;
		}
		if ((rc = dbt_schema_add_object(&obj, x->out,
						o->trigger ? DBT_OBJ_TRIGGER : DBT_OBJ_VIEW,
						dbt_buf_str(&name), o->trigger ? table : NULL,
						o->sql, dbt_buf_str(&create), dbt_buf_str(&drop),
						NULL)) < 0)
			break;
		rc = object_deps(x, obj, o, d);
	}
	dbt_buf_release(&name);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

/* ------------------------------------------------------------ the build */

/* The keys and foreign keys that rt's stored SQL declares, once its table
 * is built: freed while they are in the caches rather than with the
 * scratch schema at the end, when they no longer are. */
static void release_def(struct rtable *rt)
{
	dbt_table *d = rt->def.t;

	dbt_table_remove_pk(d);
	while (d->nuniques)
		dbt_table_remove_unique(d, d->nuniques - 1);
	while (d->nfks)
		dbt_table_remove_fk(d, d->nfks - 1);
}

/*
 * Table `i`, all that needs no later table: its columns and key, its
 * indexes, unique constraints and checks, its foreign keys unless one
 * waits (rt->fks_wait); a step that fails is kept (fail_step).  `*unnamed`
 * is set when the table has something dbt_schema_name_auto names.
 */
static void build_table(struct reflect *x, const struct rows *rows, size_t i, int *unnamed)
{
	struct rtable *rt = &x->tabs[i];
	int rc;

	if (!may_run(x, STEP_TABLE, i))
		return;
	if ((rc = read_table(x, rows, i)) < 0) {
		fail_step(x, STEP_TABLE, i, rc);
		return;
	}
	if (!may_run(x, STEP_COLUMNS, i))
		return;
	if ((rc = read_columns(x, rt)) < 0) {
		fail_step(x, STEP_COLUMNS, i, rc);
		return;
	}
	read_indexes(x, rows, rt);
	if (!may_run(x, STEP_UNIQUES, i))
		return;
	if ((rc = add_uniques(rt)) < 0) {
		fail_step(x, STEP_UNIQUES, i, rc);
		return;
	}
	/* The checks are read from the stored SQL alone: move them. */
	rt->t->checks = rt->def.t->checks;
	rt->t->nchecks = rt->def.t->nchecks;
	rt->def.t->checks = NULL;
	rt->def.t->nchecks = 0;
	dbt_table_normalize(rt->t);
	/* A STRICT or WITHOUT ROWID table's key is NOT NULL; another table's
	 * only where SQLite enforces it. */
	dbt_table_sqlite_pk_nulls(rt->t);
	if (!may_run(x, STEP_FKS, i))
		return;
	if ((rc = find_targets(x, rt, &rt->fks_wait)) == 0 && rt->fks_wait)
		return;
	if (rc < 0 || (rc = read_fks(x, rt)) < 0) {
		fail_step(x, STEP_FKS, i, rc);
		return;
	}
	*unnamed |= dbt_table_lacks_name(rt->t);
	release_def(rt);
}

/*
 * The schema, from the parsed rows (`rows`, released once read): the
 * tables one at a time (build_table), then the foreign keys that waited
 * for a later table, the names PostgreSQL would give (only when something
 * has none), the views and triggers.
 */
static int build_schema(struct reflect *x, struct rows *rows)
{
	size_t i;
	int unnamed = 0, wait, rc;

	x->fault.step = STEP_NONE;
	if ((rc = read_tables(x, rows)) < 0)
		return rc;
	for (i = 0; i < x->ntabs && may_run(x, STEP_TABLE, i); i++)
		build_table(x, rows, i, &unnamed);
	/* The rows are all read, and every tdef of x->pre taken but where a
	 * failure left it. */
	rows_release(rows);
	memset(rows, 0, sizeof(*rows));
	for (i = 0; i < x->npre; i++)
		tdef_release(&x->pre[i]);
	free(x->pre);
	x->pre = NULL;
	x->npre = 0;
	for (i = 0; i < x->ntabs && may_run(x, STEP_FKS, i); i++) {
		struct rtable *rt = &x->tabs[i];

		if (!rt->fks_wait)
			continue;
		if ((rc = find_targets(x, rt, &wait)) < 0 || (rc = read_fks(x, rt)) < 0) {
			fail_step(x, STEP_FKS, i, rc);
			continue;
		}
		unnamed |= dbt_table_lacks_name(rt->t);
		release_def(rt);
	}
	if (x->fault.step != STEP_NONE)
		return fault_error(x);
	order_indexes(x);
	for (i = 0; i < x->out->nindexes; i++)
		unnamed |= !x->out->indexes[i]->name;
	if (unnamed && (rc = dbt_schema_name_auto(x->out)) < 0)
		return rc;
	return read_objects(x);
}

/* --------------------------------------------------------------- entry */

static void reflect_release(struct reflect *x)
{
	size_t i;

	for (i = 0; i < x->ntabs; i++)
		tdef_release(&x->tabs[i].def);
	free(x->tabs);
	free(x->names);
	free(x->ix_row);
	free(x->idx_of);
	free(x->ix_at);
	free(x->targets);
	free(x->pkpos);
	free(x->fault.msg);
	for (i = 0; i < x->npre; i++)
		tdef_release(&x->pre[i]);
	free(x->pre);
	free(x->sorted);
	for (i = 0; i < x->nobjs; i++) {
		free(x->objs[i].name);
		free(x->objs[i].table);
		free(x->objs[i].sql);
	}
	free(x->objs);
	dbt_schema_free(x->scratch);
	dbt_schema_free(x->helper_scratch);
	dbt_type_memo_release(&x->types);
	dbt_buf_release(&x->str);
}

/* Runs a statement of the read transaction. */
static int run(struct reflect *x, const char *sql)
{
	x->conn->nqueries++;
	if (sqlite3_exec(x->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(x);
	return 0;
}

/* PRAGMA schema_version: the schema cookie of the file, as of the read
 * transaction. */
static int schema_version(struct reflect *x, long long *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = prepare(x, &st, "PRAGMA schema_version")) < 0)
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(x);
	sqlite3_finalize(st);
	return rc;
}

/* The connection's cache_size into `*old` (never 0: SQLite keeps at
 * least a few pages), then a cache of 256 KiB. */
static int small_cache(struct reflect *x, long long *old)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = prepare(x, &st, "PRAGMA cache_size")) < 0)
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_fail(x);
		sqlite3_finalize(st);
		return rc;
	}
	*old = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!*old)
		return 0;
	return run(x, "PRAGMA cache_size = -256");
}

static int restore_cache(struct reflect *x, long long size)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", size);
	return run(x, sql);
}

int dbt_sqlite_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	(void)schema_name;
	return dbt_sqlite_reflect_threads(out, conn, THREADS_MIN);
}

int dbt_sqlite_reflect_threads(struct dbt_schema **out, dbt_conn *conn, size_t threads_min)
{
	struct rows rows = ROWS_INIT;
	struct parser helper = {0};
	struct reflect x;
	struct sqlite_capture *cap = dbt_sqlite_take_capture(conn);
	dbt_conn *release = NULL;
	long long cache_size = 0, version = 0;
	int own_txn = 0, rc;

	*out = NULL;
	memset(&x, 0, sizeof(x));
	x.conn = conn;
	x.db = dbt_sqlite_handle(conn);
	if ((rc = dbt_schema_new(&x.out)) < 0 || (rc = dbt_schema_new(&x.scratch)) < 0)
		goto cleanup;
	if (sqlite3_get_autocommit(x.db)) {
		if ((rc = run(&x, "BEGIN")) < 0)
			goto cleanup;
		own_txn = 1;
	}
	if (dbt_sqlite_schema_rows(conn) >= (long long)threads_min)
		helper_start(&x, &helper);
	/* The rows SQLite read of sqlite_schema when the connection was made
	 * are this transaction's while the schema version is the one they
	 * were read at: every change of schema, by any connection (this one
	 * included) and VACUUM, changes it.  (A row of sqlite_schema written
	 * under PRAGMA writable_schema does not, and SQLite's own parsed
	 * schema does not see it either.) */
	if (cap && (rc = schema_version(&x, &version)) < 0)
		goto cleanup;
	if (cap && version == cap->cookie) {
		rows = cap->rows;
		memset(&cap->rows, 0, sizeof(cap->rows));
	} else {
		/* The query reads the whole of sqlite_schema once, so a cache
		 * saves it no read: a small one keeps the peak of memory down,
		 * and the connection's own size is set again before anything
		 * else reads. */
		if (own_txn && (rc = small_cache(&x, &cache_size)) < 0)
			goto cleanup;
		/* The query is read whole before anything is parsed; nothing
		 * after it reads the database. */
		if ((rc = fetch(&x, &rows, schema_sql)) < 0)
			goto cleanup;
	}
	dbt_sqlite_capture_free(cap);
	cap = NULL;
	if (own_txn) {
		own_txn = 0;
		if ((rc = run(&x, "COMMIT")) < 0)
			goto cleanup;
		/* Before the release: the pragma reads the schema again. */
		if (cache_size && (rc = restore_cache(&x, cache_size)) < 0)
			goto cleanup;
		cache_size = 0;
		if (conn->release_after_reflect && conn->dialect->release_memory)
			release = conn;
	}
	preparse_tables(&x, &rows, threads_min, &helper, release);
	if ((rc = build_schema(&x, &rows)) < 0)
		goto cleanup;
	*out = x.out;
	x.out = NULL;
	rc = 0;
cleanup:
	/* A failure before the parse: the waiting helper has nothing to do. */
	if (helper.started) {
		helper_go(&helper, NULL);
		helper_join(&helper);
	}
	if (own_txn && !sqlite3_get_autocommit(x.db)) {
		x.conn->nqueries++;
		sqlite3_exec(x.db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (cache_size)
		restore_cache(&x, cache_size);
	dbt_schema_free(x.out);
	reflect_release(&x);
	rows_release(&rows);
	dbt_sqlite_capture_free(cap);
	return rc;
}
