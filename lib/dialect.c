/*
 * dialect.c - choosing a dialect, and the connection functions of the
 * public API that only dispatch to it.
 */
#include "dialect.h"

#include "error.h"
#include "exclude.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each capability is a bit of its own: two flags sharing one would make
 * every dialect that has the one seem to have the other. */
_Static_assert((DBT_CAP_TRANSACTIONAL_DDL + DBT_CAP_ALTER_COLUMN_TYPE + DBT_CAP_SCHEMAS +
		DBT_CAP_IDENTITY + DBT_CAP_DEFAULT_CALL + DBT_CAP_TRIGGER_BODY +
		DBT_CAP_FK_FORWARD_REFS + DBT_CAP_ALTER_UNDER_OBJECTS + DBT_CAP_FILE +
		DBT_CAP_SAFE_FORMS + DBT_CAP_BACKTICK_NAMES + DBT_CAP_ENUM_TYPES +
		DBT_CAP_NOCASE_NAMES + DBT_CAP_NOCASE_COLUMNS + DBT_CAP_RENAME_INDEX +
		DBT_CAP_VIEWS_AS_WRITTEN + DBT_CAP_OTHER_OBJECTS + DBT_CAP_ROLES) ==
		       (DBT_CAP_TRANSACTIONAL_DDL | DBT_CAP_ALTER_COLUMN_TYPE | DBT_CAP_SCHEMAS |
			DBT_CAP_IDENTITY | DBT_CAP_DEFAULT_CALL | DBT_CAP_TRIGGER_BODY |
			DBT_CAP_FK_FORWARD_REFS | DBT_CAP_ALTER_UNDER_OBJECTS | DBT_CAP_FILE |
			DBT_CAP_SAFE_FORMS | DBT_CAP_BACKTICK_NAMES | DBT_CAP_ENUM_TYPES |
			DBT_CAP_NOCASE_NAMES | DBT_CAP_NOCASE_COLUMNS | DBT_CAP_RENAME_INDEX |
			DBT_CAP_VIEWS_AS_WRITTEN | DBT_CAP_OTHER_OBJECTS | DBT_CAP_ROLES),
	       "the DBT_CAP_ flags of dialect.h share a bit");

const struct dbt_dialect *dbt_dialect_for(dbt_dialect_kind kind)
{
	switch (kind) {
	case DBT_DIALECT_SQLITE:
		return &dbt_dialect_sqlite;
	case DBT_DIALECT_POSTGRES:
		return &dbt_dialect_postgres;
	case DBT_DIALECT_MYSQL:
		return &dbt_dialect_mysql;
	}
	return NULL;
}

static int open_conn(dbt_conn **out, const dbt_url *url, int readonly, int to_reflect)
{
	const struct dbt_dialect *d = dbt_dialect_for(url->kind);

	*out = NULL;
	if (!d)
		return dbt_error_set(DBT_ERROR, "unsupported database kind");
	if (to_reflect && d->open_to_reflect)
		return d->open_to_reflect(out, url, readonly);
	return d->open(out, url, readonly);
}

int dbt_conn_open(dbt_conn **out, const dbt_url *url)
{
	return open_conn(out, url, 0, 0);
}

int dbt_conn_open_readonly(dbt_conn **out, const dbt_url *url)
{
	return open_conn(out, url, 1, 0);
}

static int open_existing(dbt_conn **out, const dbt_url *url, int missing_is_empty, int to_reflect)
{
	const struct dbt_dialect *d = dbt_dialect_for(url->kind);

	*out = NULL;
	/* Only a database that is a file is created by opening it. */
	if (d && (d->caps & DBT_CAP_FILE) && url->database && access(url->database, F_OK) != 0) {
		if (missing_is_empty)
			return open_conn(out, url, 1, to_reflect);
		return dbt_error_set(DBT_ENOTFOUND,
				     "database file '%s' does not exist: check the url, or create "
				     "it "
				     "with 'dbtool upgrade', 'dbtool stamp' or 'dbtool create-all'",
				     url->database);
	}
	return open_conn(out, url, 0, to_reflect);
}

int dbt_conn_open_existing(dbt_conn **out, const dbt_url *url, int missing_is_empty)
{
	return open_existing(out, url, missing_is_empty, 0);
}

int dbt_conn_open_to_compare(dbt_conn **out, const dbt_url *url, int missing_is_empty)
{
	return open_existing(out, url, missing_is_empty, 1);
}

void dbt_conn_close(dbt_conn *conn)
{
	if (!conn)
		return;
	dbt_model_preload_free(conn->preload);
	conn->preload = NULL;
	free(conn->version_schema);
	conn->version_schema = NULL;
	free(conn->dev_url);
	conn->dev_url = NULL;
	dbt_exclude_free(conn->exclude, conn->nexclude);
	conn->exclude = NULL;
	conn->nexclude = 0;
	dbt_exclude_free(conn->roles, conn->nroles);
	conn->roles = NULL;
	conn->nroles = 0;
	conn->dialect->close(conn);
}

int dbt_conn_set_dev_url(dbt_conn *conn, const char *url)
{
	char *copy = NULL;

	if (url && !(copy = strdup(url)))
		return dbt_error_oom();
	free(conn->dev_url);
	conn->dev_url = copy;
	return 0;
}

void dbt_conn_set_rename_question(dbt_conn *conn, dbt_rename_question fn, void *arg)
{
	conn->rename_question = fn;
	conn->rename_question_arg = arg;
}

int dbt_conn_set_version_schema(dbt_conn *conn, const char *schema)
{
	char *copy;

	/* PostgreSQL cuts longer names to 63 bytes: the tables would land in
	 * a schema of another name. */
	if (!schema || !*schema || strlen(schema) > 63)
		return dbt_error_set(DBT_EPARSE,
				     "invalid version schema '%s': give a name of 1 to 63 bytes",
				     schema ? schema : "");
	if (!(copy = strdup(schema)))
		return dbt_error_oom();
	free(conn->version_schema);
	conn->version_schema = copy;
	return 0;
}

const char *dbt_conn_version_schema(const dbt_conn *conn)
{
	if (!(conn->dialect->caps & DBT_CAP_SCHEMAS))
		return NULL;
	return conn->version_schema ? conn->version_schema : conn->dialect->default_schema;
}

void dbt_conn_set_statement_lock_timeout(dbt_conn *conn, int ms)
{
	conn->lock_timeout_ms = ms > 0 ? ms : -1;
}

int dbt_conn_lock_timeout(const dbt_conn *conn)
{
	if (conn->lock_timeout_ms == 0)
		return DBT_STATEMENT_LOCK_TIMEOUT_MS;
	return conn->lock_timeout_ms < 0 ? 0 : conn->lock_timeout_ms;
}

int dbt_conn_begin_locked(dbt_conn *conn, int lock_timeout_ms)
{
	const struct dbt_dialect *d = conn->dialect;
	int rc = d->lock(conn, lock_timeout_ms > 0 ? lock_timeout_ms : DBT_LOCK_TIMEOUT_MS);

	if (rc < 0)
		return rc;
	if ((rc = d->begin(conn)) < 0)
		d->unlock(conn);
	return rc;
}

int dbt_conn_end_locked(dbt_conn *conn, int rc)
{
	const struct dbt_dialect *d = conn->dialect;

	if (rc == 0)
		rc = d->commit(conn);
	if (rc < 0)
		d->rollback(conn);
	d->unlock(conn);
	return rc;
}

const char *dbt_conn_dialect(const dbt_conn *conn)
{
	return conn->dialect->name;
}

void dbt_dialect_excerpt(dbt_buf *out, const char *stmt, size_t len, size_t max)
{
	size_t i, written = 0;
	int space = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)stmt[i];
		if (isspace(c)) {
			space = written > 0;
			continue;
		}
		if (written + (space ? 1 : 0) + 1 > max) {
			dbt_buf_puts(out, "...");
			return;
		}
		if (space) {
			dbt_buf_putc(out, ' ');
			written++;
			space = 0;
		}
		dbt_buf_putc(out, (char)c);
		written++;
	}
}

void dbt_dialect_put_in(dbt_buf *out, const char *stmt, size_t len)
{
	dbt_buf_puts(out, " (in: ");
	dbt_dialect_excerpt(out, stmt, len, 60);
	dbt_buf_putc(out, ')');
}

int dbt_dialect_fail_with(dbt_buf *msg, int code)
{
	int rc = msg->oom ? dbt_error_oom() : dbt_error_set(code, "%s", msg->ptr);

	dbt_buf_release(msg);
	return rc;
}
