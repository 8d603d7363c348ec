/*
 * mysql.h - connections to MariaDB and MySQL servers through libmariadb
 * (MariaDB Connector/C, which speaks to both), and their reflection.
 *
 * The functions of the MariaDB/MySQL dialect: most have the signature of
 * the matching entry of struct dbt_dialect (dialect.h), and the dialect
 * table (dialect_mysql.c, dbt_dialect_mysql) is a list of their names.  A
 * connection opened here is a dialect connection like any other: close it
 * with dbt_conn_close() or dbt_mysql_close().
 *
 * libmariadb is not linked: like libpq (pq.h), it is loaded with dlopen()
 * on the first connection, so that SQLite and PostgreSQL runs never load
 * it.  Every function follows the library's convention: 0 or a negative
 * DBT_E* code with a one-line message in dbt_error_last(), which never
 * holds the password.
 */
#ifndef DBT_MYSQL_H
#define DBT_MYSQL_H

#include "buf.h"
#include "dbtool.h"
#include "dialect.h"
#include "type.h"

struct dbt_schema;

/* The shared library dbt_mysql_load() opens unless DBTOOL_LIBMARIADB
 * names another file. */
#define DBT_MYSQL_SONAME "libmariadb.so.3"

/*
 * Parses `text` as dbt_url_parse() does (url.c), which takes MariaDB/MySQL
 * URLs: mysql://, mariadb://, with any driver (mysql+pymysql://,
 * mysql+mysqldb://, mariadb+mariadbconnector://, ...), kind
 * DBT_DIALECT_MYSQL.  Their query parameters are those SQLAlchemy's
 * mysqlclient and PyMySQL dialects hand to the driver: unix_socket (a
 * socket path; the host is then empty or "localhost"), charset,
 * connect_timeout, read_timeout, write_timeout (seconds), ssl_ca,
 * ssl_capath, ssl_cert, ssl_key, ssl_cipher; any other is DBT_EPARSE.
 */
int dbt_url_parse_mysql(dbt_url *out, const char *text);

/*
 * Loads libmariadb and resolves every function mysql.c calls; does
 * nothing once that succeeded.  DBT_ECONNECT naming the library when it
 * cannot be loaded or lacks a function.  Thread-safe.
 */
int dbt_mysql_load(void);

/*
 * Connects to the server and database `url` names (kind
 * DBT_DIALECT_MYSQL): TCP to host:port (default 3306), or the socket of
 * ?unix_socket=; the session in utf8mb4 (or ?charset=), with autocommit
 * on and the server's sql_mode (scripts are split assuming backslash
 * escapes in strings, the default).  A URL without a database
 * is DBT_ECONNECT: every statement dbtool runs is in that database.
 * `readonly`: the session's transactions are READ ONLY.  On failure,
 * DBT_ECONNECT with the server's message and the URL with its password
 * hidden, and `*out` NULL.  The caller closes the connection with
 * dbt_mysql_close().
 */
int dbt_mysql_open(dbt_conn **out, const dbt_url *url, int readonly);

/* Closes the connection (releasing the lock with it); NULL does nothing. */
void dbt_mysql_close(dbt_conn *conn);

/*
 * Opens another connection to the server of `conn`, with its URL's user,
 * password and options, to database `database` (NULL: the same one as
 * `conn`); as dbt_mysql_open() otherwise.  For the scratch database
 * (scratch_mysql.c), which must not disturb the session of `conn`.
 */
int dbt_mysql_open_like(dbt_conn **out, const dbt_conn *conn, const char *database);

/* The database the connection uses (the URL's); owned by the connection. */
const char *dbt_mysql_database(const dbt_conn *conn);

/* Runs one statement; its rows, if any, are read and dropped.  DBT_EDB
 * with "DATABASE MESSAGE (in: STATEMENT START)", DBT_ELOCKED when it
 * waited too long for a lock. */
int dbt_mysql_exec(dbt_conn *conn, const char *sql);

/*
 * Runs every statement of `sql` in order, one at a time.  Statements end
 * at ';' outside strings ('...', "..." with backslash escapes), quoted
 * identifiers (`...`) and comments (-- followed by a blank, #, and
 * slash-star ones); a line "DELIMITER //" changes the terminator until the
 * next DELIMITER line, as in the mysql client, for bodies of triggers and
 * routines.  On failure stops at the failing statement with
 * "FILE:LINE: DATABASE MESSAGE (in: STATEMENT START)", LINE being
 * `first_line` plus the statement's line offset in `sql` (`file` NULL:
 * "(script)").  MariaDB and MySQL commit implicitly before and after most
 * DDL: what ran before a failure may stay.
 */
int dbt_mysql_exec_script(dbt_conn *conn, const char *sql, const char *file, int first_line);

/* The same, calling `done` after each statement has succeeded (see
 * dbt_stmt_fn in dialect.h); a negative return from it stops the script
 * and becomes its result. */
int dbt_mysql_exec_script_each(dbt_conn *conn, const char *sql, const char *file, int first_line,
			       dbt_stmt_fn done, void *arg);
/* The same, only splitting the first `skip` statements (see the
 * dialect's exec_script_from). */
int dbt_mysql_exec_script_from(dbt_conn *conn, const char *sql, const char *file, int first_line,
			       size_t skip, dbt_stmt_fn done, void *arg);

/* The rows of a query: `cells` holds nrows * ncols values, row after row,
 * NULL for SQL NULL; released with dbt_mysql_rows_release(). */
typedef struct dbt_mysql_rows {
	size_t nrows, ncols;
	char **cells;
} dbt_mysql_rows;

/* Runs a query and hands back all its rows, as text.  On failure `out`
 * holds nothing to release. */
int dbt_mysql_query(dbt_mysql_rows *out, dbt_conn *conn, const char *sql);

/* The value at (row, col); NULL for SQL NULL or outside the rows. */
const char *dbt_mysql_cell(const dbt_mysql_rows *rows, size_t row, size_t col);

void dbt_mysql_rows_release(dbt_mysql_rows *rows);

/* The first column of the first row (`*out` NULL when there is no row or
 * it is NULL); the caller frees it. */
int dbt_mysql_query_value(dbt_conn *conn, const char *sql, char **out);

/* Transaction control: START TRANSACTION (READ ONLY on a read-only
 * connection), COMMIT, ROLLBACK. */
int dbt_mysql_begin(dbt_conn *conn);
int dbt_mysql_commit(dbt_conn *conn);
int dbt_mysql_rollback(dbt_conn *conn);

/*
 * The migration lock: GET_LOCK of a name made of the database's (the lock
 * is the server's, for every database on it), held by the session until
 * dbt_mysql_unlock() or the connection ends.  DBT_ELOCKED when another
 * session holds it for `timeout_ms` (0: tries once).
 */
int dbt_mysql_lock(dbt_conn *conn, int timeout_ms);
int dbt_mysql_unlock(dbt_conn *conn);

/* How long each following statement waits for a table or row lock
 * (lock_wait_timeout, innodb_lock_wait_timeout), in ms rounded up to whole
 * seconds; 0 restores the server's defaults. */
int dbt_mysql_set_lock_timeout(dbt_conn *conn, int ms);

/* Quoting: an identifier (bare only when it is [a-z_][a-z0-9_]*, not
 * a keyword and not one of SQLite's own tables, which the model's parser
 * skips when bare; else in backticks, embedded backticks doubled) and a string
 * literal ('...', with quotes and backslashes escaped). */
void dbt_mysql_quote_ident(dbt_buf *out, const char *name);
void dbt_mysql_quote_literal(dbt_buf *out, const char *value);

/*
 * Reads the tables of the connection's database (`schema_name` another
 * database of the server, NULL for the connection's) into a new Schema
 * (schema.h) the caller frees with dbt_schema_free(): columns with their
 * types as declared, nullability, defaults, AUTO_INCREMENT and generated
 * expressions, primary keys, unique constraints, indexes (prefix lengths,
 * descending keys, FULLTEXT and SPATIAL; not MySQL's expression keys),
 * foreign keys with their actions, and check constraints; the version and
 * history tables are left out.  Six information_schema queries, whatever
 * the number of tables (information_schema reads no snapshot: a table
 * changed meanwhile may be read half before, half after).
 * (reflect_mysql.c)
 */
int dbt_mysql_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name);

/* The portable kind of a DATA_TYPE of information_schema.COLUMNS (`len`
 * bytes, any case): int is INTEGER, datetime TIMESTAMP, ...; OTHER for a
 * type of MariaDB's own.  Reflection and the model's adaptation share it. */
dbt_type_kind dbt_mysql_type_kind(const char *data_type, size_t len);

#endif
