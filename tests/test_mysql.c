/*
 * test_mysql.c - connections to MariaDB through lib/mysql.c, against the
 * throwaway server scripts/test starts (DBTOOL_TEST_MYSQL_URL; the tests
 * fail, never skip, without it): connecting and its failures, statements
 * and scripts with the place of a failure, rows, transactions, the
 * migration lock, quoting, and libmariadb loaded only by a connection.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialect.h"
#include "mysql.h"
#include "testutil_mysql.h"

struct fixture {
	char dbname[64];
	dbt_conn *conn;
	dbt_conn *other; /* a second session of a test, closed by teardown, so
			  * that a test that stops half-way leaves no lock
			  * for DROP DATABASE to wait for */
};

static int group_setup(void **state)
{
	(void)state;
	if (test_mysql_require_url() < 0)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	test_mysql_admin_close();
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || test_mysql_db_create(f->dbname, sizeof(f->dbname), "dbt_my", &f->conn) < 0) {
		if (f)
			dbt_mysql_close(f->conn);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc;

	dbt_mysql_close(f->other);
	dbt_mysql_close(f->conn);
	rc = test_mysql_db_drop(f->dbname);
	free(f);
	return rc;
}

static void ok(int rc)
{
	if (rc < 0)
		fail_msg("%s", dbt_error_last());
}

/* The first value of `sql` on `conn`, which must succeed; caller frees. */
static char *value(dbt_conn *conn, const char *sql)
{
	char *v = NULL;

	ok(dbt_mysql_query_value(conn, sql, &v));
	return v;
}

static void assert_value(dbt_conn *conn, const char *sql, const char *want)
{
	char *v = value(conn, sql);

	if (!want)
		assert_null(v);
	else
		assert_string_equal(v ? v : "(null)", want);
	free(v);
}

/* Runs first: nothing has connected yet, so libmariadb is not loaded. */
static void libmariadb_is_loaded_by_the_first_connection(void **state)
{
	dbt_conn *conn = NULL;

	(void)state;
	assert_null(dlopen(DBT_MYSQL_SONAME, RTLD_LAZY | RTLD_NOLOAD));
	assert_int_equal(test_mysql_connect(&conn, NULL), 0);
	assert_non_null(dlopen(DBT_MYSQL_SONAME, RTLD_LAZY | RTLD_NOLOAD));
	dbt_mysql_close(conn);
}

static void wrong_password_fails_without_showing_it(void **state)
{
	dbt_url url;
	dbt_conn *conn = (dbt_conn *)&url;

	(void)state;
	ok(dbt_url_parse_mysql(&url, getenv("DBTOOL_TEST_MYSQL_URL")));
	free(url.password);
	url.password = strdup("Wr0ngPassw0rd");
	assert_int_equal(dbt_mysql_open(&conn, &url, 0), DBT_ECONNECT);
	assert_null(conn);
	assert_non_null(strstr(dbt_error_last(), "cannot connect to 'mysql://dbtool:***@"));
	assert_non_null(strstr(dbt_error_last(), "Access denied"));
	assert_null(strstr(dbt_error_last(), "Wr0ngPassw0rd"));
	assert_null(strstr(dbt_error_last(), "p@ss"));
	dbt_url_release(&url);
}

static void missing_socket_fails_naming_it(void **state)
{
	dbt_url url;
	dbt_conn *conn = NULL;

	(void)state;
	ok(dbt_url_parse_mysql(&url, "mysql://u:Sekr3tPw@localhost/d?unix_socket=/nonexistent/s"));
	assert_int_equal(dbt_mysql_open(&conn, &url, 0), DBT_ECONNECT);
	assert_null(conn);
	assert_non_null(strstr(dbt_error_last(), "/nonexistent/s"));
	assert_null(strstr(dbt_error_last(), "Sekr3tPw"));
	assert_null(strchr(dbt_error_last(), '\n'));
	dbt_url_release(&url);
}

static void url_without_database_is_an_error(void **state)
{
	dbt_url url;
	dbt_conn *conn = NULL;

	(void)state;
	ok(dbt_url_parse_mysql(&url, "mysql://u:Sekr3tPw@/?unix_socket=/s"));
	assert_int_equal(dbt_mysql_open(&conn, &url, 0), DBT_ECONNECT);
	assert_string_equal(dbt_error_last(),
			    "cannot connect to 'mysql://u:***@?unix_socket=/s': the url names no "
			    "database (mysql://user@host/DATABASE)");
	dbt_url_release(&url);
}

static void query_returns_rows_and_nulls(void **state)
{
	struct fixture *f = *state;
	dbt_mysql_rows rows;

	ok(dbt_mysql_exec(f->conn, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20))"));
	ok(dbt_mysql_exec(f->conn, "INSERT INTO t VALUES (1, 'a'), (2, NULL), (3, 'c''d')"));
	ok(dbt_mysql_query(&rows, f->conn, "SELECT id, name FROM t ORDER BY id"));
	assert_int_equal(rows.nrows, 3);
	assert_int_equal(rows.ncols, 2);
	assert_string_equal(dbt_mysql_cell(&rows, 0, 0), "1");
	assert_string_equal(dbt_mysql_cell(&rows, 0, 1), "a");
	assert_null(dbt_mysql_cell(&rows, 1, 1));
	assert_string_equal(dbt_mysql_cell(&rows, 2, 1), "c'd");
	assert_null(dbt_mysql_cell(&rows, 3, 0));
	dbt_mysql_rows_release(&rows);
	ok(dbt_mysql_query(&rows, f->conn, "SELECT id FROM t WHERE id > 10"));
	assert_int_equal(rows.nrows, 0);
	dbt_mysql_rows_release(&rows);
	assert_value(f->conn, "SELECT name FROM t WHERE id = 2", NULL);
	assert_value(f->conn, "SELECT name FROM t WHERE id = 9", NULL);
	assert_value(f->conn, "SELECT DATABASE()", f->dbname);
}

static void exec_error_quotes_the_statement(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(dbt_mysql_exec(f->conn, "SELECT * FROM nosuch"), DBT_EDB);
	assert_non_null(strstr(dbt_error_last(), "nosuch' doesn't exist (in: SELECT * FROM "
						 "nosuch)"));
}

static void script_runs_every_statement(void **state)
{
	struct fixture *f = *state;

	ok(dbt_mysql_exec_script(f->conn,
				 "-- a comment; with a semicolon\n"
				 "CREATE TABLE a (id INT PRIMARY KEY, s VARCHAR(40));\n"
				 "# another; comment\n"
				 "INSERT INTO a VALUES (1, 'x;y'), (2, \"it\\\"s;\"), (3, "
				 "'o''k;');\n"
				 "/* block; comment */ INSERT INTO `a` VALUES (4, '--;');\n"
				 "INSERT INTO a VALUES (5, 'no final semicolon')",
				 "v.sql", 1));
	assert_value(f->conn, "SELECT COUNT(*) FROM a", "5");
	assert_value(f->conn, "SELECT s FROM a WHERE id = 1", "x;y");
	assert_value(f->conn, "SELECT s FROM a WHERE id = 2", "it\"s;");
	assert_value(f->conn, "SELECT s FROM a WHERE id = 3", "o'k;");
}

static void script_delimiter_keeps_a_trigger_body_whole(void **state)
{
	struct fixture *f = *state;

	ok(dbt_mysql_exec_script(f->conn,
				 "CREATE TABLE a (id INT PRIMARY KEY, n INT);\n"
				 "DELIMITER //\n"
				 "CREATE TRIGGER a_bi BEFORE INSERT ON a FOR EACH ROW\n"
				 "BEGIN\n"
				 "  SET NEW.n = NEW.id * 2;\n"
				 "  SET NEW.n = NEW.n + 1;\n"
				 "END//\n"
				 "DELIMITER ;\n"
				 "INSERT INTO a (id) VALUES (5);\n",
				 "v.sql", 1));
	assert_value(f->conn, "SELECT n FROM a", "11");
}

static void script_error_names_file_and_line(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(dbt_mysql_exec_script(f->conn,
					       "CREATE TABLE a (id INT PRIMARY KEY);\n"
					       "\n"
					       "/* two\n"
					       "   lines */\n"
					       "INSERT INTO a VALUES (1);\n"
					       "INSERT INTO a\n"
					       "  VALUES (1);\n"
					       "INSERT INTO a VALUES (3);\n",
					       "versions/ab12_x.sql", 10),
			 DBT_EDB);
	assert_string_equal(dbt_error_last(),
			    "versions/ab12_x.sql:15: Duplicate entry '1' for key 'PRIMARY' (in: "
			    "INSERT INTO a VALUES (1))");
	assert_value(f->conn, "SELECT COUNT(*) FROM a", "1");
}

static void rollback_undoes_and_commit_keeps(void **state)
{
	struct fixture *f = *state;

	ok(dbt_mysql_exec(f->conn, "CREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB"));
	ok(dbt_mysql_begin(f->conn));
	ok(dbt_mysql_exec(f->conn, "INSERT INTO a VALUES (1)"));
	ok(dbt_mysql_rollback(f->conn));
	assert_value(f->conn, "SELECT COUNT(*) FROM a", "0");
	ok(dbt_mysql_begin(f->conn));
	ok(dbt_mysql_exec(f->conn, "INSERT INTO a VALUES (2)"));
	ok(dbt_mysql_commit(f->conn));
	assert_value(f->conn, "SELECT COUNT(*) FROM a", "1");
}

static void migration_lock_keeps_a_second_session_out(void **state)
{
	struct fixture *f = *state;
	dbt_conn *other;

	assert_int_equal(test_mysql_connect(&f->other, f->dbname), 0);
	other = f->other;
	ok(dbt_mysql_lock(f->conn, 1000));
	assert_int_equal(dbt_mysql_lock(other, 0), DBT_ELOCKED);
	assert_non_null(strstr(dbt_error_last(), f->dbname));
	/* The words every dialect's lock timeout starts with. */
	assert_non_null(strstr(dbt_error_last(), "waited too long for the lock (0s): another "
						 "dbtool holds the migration lock of database '"));
	ok(dbt_mysql_unlock(f->conn));
	ok(dbt_mysql_lock(other, 1000));
	assert_int_equal(dbt_mysql_lock(f->conn, 0), DBT_ELOCKED);
	/* The lock goes with the session that held it. */
	dbt_mysql_close(other);
	f->other = NULL;
	ok(dbt_mysql_lock(f->conn, 5000));
	ok(dbt_mysql_unlock(f->conn));
	assert_int_equal(dbt_mysql_unlock(f->conn), DBT_ERROR);
}

static void lock_of_another_database_is_another_lock(void **state)
{
	struct fixture *f = *state;

	ok(dbt_mysql_lock(test_mysql_admin(), 0));
	ok(dbt_mysql_lock(f->conn, 0));
	ok(dbt_mysql_unlock(f->conn));
	ok(dbt_mysql_unlock(test_mysql_admin()));
}

static void statement_lock_timeout_gives_up_with_elocked(void **state)
{
	struct fixture *f = *state;
	dbt_conn *other;

	ok(dbt_mysql_exec(f->conn, "CREATE TABLE a (id INT PRIMARY KEY, n INT) ENGINE=InnoDB"));
	ok(dbt_mysql_exec(f->conn, "INSERT INTO a VALUES (1, 0)"));
	assert_int_equal(test_mysql_connect(&f->other, f->dbname), 0);
	other = f->other;
	ok(dbt_mysql_begin(other));
	ok(dbt_mysql_exec(other, "UPDATE a SET n = 1 WHERE id = 1"));
	ok(dbt_mysql_set_lock_timeout(f->conn, 1));
	assert_value(f->conn, "SELECT @@SESSION.innodb_lock_wait_timeout", "1");
	assert_int_equal(dbt_mysql_exec_script(f->conn, "\nUPDATE a SET n = 2 WHERE id = 1;\n",
					       "v.sql", 1),
			 DBT_ELOCKED);
	assert_non_null(strstr(dbt_error_last(), "v.sql:2: Lock wait timeout exceeded"));
	assert_non_null(
		strstr(dbt_error_last(),
		       ": gave up waiting for a lock after 1s (the statement lock timeout): "
		       "another session holds it; retry when that session is done (in: "
		       "UPDATE a SET n = 2"));
	ok(dbt_mysql_rollback(other));
	ok(dbt_mysql_set_lock_timeout(f->conn, 0));
	assert_value(f->conn,
		     "SELECT @@SESSION.innodb_lock_wait_timeout = "
		     "@@GLOBAL.innodb_lock_wait_timeout",
		     "1");
}

static void readonly_connection_refuses_writes(void **state)
{
	struct fixture *f = *state;
	dbt_conn *ro = NULL;
	dbt_url url;

	ok(dbt_mysql_exec(f->conn, "CREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB"));
	ok(dbt_url_parse_mysql(&url, getenv("DBTOOL_TEST_MYSQL_URL")));
	free(url.database);
	url.database = strdup(f->dbname);
	ok(dbt_mysql_open(&ro, &url, 1));
	dbt_url_release(&url);
	assert_value(ro, "SELECT COUNT(*) FROM a", "0");
	assert_int_equal(dbt_mysql_exec(ro, "INSERT INTO a VALUES (1)"), DBT_EDB);
	assert_non_null(strstr(dbt_error_last(), "READ ONLY"));
	dbt_mysql_close(ro);
}

static void quoted_names_and_literals_reach_the_server_intact(void **state)
{
	static const char *const names[] = {"plain", "Mixed", "select", "a`b", "a b;c", "x'y"};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		dbt_buf sql = DBT_BUF_INIT;
		dbt_mysql_rows rows;

		dbt_buf_puts(&sql, "CREATE TABLE ");
		dbt_mysql_quote_ident(&sql, names[i]);
		dbt_buf_puts(&sql, " (id INT)");
		assert_false(sql.oom);
		ok(dbt_mysql_exec(f->conn, sql.ptr));
		dbt_buf_clear(&sql);
		dbt_buf_puts(&sql, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE "
				   "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ");
		dbt_mysql_quote_literal(&sql, names[i]);
		assert_false(sql.oom);
		ok(dbt_mysql_query(&rows, f->conn, sql.ptr));
		assert_int_equal(rows.nrows, 1);
		assert_string_equal(dbt_mysql_cell(&rows, 0, 0), names[i]);
		dbt_mysql_rows_release(&rows);
		dbt_buf_release(&sql);
	}
}

/* Every keyword the server knows that the quoter leaves bare is one the
 * server takes as a bare column name: the reserved words are all quoted. */
static void every_reserved_word_of_the_server_is_quoted(void **state)
{
	struct fixture *f = *state;
	dbt_mysql_rows words;
	size_t i, bare = 0;

	ok(dbt_mysql_query(&words, f->conn,
			   "SELECT LOWER(WORD) FROM information_schema.KEYWORDS WHERE WORD "
			   "REGEXP '^[A-Za-z_][A-Za-z0-9_]*$'"));
	assert_true(words.nrows > 500);
	for (i = 0; i < words.nrows; i++) {
		dbt_buf sql = DBT_BUF_INIT, name = DBT_BUF_INIT;
		const char *w = dbt_mysql_cell(&words, i, 0);

		dbt_mysql_quote_ident(&name, w);
		assert_false(name.oom);
		if (name.ptr[0] != '`') {
			dbt_buf_printf(&sql, "CREATE TEMPORARY TABLE kw (%s INT)", name.ptr);
			assert_false(sql.oom);
			if (dbt_mysql_exec(f->conn, sql.ptr) < 0)
				fail_msg("'%s' is left bare, but the server refuses it: %s", w,
					 dbt_error_last());
			ok(dbt_mysql_exec(f->conn, "DROP TEMPORARY TABLE kw"));
			bare++;
		}
		dbt_buf_release(&sql);
		dbt_buf_release(&name);
	}
	assert_true(bare > 0);
	dbt_mysql_rows_release(&words);
}

static void quote_ident_is_bare_only_when_it_may_be(void **state)
{
	static const char *const cases[][2] = {
		{"users", "users"},
		{"user_2", "user_2"},
		{"Users", "`Users`"},
		{"order", "`order`"},
		{"2x", "`2x`"},
		{"a`b", "`a``b`"},
		{"accessible", "`accessible`"},
		{"window", "`window`"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dbt_buf b = DBT_BUF_INIT;

		dbt_mysql_quote_ident(&b, cases[i][0]);
		assert_false(b.oom);
		assert_string_equal(b.ptr, cases[i][1]);
		dbt_buf_release(&b);
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(libmariadb_is_loaded_by_the_first_connection),
		cmocka_unit_test(wrong_password_fails_without_showing_it),
		cmocka_unit_test(missing_socket_fails_naming_it),
		cmocka_unit_test(url_without_database_is_an_error),
		cmocka_unit_test(quote_ident_is_bare_only_when_it_may_be),
		T(every_reserved_word_of_the_server_is_quoted),
		T(query_returns_rows_and_nulls),
		T(exec_error_quotes_the_statement),
		T(script_runs_every_statement),
		T(script_delimiter_keeps_a_trigger_body_whole),
		T(script_error_names_file_and_line),
		T(rollback_undoes_and_commit_keeps),
		T(migration_lock_keeps_a_second_session_out),
		T(lock_of_another_database_is_another_lock),
		T(statement_lock_timeout_gives_up_with_elocked),
		T(readonly_connection_refuses_writes),
		T(quoted_names_and_literals_reach_the_server_intact),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
