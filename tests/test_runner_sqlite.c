/*
 * test_runner_sqlite.c - the runner against a real SQLite database:
 * upgrade, downgrade, stamp, relative targets, a failing revision rolled
 * back, an unknown version, wrong-direction targets, and the offline
 * script.
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

#include "dbtool.h"
#include "dialect.h"

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
		"-- id: %s\n-- parent: %s\n-- message: make %s\n-- created: 2026-11-23T00:00:00Z\n%s"
		"\n-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n",
		id, parent, id, transactional ? "" : "-- transaction: false\n", up, down);
	fclose(fp);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/dbt-runner-XXXXXX");
	if (!f || !mkdtemp(f->dir))
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
	if (dbt_dialect_sqlite.open(&f->conn, &f->url) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[256];

	dbt_conn_close(f->conn);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
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

	assert_int_equal(f->conn->dialect->table_exists(f->conn, name, &yes), 0);
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
	assert_int_equal(f->conn->dialect->query_value(f->conn, "SELECT count(*) FROM dbtool_version", &v), 0);
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
	assert_non_null(strstr(dbt_error_last(), "use 'dbtool downgrade'"));
	assert_true(dbt_run_downgrade(f->conn, &chain, "ccc", NULL) < 0);
	assert_non_null(strstr(dbt_error_last(), "use 'dbtool upgrade'"));
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
	assert_non_null(strstr(dbt_error_last(), "upgrade ddd failed and was rolled back"));
	assert_non_null(strstr(dbt_error_last(), "ddd_x.sql:8:"));
	assert_non_null(strstr(dbt_error_last(), "no such table: missing"));
	assert_current(f, "ccc");
	assert_true(has_table(f, "b"));
	assert_false(has_table(f, "d"));
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
	assert_int_equal(f->conn->dialect->exec(f->conn, "UPDATE dbtool_version SET version_num = 'zzz'"), 0);
	assert_int_equal(dbt_run_upgrade(f->conn, &chain, "head", NULL), DBT_ENOTFOUND);
	assert_non_null(strstr(dbt_error_last(), "database is at zzz, which no revision file defines"));
	assert_false(has_table(f, "a"));
	dbt_chain_release(&chain);
}

static void offline_script_has_transactions_and_versions(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain = load(f);
	char *sql = NULL;

	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, &chain, 0, "head", 1), 0);
	assert_non_null(strstr(sql, "CREATE TABLE IF NOT EXISTS dbtool_version"));
	assert_non_null(strstr(sql, "-- upgrade <base> -> aaa, make aaa\nBEGIN;\nCREATE TABLE a"));
	assert_non_null(strstr(sql, "INSERT INTO dbtool_version (version_num) VALUES ('ccc');\nCOMMIT;"));
	/* Running the script gives what running the revisions gives. */
	assert_int_equal(f->conn->dialect->exec_script(f->conn, sql, "script", 1), 0);
	assert_current(f, "ccc");
	assert_true(has_table(f, "b"));
	free(sql);
	assert_int_equal(dbt_run_script(&sql, DBT_DIALECT_SQLITE, &chain, 3, "base", 0), 0);
	assert_non_null(strstr(sql, "-- downgrade aaa -> <base>, make aaa\nBEGIN;\nDROP TABLE a;"));
	assert_int_equal(f->conn->dialect->exec_script(f->conn, sql, "script", 1), 0);
	assert_current(f, NULL);
	free(sql);
	assert_true(dbt_run_script(&sql, DBT_DIALECT_SQLITE, &chain, 1, "base", 1) < 0);
	dbt_chain_release(&chain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fresh_database_is_at_base, setup, teardown),
		cmocka_unit_test_setup_teardown(upgrade_applies_every_revision_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(downgrade_relative_and_to_base, setup, teardown),
		cmocka_unit_test_setup_teardown(wrong_direction_targets_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(stamp_sets_version_without_running, setup, teardown),
		cmocka_unit_test_setup_teardown(failing_revision_is_rolled_back_and_earlier_ones_stay, setup, teardown),
		cmocka_unit_test_setup_teardown(non_transactional_revision_applies, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_database_version_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(offline_script_has_transactions_and_versions, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
