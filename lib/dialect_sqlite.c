/*
 * dialect_sqlite.c - the SQLite dialect, through the sqlite3 library.
 *
 * Scripts run one statement at a time through sqlite3_prepare_v2 and its
 * tail pointer, so a failure names the statement and its line.  The
 * migration lock is SQLite's own write lock: begin() is BEGIN IMMEDIATE,
 * which takes it at once, waiting up to the busy timeout that lock() sets.
 */
#include "dialect.h"

#include "error.h"
#include "ident.h"
#include "render.h"
#include "sqlite_fkcheck.h"
#include "sqlite_memory.h"
#include "sqlite_rows.h"
#include "txcontrol.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long any statement waits for another connection's lock until
 * lock() says otherwise, so that readers do not fail on a writer's
 * commit. */
#define DEFAULT_BUSY_MS 5000

struct sqlite_conn {
	dbt_conn base;
	sqlite3 *db;
	char *path; /* as named in messages */
	int busy_ms;
	int last_code;		    /* SQLite's result code for the last failure */
	sqlite3_int64 data_version; /* PRAGMA data_version at the last begin() */
	int data_version_known;	    /* 0 before the first begin(), or when it
				     * could not be read */
	int others_wrote;	    /* another connection may have committed
				     * between the last two begin()s */
	struct sqlite_fk fk;	    /* the foreign-key check at COMMIT */
	long long schema_rows;	    /* rows of sqlite_schema when opened */
	/* SQLite's own read of sqlite_schema when opened, for the first
	 * reflection (open_to_reflect); NULL: none, or taken, or released. */
	struct sqlite_capture *capture;
	/* Which of dbtool's own tables (own_tables[], bit by bit) one scan
	 * of sqlite_schema found, at schema version own_version; any change
	 * of schema, by this connection or another, changes the version. */
	int own_known;
	sqlite3_int64 own_version;
	unsigned own_found;
	/* The triggers and views (read_kept's rows) of SQLite's read of
	 * sqlite_schema when opened to reflect, at schema version
	 * kept_version; kept until the close, through release_memory. */
	int kept_known;
	sqlite3_int64 kept_version;
	struct rows kept;
};

/* The tables dbtool keeps its book in, which table_exists() is asked
 * about several times a run. */
static const char *const own_tables[] = {DBT_VERSION_TABLE, DBT_HISTORY_TABLE, DBT_JOURNAL_TABLE};

static struct sqlite_conn *conn_of(dbt_conn *conn)
{
	return (struct sqlite_conn *)conn;
}

struct sqlite3 *dbt_sqlite_handle(dbt_conn *conn)
{
	return conn_of(conn)->db;
}

long long dbt_sqlite_schema_rows(dbt_conn *conn)
{
	return conn_of(conn)->schema_rows;
}

struct sqlite_capture *dbt_sqlite_take_capture(dbt_conn *conn)
{
	struct sqlite_capture *cap = conn_of(conn)->capture;

	conn_of(conn)->capture = NULL;
	return cap;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Moves past blanks and comments (SQLite's comments do not nest, and an
 * unterminated block comment runs to the end), counting newlines. */
static const char *skip_blanks(const char *p, int *line)
{
	for (;;) {
		if (is_space(*p)) {
			if (*p == '\n')
				(*line)++;
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			p += 2;
			while (*p && !(p[0] == '*' && p[1] == '/')) {
				if (*p == '\n')
					(*line)++;
				p++;
			}
			if (*p)
				p += 2;
		} else {
			return p;
		}
	}
}

static int count_newlines(const char *p, const char *end)
{
	int n = 0;

	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

/* The length of the statement at `p` when SQLite could not prepare it:
 * up to the first semicolon that completes a statement (so a trigger body
 * stays whole), else the rest of the script. */
static size_t failed_stmt_len(const char *p)
{
	const char *semi = p;
	size_t total = strlen(p);

	while ((semi = strchr(semi, ';')) != NULL) {
		size_t len = (size_t)(semi - p) + 1;
		char *prefix = strndup(p, len);
		int complete;

		if (!prefix)
			return total;
		complete = sqlite3_complete(prefix);
		free(prefix);
		if (complete)
			return len;
		semi++;
	}
	return total;
}

/* Sets "[FILE:LINE: ]<sqlite message> (in: <statement start>)"; `file`
 * NULL leaves out the position. */
static int db_error(struct sqlite_conn *c, const char *file, int line, const char *stmt, size_t len)
{
	dbt_buf msg = DBT_BUF_INIT;

	c->last_code = sqlite3_errcode(c->db);
	while (len && (is_space(stmt[len - 1]) || stmt[len - 1] == ';'))
		len--;
	if (file)
		dbt_buf_printf(&msg, "%s:%d: ", file, line);
	dbt_dialect_excerpt(&msg, sqlite3_errmsg(c->db), strlen(sqlite3_errmsg(c->db)), 200);
	dbt_dialect_put_in(&msg, stmt, len);
	if ((c->last_code & 0xff) == SQLITE_READONLY)
		dbt_buf_printf(&msg,
			       "; the database '%s' is read-only: check the file's permissions "
			       "and the url's mode parameter",
			       c->path);
	return dbt_dialect_fail_with(&msg, DBT_EDB);
}

/*
 * Runs every statement of `sql`.  `file` NULL means a single statement
 * from the program itself, whose errors carry no position.
 */
static int run_sql(struct sqlite_conn *c, const char *sql, const char *file, int first_line)
{
	const char *p = sql, *tail = NULL;
	int line = first_line, rc = 0;

	for (;;) {
		sqlite3_stmt *stmt = NULL;
		int step;

		p = skip_blanks(p, &line);
		if (!*p)
			break;
		if (sqlite3_prepare_v2(c->db, p, -1, &stmt, &tail) != SQLITE_OK) {
			c->base.nqueries++;
			rc = db_error(c, file, line, p, failed_stmt_len(p));
			goto cleanup;
		}
		if (!stmt) {
			/* Nothing but a lone ';'. */
			if (tail == p)
				break;
			line += count_newlines(p, tail);
			p = tail;
			continue;
		}
		c->base.nqueries++;
		/* The foreign-key check could not note a table the statement
		 * writes: out of memory is an error here already, where a
		 * connection that never commits (the scratch database's)
		 * would not learn it at the commit. */
		if (c->fk.touched_oom) {
			sqlite3_finalize(stmt);
			rc = dbt_error_oom();
			goto cleanup;
		}
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
			;
		if (step != SQLITE_DONE) {
			rc = db_error(c, file, line, p, (size_t)(tail - p));
			sqlite3_finalize(stmt);
			goto cleanup;
		}
		sqlite3_finalize(stmt);
		line += count_newlines(p, tail);
		p = tail;
	}
cleanup:
	return rc;
}

/*
 * The open flags the URL asks for: `?mode=ro|rw|rwc` as SQLite's own URIs
 * spell it (default rwc: read, write, create).  Any other parameter is an
 * error rather than silently ignored.
 */
/* The rows of sqlite_schema into c->schema_rows (the reflection's hint of
 * the schema's size): reading them has SQLite parse the schema, which
 * finds a file that is no database now rather than at the first
 * migration.  -1 with SQLite's error. */
static int count_schema(struct sqlite_conn *c)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) ==
		    SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		c->schema_rows = sqlite3_column_int64(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* PRAGMA schema_version, the file header's schema cookie: 0 or SQLite's
 * error code. */
static int read_cookie(sqlite3 *db, sqlite3_int64 *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * count_schema(), with the rows of SQLite's own read of sqlite_schema
 * (which the count has it make) captured into c->capture (sqlite_rows.h).
 * The count and the schema version are read in one read transaction, so
 * that they and the schema SQLite holds are of one state of the file: when
 * another connection changed the schema between SQLite's parse and the
 * count's step, SQLite parsed it again, and the rows seen are more than
 * the count; the capture is then dropped, as it is when a row could not
 * be copied.  Nothing of the capture is an error; a failed count is, with
 * SQLite's message left for the caller.  The same read answers, at that
 * schema version, which of dbtool's own tables exist (table_exists) and
 * which triggers and views there are (read_kept): they stay with the
 * connection when the rows for the reflection are taken or released.
 */
static int count_schema_captured(struct sqlite_conn *c)
{
	struct sqlite_capture *cap = calloc(1, sizeof(*cap));
	sqlite3_int64 cookie = 0;
	int rc;

	if (!cap)
		return count_schema(c);
	cap->own = own_tables;
	cap->nown = sizeof(own_tables) / sizeof(own_tables[0]);
	sqlite3_trace_v2(c->db, SQLITE_TRACE_ROW, dbt_sqlite_capture_trace, cap);
	if (sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		cap->failed = 1;
	rc = count_schema(c);
	sqlite3_trace_v2(c->db, 0, NULL, NULL);
	if (rc < 0) {
		/* SQLite's message is the caller's; the connection is closed. */
		dbt_sqlite_capture_free(cap);
		return rc;
	}
	if (!sqlite3_get_autocommit(c->db)) {
		if (read_cookie(c->db, &cookie) != SQLITE_OK)
			cap->failed = 1;
		if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			cap->failed = 1;
			if (!sqlite3_get_autocommit(c->db))
				sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		}
	}
	if (cap->failed || cap->seen != c->schema_rows) {
		dbt_sqlite_capture_free(cap);
		return 0;
	}
	cap->cookie = cookie;
	c->own_known = 1;
	c->own_version = cookie;
	c->own_found = cap->own_found;
	c->kept_known = 1;
	c->kept_version = cookie;
	c->kept = cap->kept;
	memset(&cap->kept, 0, sizeof(cap->kept));
	c->capture = cap;
	return 0;
}

static int open_flags(int *out, const dbt_url *url)
{
	size_t i;

	*out = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	for (i = 0; i < url->nparams; i++) {
		if (strcmp(url->keys[i], "mode"))
			return dbt_error_set(DBT_EPARSE,
					     "unknown parameter '%s' in sqlite url (the one known "
					     "is mode=ro|rw|rwc)",
					     url->keys[i]);
		if (!strcmp(url->values[i], "ro"))
			*out = SQLITE_OPEN_READONLY;
		else if (!strcmp(url->values[i], "rw"))
			*out = SQLITE_OPEN_READWRITE;
		else if (!strcmp(url->values[i], "rwc"))
			*out = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		else
			return dbt_error_set(DBT_EPARSE,
					     "sqlite url parameter mode is '%s' (expected ro, rw "
					     "or rwc)",
					     url->values[i]);
	}
	return 0;
}

int dbt_global_init(void)
{
	/* SQLite refuses the setting (SQLITE_MISUSE) once it is initialized. */
	if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK ||
	    dbt_sqlite_memory_install() < 0)
		return dbt_error_set(DBT_ERROR,
				     "cannot change SQLite's settings: it is in use already");
	return 0;
}

/* `capture`: keep SQLite's own read of its schema for the first
 * reflection (count_schema_captured). */
static int open_sqlite(dbt_conn **out, const dbt_url *url, int readonly, int capture)
{
	const char *path = url->database ? url->database : ":memory:";
	struct sqlite_conn *c;
	int rc = 0, flags;

	*out = NULL;
	if ((rc = open_flags(&flags, url)) < 0)
		return rc;
	/* A reader never creates the file: a database that does not exist yet
	 * reads as an empty one. */
	if (readonly) {
		flags = SQLITE_OPEN_READONLY;
		if (url->database && access(url->database, F_OK) != 0)
			path = ":memory:";
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return dbt_error_oom();
	c->base.dialect = &dbt_dialect_sqlite;
	c->busy_ms = DEFAULT_BUSY_MS;
	c->path = strdup(url->database ? url->database : ":memory:");
	if (!c->path) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (strcmp(path, ":memory:") == 0)
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	/* A connection serves one thread at a time (dbtool.h), and the
	 * struct around it holds state of its own that no lock guards: the
	 * mutex SQLite would take and release in every call it gets (a few
	 * million in a long upgrade, 1.3% of its instructions) guards
	 * nothing. */
	if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = dbt_error_set(DBT_ECONNECT, "cannot open sqlite database '%s': %s", c->path,
				   c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto cleanup;
	}
	/* SQLite opens a file it may not write read-only without a word;
	 * say so now rather than at the first statement of a revision. */
	if (!readonly && (flags & SQLITE_OPEN_READWRITE) &&
	    sqlite3_db_readonly(c->db, "main") == 1) {
		rc = dbt_error_set(DBT_ECONNECT,
				   "sqlite database '%s' is read-only: check the permissions of "
				   "the file "
				   "and its folder",
				   c->path);
		goto cleanup;
	}
	sqlite3_busy_timeout(c->db, c->busy_ms);
	dbt_sqlite_fk_init(&c->fk, c->db, &c->base.nqueries);
	sqlite3_set_authorizer(c->db, dbt_sqlite_fk_note, &c->fk);
	/* Reading the schema finds a file that is no database now rather
	 * than at the first migration. */
	if (run_sql(c, "PRAGMA foreign_keys = ON", NULL, 0) < 0 ||
	    (capture ? count_schema_captured(c) : count_schema(c)) < 0) {
		rc = dbt_error_set(DBT_ECONNECT, "cannot open sqlite database '%s': %s", c->path,
				   sqlite3_errmsg(c->db));
		goto cleanup;
	}
	c->base.nqueries = 0;
	*out = &c->base;
	c = NULL;
cleanup:
	if (c) {
		sqlite3_close(c->db);
		free(c->path);
		dbt_sqlite_fk_release(&c->fk);
		dbt_sqlite_capture_free(c->capture);
		rows_release(&c->kept);
		free(c);
	}
	return rc;
}

static int open_conn(dbt_conn **out, const dbt_url *url, int readonly)
{
	return open_sqlite(out, url, readonly, 0);
}

static int open_to_reflect(dbt_conn **out, const dbt_url *url, int readonly)
{
	return open_sqlite(out, url, readonly, 1);
}

static void close_conn(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);

	if (!c)
		return;
	dbt_sqlite_capture_free(c->capture);
	rows_release(&c->kept);
	sqlite3_close(c->db);
	free(c->path);
	dbt_sqlite_fk_release(&c->fk);
	free(c);
}

static int exec_script(dbt_conn *conn, const char *sql, const char *file, int first_line)
{
	return run_sql(conn_of(conn), sql, file ? file : "(script)", first_line);
}

static int exec(dbt_conn *conn, const char *sql)
{
	return run_sql(conn_of(conn), sql, NULL, 0);
}

static int query_value(dbt_conn *conn, const char *sql, char **out)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	int rc = 0, step;

	*out = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, &tail) != SQLITE_OK) {
		c->base.nqueries++;
		return db_error(c, NULL, 0, sql, failed_stmt_len(sql));
	}
	if (!stmt)
		return dbt_error_set(DBT_ERROR, "no statement in query '%s'", sql);
	c->base.nqueries++;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(stmt, 0);

		if (v) {
			*out = strdup((const char *)v);
			if (!*out)
				rc = dbt_error_oom();
		} else if (sqlite3_errcode(c->db) == SQLITE_NOMEM) {
			rc = dbt_error_oom();
		}
	} else if (step != SQLITE_DONE) {
		rc = db_error(c, NULL, 0, sql, (size_t)(tail - sql));
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int query_rows(dbt_conn *conn, const char *sql, dbt_row_fn fn, void *arg)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	const char **values = NULL;
	size_t i, ncols;
	int rc = 0, step;

	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, &tail) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, failed_stmt_len(sql));
	if (!stmt)
		return dbt_error_set(DBT_ERROR, "no statement in query '%s'", sql);
	ncols = (size_t)sqlite3_column_count(stmt);
	if (!(values = calloc(ncols ? ncols : 1, sizeof(*values)))) {
		sqlite3_finalize(stmt);
		return dbt_error_oom();
	}
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++) {
			values[i] = (const char *)sqlite3_column_text(stmt, (int)i);
			if (!values[i] && sqlite3_errcode(c->db) == SQLITE_NOMEM)
				rc = dbt_error_oom();
		}
		if (rc == 0)
			rc = fn(arg, ncols, values);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(c, NULL, 0, sql, (size_t)(tail - sql));
	free(values);
	sqlite3_finalize(stmt);
	return rc;
}

/* PRAGMA data_version: it changes when another connection commits. */
static int data_version(struct sqlite_conn *c, sqlite3_int64 *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc = DBT_EDB;

	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * Foreign keys are off inside dbtool's transactions and checked as a whole
 * before COMMIT.  SQLite's documented way to change a table it cannot
 * ALTER (create the new table, copy, drop the old one, rename) needs
 * them off, and PRAGMA foreign_keys does nothing inside a transaction, so
 * it is switched here, around the transaction.  Nothing is given up:
 * PRAGMA foreign_key_check at commit refuses any row left without its
 * parent, and the transaction is then rolled back.  Rows that were
 * without their parent when the transaction began are counted here, so
 * that they stop no transaction that did not add to them.
 */
/*
 * Foreign keys enforced (`on`) or not, the setting PRAGMA foreign_keys
 * changes, set through the C interface: no statement to prepare twice a
 * transaction.  Only between transactions, where the pragma takes effect
 * too.
 */
static int enforce_foreign_keys(struct sqlite_conn *c, int on)
{
	int now = -1;

	if (sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_FKEY, on, &now) != SQLITE_OK ||
	    now != on)
		return dbt_error_set(DBT_EDB, "cannot turn foreign keys %s: %s", on ? "on" : "off",
				     sqlite3_errmsg(c->db));
	return 0;
}

static int begin(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_int64 dv = 0;
	int have, rc = enforce_foreign_keys(c, 0);

	if (rc < 0)
		return rc;
	rc = run_sql(c, "BEGIN IMMEDIATE", NULL, 0);
	if (rc < 0) {
		int busy = (c->last_code & 0xff) == SQLITE_BUSY;
		char *msg = strdup(dbt_error_last());

		enforce_foreign_keys(c, 1);
		if (busy)
			rc = dbt_error_set(DBT_ELOCKED,
					   "waited too long for the lock (%gs): another process is "
					   "writing to '%s'",
					   c->busy_ms / 1000.0, c->path);
		else
			dbt_error_set(rc, "%s", msg ? msg : "cannot begin a transaction");
		free(msg);
		return rc;
	}
	/* The counts that the last transaction of this connection left hold
	 * while no other connection committed and nothing was written
	 * outside a transaction since (a revision marked '-- transaction:
	 * false'). */
	have = data_version(c, &dv) == 0;
	c->others_wrote = !have || !c->data_version_known || dv != c->data_version;
	c->data_version = dv;
	c->data_version_known = have;
	dbt_sqlite_fk_begun(&c->fk, c->others_wrote);
	return 0;
}

/* Inside a transaction: whether another connection may have committed
 * since this connection's previous transaction (see begin()). */
static int written_by_others(dbt_conn *conn)
{
	return conn_of(conn)->others_wrote;
}

/*
 * SQLite keeps the parsed schema of every table and index for the life of
 * the connection, as large as a reflection of it: PRAGMA writable_schema =
 * RESET discards it (the next statement that needs it reads it again, as
 * SQLite documents the pragma; writable_schema stays off, as dbtool leaves
 * it), then sqlite3_db_release_memory frees the unused pages of the page
 * cache.  No statement is counted: the pragma reads nothing.  The rows
 * captured at the opening go too: nothing reflects from them after this.
 * The triggers and views captured with them stay (read_kept): they are
 * few, and SQLite would otherwise read its whole schema again to list
 * them.
 */
static void release_memory(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);

	dbt_sqlite_capture_free(c->capture);
	c->capture = NULL;
	if (!sqlite3_get_autocommit(c->db))
		return;
	sqlite3_exec(c->db, "PRAGMA writable_schema = RESET", NULL, NULL, NULL);
	sqlite3_db_release_memory(c->db);
}

/* Appends to `out` the object of the four strings (type, name, table,
 * sql), the SQL without a final ';' (sqlite_schema keeps none, but an
 * edited schema might) and trailing blanks; `*cap` is out's room. */
static int add_kept(dbt_sql_objects *out, size_t *cap, const char *const v[4])
{
	dbt_sql_object *o;
	char *copy[4];
	size_t len;
	int i;

	if (out->n == *cap) {
		size_t want = *cap ? 2 * *cap : 8;
		dbt_sql_object *grown = realloc(out->v, want * sizeof(*grown));

		if (!grown)
			return dbt_error_oom();
		out->v = grown;
		*cap = want;
	}
	for (i = 0; i < 4; i++) {
		if (!(copy[i] = strdup(v[i] ? v[i] : ""))) {
			while (i--)
				free(copy[i]);
			return dbt_error_oom();
		}
	}
	for (len = strlen(copy[3]); len && strchr(" \t\r\n;", copy[3][len - 1]);)
		copy[3][--len] = '\0';
	o = &out->v[out->n++];
	o->type = copy[0];
	o->name = copy[1];
	o->table = copy[2];
	o->sql = copy[3];
	return 0;
}

/* read_kept() from the rows captured when the connection was made. */
static int kept_from_capture(dbt_sql_objects *out, const struct rows *kept)
{
	size_t i, cap = 0;
	int rc = 0;

	for (i = 0; i < kept->n && rc == 0; i++) {
		const char *v[4] = {row_col(kept, i, ROW_TYPE), row_col(kept, i, ROW_NAME),
				    row_col(kept, i, ROW_TBL), row_col(kept, i, ROW_SQL)};

		rc = add_kept(out, &cap, v);
	}
	if (rc < 0)
		dbt_sql_objects_release(out);
	return rc;
}

/*
 * Every trigger and view, in the order they were created (sqlite_schema's
 * rowid order).  From the rows captured when the connection was made while
 * the schema version is theirs (read without SQLite's parsed schema, which
 * a query of sqlite_schema would have SQLite read again when released);
 * otherwise by a query.
 */
static int read_kept(dbt_sql_objects *out, dbt_conn *conn)
{
	static const char sql[] =
		"SELECT type, name, tbl_name, sql FROM sqlite_schema "
		"WHERE type IN ('trigger', 'view') AND sql IS NOT NULL ORDER BY rowid";
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 version = 0;
	size_t cap = 0;
	int rc = 0, step;

	out->v = NULL;
	out->n = 0;
	if (c->kept_known) {
		c->base.nqueries++;
		if (read_cookie(c->db, &version) == SQLITE_OK && version == c->kept_version)
			return kept_from_capture(out, &c->kept);
	}
	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return dbt_error_set(DBT_EDB, "cannot read the triggers and views: %s",
				     sqlite3_errmsg(c->db));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v[4];
		int i;

		for (i = 0; i < 4; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		if ((rc = add_kept(out, &cap, v)) < 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = dbt_error_set(DBT_EDB, "cannot read the triggers and views: %s",
				   sqlite3_errmsg(c->db));
	sqlite3_finalize(stmt);
	if (rc < 0)
		dbt_sql_objects_release(out);
	return rc;
}

/*
 * The same in an offline script, which sqlite3 runs: foreign keys off
 * around each transaction, and before its COMMIT the rows that PRAGMA
 * foreign_key_check lists (printed for the reader), counted into a
 * temporary table whose CHECK refuses any count but 0.  INSERT OR ROLLBACK
 * then rolls the transaction back, and `sqlite3 -bail` stops there.
 */
#define FK_CHECK_TABLE "dbtool_foreign_key_check"
/* clang-format off */
#define SCRIPT_START                                                                              \
	"CREATE TEMP TABLE IF NOT EXISTS " FK_CHECK_TABLE " (violations INTEGER CONSTRAINT "       \
	"\"foreign key violation: see PRAGMA foreign_key_check\" CHECK (violations = 0));\n"
#define SCRIPT_BEFORE_COMMIT                                                                      \
	"PRAGMA foreign_key_check;\n"                                                             \
	"INSERT OR ROLLBACK INTO temp." FK_CHECK_TABLE " SELECT count(*) FROM "                    \
	"pragma_foreign_key_check;\n"
/* clang-format on */

/*
 * The counts checked before COMMIT are those the next transaction starts
 * from, unless another connection commits in between (begin() sees it in
 * PRAGMA data_version, which this connection's own commits do not change).
 */
static int commit(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	int rc = dbt_sqlite_fk_check(&c->fk);

	if (rc == 0)
		rc = run_sql(c, "COMMIT", NULL, 0);
	if (rc < 0) {
		dbt_sqlite_fk_failed(&c->fk);
		return rc;
	}
	dbt_sqlite_fk_committed(&c->fk);
	return enforce_foreign_keys(c, 1);
}

static int rollback(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	int rc = 0;

	/* SQLite may already have rolled back on its own (after a full disk,
	 * for example); a second ROLLBACK would only be an error. */
	if (sqlite3_get_autocommit(c->db))
		return 0;
	rc = run_sql(c, "ROLLBACK", NULL, 0);
	enforce_foreign_keys(c, 1);
	/* The rows are as they were at begin(), and so are their counts. */
	if (rc == 0)
		dbt_sqlite_fk_rolled_back(&c->fk);
	return rc;
}

static int lock(dbt_conn *conn, int timeout_ms)
{
	struct sqlite_conn *c = conn_of(conn);

	c->busy_ms = timeout_ms > 0 ? timeout_ms : 0;
	sqlite3_busy_timeout(c->db, c->busy_ms);
	return 0;
}

static int unlock(dbt_conn *conn)
{
	(void)conn;
	return 0;
}

/*
 * The statement lock timeout does not apply: the write lock is taken once,
 * by begin() (BEGIN IMMEDIATE, waiting the migration lock timeout), and
 * held to the commit, so no statement in between waits for one.
 */
static int set_lock_timeout(dbt_conn *conn, int ms)
{
	(void)conn;
	(void)ms;
	return 0;
}

/* Pragmas are the session state of SQLite; begin() sets the ones a
 * migration depends on for each transaction. */
static int reset_session(dbt_conn *conn)
{
	(void)conn;
	return 0;
}

/* Whether a table `name` exists: one full scan of sqlite_schema, which
 * has no index on its names. */
static int scan_table_exists(struct sqlite_conn *c, const char *name, int *out)
{
	static const char sql[] =
		"SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1 COLLATE NOCASE";
	sqlite3_stmt *stmt = NULL;
	int rc = 0, step;

	*out = 0;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, strlen(sql));
	if (sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = db_error(c, NULL, 0, sql, strlen(sql));
		goto cleanup;
	}
	c->base.nqueries++;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = 1;
	else if (step != SQLITE_DONE)
		rc = db_error(c, NULL, 0, sql, strlen(sql));
cleanup:
	sqlite3_finalize(stmt);
	return rc;
}

/* The database's schema version (the file header's schema cookie),
 * which every change of schema by any connection increments. */
static int schema_version(struct sqlite_conn *c, sqlite3_int64 *out)
{
	static const char sql[] = "PRAGMA schema_version";
	sqlite3_stmt *stmt = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, strlen(sql));
	c->base.nqueries++;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	else
		rc = db_error(c, NULL, 0, sql, strlen(sql));
	sqlite3_finalize(stmt);
	return rc;
}

/* Reads which of own_tables[] exist, in one scan of sqlite_schema, as
 * of schema version `version`. */
static int scan_own_tables(struct sqlite_conn *c, sqlite3_int64 version)
{
	static const char sql[] = "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
				  "name COLLATE NOCASE IN (?1, ?2, ?3)";
	sqlite3_stmt *stmt = NULL;
	unsigned found = 0;
	int rc = 0, step, i;

	c->own_known = 0;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, strlen(sql));
	for (i = 0; i < 3; i++)
		if (sqlite3_bind_text(stmt, i + 1, own_tables[i], -1, SQLITE_STATIC) != SQLITE_OK) {
			rc = db_error(c, NULL, 0, sql, strlen(sql));
			goto cleanup;
		}
	c->base.nqueries++;
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		for (i = 0; name && i < 3; i++)
			if (sqlite3_stricmp(name, own_tables[i]) == 0)
				found |= 1u << i;
	}
	if (step != SQLITE_DONE) {
		rc = db_error(c, NULL, 0, sql, strlen(sql));
		goto cleanup;
	}
	c->own_known = 1;
	c->own_version = version;
	c->own_found = found;
cleanup:
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * A database file has one namespace for tables: `schema` means nothing.
 * sqlite_schema has no index on names, so each question is a full scan
 * (2 M instructions at 1,000 tables); dbtool's own tables, asked about
 * two or three times a run, are read in one scan and the answer kept
 * while the schema version stays the same.  The version is read from
 * the file each time, so a table another connection made or dropped
 * since is seen, as a scan would see it.  Only what is committed is
 * kept: inside a transaction, whose ROLLBACK takes the version back, the
 * scan is made each time.
 */
static int table_exists(dbt_conn *conn, const char *schema, const char *name, int *out)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_int64 version = 0;
	size_t i;
	int rc;

	(void)schema;
	*out = 0;
	for (i = 0; i < sizeof(own_tables) / sizeof(own_tables[0]); i++)
		if (strcmp(name, own_tables[i]) == 0)
			break;
	if (i == sizeof(own_tables) / sizeof(own_tables[0]) || !sqlite3_get_autocommit(c->db))
		return scan_table_exists(c, name, out);
	if ((rc = schema_version(c, &version)) < 0)
		return rc;
	if ((!c->own_known || c->own_version != version) && (rc = scan_own_tables(c, version)) < 0)
		return rc;
	*out = (c->own_found >> i) & 1;
	return 0;
}

/* Bare when [a-z_][a-z0-9_]* and no keyword, so that rendered SQL reads
 * like hand-written SQL and still means exactly `name`. */
static int needs_quotes(const char *name)
{
	if (!dbt_ident_is_plain(name))
		return 1;
	return sqlite3_keyword_check(name, (int)strlen(name)) != 0;
}

static void quote_ident(dbt_buf *out, const char *name)
{
	if (needs_quotes(name))
		dbt_ident_quote(out, name);
	else
		dbt_buf_puts(out, name);
}

static void quote_literal(dbt_buf *out, const char *value)
{
	dbt_literal_quote(out, value);
}

const struct dbt_dialect dbt_dialect_sqlite = {
	.name = "sqlite",
	.kind = DBT_DIALECT_SQLITE,
	.title = "SQLite",
	.a_title = "an SQLite",
	.memory_url = "sqlite://",
	.open = open_conn,
	.open_to_reflect = open_to_reflect,
	.close = close_conn,
	.exec_script = exec_script,
	.split_script = dbt_sql_split,
	.is_tx_control = dbt_txcontrol_words,
	.exec = exec,
	.query_value = query_value,
	.query_rows = query_rows,
	.begin = begin,
	.commit = commit,
	.written_by_others = written_by_others,
	.rollback = rollback,
	.lock = lock,
	.unlock = unlock,
	.set_lock_timeout = set_lock_timeout,
	.reset_session = reset_session,
	.table_exists = table_exists,
	.reflect = dbt_sqlite_reflect,
	.release_memory = release_memory,
	.quote_ident = quote_ident,
	.quote_literal = quote_literal,
	.read_kept = read_kept,
	.script_start = SCRIPT_START,
	.script_before_begin = "PRAGMA foreign_keys = OFF;\n",
	.script_before_commit = SCRIPT_BEFORE_COMMIT,
	.script_after_commit = "PRAGMA foreign_keys = ON;\n",
	.scratch_open = dbt_sqlite_scratch_open,
	.scratch_close = dbt_sqlite_scratch_close,
	.caps = DBT_CAP_TRANSACTIONAL_DDL | DBT_CAP_TRIGGER_BODY | DBT_CAP_FK_FORWARD_REFS |
		DBT_CAP_FILE | DBT_CAP_NOCASE_NAMES | DBT_CAP_NOCASE_COLUMNS |
		DBT_CAP_VIEWS_AS_WRITTEN,
	.default_schema = "main",
	.any_object_sql = "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1",
	.now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
	.insert_or_replace = "INSERT OR REPLACE INTO",
	/* Keyed by their primary key alone, each table is one b-tree: a
	 * revision's COMMIT writes one page of each, not a table's and its
	 * key index's (bench/README.md). */
	.book_table_options = " WITHOUT ROWID",
	.render_op = dbt_sqlite_render_op,
	.render_ops = dbt_sqlite_render_ops,
	.adapt = dbt_sqlite_adapt,
	.autoincrement = dbt_sqlite_autoincrement,
	.autoincrement_is = dbt_sqlite_autoincrement_is,
	.drop_tables = dbt_sqlite_drop_tables,
	.put_column_type = dbt_sqlite_put_column_type,
	.put_column_end = dbt_sqlite_put_column_end,
	.put_table_options = dbt_sqlite_put_table_options,
	.bare_collations = dbt_sqlite_bare_collations,
};
