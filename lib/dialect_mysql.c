/*
 * dialect_mysql.c - the MariaDB/MySQL dialect, through libmariadb
 * (mysql.c), its reflection (reflect_mysql.c) and its rendering
 * (render_mysql.c).
 *
 * MariaDB and MySQL commit before and after most DDL, whatever
 * transaction is open: the dialect has no DBT_CAP_TRANSACTIONAL_DDL, and
 * the runner journals a revision statement by statement instead of
 * running it in one transaction (runner.c).  The migration lock is
 * GET_LOCK, held by the session for the whole run, so that what one
 * transaction of a run read holds in the next (no written_by_others).
 */
#include "dialect.h"

#include "error.h"
#include "mysql.h"
#include "render_mysql.h"
#include "sqlsplit_mysql.h"
#include "txcontrol.h"

#include <stdlib.h>
#include <string.h>

/* query_rows() over dbt_mysql_query(): every row is read first. */
static int query_rows(dbt_conn *conn, const char *sql, dbt_row_fn fn, void *arg)
{
	dbt_mysql_rows rows;
	size_t r;
	int rc = dbt_mysql_query(&rows, conn, sql);

	for (r = 0; rc == 0 && r < rows.nrows; r++)
		rc = fn(arg, rows.ncols, (const char *const *)rows.cells + r * rows.ncols);
	dbt_mysql_rows_release(&rows);
	return rc;
}

/*
 * Back to the database the URL names (a revision may have run USE), the
 * session variables a revision is likely to change back to the server's
 * defaults, autocommit on, and dbtool's statement lock timeout.  The
 * session itself stays (a reset of the connection would release the
 * GET_LOCK of the run).
 */
static int reset_session(dbt_conn *conn)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	dbt_buf_puts(&sql, "USE ");
	dbt_mysql_quote_ident(&sql, dbt_mysql_database(conn));
	rc = sql.oom ? dbt_error_oom() : dbt_mysql_exec(conn, sql.ptr);
	dbt_buf_release(&sql);
	if (rc == 0)
		rc = dbt_mysql_exec(conn, "SET SESSION autocommit = 1, sql_mode = DEFAULT, "
					  "foreign_key_checks = DEFAULT, unique_checks = DEFAULT, "
					  "time_zone = DEFAULT, character_set_client = DEFAULT, "
					  "character_set_results = DEFAULT, "
					  "character_set_connection = DEFAULT");
	if (rc == 0)
		rc = dbt_mysql_set_lock_timeout(conn, dbt_conn_lock_timeout(conn));
	return rc;
}

/* The session-level GET_LOCK; once held, statements wait for table and
 * row locks the statement lock timeout at most. */
static int lock(dbt_conn *conn, int timeout_ms)
{
	int rc = dbt_mysql_lock(conn, timeout_ms);

	if (rc == 0 && (rc = dbt_mysql_set_lock_timeout(conn, dbt_conn_lock_timeout(conn))) < 0)
		dbt_mysql_unlock(conn);
	return rc;
}

static int unlock(dbt_conn *conn)
{
	int rc = dbt_mysql_set_lock_timeout(conn, 0);
	int rc2 = dbt_mysql_unlock(conn);

	return rc < 0 ? rc : rc2;
}

/* `schema` is another database of the server; NULL the connection's. */
static int table_exists(dbt_conn *conn, const char *schema, const char *name, int *out)
{
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	*out = 0;
	dbt_buf_puts(&sql, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ");
	if (schema)
		dbt_mysql_quote_literal(&sql, schema);
	else
		dbt_buf_puts(&sql, "DATABASE()");
	dbt_buf_puts(&sql, " AND table_name = ");
	dbt_mysql_quote_literal(&sql, name);
	rc = sql.oom ? dbt_error_oom() : dbt_mysql_query_value(conn, sql.ptr, &v);
	if (rc == 0)
		*out = v && strcmp(v, "0") != 0;
	free(v);
	dbt_buf_release(&sql);
	return rc;
}

/* The transaction-control words (txcontrol.h): XA too, and BEGIN NOT
 * ATOMIC opens a compound statement, not a transaction. */
static int is_tx_control(const char *w1, const char *w2)
{
	if (!strcmp(w1, "begin") && !strcmp(w2, "not"))
		return 0; /* BEGIN NOT ATOMIC ... END */
	if (!strcmp(w1, "xa"))
		return 1; /* XA START, XA COMMIT, ... */
	return dbt_txcontrol_words(w1, w2);
}

/*
 * The offline script cannot journal as the runner does (it is run by the
 * mariadb or mysql client, which keeps no count of what ran), so it says
 * what it does instead, once at its start.  It then talks to the server in
 * utf8mb4, as dbtool's connections do by default (url.c): revision files
 * are UTF-8, and the triggers and routines a script creates keep the
 * session's character set.
 */
#define SCRIPT_START                                                                             \
	"-- MariaDB/MySQL commit each DDL statement at once, so no revision below runs in one\n" \
	"-- transaction: its statements run and commit one by one, and its version and\n"        \
	"-- history rows are written, in a transaction of their own, after its last\n"           \
	"-- statement.  The mariadb client stops at the first error (unless --force), so a\n"    \
	"-- failed statement leaves the database between two revisions: the statements of\n"     \
	"-- that revision before it stay committed, and the version stays where the\n"           \
	"-- revision started from.  Finish or undo those statements by hand, then run\n"         \
	"-- 'dbtool stamp' with the revision the database is then at.\n"                         \
	"SET NAMES utf8mb4;\n\n"

const struct dbt_dialect dbt_dialect_mysql = {
	.name = "mysql",
	.kind = DBT_DIALECT_MYSQL,
	.title = "MariaDB/MySQL",
	.a_title = "a MariaDB/MySQL",
	.open = dbt_mysql_open,
	.close = dbt_mysql_close,
	.exec_script = dbt_mysql_exec_script,
	.exec_script_each = dbt_mysql_exec_script_each,
	.exec_script_from = dbt_mysql_exec_script_from,
	.split_script = dbt_mysql_sql_split,
	.is_tx_control = is_tx_control,
	.exec = dbt_mysql_exec,
	.query_value = dbt_mysql_query_value,
	.query_rows = query_rows,
	.begin = dbt_mysql_begin,
	.commit = dbt_mysql_commit,
	.rollback = dbt_mysql_rollback,
	.lock = lock,
	.unlock = unlock,
	.set_lock_timeout = dbt_mysql_set_lock_timeout,
	.reset_session = reset_session,
	.table_exists = table_exists,
	.reflect = dbt_mysql_reflect,
	.quote_ident = dbt_mysql_quote_ident,
	.quote_literal = dbt_mysql_quote_literal,
	.script_start = SCRIPT_START,
	.scratch_open = dbt_mysql_scratch_open,
	.scratch_close = dbt_mysql_scratch_close,
	/* MariaDB lets a column a view reads change or go, the view then
	 * failing when read: its views and triggers are dropped around such
	 * a change and made again after it, as on PostgreSQL, so that each
	 * is created on the columns it reads in both directions. */
	.caps = DBT_CAP_ALTER_COLUMN_TYPE | DBT_CAP_ALTER_UNDER_OBJECTS | DBT_CAP_BACKTICK_NAMES |
		DBT_CAP_OTHER_OBJECTS | DBT_CAP_NOCASE_COLUMNS | DBT_CAP_RENAME_INDEX,
	/* 1 stores table names in lower case, 2 compares them so. */
	.nocase_tables_sql = "SELECT @@lower_case_table_names <> 0",
	/* No schemas: `exclude =` patterns qualify names as on SQLite. */
	.default_schema = "main",
	.any_object_sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() "
			  "UNION ALL SELECT 1 FROM information_schema.routines WHERE "
			  "routine_schema = DATABASE() LIMIT 1",
	.now_sql = "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%dT%H:%i:%sZ')",
	.render_op = dbt_mysql_render_op,
	.render_ops = dbt_mysql_render_ops,
	.portable_types = dbt_mysql_portable_types,
	.model_spelling = dbt_mysql_model_spelling,
	.adapt = dbt_mysql_adapt,
	.op_implied = dbt_mysql_op_implied,
	.autoincrement = dbt_mysql_autoincrement,
	.autoincrement_is = dbt_mysql_autoincrement_is,
	.drop_tables = dbt_mysql_drop_tables,
	.put_column_type = dbt_mysql_put_column_type,
	.put_column_identity = dbt_mysql_put_column_identity,
	.put_column_end = dbt_mysql_put_column_end,
	.put_table_options = dbt_mysql_put_table_options,
	.put_index_head = dbt_mysql_put_index_head,
	.put_expr = dbt_mysql_put_expr,
};
