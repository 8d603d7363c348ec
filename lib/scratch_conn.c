/*
 * scratch_conn.c - the scratch database of scratch.c, opened and closed
 * by the live dialect's scratch_open and scratch_close entries
 * (scratch_sqlite.c, scratch_postgres.c, scratch_mysql.c), and what those
 * share: the dev_url database, which must be empty, and the random name
 * of a scratch schema or database.
 */
#include "scratch_int.h"

#include "error.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* 16 hex digits of randomness for the scratch schema's name. */
static void random_hex(char *out)
{
	unsigned char bytes[8];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	size_t i;

	if (fd < 0 || read(fd, bytes, sizeof(bytes)) != (ssize_t)sizeof(bytes)) {
		unsigned long v = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^
				  (unsigned long)clock();

		for (i = 0; i < sizeof(bytes);
		     i++, v = v * 6364136223846793005UL + 1442695040888963407UL)
			bytes[i] = (unsigned char)(v >> 56);
	}
	if (fd >= 0)
		close(fd);
	for (i = 0; i < sizeof(bytes); i++)
		sprintf(out + 2 * i, "%02x", bytes[i]);
}

/* Fails unless the dev_url database holds nothing of its own. */
static int require_empty(struct scratch *s, const char *redacted)
{
	char *v = NULL;
	int rc = s->conn->dialect->query_value(s->conn, s->conn->dialect->any_object_sql, &v);

	if (rc == 0 && v)
		rc = dbt_error_set(DBT_EEXISTS,
				   "the scratch database '%s' (dev_url) is not empty: it must be "
				   "an "
				   "empty database that dbtool may use to normalize the model",
				   redacted);
	free(v);
	return rc;
}

int dbt_scratch_open_dev(struct scratch *s, const dbt_conn *live)
{
	dbt_url url;
	char *redacted = NULL;
	int rc;

	if ((rc = dbt_url_parse(&url, live->dev_url)) < 0)
		return dbt_error_prefix(rc, "dev_url");
	if (!(redacted = dbt_url_redact(&url))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (url.kind != live->dialect->kind) {
		rc = dbt_error_set(DBT_ERROR,
				   "the scratch database '%s' (dev_url) is not a %s database like "
				   "the one migrated",
				   redacted, live->dialect->name);
		goto cleanup;
	}
	if ((rc = dbt_conn_open(&s->own, &url)) < 0) {
		dbt_error_prefix(rc, "cannot open the scratch database (dev_url)");
		goto cleanup;
	}
	s->conn = s->own;
	rc = require_empty(s, redacted);
cleanup:
	free(redacted);
	dbt_url_release(&url);
	return rc;
}

int dbt_scratch_run(struct scratch *s, const dbt_buf *sql)
{
	if (sql->oom)
		return dbt_error_oom();
	return s->conn->dialect->exec(s->conn, dbt_buf_str(sql));
}

void dbt_scratch_new_name(struct scratch *s)
{
	memcpy(s->schema, SCRATCH_PREFIX, sizeof(SCRATCH_PREFIX) - 1);
	random_hex(s->schema + sizeof(SCRATCH_PREFIX) - 1);
}

int dbt_scratch_start(struct scratch *s, dbt_conn *live)
{
	s->conn = live;
	return live->dialect->scratch_open(s, live);
}

void dbt_scratch_finish(struct scratch *s)
{
	if (s->conn)
		s->conn->dialect->scratch_close(s);
	dbt_conn_close(s->own);
	s->own = NULL;
}

int dbt_scratch_abandon(struct scratch *s, int rc)
{
	char *msg = strdup(dbt_error_last());

	dbt_scratch_finish(s);
	if (msg)
		dbt_error_set(rc, "%s", msg);
	free(msg);
	return rc;
}
