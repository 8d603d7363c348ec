/*
 * dialect.c - choosing a dialect, and the connection functions of the
 * public API that only dispatch to it.
 */
#include "dialect.h"

#include "error.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const struct dbt_dialect *dbt_dialect_for(dbt_dialect_kind kind)
{
	switch (kind) {
	case DBT_DIALECT_SQLITE:
		return &dbt_dialect_sqlite;
	case DBT_DIALECT_POSTGRES:
		return &dbt_dialect_postgres;
	}
	return NULL;
}

static int open_conn(dbt_conn **out, const dbt_url *url, int readonly)
{
	const struct dbt_dialect *d = dbt_dialect_for(url->kind);

	*out = NULL;
	if (!d)
		return dbt_error_set(DBT_ERROR, "unsupported database kind");
	return d->open(out, url, readonly);
}

int dbt_conn_open(dbt_conn **out, const dbt_url *url)
{
	return open_conn(out, url, 0);
}

int dbt_conn_open_readonly(dbt_conn **out, const dbt_url *url)
{
	return open_conn(out, url, 1);
}

void dbt_conn_close(dbt_conn *conn)
{
	if (conn) {
		free(conn->dev_url);
		conn->dev_url = NULL;
		conn->dialect->close(conn);
	}
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
