/*
 * mysql.c - connections to MariaDB and MySQL through libmariadb, loaded
 * with dlopen() on the first connection (see mysql.h).
 *
 * As lib/pq.c does for libpq, each libmariadb function the library calls
 * goes through a pointer that load() resolves; unlike pq.c, the calls are
 * made through the table `my` here, since no other file calls libmariadb.
 * Statements are split here, one at a time, so that a failure names its
 * line: the server's multi-statement mode would say only that something
 * in the script failed.
 */
#include "mysql.h"

#include "dialect.h"
#include "error.h"
#include "ident.h"
#include "sha256.h"
#include "sqlsplit_mysql.h"

#include <ctype.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Only libmariadb's declarations are to be hidden; <mariadb/mysql.h> and
 * not <mysql.h>, which would find this module's own header. */
#pragma GCC visibility push(hidden)
#include <mariadb/mysql.h>
#pragma GCC visibility pop

#define ER_LOCK_WAIT_TIMEOUT_CODE 1205
#define ER_LOCK_DEADLOCK_CODE 1213

/* The libmariadb functions called: F(return type, name, (parameters)). */
/* clang-format off */
#define MY_FUNCTIONS(F)                                                                        \
	F(MYSQL *, mysql_init, (MYSQL * mysql))                                                  \
	F(int, mysql_options, (MYSQL * mysql, enum mysql_option option, const void *arg))        \
	F(MYSQL *, mysql_real_connect,                                                           \
	  (MYSQL * mysql, const char *host, const char *user, const char *passwd,                \
	   const char *db, unsigned int port, const char *unix_socket, unsigned long clientflag))\
	F(void, mysql_close, (MYSQL * sock))                                                     \
	F(int, mysql_real_query, (MYSQL * mysql, const char *q, unsigned long length))           \
	F(MYSQL_RES *, mysql_store_result, (MYSQL * mysql))                                      \
	F(void, mysql_free_result, (MYSQL_RES * result))                                         \
	F(unsigned int, mysql_num_fields, (MYSQL_RES * res))                                     \
	F(my_ulonglong, mysql_num_rows, (MYSQL_RES * res))                                       \
	F(MYSQL_ROW, mysql_fetch_row, (MYSQL_RES * result))                                      \
	F(unsigned long *, mysql_fetch_lengths, (MYSQL_RES * result))                            \
	F(unsigned int, mysql_field_count, (MYSQL * mysql))                                      \
	F(int, mysql_next_result, (MYSQL * mysql))                                               \
	F(const char *, mysql_error, (MYSQL * mysql))                                            \
	F(unsigned int, mysql_errno, (MYSQL * mysql))
/* clang-format on */

#define POINTER(ret, name, params) ret(*name) params;
static struct {
	MY_FUNCTIONS(POINTER)
} my;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded;
static char load_error[512];

static void load(void)
{
	const char *file = getenv("DBTOOL_LIBMARIADB");
	const char *missing = NULL;
	void *h;

	if (!file || !*file)
		file = DBT_MYSQL_SONAME;
	h = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();

		snprintf(load_error, sizeof(load_error),
			 "cannot load the mariadb client library '%s', which mariadb and mysql "
			 "urls need: %s",
			 file, why ? why : "unknown error");
		return;
	}
/* clang-format off */
#define RESOLVE(ret, name, params)                                     \
	if (!missing && !(*(void **)&my.name = dlsym(h, #name)))       \
		missing = #name;
	/* clang-format on */
	MY_FUNCTIONS(RESOLVE)
	if (missing) {
		snprintf(load_error, sizeof(load_error),
			 "the mariadb client library '%s' has no function '%s': it is too old",
			 file, missing);
		dlclose(h);
		return;
	}
	loaded = 1;
}

int dbt_mysql_load(void)
{
	if (pthread_once(&load_once, load) != 0)
		return dbt_error_set(DBT_ECONNECT, "cannot load the mariadb client library '%s'",
				     DBT_MYSQL_SONAME);
	if (!loaded)
		return dbt_error_set(DBT_ECONNECT, "%s", load_error);
	return 0;
}

struct mysql_conn {
	struct dbt_conn base;
	MYSQL *db;
	char *database;
	char lock_name[65]; /* GET_LOCK's name, at most 64 characters */
	int readonly;
	int lock_timeout_s; /* the statement lock timeout set last; 0 the
			     * server's */
	dbt_url url;	    /* a copy of the URL it was opened with, for
			     * dbt_mysql_open_like() */
};

static struct mysql_conn *conn_of(dbt_conn *conn)
{
	return (struct mysql_conn *)conn;
}

const char *dbt_mysql_database(const dbt_conn *conn)
{
	return ((const struct mysql_conn *)conn)->database;
}

/* Sets "[FILE:LINE: ]<server message> (in: <statement start>)" and returns
 * DBT_ELOCKED for a lock wait timeout (whose message then says what
 * timeout ran out and what to do), else DBT_EDB. */
static int db_error(struct mysql_conn *c, const char *file, int line, const char *stmt, size_t len)
{
	unsigned int code = my.mysql_errno(c->db);
	dbt_buf b = DBT_BUF_INIT;
	int rc = code == ER_LOCK_WAIT_TIMEOUT_CODE ? DBT_ELOCKED : DBT_EDB;

	if (file)
		dbt_buf_printf(&b, "%s:%d: ", file, line);
	dbt_buf_puts(&b, my.mysql_error(c->db));
	if (rc == DBT_ELOCKED) {
		dbt_buf_puts(&b, ": gave up waiting for a lock");
		if (c->lock_timeout_s > 0)
			dbt_buf_printf(&b, " after %ds (the statement lock timeout)",
				       c->lock_timeout_s);
		dbt_buf_puts(&b, ": another session holds it; retry when that session is done");
	}
	dbt_dialect_put_in(&b, stmt, len);
	return dbt_dialect_fail_with(&b, rc);
}

/* Sends one statement and reads and drops every result it has. */
static int run_stmt(struct mysql_conn *c, const char *stmt, size_t len, const char *file, int line)
{
	int more;

	c->base.nqueries++;
	if (my.mysql_real_query(c->db, stmt, (unsigned long)len) != 0)
		return db_error(c, file, line, stmt, len);
	do {
		MYSQL_RES *res = my.mysql_store_result(c->db);

		if (res)
			my.mysql_free_result(res);
		else if (my.mysql_field_count(c->db) != 0)
			return db_error(c, file, line, stmt, len);
		more = my.mysql_next_result(c->db);
		if (more > 0)
			return db_error(c, file, line, stmt, len);
	} while (more == 0);
	return 0;
}

int dbt_mysql_exec(dbt_conn *conn, const char *sql)
{
	return run_stmt(conn_of(conn), sql, strlen(sql), NULL, 0);
}

void dbt_mysql_rows_release(dbt_mysql_rows *rows)
{
	size_t i;

	if (!rows)
		return;
	for (i = 0; rows->cells && i < rows->nrows * rows->ncols; i++)
		free(rows->cells[i]);
	free(rows->cells);
	memset(rows, 0, sizeof(*rows));
}

const char *dbt_mysql_cell(const dbt_mysql_rows *rows, size_t row, size_t col)
{
	if (row >= rows->nrows || col >= rows->ncols)
		return NULL;
	return rows->cells[row * rows->ncols + col];
}

int dbt_mysql_query(dbt_mysql_rows *out, dbt_conn *conn, const char *sql)
{
	struct mysql_conn *c = conn_of(conn);
	MYSQL_RES *res;
	MYSQL_ROW row;
	size_t i, r = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	c->base.nqueries++;
	if (my.mysql_real_query(c->db, sql, (unsigned long)strlen(sql)) != 0)
		return db_error(c, NULL, 0, sql, strlen(sql));
	res = my.mysql_store_result(c->db);
	if (!res) {
		if (my.mysql_field_count(c->db) != 0)
			return db_error(c, NULL, 0, sql, strlen(sql));
		return 0;
	}
	out->ncols = my.mysql_num_fields(res);
	out->nrows = (size_t)my.mysql_num_rows(res);
	if (out->nrows && out->ncols &&
	    !(out->cells = calloc(out->nrows * out->ncols, sizeof(*out->cells)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	while (r < out->nrows && (row = my.mysql_fetch_row(res))) {
		unsigned long *lens = my.mysql_fetch_lengths(res);

		for (i = 0; i < out->ncols; i++) {
			char **cell = &out->cells[r * out->ncols + i];

			if (!row[i])
				continue;
			if (!(*cell = strndup(row[i], lens[i]))) {
				rc = dbt_error_oom();
				goto cleanup;
			}
		}
		r++;
	}
cleanup:
	my.mysql_free_result(res);
	/* Whatever other results there are (none for a plain query). */
	while (my.mysql_next_result(c->db) == 0)
		if ((res = my.mysql_store_result(c->db)))
			my.mysql_free_result(res);
	if (rc)
		dbt_mysql_rows_release(out);
	return rc;
}

int dbt_mysql_query_value(dbt_conn *conn, const char *sql, char **out)
{
	dbt_mysql_rows rows;
	const char *v;
	int rc;

	*out = NULL;
	if ((rc = dbt_mysql_query(&rows, conn, sql)) < 0)
		return rc;
	v = dbt_mysql_cell(&rows, 0, 0);
	if (v && !(*out = strdup(v)))
		rc = dbt_error_oom();
	dbt_mysql_rows_release(&rows);
	return rc;
}

int dbt_mysql_exec_script(dbt_conn *conn, const char *sql, const char *file, int first_line)
{
	return dbt_mysql_exec_script_each(conn, sql, file, first_line, NULL, NULL);
}

int dbt_mysql_exec_script_each(dbt_conn *conn, const char *sql, const char *file, int first_line,
			       dbt_stmt_fn done, void *arg)
{
	return dbt_mysql_exec_script_from(conn, sql, file, first_line, 0, done, arg);
}

int dbt_mysql_exec_script_from(dbt_conn *conn, const char *sql, const char *file, int first_line,
			       size_t skip, dbt_stmt_fn done, void *arg)
{
	struct mysql_conn *c = conn_of(conn);
	dbt_mysql_split split = DBT_MYSQL_SPLIT_INIT;
	dbt_sqlstmt st;
	size_t pos = 0, n = 0;
	int line = 0, more, rc;

	if (!file)
		file = "(script)";
	while ((more = dbt_mysql_sql_next(&st, sql, &pos, &line, &split)) != 0) {
		const char *s = sql + st.start;

		if (more < 0)
			return dbt_error_set(DBT_EPARSE,
					     "%s:%d: DELIMITER needs a delimiter of 1 to %d "
					     "characters",
					     file, first_line + st.line,
					     (int)sizeof(split.delim) - 1);
		if (++n > skip && (rc = run_stmt(c, s, st.len, file, first_line + st.line)) < 0)
			return rc;
		if (done && (rc = done(arg, n, s, st.len, first_line + st.line)) < 0)
			return rc;
	}
	return 0;
}

int dbt_mysql_begin(dbt_conn *conn)
{
	return dbt_mysql_exec(conn, conn_of(conn)->readonly ? "START TRANSACTION READ ONLY"
							    : "START TRANSACTION");
}

int dbt_mysql_commit(dbt_conn *conn)
{
	return dbt_mysql_exec(conn, "COMMIT");
}

int dbt_mysql_rollback(dbt_conn *conn)
{
	return dbt_mysql_exec(conn, "ROLLBACK");
}

/* GET_LOCK's name for the connection's database: "dbtool:" and the
 * database's name, or, when that is longer than the 64 characters the
 * server takes, "dbtool:" and the hex of the name's SHA-256. */
static void make_lock_name(struct mysql_conn *c)
{
	static const char prefix[] = "dbtool:";
	unsigned char h[32];
	size_t i;

	if (strlen(c->database) <= sizeof(c->lock_name) - sizeof(prefix)) {
		snprintf(c->lock_name, sizeof(c->lock_name), "%s%s", prefix, c->database);
		return;
	}
	dbt_sha256(h, c->database, strlen(c->database));
	snprintf(c->lock_name, sizeof(c->lock_name), "%s", prefix);
	for (i = 0; i < 28; i++)
		snprintf(c->lock_name + sizeof(prefix) - 1 + 2 * i, 3, "%02x", h[i]);
}

int dbt_mysql_lock(dbt_conn *conn, int timeout_ms)
{
	struct mysql_conn *c = conn_of(conn);
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	dbt_buf_puts(&sql, "SELECT GET_LOCK(");
	dbt_mysql_quote_literal(&sql, c->lock_name);
	dbt_buf_printf(&sql, ", %d)", timeout_ms > 0 ? (timeout_ms + 999) / 1000 : 0);
	if (sql.oom) {
		dbt_buf_release(&sql);
		return dbt_error_oom();
	}
	rc = dbt_mysql_query_value(conn, sql.ptr, &v);
	dbt_buf_release(&sql);
	if (rc < 0)
		return rc;
	if (!v || strcmp(v, "1"))
		/* Worded as on the other dialects first ("waited too long for
		 * the lock"), which scripts and the README rely on. */
		rc = dbt_error_set(DBT_ELOCKED,
				   "waited too long for the lock (%gs): another dbtool holds the "
				   "migration lock of database '%s' (GET_LOCK '%s'); retry when it "
				   "is done",
				   timeout_ms / 1000.0, c->database, c->lock_name);
	free(v);
	return rc;
}

int dbt_mysql_unlock(dbt_conn *conn)
{
	struct mysql_conn *c = conn_of(conn);
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	dbt_buf_puts(&sql, "SELECT RELEASE_LOCK(");
	dbt_mysql_quote_literal(&sql, c->lock_name);
	dbt_buf_putc(&sql, ')');
	if (sql.oom) {
		dbt_buf_release(&sql);
		return dbt_error_oom();
	}
	rc = dbt_mysql_query_value(conn, sql.ptr, &v);
	dbt_buf_release(&sql);
	if (rc == 0 && (!v || strcmp(v, "1")))
		rc = dbt_error_set(DBT_ERROR,
				   "cannot release the migration lock of database '%s': this "
				   "session does not hold it",
				   c->database);
	free(v);
	return rc;
}

int dbt_mysql_set_lock_timeout(dbt_conn *conn, int ms)
{
	struct mysql_conn *c = conn_of(conn);
	char sql[160];
	int rc;

	if (ms <= 0) {
		rc = dbt_mysql_exec(conn, "SET SESSION lock_wait_timeout = DEFAULT, "
					  "innodb_lock_wait_timeout = DEFAULT");
		if (rc == 0)
			c->lock_timeout_s = 0;
		return rc;
	}
	snprintf(sql, sizeof(sql),
		 "SET SESSION lock_wait_timeout = %d, innodb_lock_wait_timeout = %d",
		 (ms + 999) / 1000, (ms + 999) / 1000);
	rc = dbt_mysql_exec(conn, sql);
	if (rc == 0)
		c->lock_timeout_s = (ms + 999) / 1000;
	return rc;
}

/* The reserved words of MariaDB 10.11 (every word of its
 * information_schema.KEYWORDS that it refuses as a bare column name) and
 * of MySQL 8.0 (its manual's words marked R), which a bare identifier
 * cannot be; in strcmp order, for bsearch. */
static const char *const keywords[] = {
	"accessible",
	"add",
	"all",
	"alter",
	"analyze",
	"and",
	"as",
	"asc",
	"asensitive",
	"before",
	"between",
	"bigint",
	"binary",
	"blob",
	"both",
	"by",
	"call",
	"cascade",
	"case",
	"change",
	"char",
	"character",
	"check",
	"collate",
	"column",
	"condition",
	"constraint",
	"continue",
	"convert",
	"create",
	"cross",
	"cube",
	"cume_dist",
	"current_date",
	"current_role",
	"current_time",
	"current_timestamp",
	"current_user",
	"cursor",
	"database",
	"databases",
	"day_hour",
	"day_microsecond",
	"day_minute",
	"day_second",
	"dec",
	"decimal",
	"declare",
	"default",
	"delayed",
	"delete",
	"delete_domain_id",
	"dense_rank",
	"desc",
	"describe",
	"deterministic",
	"distinct",
	"distinctrow",
	"div",
	"do_domain_ids",
	"double",
	"drop",
	"dual",
	"each",
	"else",
	"elseif",
	"empty",
	"enclosed",
	"escaped",
	"except",
	"exists",
	"exit",
	"explain",
	"false",
	"fetch",
	"first_value",
	"float",
	"float4",
	"float8",
	"for",
	"force",
	"foreign",
	"from",
	"fulltext",
	"function",
	"generated",
	"get",
	"grant",
	"group",
	"grouping",
	"groups",
	"having",
	"high_priority",
	"hour_microsecond",
	"hour_minute",
	"hour_second",
	"if",
	"ignore",
	"ignore_domain_ids",
	"in",
	"index",
	"infile",
	"inner",
	"inout",
	"insensitive",
	"insert",
	"int",
	"int1",
	"int2",
	"int3",
	"int4",
	"int8",
	"integer",
	"intersect",
	"interval",
	"into",
	"io_after_gtids",
	"io_before_gtids",
	"is",
	"iterate",
	"join",
	"json_table",
	"key",
	"keys",
	"kill",
	"lag",
	"last_value",
	"lateral",
	"lead",
	"leading",
	"leave",
	"left",
	"like",
	"limit",
	"linear",
	"lines",
	"load",
	"localtime",
	"localtimestamp",
	"lock",
	"long",
	"longblob",
	"longtext",
	"loop",
	"low_priority",
	"master_bind",
	"master_demote_to_replica",
	"master_demote_to_slave",
	"master_ssl_verify_server_cert",
	"match",
	"maxvalue",
	"mediumblob",
	"mediumint",
	"mediumtext",
	"middleint",
	"minute_microsecond",
	"minute_second",
	"mod",
	"modifies",
	"natural",
	"no_write_to_binlog",
	"not",
	"nth_value",
	"ntile",
	"null",
	"numeric",
	"of",
	"offset",
	"on",
	"optimize",
	"optimizer_costs",
	"option",
	"optionally",
	"or",
	"order",
	"out",
	"outer",
	"outfile",
	"over",
	"page_checksum",
	"parse_vcol_expr",
	"partition",
	"percent_rank",
	"portion",
	"precision",
	"primary",
	"procedure",
	"purge",
	"range",
	"rank",
	"read",
	"read_write",
	"reads",
	"real",
	"recursive",
	"ref_system_id",
	"references",
	"regexp",
	"release",
	"rename",
	"repeat",
	"replace",
	"require",
	"resignal",
	"restrict",
	"return",
	"returning",
	"revoke",
	"right",
	"rlike",
	"row",
	"row_number",
	"rows",
	"schema",
	"schemas",
	"second_microsecond",
	"select",
	"sensitive",
	"separator",
	"set",
	"show",
	"signal",
	"smallint",
	"spatial",
	"specific",
	"sql",
	"sql_big_result",
	"sql_calc_found_rows",
	"sql_small_result",
	"sqlexception",
	"sqlstate",
	"sqlwarning",
	"ssl",
	"starting",
	"stats_auto_recalc",
	"stats_persistent",
	"stats_sample_pages",
	"stored",
	"straight_join",
	"system",
	"table",
	"terminated",
	"then",
	"tinyblob",
	"tinyint",
	"tinytext",
	"to",
	"trailing",
	"trigger",
	"true",
	"undo",
	"union",
	"unique",
	"unlock",
	"unsigned",
	"update",
	"usage",
	"use",
	"using",
	"utc_date",
	"utc_time",
	"utc_timestamp",
	"values",
	"varbinary",
	"varchar",
	"varcharacter",
	"varying",
	"virtual",
	"when",
	"where",
	"while",
	"window",
	"with",
	"write",
	"xor",
	"year_month",
	"zerofill",
};

static int cmp_keyword(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void dbt_mysql_quote_ident(dbt_buf *out, const char *name)
{
	const char *s;
	int bare = (*name >= 'a' && *name <= 'z') || *name == '_';

	for (s = name; bare && *s; s++)
		bare = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_';
	if (bare && (bsearch(&name, keywords, sizeof(keywords) / sizeof(keywords[0]),
			     sizeof(keywords[0]), cmp_keyword) ||
		     dbt_ident_sqlite_internal(name)))
		bare = 0;
	if (bare) {
		dbt_buf_puts(out, name);
		return;
	}
	dbt_buf_putc(out, '`');
	for (s = name; *s; s++) {
		if (*s == '`')
			dbt_buf_putc(out, '`');
		dbt_buf_putc(out, *s);
	}
	dbt_buf_putc(out, '`');
}

void dbt_mysql_quote_literal(dbt_buf *out, const char *value)
{
	const char *s;

	dbt_buf_putc(out, '\'');
	for (s = value; *s; s++) {
		if (*s == '\'' || *s == '\\')
			dbt_buf_putc(out, *s);
		dbt_buf_putc(out, *s);
	}
	dbt_buf_putc(out, '\'');
}

/* The value of query parameter `key` of `url`, or NULL. */
static const char *param(const dbt_url *url, const char *key)
{
	size_t i;

	for (i = 0; i < url->nparams; i++)
		if (!strcmp(url->keys[i], key))
			return url->values[i];
	return NULL;
}

/* Sets "cannot connect to '<url, password hidden>': <why>". */
static int connect_error(const dbt_url *url, const char *why)
{
	char *shown = dbt_url_redact(url);
	int rc;

	if (!shown)
		return dbt_error_oom();
	rc = dbt_error_set(DBT_ECONNECT, "cannot connect to '%s': %s", shown, why);
	free(shown);
	return rc;
}

/* A deep copy of `from` into `to`, which the caller releases with
 * dbt_url_release(), also after a failure. */
static int url_copy(dbt_url *to, const dbt_url *from)
{
	size_t i;

	memset(to, 0, sizeof(*to));
	to->kind = from->kind;
#define COPY(f) (!from->f || (to->f = strdup(from->f)))
	if (!COPY(scheme) || !COPY(user) || !COPY(password) || !COPY(host) || !COPY(port) ||
	    !COPY(database))
		return dbt_error_oom();
#undef COPY
	if (!from->nparams)
		return 0;
	if (!(to->keys = calloc(from->nparams, sizeof(*to->keys))) ||
	    !(to->values = calloc(from->nparams, sizeof(*to->values))))
		return dbt_error_oom();
	for (i = 0; i < from->nparams; i++) {
		to->nparams++;
		if (!(to->keys[i] = strdup(from->keys[i])) ||
		    !(to->values[i] = strdup(from->values[i])))
			return dbt_error_oom();
	}
	return 0;
}

/* Applies the URL's query parameters (url.c let only known ones through)
 * as libmariadb's options. */
static int set_options(MYSQL *db, const dbt_url *url)
{
	static const struct {
		const char *key;
		enum mysql_option option;
		int number;
	} map[] = {
		{"connect_timeout", MYSQL_OPT_CONNECT_TIMEOUT, 1},
		{"read_timeout", MYSQL_OPT_READ_TIMEOUT, 1},
		{"write_timeout", MYSQL_OPT_WRITE_TIMEOUT, 1},
		{"ssl_ca", MYSQL_OPT_SSL_CA, 0},
		{"ssl_capath", MYSQL_OPT_SSL_CAPATH, 0},
		{"ssl_cert", MYSQL_OPT_SSL_CERT, 0},
		{"ssl_key", MYSQL_OPT_SSL_KEY, 0},
		{"ssl_cipher", MYSQL_OPT_SSL_CIPHER, 0},
	};
	const char *charset = param(url, "charset");
	size_t i;

	if (my.mysql_options(db, MYSQL_SET_CHARSET_NAME, charset ? charset : "utf8mb4"))
		return connect_error(url, "cannot set the character set");
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const char *v = param(url, map[i].key);
		unsigned int n;
		char *end;

		if (!v)
			continue;
		if (map[i].number) {
			unsigned long l = strtoul(v, &end, 10);

			if (*end || !isdigit((unsigned char)*v) || l > 86400) {
				dbt_buf b = DBT_BUF_INIT;
				int rc;

				dbt_buf_printf(&b,
					       "query parameter %s must be a number of seconds "
					       "(0 to 86400)",
					       map[i].key);
				rc = b.oom ? dbt_error_oom() : connect_error(url, b.ptr);
				dbt_buf_release(&b);
				return rc;
			}
			n = (unsigned int)l;
			if (my.mysql_options(db, map[i].option, &n))
				return connect_error(url, "cannot set a timeout");
		} else if (my.mysql_options(db, map[i].option, v)) {
			return connect_error(url, "cannot set an ssl option");
		}
	}
	return 0;
}

int dbt_mysql_open(dbt_conn **out, const dbt_url *url, int readonly)
{
	struct mysql_conn *c;
	const char *sock = param(url, "unix_socket");
	unsigned int port = url->port ? (unsigned int)atoi(url->port) : 0;
	int rc;

	*out = NULL;
	if (!url->database)
		return connect_error(url, "the url names no database (mysql://user@host/DATABASE)");
	if ((rc = dbt_mysql_load()) < 0)
		return rc;
	c = calloc(1, sizeof(*c));
	if (!c)
		return dbt_error_oom();
	c->base.dialect = &dbt_dialect_mysql;
	c->readonly = readonly;
	if ((rc = url_copy(&c->url, url)) < 0)
		goto fail;
	if (!(c->database = strdup(url->database))) {
		rc = dbt_error_oom();
		goto fail;
	}
	make_lock_name(c);
	if (!(c->db = my.mysql_init(NULL))) {
		rc = dbt_error_oom();
		goto fail;
	}
	if ((rc = set_options(c->db, url)) < 0)
		goto fail;
	if (!my.mysql_real_connect(c->db, sock && !url->host ? "localhost" : url->host, url->user,
				   url->password ? url->password : "", url->database, port, sock,
				   CLIENT_MULTI_RESULTS)) {
		rc = connect_error(url, my.mysql_error(c->db));
		goto fail;
	}
	if ((rc = dbt_mysql_exec(&c->base, "SET SESSION autocommit = 1")) < 0 ||
	    (readonly && (rc = dbt_mysql_exec(&c->base, "SET SESSION TRANSACTION READ ONLY")) < 0))
		goto fail;
	*out = &c->base;
	return 0;
fail:
	dbt_mysql_close(&c->base);
	return rc;
}

void dbt_mysql_close(dbt_conn *conn)
{
	struct mysql_conn *c;

	if (!conn)
		return;
	c = conn_of(conn);
	if (c->db)
		my.mysql_close(c->db);
	dbt_url_release(&c->url);
	free(c->database);
	free(c);
}

int dbt_mysql_open_like(dbt_conn **out, const dbt_conn *conn, const char *database)
{
	const struct mysql_conn *c = (const struct mysql_conn *)conn;
	dbt_url url = c->url;

	if (database)
		url.database = (char *)database;
	return dbt_mysql_open(out, &url, 0);
}
