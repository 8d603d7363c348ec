/*
 * test_runner_sqlite.c - the runner against a real SQLite database:
 * upgrade, downgrade, stamp, relative targets, a failing revision rolled
 * back, an unknown version, wrong-direction targets, the offline script,
 * and the history table: checksums recorded, edited and vanished files
 * refused with their exact messages, repair, stamp, and databases made
 * before the history existed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "dbtool.h"
#include "dialect.h"
#include "testutil.h"

struct fixture {
	char dir[64];
	char versions[128];
	char db[128];
	dbt_url url;
	dbt_conn *conn;
	int steps;
	char last[128];
};

static void write_rev(struct fixture *f, const char *id, const char *parent, const char *up,
		      const char *down, int transactional)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s_x.sql", f->versions, id);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp,
		"-- id: %s\n-- parent: %s\n-- message: make %s\n-- created: "
		"2026-11-23T00:00:00Z\n%s"
		"\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n",
		id, parent, id, transactional ? "" : "-- transaction: false\n", up, down);
	fclose(fp);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || !test_mkdtemp(f->dir, sizeof(f->dir), "runner"))
		return -1;
	snprintf(f->versions, sizeof(f->versions), "%s/versions", f->dir);
	snprintf(f->db, sizeof(f->db), "%s/app.db", f->dir);
	mkdir(f->versions, 0755);
	write_rev(f, "aaa", "", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;", 1);
	write_rev(f, "bbb", "aaa",
		  "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n"
		  "INSERT INTO a VALUES (1);\nINSERT INTO b VALUES (1, 1);",
		  "DROP TABLE b;", 1);
	write_rev(f, "ccc", "bbb", "CREATE INDEX ix_b ON b (a_id);", "DROP INDEX ix_b;", 1);
	f->url.kind = DBT_DIALECT_SQLITE;
	f->url.database = f->db;
	if (dbt_dialect_sqlite.open(&f->conn, &f->url, 0) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	dbt_conn_close(f->conn);
	if (test_rmtree(f->dir) < 0)
		return -1;
	free(f);
	return 0;
}

static void on_step(const dbt_step *s, void *arg)
{
	struct fixture *f = arg;

	f->steps++;
	snprintf(f->last, sizeof(f->last), "%s %s->%s", s->upgrade ? "up" : "down",
		 s->from ? s->from : "base", s->to ? s->to : "base");
}

static dbt_chain load(struct fixture *f)
{
	dbt_chain chain;

	assert_int_equal(dbt_chain_load(&chain, f->versions, 0), 0);
	return chain;
}

static char *current(struct fixture *f)
{
	char *id = NULL;

	assert_int_equal(dbt_conn_current(&id, f->conn), 0);
	return id;
}

static int has_table(struct fixture *f, const char *name)
{
	int yes = -1;

	assert_int_equal(f->conn->dialect->table_exists(f->conn, NULL, name, &yes), 0);
	return yes;
}

static void assert_current(struct fixture *f, const char *want)
{
	char *id = current(f);

	if (!want)
		assert_null(id);
	else
		assert_string_equal(id, want);
	free(id);
}

static void fresh_database_is_at_base(void **state)
{
	struct fixture *f = *state;

	assert_current(f, NULL);
}

static void upgrade_applies_every_revision_in_order(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f};

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	assert_int_equal(f->steps, 3);
	assert_string_equal(f->last, "up bbb->ccc");
	assert_current(f, "ccc");
	assert_true(has_table(f, "a") && has_table(f, "b"));
	/* Nothing left to do: no step, no error. */
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, NULL, &o), 0);
	assert_int_equal(f->steps, 3);
	dbt_chain_release(&chain);
}

static void assert_query(struct fixture *f, const char *sql, const char *want)
{
	char *v = NULL;

	assert_int_equal(f->conn->dialect->query_value(f->conn, sql, &v), 0);
	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}

/* The version and history tables dbtool creates on SQLite are one b-tree
 * each, keyed by the version (WITHOUT ROWID): no index of their key beside
 * them for each revision's COMMIT to write as well. */
static void book_tables_are_one_btree_each(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_query(f,
		     "SELECT count(*) FROM sqlite_schema WHERE name IN ('dbtool_version', "
		     "'dbtool_history') AND sql LIKE '%) WITHOUT ROWID'",
		     "2");
	assert_query(f,
		     "SELECT count(*) FROM sqlite_schema WHERE tbl_name LIKE 'dbtool\\_%' "
		     "ESCAPE '\\' AND type = 'index'",
		     "0");
	assert_query(f, "SELECT group_concat(version_num) FROM dbtool_history", "aaa,bbb,ccc");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "aaa", NULL), 0);
	assert_current(f, "aaa");
	assert_query(f, "SELECT group_concat(version_num) FROM dbtool_history", "aaa");
	dbt_chain_release(&chain);
}

/* Options from DBT_RUN_OPTS_INIT carry the current version; a zeroed
 * struct, as programs written before the field made it, still runs. */
static void run_opts_init_and_zeroed_run_opts_both_run(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = DBT_RUN_OPTS_INIT, zeroed;

	assert_int_equal(o.version, DBT_RUN_OPTS_VERSION);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", &o), 0);
	assert_current(f, "aaa");
	memset(&zeroed, 0, sizeof(zeroed));
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &zeroed), 0);
	assert_current(f, "ccc");
	dbt_chain_release(&chain);
}

/* Options of a later version than the library knows are refused before
 * anything runs, rather than read with a layout they do not have. */
static void run_opts_of_an_unknown_version_are_refused(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = DBT_RUN_OPTS_INIT;
	char msg[64];

	o.version = DBT_RUN_OPTS_VERSION + 1;
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), DBT_ERROR);
	snprintf(msg, sizeof(msg), "unknown version %u of the run options", o.version);
	assert_string_equal(dbt_error_last(), msg);
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "head", &o), DBT_ERROR);
	assert_current(f, NULL);
	assert_false(has_table(f, "a"));
	dbt_chain_release(&chain);
}

static char *value(struct fixture *f, const char *sql);
static void assert_value(struct fixture *f, const char *sql, const char *want);
static void assert_history(struct fixture *f, const char *want);

/* How many statements of a run read the version table or make the
 * bookkeeping tables. */
struct book_reads {
	int version, create;
};

static int count_book_reads(unsigned type, void *arg, void *p, void *x)
{
	struct book_reads *n = arg;
	const char *sql = x;

	(void)type;
	(void)p;
	if (!strncmp(sql, "SELECT ", 7) && strstr(sql, "FROM dbtool_version"))
		n->version++;
	else if (strstr(sql, "CREATE TABLE IF NOT EXISTS dbtool_"))
		n->create++;
	return 0;
}

/* A run reads the version once, under the lock (no other connection wrote
 * since this one's last transaction), and makes the bookkeeping tables
 * once, in its first transaction; the steps carry the position, each
 * with the version update in its own transaction. */
static void upgrade_reads_the_version_and_makes_the_tables_once(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f};
	struct book_reads n = {0, 0};

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", &o), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), SQLITE_TRACE_STMT, count_book_reads, &n);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), 0, NULL, NULL);
	assert_int_equal(f->steps, 3);
	assert_current(f, "ccc");
	assert_int_equal(n.version, 1);
	assert_int_equal(n.create, 2);
	assert_history(f, "aaa,bbb,ccc");
	dbt_chain_release(&chain);
}

/* Another connection that applies a revision between two steps of a run
 * (SQLite takes its write lock per transaction): the next step reads the
 * version again and goes on from there, applying nothing twice. */
struct other_writer {
	struct fixture *f;
	dbt_conn *other;
};

static void apply_bbb_elsewhere(const dbt_step *s, void *arg)
{
	struct other_writer *w = arg;
	char *err = NULL;

	w->f->steps++;
	if (strcmp(s->to, "aaa"))
		return;
	assert_int_equal(sqlite3_exec(dbt_sqlite_handle(w->other),
				      "BEGIN IMMEDIATE;\n"
				      "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER "
				      "REFERENCES a(id));\n"
				      "UPDATE dbtool_version SET version_num = 'bbb';\n"
				      "INSERT INTO dbtool_history VALUES ('bbb', 'x', 'now');\n"
				      "COMMIT;",
				      NULL, NULL, &err),
			 SQLITE_OK);
}

static void version_moved_by_another_connection_is_read_again(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	struct other_writer w = {f, NULL};
	dbt_run_opts o = {.on_step = apply_bbb_elsewhere, .arg = &w};

	assert_int_equal(dbt_dialect_sqlite.open(&w.other, &f->url, 0), 0);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	/* aaa here, bbb elsewhere, ccc here. */
	assert_int_equal(f->steps, 2);
	assert_current(f, "ccc");
	assert_value(f, "SELECT count(*) FROM sqlite_schema WHERE name = 'ix_b'", "1");
	dbt_conn_close(w.other);
	dbt_chain_release(&chain);
}

/* How many statements of a run write the version or the history table. */
static int count_book_writes(unsigned type, void *arg, void *p, void *x)
{
	int *n = arg;
	const char *sql = x;

	(void)type;
	(void)p;
	/* Reading a table's foreign keys (PRAGMA foreign_key_list, for the
	 * check at COMMIT) writes nothing. */
	if (strncmp(sql, "SELECT ", 7) && strncmp(sql, "CREATE ", 7) &&
	    strncmp(sql, "PRAGMA ", 7) &&
	    (strstr(sql, "dbtool_version") || strstr(sql, "dbtool_history")))
		(*n)++;
	return 0;
}

/* With --single-transaction the version and history rows of the whole run
 * are written once, before its COMMIT, as the steps would leave them: four
 * statements for three revisions (history DELETE and INSERT, version
 * DELETE and INSERT), and the same rows as a run step by step. */
static void single_transaction_writes_the_bookkeeping_once(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f, .single_transaction = 1};
	char *stepwise;
	int n = 0;

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	stepwise = value(f, "SELECT group_concat(version_num || ' ' || checksum, ',') FROM "
			    "(SELECT * FROM dbtool_history ORDER BY version_num)");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "base", NULL), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), SQLITE_TRACE_STMT, count_book_writes, &n);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), 0, NULL, NULL);
	assert_int_equal(f->steps, 3);
	assert_int_equal(n, 4);
	assert_current(f, "ccc");
	assert_value(f,
		     "SELECT group_concat(version_num || ' ' || checksum, ',') FROM "
		     "(SELECT * FROM dbtool_history ORDER BY version_num)",
		     stepwise);
	free(stepwise);

	/* Down to a revision: the reverted rows go, the others stay. */
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "aaa", &o), 0);
	assert_current(f, "aaa");
	assert_history(f, "aaa");
	dbt_chain_release(&chain);
}

/* Another connection that downgrades the database to aaa while the run's
 * transaction begins (SQLite takes its write lock there, after the run
 * read the version). */
struct begin_writer {
	dbt_conn *other;
	int done;
};

static int downgrade_at_begin(unsigned type, void *arg, void *p, void *x)
{
	struct begin_writer *w = arg;
	char *err = NULL;

	(void)type;
	(void)p;
	if (w->done || strcmp(x, "BEGIN IMMEDIATE"))
		return 0;
	w->done = 1;
	assert_int_equal(sqlite3_exec(dbt_sqlite_handle(w->other),
				      "BEGIN IMMEDIATE;\n"
				      "DROP INDEX ix_b;\n"
				      "DROP TABLE b;\n"
				      "UPDATE dbtool_version SET version_num = 'aaa';\n"
				      "DELETE FROM dbtool_history WHERE version_num <> 'aaa';\n"
				      "COMMIT;",
				      NULL, NULL, &err),
			 SQLITE_OK);
	return 0;
}

/* With --single-transaction the run's bookkeeping is written once, before
 * its COMMIT, from the position its first step found: here the database
 * is already below the target when the transaction begins, so nothing
 * runs and nothing is recorded (the version stays at aaa, not bbb). */
static void single_transaction_records_from_the_position_it_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	struct begin_writer w = {NULL, 0};
	dbt_run_opts o = {.on_step = on_step, .arg = f, .single_transaction = 1};

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_int_equal(dbt_dialect_sqlite.open(&w.other, &f->url, 0), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), SQLITE_TRACE_STMT, downgrade_at_begin, &w);
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "bbb", &o), 0);
	sqlite3_trace_v2(dbt_sqlite_handle(f->conn), 0, NULL, NULL);
	assert_true(w.done);
	assert_int_equal(f->steps, 0);
	assert_current(f, "aaa");
	assert_history(f, "aaa");
	assert_true(has_table(f, "a"));
	assert_false(has_table(f, "b"));
	dbt_conn_close(w.other);
	dbt_chain_release(&chain);
}

static void downgrade_relative_and_to_base(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f};
	char *v = NULL;

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", &o), 0);
	assert_string_equal(f->last, "down ccc->bbb");
	assert_current(f, "bbb");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "base", &o), 0);
	assert_current(f, NULL);
	assert_false(has_table(f, "a"));
	assert_false(has_table(f, "b"));
	assert_true(has_table(f, "dbtool_version"));
	assert_int_equal(f->conn->dialect->query_value(f->conn,
						       "SELECT count(*) FROM dbtool_version", &v),
			 0);
	assert_string_equal(v, "0");
	free(v);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "+2", &o), 0);
	assert_current(f, "bbb");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "cc", &o), 0);
	assert_current(f, "ccc");
	dbt_chain_release(&chain);
}

static void wrong_direction_targets_are_refused(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	assert_true(dbt_run_upgrade(f->conn, &chain, "aaa", NULL) < 0);
	assert_error_contains("use 'dbtool downgrade'");
	assert_true(dbt_run_downgrade(f->conn, &chain, "ccc", NULL) < 0);
	assert_error_contains("use 'dbtool upgrade'");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "+5", NULL), DBT_ENOTFOUND);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "nope", NULL), DBT_ENOTFOUND);
	assert_current(f, "bbb");
	dbt_chain_release(&chain);
}

static void stamp_sets_version_without_running(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f};

	assert_int_equal(dbt_run_stamp(f->conn, &chain, "head", &o), 0);
	assert_current(f, "ccc");
	assert_false(has_table(f, "a"));
	assert_string_equal(f->last, "up base->ccc");
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "base", &o), 0);
	assert_current(f, NULL);
	dbt_chain_release(&chain);
}

static void failing_revision_is_rolled_back_and_earlier_ones_stay(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_rev(f, "ddd", "ccc", "CREATE TABLE d (id INTEGER);\nINSERT INTO missing VALUES (1);",
		  "DROP TABLE d;", 1);
	chain = load(f);
	assert_true(dbt_run_upgrade(f->conn, &chain, "head", NULL) < 0);
	assert_error_contains("upgrade ddd failed and was rolled back");
	assert_error_contains("ddd_x.sql:8:");
	assert_error_contains("no such table: missing");
	assert_current(f, "ccc");
	assert_true(has_table(f, "b"));
	assert_false(has_table(f, "d"));
	dbt_chain_release(&chain);
}

/*
 * A file system that fills up on demand: a VFS over the default one whose
 * files fail every write with SQLITE_FULL while `disk_full` is set.  A
 * small transaction writes nothing before COMMIT (the journal and the
 * pages go out then), so that is where the disk turns out to be full.
 */
static sqlite3_vfs full_vfs;
static sqlite3_io_methods full_methods;
static const sqlite3_io_methods *real_methods;
static int disk_full;

static int full_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
	if (disk_full)
		return SQLITE_FULL;
	return real_methods->xWrite(file, buf, n, off);
}

static int full_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
		     int *out_flags)
{
	sqlite3_vfs *real = vfs->pAppData;
	int rc = real->xOpen(real, name, file, flags, out_flags);

	if (rc == SQLITE_OK && file->pMethods) {
		if (!real_methods) {
			real_methods = file->pMethods;
			full_methods = *real_methods;
			full_methods.xWrite = full_write;
		}
		if (file->pMethods == real_methods)
			file->pMethods = &full_methods;
	}
	return rc;
}

static void full_disk_at_commit_names_the_revision(void **state)
{
	struct fixture *f = *state;
	sqlite3_vfs *real = sqlite3_vfs_find(NULL);
	dbt_chain chain = load(f);

	full_vfs = *real;
	full_vfs.zName = "dbt_full_disk";
	full_vfs.pAppData = real;
	full_vfs.xOpen = full_open;
	assert_int_equal(sqlite3_vfs_register(&full_vfs, 1), SQLITE_OK);
	dbt_conn_close(f->conn);
	assert_int_equal(dbt_dialect_sqlite.open(&f->conn, &f->url, 0), 0);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", NULL), 0);

	disk_full = 1;
	assert_true(dbt_run_upgrade(f->conn, &chain, "head", NULL) < 0);
	disk_full = 0;
	assert_error_contains("upgrade bbb failed at commit and was rolled back: ");
	assert_error_contains("full");

	dbt_conn_close(f->conn);
	sqlite3_vfs_unregister(&full_vfs);
	assert_int_equal(dbt_dialect_sqlite.open(&f->conn, &f->url, 0), 0);
	assert_current(f, "aaa");
	assert_false(has_table(f, "b"));
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_current(f, "ccc");
	dbt_chain_release(&chain);
}

static void non_transactional_revision_applies(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_rev(f, "ddd", "ccc", "VACUUM;", "VACUUM;", 0);
	chain = load(f);
	assert_false(chain.revs[3]->transactional);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_current(f, "ddd");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", NULL), 0);
	assert_current(f, "ccc");
	dbt_chain_release(&chain);
}

static void unknown_database_version_is_an_error(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_stamp(f->conn, &chain, "aaa", NULL), 0);
	assert_int_equal(f->conn->dialect->exec(f->conn,
						"UPDATE dbtool_version SET version_num = 'zzz'"),
			 0);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ENOTFOUND);
	assert_error_contains("database is at zzz, which no revision file defines");
	assert_false(has_table(f, "a"));
	dbt_chain_release(&chain);
}

/* ------------------------------------------------------------- history */

/* The first column of the first row of `sql`, or NULL; caller frees. */
static char *value(struct fixture *f, const char *sql)
{
	char *v = NULL;

	assert_int_equal(f->conn->dialect->query_value(f->conn, sql, &v), 0);
	return v;
}

static void assert_value(struct fixture *f, const char *sql, const char *want)
{
	char *v = value(f, sql);

	if (!want)
		assert_null(v);
	else
		assert_string_equal(v, want);
	free(v);
}

static void exec_ok(struct fixture *f, const char *sql)
{
	assert_int_equal(f->conn->dialect->exec_script(f->conn, sql, "test", 1), 0);
}

/* The history as "id,id,..." in chain order of the ids (they sort so). */
static void assert_history(struct fixture *f, const char *want)
{
	assert_value(f,
		     "SELECT group_concat(version_num, ',') FROM "
		     "(SELECT version_num FROM dbtool_history ORDER BY version_num)",
		     want);
}

static void append_to(struct fixture *f, const char *id, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s_x.sql", f->versions, id);
	fp = fopen(path, "a");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void on_repair(const char *id, const char *what, void *arg)
{
	struct fixture *f = arg;
	size_t n = strlen(f->last);

	snprintf(f->last + n, sizeof(f->last) - n, "%s%s %s", n ? "; " : "", id, what);
	f->steps++;
}

static void changed_message(char *out, size_t size, struct fixture *f, const char *id)
{
	snprintf(out, size,
		 "revision %s ('%s/%s_x.sql') has changed since it was applied: restore the file, "
		 "or run 'dbtool repair %s' if the edit is intended",
		 id, f->versions, id, id);
}

/* A history row that a revision's id left behind (written by hand, or
 * by another tool) gives way to the row its upgrade records: one row, with
 * the file's checksum. */
static void upgrade_replaces_a_history_row_left_behind(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", NULL), 0);
	exec_ok(f, "INSERT INTO dbtool_history VALUES ('bbb', 'x', '2026-01-01T00:00:00Z')");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_history(f, "aaa,bbb,ccc");
	assert_value(f, "SELECT checksum FROM dbtool_history WHERE version_num = 'bbb'",
		     chain.revs[1]->checksum);
	dbt_chain_release(&chain);
}

static void upgrade_records_each_revision_in_the_history(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char sql[256], *at;
	size_t i;

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_history(f, "aaa,bbb,ccc");
	for (i = 0; i < chain.n; i++) {
		snprintf(sql, sizeof(sql),
			 "SELECT checksum FROM dbtool_history WHERE version_num = '%s'",
			 chain.revs[i]->id);
		assert_int_equal(strlen(chain.revs[i]->checksum), 64);
		assert_value(f, sql, chain.revs[i]->checksum);
	}
	/* applied_at: UTC, "YYYY-MM-DDTHH:MM:SSZ". */
	at = value(f, "SELECT applied_at FROM dbtool_history WHERE version_num = 'ccc'");
	assert_non_null(at);
	assert_int_equal(strlen(at), 20);
	assert_true(at[4] == '-' && at[10] == 'T' && at[13] == ':' && at[19] == 'Z');
	assert_true(!strncmp(at, "20", 2));
	free(at);
	dbt_chain_release(&chain);
}

static void downgrade_removes_the_reverted_rows(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", NULL), 0);
	assert_history(f, "aaa,bbb");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "base", NULL), 0);
	assert_history(f, NULL);
	assert_true(has_table(f, "dbtool_history"));
	dbt_chain_release(&chain);
}

static void edited_applied_file_stops_upgrade_before_anything_runs(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	char want[512];

	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	dbt_chain_release(&chain);
	append_to(f, "aaa", "-- an edit\n");
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ERROR);
	changed_message(want, sizeof(want), f, "aaa");
	assert_string_equal(dbt_error_last(), want);
	assert_current(f, "bbb");
	assert_value(f, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_b'", "0");
	assert_history(f, "aaa,bbb");
	dbt_chain_release(&chain);
}

static void edited_file_at_head_fails_upgrade_with_nothing_to_do(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char want[512];

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
	append_to(f, "ccc", "\n");
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ERROR);
	changed_message(want, sizeof(want), f, "ccc");
	assert_string_equal(dbt_error_last(), want);
	dbt_chain_release(&chain);
}

static void edited_file_stops_downgrade(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char want[512];

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
	append_to(f, "ccc", "DROP TABLE a;\n");
	chain = load(f);
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", NULL), DBT_ERROR);
	changed_message(want, sizeof(want), f, "ccc");
	assert_string_equal(dbt_error_last(), want);
	assert_current(f, "ccc");
	assert_true(has_table(f, "a"));
	assert_value(f, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_b'", "1");
	dbt_chain_release(&chain);
}

static void several_edits_are_counted_in_the_message(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char want[600];
	size_t n;

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
	append_to(f, "aaa", "\n");
	append_to(f, "bbb", "\n");
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ERROR);
	changed_message(want, sizeof(want), f, "aaa");
	n = strlen(want);
	snprintf(want + n, sizeof(want) - n, " (and 1 more: 'dbtool check' lists them all)");
	assert_string_equal(dbt_error_last(), want);
	dbt_chain_release(&chain);
}

static void recorded_revision_without_file_stops_upgrade(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	exec_ok(f, "INSERT INTO dbtool_history VALUES ('zzz', 'x', '2026-01-01T00:00:00Z')");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "revision zzz was applied but no revision file defines it anymore: "
			    "restore the file, or run 'dbtool repair zzz' to forget it");
	assert_current(f, "bbb");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "base", NULL), DBT_ERROR);
	assert_current(f, "bbb");
	dbt_chain_release(&chain);
}

static void verify_lists_every_problem(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_findings found = {NULL, 0};
	char want[600];
	size_t unverified = 99;

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(found.n, 0);
	assert_int_equal(unverified, 0);
	dbt_chain_release(&chain);

	append_to(f, "bbb", "\n");
	exec_ok(f, "INSERT INTO dbtool_history VALUES ('gone', 'x', '2026-01-01T00:00:00Z');\n"
		   "DELETE FROM dbtool_history WHERE version_num = 'aaa'");
	chain = load(f);
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(unverified, 1);
	assert_int_equal(found.n, 2);
	assert_int_equal(found.v[0].kind, DBT_FINDING_CHANGED_REVISION);
	want[0] = '!';
	want[1] = ' ';
	changed_message(want + 2, sizeof(want) - 2, f, "bbb");
	assert_string_equal(found.v[0].text, want);
	assert_int_equal(found.v[1].kind, DBT_FINDING_MISSING_REVISION);
	assert_string_equal(found.v[1].text,
			    "! revision gone was applied but no revision file defines it anymore: "
			    "restore the file, or run 'dbtool repair gone' to forget it");
	dbt_findings_release(&found);
	dbt_chain_release(&chain);
}

static void verify_fails_for_a_version_no_file_defines(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_findings found = {NULL, 0};

	assert_int_equal(dbt_run_stamp(f->conn, &chain, "aaa", NULL), 0);
	exec_ok(f, "UPDATE dbtool_version SET version_num = 'zzz'");
	assert_int_equal(dbt_run_verify(&found, NULL, f->conn, &chain), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "database is at zzz, which no revision file defines: restore the file, "
			    "or 'dbtool stamp' the database to a known revision");
	assert_int_equal(found.n, 0);
	dbt_chain_release(&chain);
}

static void repair_accepts_an_edit(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char want[80];

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	assert_history(f, "aaa,bbb");
	exec_ok(f, "UPDATE dbtool_history SET applied_at = 'then'");
	dbt_chain_release(&chain);
	append_to(f, "aaa", "-- a comment\n");
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ERROR);
	assert_int_equal(dbt_run_repair(f->conn, &chain, "aa", 0, on_repair, f), 0);
	assert_string_equal(f->last, "aaa checksum updated");
	/* The new checksum; when it was applied stays. */
	snprintf(want, sizeof(want), "%s then", chain.revs[0]->checksum);
	assert_value(f,
		     "SELECT checksum || ' ' || applied_at FROM dbtool_history "
		     "WHERE version_num = 'aaa'",
		     want);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_current(f, "ccc");
	f->last[0] = '\0';
	assert_int_equal(dbt_run_repair(f->conn, &chain, "aaa", 0, on_repair, f), 0);
	assert_string_equal(f->last, "aaa checksum unchanged");
	dbt_chain_release(&chain);
}

static void repair_of_everything_records_and_forgets(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	size_t unverified = 0;
	dbt_findings found = {NULL, 0};

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	exec_ok(f, "DELETE FROM dbtool_history WHERE version_num = 'aaa';\n"
		   "UPDATE dbtool_history SET checksum = 'old' WHERE version_num = 'bbb';\n"
		   "INSERT INTO dbtool_history VALUES ('ccc', 'x', 'then');\n"
		   "INSERT INTO dbtool_history VALUES ('gone', 'x', 'then')");
	assert_int_equal(dbt_run_repair(f->conn, &chain, NULL, 0, on_repair, f), 0);
	assert_string_equal(f->last, "aaa checksum recorded; bbb checksum updated; "
				     "ccc forgotten; gone forgotten");
	assert_history(f, "aaa,bbb");
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(found.n, 0);
	assert_int_equal(unverified, 0);
	/* Nothing left to do: no call. */
	f->steps = 0;
	assert_int_equal(dbt_run_repair(f->conn, &chain, NULL, 0, on_repair, f), 0);
	assert_int_equal(f->steps, 0);
	dbt_chain_release(&chain);
}

static void repair_forgets_a_revision_whose_file_is_gone(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "bbb", NULL), 0);
	exec_ok(f, "INSERT INTO dbtool_history VALUES ('gone', 'x', 'then')");
	assert_int_equal(dbt_run_repair(f->conn, &chain, "gone", 0, on_repair, f), 0);
	assert_string_equal(f->last, "gone forgotten");
	assert_history(f, "aaa,bbb");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	dbt_chain_release(&chain);
}

static void repair_refuses_unknown_and_unapplied_revisions(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", NULL), 0);
	assert_int_equal(dbt_run_repair(f->conn, &chain, "nope", 0, on_repair, f), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot repair 'nope': no revision file defines it and the history "
			    "table has no row for it");
	assert_int_equal(dbt_run_repair(f->conn, &chain, "ccc", 0, on_repair, f), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "cannot repair ccc: it is not applied (the database is at aaa)");
	assert_int_equal(f->steps, 0);
	assert_history(f, "aaa");
	dbt_chain_release(&chain);
}

static void repair_at_base_of_a_fresh_database_creates_nothing(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_repair(f->conn, &chain, NULL, 0, on_repair, f), 0);
	assert_int_equal(f->steps, 0);
	assert_false(has_table(f, "dbtool_history"));
	assert_int_equal(dbt_run_repair(f->conn, &chain, "aaa", 0, on_repair, f), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "cannot repair aaa: it is not applied (the database is at base)");
	dbt_chain_release(&chain);
}

static void stamp_sets_the_history_to_match(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char want[80];

	assert_int_equal(dbt_run_stamp(f->conn, &chain, "bbb", NULL), 0);
	assert_history(f, "aaa,bbb");
	snprintf(want, sizeof(want), "%s", chain.revs[1]->checksum);
	assert_value(f, "SELECT checksum FROM dbtool_history WHERE version_num = 'bbb'", want);
	exec_ok(f, "UPDATE dbtool_history SET applied_at = 'then'");
	/* Up: rows for the revisions that have none; the others stay. */
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "head", NULL), 0);
	assert_history(f, "aaa,bbb,ccc");
	assert_value(f, "SELECT count(*) FROM dbtool_history WHERE applied_at = 'then'", "2");
	/* Down: no row above the target, nor of a revision no file defines. */
	exec_ok(f, "INSERT INTO dbtool_history VALUES ('gone', 'x', 'then')");
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "aaa", NULL), 0);
	assert_history(f, "aaa");
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "base", NULL), 0);
	assert_history(f, NULL);
	assert_false(has_table(f, "a"));
	dbt_chain_release(&chain);
}

static void stamp_leaves_a_version_no_file_defines(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_run_opts o = {.on_step = on_step, .arg = f};

	assert_int_equal(dbt_run_stamp(f->conn, &chain, "bbb", NULL), 0);
	exec_ok(f, "UPDATE dbtool_version SET version_num = 'zzz';\n"
		   "INSERT INTO dbtool_history VALUES ('zzz', 'x', 'then')");
	/* A relative target needs a known current revision. */
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "-1", NULL), DBT_ENOTFOUND);
	assert_error_contains("database is at zzz, which no revision file defines");
	assert_int_equal(dbt_run_stamp(f->conn, &chain, "aaa", &o), 0);
	assert_non_null(strstr(f->last, " zzz->aaa"));
	assert_current(f, "aaa");
	assert_history(f, "aaa");
	dbt_chain_release(&chain);
}

static void database_without_history_still_upgrades(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	dbt_findings found = {NULL, 0};
	size_t unverified = 0;

	/* As a dbtool without the history left it: version table, no history. */
	exec_ok(f, "CREATE TABLE dbtool_version (version_num VARCHAR(64) NOT NULL, "
		   "CONSTRAINT dbtool_version_pkc PRIMARY KEY (version_num));\n"
		   "INSERT INTO dbtool_version VALUES ('aaa');\n"
		   "CREATE TABLE a (id INTEGER PRIMARY KEY)");
	append_to(f, "aaa", "-- edited, and nobody can tell\n");
	dbt_chain_release(&chain);
	chain = load(f);
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(found.n, 0);
	assert_int_equal(unverified, 1);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_current(f, "ccc");
	/* The revisions it ran are recorded; the older one is not made up. */
	assert_history(f, "bbb,ccc");
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(unverified, 1);
	assert_int_equal(dbt_run_repair(f->conn, &chain, NULL, 0, on_repair, f), 0);
	assert_string_equal(f->last, "aaa checksum recorded");
	assert_int_equal(dbt_run_verify(&found, &unverified, f->conn, &chain), 0);
	assert_int_equal(unverified, 0);
	dbt_findings_release(&found);
	dbt_chain_release(&chain);
}

static void rows_left_at_base_are_ignored_and_cleared(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);

	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	/* The version table dropped by hand, the schema too. */
	exec_ok(f, "DROP TABLE dbtool_version; DROP TABLE b; DROP TABLE a;\n"
		   "INSERT INTO dbtool_history VALUES ('gone', 'x', 'then')");
	append_to(f, "aaa", "\n");
	dbt_chain_release(&chain);
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "aaa", NULL), 0);
	assert_history(f, "aaa");
	assert_value(f, "SELECT checksum FROM dbtool_history", chain.revs[0]->checksum);
	dbt_chain_release(&chain);
}

static void non_transactional_revision_is_recorded(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_rev(f, "ddd", "ccc", "VACUUM;", "VACUUM;", 0);
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	assert_history(f, "aaa,bbb,ccc,ddd");
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", NULL), 0);
	assert_history(f, "aaa,bbb,ccc");
	dbt_chain_release(&chain);
}

static void offline_script_keeps_the_history(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char *sql = NULL, want[512];

	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, NULL, &chain, 0, "head", 1), 0);
	assert_non_null(strstr(sql,
			       "CREATE TABLE IF NOT EXISTS dbtool_history (version_num "
			       "VARCHAR(64) NOT NULL, checksum CHAR(64) NOT NULL, applied_at "
			       "VARCHAR(32) NOT NULL, CONSTRAINT dbtool_history_pkc PRIMARY KEY "
			       "(version_num)) WITHOUT ROWID;\n"));
	assert_non_null(strstr(sql, "CREATE TABLE a (id INTEGER PRIMARY KEY);\n;\n"
				    "DELETE FROM dbtool_history;\n"
				    "INSERT INTO dbtool_history"));
	snprintf(want, sizeof(want),
		 "INSERT OR REPLACE INTO dbtool_history (version_num, checksum, applied_at) "
		 "VALUES ('ccc', "
		 "'%s', strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'));\n"
		 "DELETE FROM dbtool_version;\n",
		 chain.revs[2]->checksum);
	assert_non_null(strstr(sql, want));
	exec_ok(f, sql);
	assert_history(f, "aaa,bbb,ccc");
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), 0);
	free(sql);
	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, NULL, &chain, 3, "aaa", 0), 0);
	assert_non_null(strstr(sql, "DROP INDEX ix_b;\n;\nDELETE FROM dbtool_history WHERE "
				    "version_num = 'ccc';\nDELETE FROM dbtool_version;\n"));
	exec_ok(f, sql);
	assert_history(f, "aaa");
	assert_current(f, "aaa");
	free(sql);
	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_POSTGRES, NULL, &chain, 0, "aaa", 1), 0);
	assert_non_null(strstr(sql, "to_char(now() AT TIME ZONE 'UTC', "
				    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'));\n"));
	free(sql);
	dbt_chain_release(&chain);
}

static void offline_script_has_transactions_and_versions(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char *sql = NULL;

	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, NULL, &chain, 0, "head", 1), 0);
	assert_non_null(strstr(sql, "CREATE TABLE IF NOT EXISTS dbtool_version"));
	assert_non_null(strstr(sql,
			       "-- upgrade <base> -> aaa, make aaa\nPRAGMA foreign_keys = OFF;\n"
			       "BEGIN;\nCREATE TABLE a"));
	/* Foreign keys are checked before COMMIT: a violation rolls back. */
	assert_non_null(strstr(sql, "INSERT INTO dbtool_version (version_num) VALUES ('ccc');\n"
				    "PRAGMA foreign_key_check;\n"
				    "INSERT OR ROLLBACK INTO temp.dbtool_foreign_key_check SELECT "
				    "count(*) FROM pragma_foreign_key_check;\n"
				    "COMMIT;\nPRAGMA foreign_keys = ON;\n"));
	/* Running the script gives what running the revisions gives. */
	assert_int_equal(f->conn->dialect->exec_script(f->conn, sql, "script", 1), 0);
	assert_current(f, "ccc");
	assert_true(has_table(f, "b"));
	free(sql);
	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, NULL, &chain, 3, "base", 0), 0);
	assert_non_null(
		strstr(sql,
		       "-- downgrade aaa -> <base>, make aaa\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
		       "DROP TABLE a;"));
	assert_int_equal(f->conn->dialect->exec_script(f->conn, sql, "script", 1), 0);
	assert_current(f, NULL);
	free(sql);
	assert_true(dbt_run_script(&sql, DBT_DIALECT_SQLITE, NULL, &chain, 1, "base", 1) < 0);
	dbt_chain_release(&chain);
}

/*
 * MariaDB/MySQL commit DDL at once: the script wraps no revision in a
 * transaction it could not keep, only the version and history rows after
 * the revision's last statement, and says so at its start.
 */
static void offline_script_for_mysql_runs_statements_one_by_one(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char *sql = NULL;

	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_MYSQL, NULL, &chain, 0, "head", 1), 0);
	assert_non_null(strstr(sql, "-- MariaDB/MySQL commit each DDL statement at once, so no "
				    "revision below runs in one\n"));
	assert_non_null(strstr(sql, "-- upgrade <base> -> aaa, make aaa\n"
				    "CREATE TABLE a (id INTEGER PRIMARY KEY);\n;\n"
				    "BEGIN;\nDELETE FROM dbtool_history;\n"));
	assert_non_null(strstr(sql, "INSERT INTO dbtool_version (version_num) VALUES ('ccc');\n"
				    "COMMIT;\n"));
	free(sql);
	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_MYSQL, NULL, &chain, 3, "base", 0), 0);
	assert_non_null(
		strstr(sql, "-- downgrade aaa -> <base>, make aaa\nDROP TABLE a;\n;\n"
			    "BEGIN;\nDELETE FROM dbtool_history;\nDELETE FROM dbtool_version;\n"));
	free(sql);
	dbt_chain_release(&chain);
}

/* What on_statement and on_revision heard. */
struct heard {
	char text[2048];
	int n;
};

static void on_statement(const dbt_run_statement *st, void *arg)
{
	struct heard *h = arg;
	size_t len = strlen(h->text);

	assert_true(st->ms >= 0);
	snprintf(h->text + len, sizeof(h->text) - len, "%s:%d: %s\n", st->rev->id, st->line,
		 st->text);
	h->n++;
}

static void on_revision(const dbt_revision *rev, int upgrade, size_t left, void *arg)
{
	struct heard *h = arg;
	size_t len = strlen(h->text);

	snprintf(h->text + len, sizeof(h->text) - len, "%s %s, %zu left\n", upgrade ? "up" : "down",
		 rev->id, left);
}

static void statements_are_reported_one_by_one_with_their_lines(void **state)
{
	struct fixture *f = *state;
	struct heard h = {{0}, 0};
	dbt_run_opts o = {.on_statement = on_statement, .on_revision = on_revision, .arg = &h};
	dbt_chain chain;
	char *v = NULL;

	/* A trigger, whose body holds semicolons, runs as one statement. */
	write_rev(f, "ddd", "ccc",
		  "CREATE TABLE lg (n INTEGER);\n"
		  "CREATE TRIGGER tr AFTER INSERT ON a BEGIN\n"
		  "  INSERT INTO lg VALUES (1);\n  INSERT INTO lg VALUES (2);\nEND;\n"
		  "INSERT INTO a VALUES (7);",
		  "DROP TABLE lg;", 1);
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "+2", &o), 0);
	assert_string_equal(h.text, "up aaa, 2 left\n"
				    "aaa:7: CREATE TABLE a (id INTEGER PRIMARY KEY)\n"
				    "up bbb, 1 left\n"
				    "bbb:7: CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER "
				    "REFERENCES a(id))\n"
				    "bbb:8: INSERT INTO a VALUES (1)\n"
				    "bbb:9: INSERT INTO b VALUES (1, 1)\n");
	h.text[0] = '\0';
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", &o), 0);
	assert_string_equal(h.text, "up ccc, 2 left\n"
				    "ccc:7: CREATE INDEX ix_b ON b (a_id)\n"
				    "up ddd, 1 left\n"
				    "ddd:7: CREATE TABLE lg (n INTEGER)\n"
				    "ddd:8: CREATE TRIGGER tr AFTER INSERT ON a BEGIN INSERT INTO "
				    "lg VALUES (1); "
				    "INSERT INTO lg VALUES (2); END\n"
				    "ddd:12: INSERT INTO a VALUES (7)\n");
	assert_int_equal(f->conn->dialect->query_value(f->conn, "SELECT group_concat(n) FROM lg",
						       &v),
			 0);
	assert_string_equal(v, "1,2");
	free(v);
	h.text[0] = '\0';
	assert_int_equal(dbt_run_downgrade(f->conn, &chain, "-1", &o), 0);
	assert_string_equal(h.text, "down ddd, 1 left\nddd:15: DROP TABLE lg\n");
	dbt_chain_release(&chain);
}

static void a_failing_statement_reads_the_same_one_by_one(void **state)
{
	struct fixture *f = *state;
	struct heard h = {{0}, 0};
	dbt_run_opts o = {.on_statement = on_statement, .arg = &h};
	dbt_chain chain;
	char plain[512];

	write_rev(f, "ddd", "ccc", "CREATE TABLE d (id INTEGER);\nINSERT INTO nope VALUES (1);",
		  "DROP TABLE d;", 1);
	chain = load(f);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "ccc", NULL), 0);
	assert_true(dbt_run_upgrade(f->conn, &chain, "head", NULL) < 0);
	snprintf(plain, sizeof(plain), "%s", dbt_error_last());
	assert_true(dbt_run_upgrade(f->conn, &chain, "head", &o) < 0);
	assert_string_equal(dbt_error_last(), plain);
	assert_non_null(strstr(plain, "ddd_x.sql:8: "));
	assert_int_equal(h.n, 1);
	assert_false(has_table(f, "d"));
	assert_current(f, "ccc");
	dbt_chain_release(&chain);
}

static void offline_range_starts_at_from(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char *script = NULL;

	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_POSTGRES, NULL, &chain, "head",
						1),
			 0);
	assert_non_null(strstr(script, "-- dbtool upgrade, postgresql, from <base> to ccc\n"));
	assert_non_null(strstr(script, "public.dbtool_version"));
	free(script);
	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_SQLITE, NULL, &chain, "aaa:+1",
						1),
			 0);
	assert_non_null(strstr(script, "-- dbtool upgrade, sqlite, from aaa to bbb\n"));
	assert_null(strstr(script, "CREATE TABLE a "));
	free(script);
	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_SQLITE, NULL, &chain,
						"head:aaa", 0),
			 0);
	assert_non_null(strstr(script, "-- dbtool downgrade, sqlite, from ccc to aaa\n"));
	free(script);
	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_SQLITE, NULL, &chain, "head",
						0),
			 DBT_EPARSE);
	assert_null(script);
	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_SQLITE, NULL, &chain, "a:b:c",
						1),
			 DBT_EPARSE);
	assert_int_equal(dbt_run_script_offline(&script, DBT_DIALECT_SQLITE, NULL, &chain,
						"zzz:head", 1),
			 DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "the start of the range 'zzz:head': no revision 'zzz'");
	/* Nothing was read from or written to the database. */
	assert_false(has_table(f, "dbtool_version"));
	dbt_chain_release(&chain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fresh_database_is_at_base, setup, teardown),
		cmocka_unit_test_setup_teardown(run_opts_init_and_zeroed_run_opts_both_run, setup,
						teardown),
		cmocka_unit_test_setup_teardown(run_opts_of_an_unknown_version_are_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(upgrade_applies_every_revision_in_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(downgrade_relative_and_to_base, setup, teardown),
		cmocka_unit_test_setup_teardown(upgrade_reads_the_version_and_makes_the_tables_once,
						setup, teardown),
		cmocka_unit_test_setup_teardown(version_moved_by_another_connection_is_read_again,
						setup, teardown),
		cmocka_unit_test_setup_teardown(single_transaction_writes_the_bookkeeping_once,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			single_transaction_records_from_the_position_it_found, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_direction_targets_are_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(stamp_sets_version_without_running, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			failing_revision_is_rolled_back_and_earlier_ones_stay, setup, teardown),
		cmocka_unit_test_setup_teardown(full_disk_at_commit_names_the_revision, setup,
						teardown),
		cmocka_unit_test_setup_teardown(non_transactional_revision_applies, setup,
						teardown),
		cmocka_unit_test_setup_teardown(unknown_database_version_is_an_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(offline_script_for_mysql_runs_statements_one_by_one,
						setup, teardown),
		cmocka_unit_test_setup_teardown(offline_script_has_transactions_and_versions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(upgrade_replaces_a_history_row_left_behind, setup,
						teardown),
		cmocka_unit_test_setup_teardown(upgrade_records_each_revision_in_the_history, setup,
						teardown),
		cmocka_unit_test_setup_teardown(downgrade_removes_the_reverted_rows, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			edited_applied_file_stops_upgrade_before_anything_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(
			edited_file_at_head_fails_upgrade_with_nothing_to_do, setup, teardown),
		cmocka_unit_test_setup_teardown(edited_file_stops_downgrade, setup, teardown),
		cmocka_unit_test_setup_teardown(several_edits_are_counted_in_the_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(recorded_revision_without_file_stops_upgrade, setup,
						teardown),
		cmocka_unit_test_setup_teardown(verify_lists_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(verify_fails_for_a_version_no_file_defines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(repair_accepts_an_edit, setup, teardown),
		cmocka_unit_test_setup_teardown(repair_of_everything_records_and_forgets, setup,
						teardown),
		cmocka_unit_test_setup_teardown(repair_forgets_a_revision_whose_file_is_gone, setup,
						teardown),
		cmocka_unit_test_setup_teardown(repair_refuses_unknown_and_unapplied_revisions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(repair_at_base_of_a_fresh_database_creates_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(stamp_sets_the_history_to_match, setup, teardown),
		cmocka_unit_test_setup_teardown(stamp_leaves_a_version_no_file_defines, setup,
						teardown),
		cmocka_unit_test_setup_teardown(database_without_history_still_upgrades, setup,
						teardown),
		cmocka_unit_test_setup_teardown(rows_left_at_base_are_ignored_and_cleared, setup,
						teardown),
		cmocka_unit_test_setup_teardown(non_transactional_revision_is_recorded, setup,
						teardown),
		cmocka_unit_test_setup_teardown(offline_script_keeps_the_history, setup, teardown),
		cmocka_unit_test_setup_teardown(book_tables_are_one_btree_each, setup, teardown),
		cmocka_unit_test_setup_teardown(statements_are_reported_one_by_one_with_their_lines,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_failing_statement_reads_the_same_one_by_one,
						setup, teardown),
		cmocka_unit_test_setup_teardown(offline_range_starts_at_from, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
