/*
 * dialect_postgres.c - the PostgreSQL dialect, through libpq.
 *
 * Scripts are split on the client (sqlsplit.c) and sent one statement at
 * a time, so a failure names its statement and line.  The migration lock
 * is a session-level advisory lock on a key the server derives from a
 * fixed name, so that any client (psql included) can take the same one.
 * Server notices never reach the terminal: the library does not print.
 */
#include "dialect.h"
#include "dialect_postgres_int.h"

#include "batch.h"
#include "error.h"
#include "ident.h"
#include "lex.h"
#include "pq.h"
#include "sqlsplit.h"
#include "txcontrol.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The advisory lock's key; tests and operators take the same lock with
 * this very expression. */
#define LOCK_KEY "hashtextextended('dbtool_version', 0)"

static struct postgres_conn *conn_of(dbt_conn *conn)
{
	return (struct postgres_conn *)conn;
}

struct pg_conn *dbt_postgres_handle(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);

	/* Whoever uses the handle sends statements of its own: the pending
	 * reset goes first (none is pending outside the runner's
	 * transactions, where the handle is not used). */
	if (c->pending.len && !c->pending.oom)
		PQclear(PQexec(c->pg, c->pending.ptr));
	dbt_buf_release(&c->pending);
	c->fresh = 0;
	return c->pg;
}

/* True when the result is a failure; ends any COPY the statement began,
 * since a script has no data to feed it and none to print. */
static int failed(struct postgres_conn *c, PGresult **res)
{
	switch (PQresultStatus(*res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		return 0;
	case PGRES_COPY_IN:
	case PGRES_COPY_OUT: {
		PGresult *next, *last = NULL;
		char *row;

		if (PQresultStatus(*res) == PGRES_COPY_IN)
			PQputCopyEnd(c->pg, "COPY FROM STDIN is not supported in a dbtool script");
		else
			while (PQgetCopyData(c->pg, &row, 0) > 0)
				PQfreemem(row);
		while ((next = PQgetResult(c->pg)) != NULL) {
			PQclear(last);
			last = next;
		}
		if (!last)
			return 0;
		PQclear(*res);
		*res = last;
		return failed(c, res);
	}
	default:
		return 1;
	}
}

/*
 * Sends the query string `sql`, with the pending reset (see reset_session)
 * ahead of it: one round trip for both.  The server runs them in order in
 * the open transaction and stops at the first that fails; the resets and
 * settings do not fail, so a failure is the statement's.  0, or
 * DBT_ERROR when out of memory (nothing sent).
 */
static int send_query(struct postgres_conn *c, const char *sql, PGresult **res)
{
	c->base.nqueries++;
	c->fresh = 0;
	if (!c->pending.len) {
		*res = PQexec(c->pg, sql);
		return 0;
	}
	dbt_buf_puts(&c->pending, sql);
	if (c->pending.oom) {
		dbt_buf_release(&c->pending);
		return dbt_error_oom();
	}
	*res = PQexec(c->pg, c->pending.ptr);
	dbt_buf_release(&c->pending);
	return 0;
}

/* Sends one statement (`len` bytes at `stmt`).  `file` as for db_error. */
static int run_stmt(struct postgres_conn *c, const char *stmt, size_t len, const char *file,
		    int line)
{
	PGresult *res;
	char *sql = strndup(stmt, len);
	int rc = 0;

	if (!sql)
		return dbt_error_oom();
	if ((rc = send_query(c, sql, &res)) < 0) {
		free(sql);
		return rc;
	}
	if (!res || failed(c, &res))
		rc = dbt_postgres_db_error(c, res, file, line, stmt, len);
	PQclear(res);
	free(sql);
	return rc;
}

/* Sends a statement of the library's own and hands back its result, or
 * NULL with the error set. */
static PGresult *query(struct postgres_conn *c, const char *sql, int nparams,
		       const char *const *params)
{
	PGresult *res;

	if (nparams && c->pending.len) {
		/* A query with parameters is one statement: the pending reset
		 * goes on its own. */
		if (send_query(c, "", &res) < 0)
			return NULL;
		if (!res || failed(c, &res)) {
			dbt_postgres_db_error(c, res, NULL, 0, "RESET ALL", 9);
			PQclear(res);
			return NULL;
		}
		PQclear(res);
	}
	if (nparams) {
		c->base.nqueries++;
		c->fresh = 0;
		res = PQexecParams(c->pg, sql, nparams, NULL, params, NULL, NULL, 0);
	} else if (send_query(c, sql, &res) < 0) {
		return NULL;
	}
	if (!res || failed(c, &res)) {
		dbt_postgres_db_error(c, res, NULL, 0, sql, strlen(sql));
		PQclear(res);
		return NULL;
	}
	return res;
}

static void drop_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The first line of libpq's connection failure, without the "connection
 * to server ... failed: " and severity prefixes that repeat what the
 * caller's message says. */
static const char *connect_message(PGconn *pg)
{
	static const char lead[] = "connection to server ";
	static const char failed_at[] = " failed: ";
	const char *msg = PQerrorMessage(pg);
	const char *end = msg + dbt_postgres_first_line_len(msg), *p;

	if (strncmp(msg, lead, sizeof(lead) - 1) == 0) {
		for (p = msg; p + sizeof(failed_at) - 1 <= end; p++) {
			if (strncmp(p, failed_at, sizeof(failed_at) - 1) == 0) {
				msg = p + sizeof(failed_at) - 1;
				break;
			}
		}
	}
	if (strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	return *msg ? msg : "unknown error";
}

/* Appends one connection keyword; absent parts of the URL are left to
 * libpq's defaults (environment, service file). */
static void add_param(const char **keys, const char **values, size_t *n, const char *key,
		      const char *value)
{
	if (!value)
		return;
	keys[*n] = key;
	values[*n] = value;
	(*n)++;
}

/*
 * Drives a connection started with PQconnectStartParams to its end, as
 * PQconnectdbParams would, waiting at most `timeout` seconds (libpq's
 * connect_timeout, which PQconnectPoll leaves to its caller) per wait.
 * The outcome is read from PQstatus afterwards; returns 1 when the wait
 * timed out (PQstatus then is not CONNECTION_OK either).
 */
static int connect_wait(PGconn *pg, const char *timeout)
{
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	int ms = -1;

	if (timeout && atoi(timeout) > 0)
		ms = (atoi(timeout) < 2 ? 2 : atoi(timeout)) * 1000;
	if (PQstatus(pg) == CONNECTION_BAD)
		return 0;
	while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
		struct pollfd pfd;
		int n;

		pfd.fd = PQsocket(pg);
		pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		pfd.revents = 0;
		if (pfd.fd < 0)
			break;
		n = poll(&pfd, 1, ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return 1;
		st = PQconnectPoll(pg);
	}
	return 0;
}

/* The value of `key` in the URL: a query parameter wins, as in libpq. */
static const char *url_part(const dbt_url *url, const char *key, const char *dflt)
{
	size_t i;

	for (i = url->nparams; i-- > 0;)
		if (!strcmp(url->keys[i], key))
			return url->values[i];
	return dflt;
}

/* Sets lock_timeout: `ms` milliseconds, 0 for none. */
static void put_lock_timeout(dbt_buf *sql, int ms)
{
	dbt_buf_printf(sql, "SET lock_timeout = %d", ms > 0 ? ms : 0);
}

/*
 * dbtool's own settings of the session, as statements each ending in "; ":
 * notices below warnings are dropped, a reader cannot write, and, with
 * `locked`, statements wait for locks the statement lock timeout at most.
 * Where they are the connection's options (own_options()), RESET ALL
 * returns to them and only a statement lock timeout other than the one
 * in the options is set; otherwise RESET ALL takes them away, and all are
 * set.  Nothing is appended when there is nothing to set.
 */
static void put_settings(dbt_buf *sql, struct postgres_conn *c, int locked)
{
	if (!c->own_options) {
		dbt_buf_puts(sql, "SET client_min_messages = warning; ");
		if (c->readonly)
			dbt_buf_puts(sql, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY; ");
	}
	if (locked && dbt_conn_lock_timeout(&c->base) != c->reset_lock_ms) {
		put_lock_timeout(sql, dbt_conn_lock_timeout(&c->base));
		dbt_buf_puts(sql, "; ");
	}
}

/* The lock_timeout in effect after RESET ALL and dbtool's settings (see
 * put_settings), for lock_ms. */
static int settled_lock_ms(struct postgres_conn *c, int locked)
{
	if (locked)
		return dbt_conn_lock_timeout(&c->base);
	return c->reset_lock_ms > 0 ? c->reset_lock_ms : 0;
}

/* Sends `before` (may be NULL) and dbtool's settings in one query string;
 * nothing at all when both are empty. */
static int settings(struct postgres_conn *c, int locked, const char *before)
{
	dbt_buf sql = DBT_BUF_INIT;
	PGresult *res;
	int rc = 0;

	if (before)
		dbt_buf_puts(&sql, before);
	put_settings(&sql, c, locked);
	if (sql.oom) {
		dbt_buf_release(&sql);
		return dbt_error_oom();
	}
	if (!sql.len) {
		c->lock_ms = settled_lock_ms(c, locked);
		return 0;
	}
	res = query(c, sql.ptr, 0, NULL);
	if (!res)
		rc = DBT_EDB;
	else
		c->lock_ms = settled_lock_ms(c, locked);
	PQclear(res);
	dbt_buf_release(&sql);
	return rc;
}

/*
 * The connection's options ("options" of libpq: -c name=value ...) with
 * dbtool's own settings appended to the user's, so that they are the
 * session's defaults, which RESET ALL before each revision returns to:
 * the reset then costs two statements (RESET ALL; RESET ROLE) instead of
 * four.  The user's options are the URL's options=, else PGOPTIONS, as
 * libpq would take them; dbtool's come after them and win over the same
 * settings there (client_min_messages, lock_timeout, and a reader's
 * default_transaction_read_only); every other setting of the user's is the
 * session's as before.  A read-write connection's lock_timeout is the
 * default statement lock timeout from the start; put_settings() sets
 * another when one is given.
 *
 * Leaves `out` empty when the user's options cannot be known: a service
 * (URL service=, PGSERVICE) may name options of its own, which an options
 * keyword would replace.  dbtool then sets its settings with statements,
 * as put_settings() says.
 */
static void own_options(dbt_buf *out, const dbt_url *url, int readonly)
{
	const char *user = url_part(url, "options", NULL);
	const char *service = url_part(url, "service", NULL);

	/* libpq takes an empty keyword value for an absent one. */
	if (!user || !*user) {
		if ((service && *service) || (getenv("PGSERVICE") && *getenv("PGSERVICE")))
			return;
		user = getenv("PGOPTIONS");
	}
	if (user && *user) {
		dbt_buf_puts(out, user);
		dbt_buf_putc(out, ' ');
	}
	dbt_buf_puts(out, "-c client_min_messages=warning");
	if (readonly)
		dbt_buf_puts(out, " -c default_transaction_read_only=on");
	else
		dbt_buf_printf(out, " -c lock_timeout=%d", DBT_STATEMENT_LOCK_TIMEOUT_MS);
}

static int open_conn(dbt_conn **out, const dbt_url *url, int readonly)
{
	int timed_out;
	const char **keys = NULL, **values = NULL;
	struct postgres_conn *c = NULL;
	dbt_buf options = DBT_BUF_INIT;
	size_t n = 0, i;
	int rc = 0;

	*out = NULL;
	/* Eight keywords of our own at most, the URL's, and the NULL that
	 * ends the list. */
	keys = calloc(url->nparams + 9, sizeof(*keys));
	values = calloc(url->nparams + 9, sizeof(*values));
	c = calloc(1, sizeof(*c));
	if (!keys || !values || !c) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	c->base.dialect = &dbt_dialect_postgres;

	add_param(keys, values, &n, "host", url->host);
	add_param(keys, values, &n, "port", url->port);
	add_param(keys, values, &n, "user", url->user);
	add_param(keys, values, &n, "password", url->password);
	add_param(keys, values, &n, "dbname", url->database);
	/* Revision files are UTF-8, like the SQLite side; the URL may say
	 * otherwise, since later keywords win. */
	add_param(keys, values, &n, "client_encoding", "UTF8");
	add_param(keys, values, &n, "fallback_application_name", "dbtool");
	for (i = 0; i < url->nparams; i++)
		add_param(keys, values, &n, url->keys[i], url->values[i]);
	c->readonly = readonly;
	c->reset_lock_ms = -1;
	own_options(&options, url, readonly);
	if (options.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (options.len) {
		/* After the URL's options=, which it replaces. */
		add_param(keys, values, &n, "options", options.ptr);
		c->own_options = 1;
		if (!readonly)
			c->reset_lock_ms = DBT_STATEMENT_LOCK_TIMEOUT_MS;
	}

	{
		/* libpq checks connect_timeout only when it waits itself. */
		const char *t = url_part(url, "connect_timeout", NULL);
		char *end = NULL;

		if (t && (strtol(t, &end, 10), !*t || *end)) {
			rc = dbt_error_set(DBT_EPARSE,
					   "invalid connect_timeout '%s' in url: expected a number "
					   "of seconds",
					   t);
			goto cleanup;
		}
	}
	/* libpq is loaded by the first connection, not at start-up (pq.h). */
	rc = dbt_pq_load();
	if (rc < 0)
		goto cleanup;
	c->pg = PQconnectStartParams(keys, values, 0);
	if (!c->pg) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* Set before the connection is made, so that a notice the server
	 * sends while it is made (a shutdown warning) is not printed. */
	PQsetNoticeProcessor(c->pg, drop_notice, NULL);
	timed_out = connect_wait(c->pg, url_part(url, "connect_timeout", NULL));
	if (PQstatus(c->pg) != CONNECTION_OK) {
		const char *msg = timed_out ? "timeout expired" : connect_message(c->pg);
		const char *db = url_part(url, "dbname", url->database);
		const char *host = url_part(url, "host", url->host);
		const char *port = url_part(url, "port", url->port);

		if (!db)
			db = PQdb(c->pg);
		if (!host)
			host = PQhost(c->pg);
		if (!port)
			port = PQport(c->pg);
		rc = dbt_error_set(DBT_ECONNECT,
				   "cannot connect to postgresql database '%s' on %s:%s: %.*s",
				   db && *db ? db : "(default)", host && *host ? host : "localhost",
				   port && *port ? port : "5432", dbt_postgres_first_line_len(msg),
				   msg);
		goto cleanup;
	}
	if (settings(c, 0, NULL) < 0) {
		rc = dbt_error_prefix(DBT_ECONNECT, "cannot set up the connection to '%s'",
				      PQdb(c->pg));
		goto cleanup;
	}
	c->base.nqueries = 0;
	*out = &c->base;
	c = NULL;
cleanup:
	if (c) {
		PQfinish(c->pg);
		free(c);
	}
	free(keys);
	free(values);
	dbt_buf_release(&options);
	return rc;
}

static void close_conn(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);

	if (!c)
		return;
	PQfinish(c->pg);
	dbt_buf_release(&c->pending);
	free(c);
}

static int exec_script(dbt_conn *conn, const char *sql, const char *file, int first_line)
{
	struct postgres_conn *c = conn_of(conn);
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0, rc = 0;

	if (!file)
		file = "(script)";
	while (dbt_sql_next(&st, sql, &pos, &line)) {
		rc = run_stmt(c, sql + st.start, st.len, file, first_line + st.line);
		if (rc < 0)
			break;
	}
	return rc;
}

static int exec(dbt_conn *conn, const char *sql)
{
	return run_stmt(conn_of(conn), sql, strlen(sql), NULL, 0);
}

static int query_value(dbt_conn *conn, const char *sql, char **out)
{
	PGresult *res;
	int rc = 0;

	*out = NULL;
	res = query(conn_of(conn), sql, 0, NULL);
	if (!res)
		return DBT_EDB;
	if (PQntuples(res) > 0 && PQnfields(res) > 0 && !PQgetisnull(res, 0, 0)) {
		*out = strdup(PQgetvalue(res, 0, 0));
		if (!*out)
			rc = dbt_error_oom();
	}
	PQclear(res);
	return rc;
}

static int query_rows(dbt_conn *conn, const char *sql, dbt_row_fn fn, void *arg)
{
	PGresult *res = query(conn_of(conn), sql, 0, NULL);
	const char **values;
	int r, nrows, ncols, i, rc = 0;

	if (!res)
		return DBT_EDB;
	nrows = PQntuples(res);
	ncols = PQnfields(res);
	if (!(values = calloc(ncols ? (size_t)ncols : 1, sizeof(*values)))) {
		PQclear(res);
		return dbt_error_oom();
	}
	for (r = 0; r < nrows && rc == 0; r++) {
		for (i = 0; i < ncols; i++)
			values[i] = PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i);
		rc = fn(arg, (size_t)ncols, values);
	}
	free(values);
	PQclear(res);
	return rc;
}

static int begin(dbt_conn *conn)
{
	return exec(conn, "BEGIN");
}

static int commit(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);
	PGresult *res = query(c, "COMMIT", 0, NULL);
	int rc = 0;

	if (!res)
		return DBT_EDB;
	/* The server answers COMMIT of a failed transaction by rolling it
	 * back, which is no success. */
	if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
		rc = dbt_error_set(DBT_EDB,
				   "cannot commit: the transaction had failed and was rolled back");
	PQclear(res);
	return rc;
}

/*
 * The bookkeeping statements `sql` and the COMMIT, in one query string: the
 * server runs them in order in the open transaction and stops at the first
 * that fails, which leaves the transaction failed (a bookkeeping
 * statement) or ended (the COMMIT itself, a deferred constraint), and the
 * message says which as commit() and exec_script() would.
 *
 * The same string then resets the session as reset_session() does, after
 * the COMMIT, in a transaction of its own as before a BEGIN: the next
 * step's reset_session() then costs no round trip.  A reset that fails
 * there (it does not) fails nothing: the next reset_session() runs it
 * again.
 */
static int commit_with(dbt_conn *conn, const char *sql)
{
	struct postgres_conn *c = conn_of(conn);
	dbt_buf all = DBT_BUF_INIT;
	PGresult *res, *err = NULL;
	int rc = 0, committed = 0, rolled_back = 0;

	dbt_buf_puts(&all, c->pending.len ? c->pending.ptr : "");
	if (*sql) {
		dbt_buf_puts(&all, sql);
		dbt_buf_puts(&all, ";\n");
	}
	dbt_buf_puts(&all, "COMMIT; RESET ALL; RESET ROLE; ");
	put_settings(&all, c, 1);
	dbt_buf_release(&c->pending);
	if (all.oom) {
		dbt_buf_release(&all);
		return dbt_error_oom();
	}
	c->base.nqueries++;
	c->fresh = 0;
	if (!PQsendQuery(c->pg, all.ptr)) {
		dbt_buf_release(&all);
		return dbt_postgres_db_error(c, NULL, NULL, 0, "COMMIT", 6);
	}
	/* One result per statement, up to the first that failed. */
	while ((res = PQgetResult(c->pg)) != NULL) {
		if (failed(c, &res)) {
			if (!err)
				err = res;
			else
				PQclear(res);
			continue;
		}
		if (!err && strcmp(PQcmdStatus(res), "COMMIT") == 0)
			committed = 1;
		else if (!err && !committed && strcmp(PQcmdStatus(res), "ROLLBACK") == 0)
			rolled_back = 1;
		PQclear(res);
	}
	if (committed) {
		c->fresh = !err;
		if (!err)
			c->lock_ms = dbt_conn_lock_timeout(&c->base);
	} else if (err) {
		if (*sql && PQtransactionStatus(c->pg) == PQTRANS_INERROR)
			rc = dbt_postgres_db_error(c, err, "version table", 1, sql, strlen(sql));
		else
			rc = dbt_postgres_db_error(c, err, NULL, 0, "COMMIT", 6);
	} else if (rolled_back) {
		rc = dbt_error_set(DBT_EDB,
				   "cannot commit: the transaction had failed and was rolled back");
	} else {
		rc = dbt_postgres_db_error(c, NULL, NULL, 0, "COMMIT", 6);
	}
	PQclear(err);
	dbt_buf_release(&all);
	return rc;
}

static int rollback(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);

	/* What was pending would be undone with the transaction anyway. */
	dbt_buf_release(&c->pending);
	switch (PQtransactionStatus(c->pg)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return exec(conn, "ROLLBACK");
	default:
		return 0;
	}
}

/* The lock's error when the wait ran out, else the server's. */
static int lock_error(int timeout_ms)
{
	return dbt_error_set(DBT_ELOCKED,
			     "waited too long for the lock (%gs): another dbtool is migrating "
			     "this database",
			     timeout_ms / 1000.0);
}

/*
 * Waits at most `timeout_ms` for the advisory lock, with lock_timeout
 * doing the waiting on the server; 0 or less only tries.  The advisory
 * lock is session-level, so it outlives the transactions of the run.
 */
static int lock(dbt_conn *conn, int timeout_ms)
{
	struct postgres_conn *c = conn_of(conn);
	char sql[64];
	PGresult *res;
	const char *state;
	int rc = 0;

	if (timeout_ms <= 0) {
		res = query(c, "SELECT pg_try_advisory_lock(" LOCK_KEY ")", 0, NULL);
		if (!res)
			return DBT_EDB;
		if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
			rc = lock_error(0);
		PQclear(res);
		return rc;
	}

	snprintf(sql, sizeof(sql), "SET lock_timeout = '%d ms'", timeout_ms);
	if ((rc = exec(conn, sql)) < 0)
		return rc;
	c->base.nqueries++;
	c->fresh = 0;
	res = PQexec(c->pg, "SELECT pg_advisory_lock(" LOCK_KEY ")");
	if (!res || failed(c, &res)) {
		state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		if (state && strcmp(state, SQLSTATE_LOCK_NOT_AVAILABLE) == 0)
			rc = lock_error(timeout_ms);
		else
			rc = dbt_postgres_db_error(c, res, NULL, 0,
						   "SELECT pg_advisory_lock(" LOCK_KEY ")",
						   strlen("SELECT pg_advisory_lock(" LOCK_KEY ")"));
	}
	PQclear(res);
	/* The timeout was for the lock only; the statements of the migration
	 * that follows wait the statement lock timeout. */
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE) {
		dbt_buf set = DBT_BUF_INIT;

		if (rc == 0)
			put_lock_timeout(&set, dbt_conn_lock_timeout(conn));
		else
			dbt_buf_puts(&set, "RESET lock_timeout");
		res = set.oom ? NULL : query(c, set.ptr, 0, NULL);
		if (!res && rc == 0)
			rc = set.oom ? dbt_error_oom() : DBT_EDB;
		else if (res)
			c->lock_ms = rc == 0 ? dbt_conn_lock_timeout(conn) : settled_lock_ms(c, 0);
		PQclear(res);
		dbt_buf_release(&set);
	}
	return rc;
}

static int set_lock_timeout(dbt_conn *conn, int ms)
{
	struct postgres_conn *c = conn_of(conn);
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	put_lock_timeout(&sql, ms);
	rc = sql.oom ? dbt_error_oom() : exec(conn, sql.ptr);
	if (rc == 0)
		c->lock_ms = ms > 0 ? ms : 0;
	dbt_buf_release(&sql);
	return rc;
}

/* RESET ALL leaves the role alone; SET SESSION AUTHORIZATION, which only a
 * superuser may run, is left to the revision that ran it.  The resets and
 * dbtool's settings go in one query string, one round trip. */
static int reset_session(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);

	if (c->fresh && PQtransactionStatus(c->pg) == PQTRANS_IDLE)
		return 0;
	c->lock_ms = settled_lock_ms(c, 0);
	if (PQtransactionStatus(c->pg) != PQTRANS_INTRANS)
		return settings(c, 1, "RESET ALL; RESET ROLE; ");
	/* In a transaction (--single-transaction) they take effect with it
	 * whenever they are sent: with the next statement, in its round
	 * trip. */
	dbt_buf_clear(&c->pending);
	dbt_buf_puts(&c->pending, "RESET ALL; RESET ROLE; ");
	put_settings(&c->pending, c, 1);
	if (c->pending.oom) {
		dbt_buf_release(&c->pending);
		return dbt_error_oom();
	}
	c->lock_ms = dbt_conn_lock_timeout(&c->base);
	return 0;
}

/* SQLSTATE in_failed_sql_transaction: a statement sent after another
 * failed in the same transaction. */
#define SQLSTATE_IN_FAILED_TRANSACTION "25P02"

/*
 * Sends query string `g` of batch `b` and reads one answer per statement
 * up to the first that failed.  0 when all succeeded; otherwise 1, with
 * `*err` the failure and `*k` the number of statements of the string that
 * succeeded before it.  A COPY is ended as failed() ends it.
 */
static int send_group(struct postgres_conn *c, const struct dbt_batch_group *g, PGresult **err,
		      size_t *k)
{
	PGresult *res;
	char *row;

	*err = NULL;
	*k = 0;
	c->base.nqueries++;
	if (!PQsendQuery(c->pg, g->text.ptr))
		return 1;
	while ((res = PQgetResult(c->pg)) != NULL) {
		switch (PQresultStatus(res)) {
		case PGRES_COPY_IN:
			/* Its statement's answer follows: the failure. */
			PQputCopyEnd(c->pg, "COPY FROM STDIN is not supported in a dbtool script");
			break;
		case PGRES_COPY_OUT:
			while (PQgetCopyData(c->pg, &row, 0) > 0)
				PQfreemem(row);
			break;
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
		case PGRES_EMPTY_QUERY:
			if (!*err)
				(*k)++;
			break;
		default:
			if (!*err) {
				*err = res;
				continue;
			}
		}
		PQclear(res);
	}
	return *err != NULL;
}

/*
 * The statement of group `g` that failed with `*err` when none of the
 * group's statements had succeeded: the server reads a whole string
 * before it runs the first statement, so a syntax error anywhere in it
 * fails the string at once.  The transaction is failed by then, so each
 * statement sent again on its own is only read: the first whose answer is
 * not "the transaction is aborted" is the one (its own answer, which
 * quotes it alone, replaces `*err`); none such, the first statement ran
 * and failed.
 */
static size_t find_unreadable(struct postgres_conn *c, const struct dbt_batch *b,
			      const struct dbt_batch_group *g, PGresult **err)
{
	dbt_buf one = DBT_BUF_INIT;
	size_t i;

	if (g->n < 2 || PQstatus(c->pg) != CONNECTION_OK ||
	    PQtransactionStatus(c->pg) != PQTRANS_INERROR)
		return 0;
	for (i = 0; i < g->n; i++) {
		const struct dbt_batch_stmt *st = &b->stmts[g->first + i];
		const char *state;
		PGresult *res;

		dbt_buf_clear(&one);
		dbt_buf_put(&one, g->text.ptr + st->off, st->len);
		if (one.oom)
			break;
		c->base.nqueries++;
		res = PQexec(c->pg, one.ptr);
		state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
		if (res && PQresultStatus(res) == PGRES_FATAL_ERROR && state &&
		    strcmp(state, SQLSTATE_IN_FAILED_TRANSACTION) != 0) {
			PQclear(*err);
			*err = res;
			dbt_buf_release(&one);
			return i;
		}
		PQclear(res);
	}
	dbt_buf_release(&one);
	return 0;
}

/*
 * The runner's revisions in as few round trips as the batch allows
 * (batch.h): each revision's reset, its lock timeout and its statements
 * go in one query string with those of the revisions around it, and the
 * answers, one per statement, say which statement failed.  A server
 * before PostgreSQL 13 applies statement_timeout to a whole string, so
 * there each statement of a revision goes alone, as exec_script() sends
 * it, with the reset before it.
 */
static int exec_batch(dbt_conn *conn, const struct dbt_batch_item *v, size_t n, size_t *failed)
{
	struct postgres_conn *c = conn_of(conn);
	struct dbt_batch b;
	dbt_buf reset = DBT_BUF_INIT, set = DBT_BUF_INIT;
	dbt_sqlstmt resets[8];
	int lock_ms = c->lock_ms, rc = 0, line = 0;
	size_t i, k, at, nresets = 0, pos = 0;

	*failed = 0;
	dbt_batch_init(&b, PQserverVersion(c->pg) < 130000, c->lexed);
	dbt_buf_puts(&reset, "RESET ALL; RESET ROLE; ");
	put_settings(&reset, c, 1);
	if (reset.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* The reset before each revision, split once (at most four
	 * statements: see put_settings). */
	while (nresets < sizeof(resets) / sizeof(resets[0]) &&
	       dbt_sql_next(&resets[nresets], reset.ptr, &pos, &line))
		nresets++;
	/* A reset that reset_session() left for the next statement. */
	if (c->pending.len &&
	    (rc = dbt_batch_add(&b, c->pending.ptr, NULL, 0, 0, dbt_conn_lock_timeout(conn),
				DBT_BATCH_RESETS)) < 0)
		goto cleanup;
	dbt_buf_release(&c->pending);
	for (i = 0; i < n && rc == 0; i++) {
		if (v[i].reset) {
			lock_ms = dbt_conn_lock_timeout(conn);
			rc = dbt_batch_add_own(&b, reset.ptr, resets, nresets, i, lock_ms,
					       DBT_BATCH_RESETS);
		}
		if (rc == 0 && v[i].lock_timeout_ms >= 0) {
			lock_ms = v[i].lock_timeout_ms > 0 ? v[i].lock_timeout_ms : 0;
			dbt_buf_clear(&set);
			put_lock_timeout(&set, lock_ms);
			rc = set.oom ? dbt_error_oom()
				     : dbt_batch_add(&b, set.ptr, NULL, 0, i, lock_ms, 0);
		}
		if (rc == 0)
			rc = dbt_batch_add(&b, v[i].sql, v[i].file, v[i].first_line, i, lock_ms, 0);
	}
	if (rc < 0)
		goto cleanup;
	c->fresh = 0;
	for (i = 0; i < b.ngroups; i++) {
		const struct dbt_batch_group *g = &b.groups[i];
		const struct dbt_batch_stmt *st;
		PGresult *err;

		if (!send_group(c, g, &err, &k))
			continue;
		at = k < g->n ? k : g->n - 1;
		if (k == 0)
			at = find_unreadable(c, &b, g, &err);
		st = &b.stmts[g->first + at];
		*failed = st->item;
		c->lock_ms = st->lock_ms;
		rc = dbt_postgres_db_error(c, err, st->file, st->line, g->text.ptr + st->off,
					   st->len);
		PQclear(err);
		goto cleanup;
	}
	c->lock_ms = lock_ms;
	c->lexed = b.lexed;
cleanup:
	dbt_batch_release(&b);
	dbt_buf_release(&reset);
	dbt_buf_release(&set);
	return rc;
}

static int unlock(dbt_conn *conn)
{
	struct postgres_conn *c = conn_of(conn);
	PGresult *res;

	/* A lost connection took its session's lock along; trying would only
	 * replace the message of what really failed. */
	if (PQstatus(c->pg) != CONNECTION_OK)
		return 0;
	res = query(c, "RESET lock_timeout; SELECT pg_advisory_unlock(" LOCK_KEY ")", 0, NULL);
	if (!res)
		return DBT_EDB;
	c->lock_ms = settled_lock_ms(c, 0);
	PQclear(res);
	return 0;
}

/* A name is bare only if [a-z_][a-z0-9_]* and no keyword that cannot stand
 * as a bare identifier everywhere: PostgreSQL's reserved,
 * type-or-function-name and column-name keywords (lex.h's table); nor
 * one of SQLite's own tables, which the model's parser skips when bare. */
static int needs_quotes(const char *name)
{
	if (!dbt_ident_is_plain(name) || dbt_ident_sqlite_internal(name))
		return 1;
	return dbt_keyword_category_of(name, strlen(name)) >= DBT_KWCAT_COL_NAME;
}

static void quote_ident(dbt_buf *out, const char *name)
{
	if (needs_quotes(name))
		dbt_ident_quote(out, name);
	else
		dbt_buf_puts(out, name);
}

/*
 * A standard string literal: quotes doubled, backslashes left alone.  That
 * is exact because standard_conforming_strings is on (the default since
 * PostgreSQL 9.1, and dbtool does not change it); the E'' form is never
 * needed.
 */
static void quote_literal(dbt_buf *out, const char *value)
{
	dbt_literal_quote(out, value);
}

static int table_exists(dbt_conn *conn, const char *schema, const char *name, int *out)
{
	/* to_regclass resolves the name, qualified or not, as a statement
	 * would; a schema that does not exist gives NULL, not an error. */
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class "
		"WHERE oid = pg_catalog.to_regclass($1) AND relkind IN ('r', 'p'))";
	dbt_buf ident = DBT_BUF_INIT;
	const char *params[1];
	PGresult *res;
	int rc = 0;

	*out = 0;
	if (schema) {
		quote_ident(&ident, schema);
		dbt_buf_putc(&ident, '.');
	}
	quote_ident(&ident, name);
	if (ident.oom)
		return dbt_error_oom();
	params[0] = ident.ptr;
	res = query(conn_of(conn), sql, 1, params);
	if (!res) {
		rc = DBT_EDB;
		goto cleanup;
	}
	*out = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
cleanup:
	dbt_buf_release(&ident);
	return rc;
}

const struct dbt_dialect dbt_dialect_postgres = {
	.name = "postgresql",
	.kind = DBT_DIALECT_POSTGRES,
	.title = "PostgreSQL",
	.a_title = "a PostgreSQL",
	.open = open_conn,
	.close = close_conn,
	.exec_script = exec_script,
	.split_script = dbt_sql_split,
	.is_tx_control = dbt_txcontrol_words,
	.exec = exec,
	.query_value = query_value,
	.query_rows = query_rows,
	.begin = begin,
	.commit = commit,
	.commit_with = commit_with,
	.rollback = rollback,
	.lock = lock,
	.unlock = unlock,
	.set_lock_timeout = set_lock_timeout,
	.reset_session = reset_session,
	.exec_batch = exec_batch,
	.table_exists = table_exists,
	.reflect = dbt_postgres_reflect,
	.quote_ident = quote_ident,
	.quote_literal = quote_literal,
	.scratch_open = dbt_postgres_scratch_open,
	.scratch_close = dbt_postgres_scratch_close,
	.caps = DBT_CAP_TRANSACTIONAL_DDL | DBT_CAP_ALTER_COLUMN_TYPE | DBT_CAP_SCHEMAS |
		DBT_CAP_IDENTITY | DBT_CAP_DEFAULT_CALL | DBT_CAP_ALTER_UNDER_OBJECTS |
		DBT_CAP_SAFE_FORMS | DBT_CAP_ENUM_TYPES | DBT_CAP_OTHER_OBJECTS | DBT_CAP_ROLES |
		DBT_CAP_RENAME_INDEX,
	.default_schema = "public",
	.any_object_sql = "SELECT 1 FROM pg_catalog.pg_class c "
			  "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			  "WHERE n.nspname <> 'information_schema' AND n.nspname !~ '^pg_' LIMIT 1",
	/* A routine's body may name what the scratch schema does not have
	 * (public.t under SET search_path = ''): it is read back as written,
	 * as pg_dump restores it, and checked when the revision runs. */
	.scratch_objects_start = "SET LOCAL check_function_bodies = off",
	.now_sql = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
	.render_op = dbt_postgres_render_op,
	.render_ops = dbt_postgres_render_ops,
	.adapt = dbt_postgres_adapt,
	.autoincrement = dbt_postgres_autoincrement,
	.autoincrement_is = dbt_postgres_autoincrement_is,
	.drop_tables = dbt_postgres_drop_tables,
	.put_column_type = dbt_postgres_put_column_type,
	.put_column_identity = dbt_postgres_put_column_identity,
};
