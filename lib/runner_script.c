/*
 * runner_script.c - the offline (--sql) script of a run: the SQL that
 * upgrade or downgrade would run, with the statements that make and
 * update dbtool's version and history tables, for psql, sqlite3 or mariadb
 * to run in the place of dbtool.
 *
 * Apart from runner.c because it runs nothing: it plans the run as
 * runner.c does (the target, the check of every revision's transaction
 * control) and writes text, with runner_book.c's statements for the
 * bookkeeping.
 */
#include "dbtool.h"

#include "buf.h"
#include "dialect.h"
#include "error.h"
#include "runner_int.h"

#include <stdlib.h>
#include <string.h>

/*
 * Appends a section's SQL and then a line that holds only ";": a real
 * terminator whatever the section ends with (a statement without its ';',
 * or a comment, even one whose last character is ';').  An empty
 * statement is harmless to psql and sqlite3.
 */
static void put_section(dbt_buf *out, const char *sql)
{
	size_t n = strlen(sql);

	while (n && strchr(" \t\r\n", sql[n - 1]))
		n--;
	if (!n)
		return;
	dbt_buf_put(out, sql, n);
	dbt_buf_puts(out, "\n;\n");
}

/*
 * The section of `rev` that the script for the dialect `kind` runs.  The
 * one place the offline script chooses a section: per-dialect sections
 * ("-- migrate:upgrade postgresql") are chosen here, as the online run
 * chooses them for its connection; an unlabelled section serves every
 * dialect.  NULL when `rev` has no section for `kind`.
 */
static const char *script_section(const dbt_revision *rev, dbt_dialect_kind kind, int upgrade)
{
	return dbt_revision_section(rev, kind, !upgrade, NULL);
}

/* A dialect's statements for the offline script, when it has some. */
static void put_opt(dbt_buf *out, const char *sql)
{
	if (sql)
		dbt_buf_puts(out, sql);
}

int dbt_run_script(char **out, dbt_dialect_kind kind, const char *version_schema,
		   const dbt_chain *chain, size_t from, const char *target, int upgrade)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);
	dbt_buf sql = DBT_BUF_INIT;
	struct book b;
	size_t goal, pos;
	int rc, in_tx;

	*out = NULL;
	if (!d)
		return dbt_error_set(DBT_ERROR, "unsupported database kind");
	if (!(d->caps & DBT_CAP_SCHEMAS))
		version_schema = NULL;
	else if (!version_schema)
		version_schema = d->default_schema;
	if ((rc = rb_book_init(&b, d, version_schema)) < 0)
		return rc;
	if (from > chain->n)
		return dbt_error_set(DBT_ERROR, "start position is past the head");
	rc = dbt_runner_resolve_target(&goal, chain, target ? target : "head", from,
				       upgrade ? MODE_UPGRADE : MODE_DOWNGRADE);
	if (rc < 0 || (rc = dbt_runner_check_plan(chain, from, goal, d)) < 0 ||
	    (rc = dbt_chain_checksums(chain)) < 0)
		return rc;

	dbt_buf_comment(&sql, "dbtool %s, %s, from %s to %s", upgrade ? "upgrade" : "downgrade",
			d->name, from ? dbt_runner_id_or_null(chain, from) : "<base>",
			goal ? dbt_runner_id_or_null(chain, goal) : "<base>");
	dbt_buf_putc(&sql, '\n');
	put_opt(&sql, d->script_start);
	rb_version_ddl(&sql, &b);
	dbt_buf_puts(&sql, ";\n");
	rb_history_ddl(&sql, &b);
	dbt_buf_puts(&sql, ";\n");
	for (pos = from; upgrade ? pos < goal : pos > goal; pos += upgrade ? 1 : (size_t)-1) {
		const dbt_revision *rev = upgrade ? chain->revs[pos] : chain->revs[pos - 1];
		const char *to = upgrade ? rev->id : (rev->down ? rev->down->id : NULL);
		const char *section = script_section(rev, kind, upgrade);

		if (!section) {
			dbt_buf_release(&sql);
			return dbt_error_set(DBT_ERROR, "%s: revision %s has no %s section for %s",
					     rev->path, rev->id, upgrade ? "upgrade" : "downgrade",
					     d->name);
		}
		dbt_buf_putc(&sql, '\n');
		dbt_buf_comment(&sql, "%s %s -> %s, %s", upgrade ? "upgrade" : "downgrade",
				upgrade ? (rev->down ? rev->down->id : "<base>") : rev->id,
				to ? to : "<base>", rev->message);
		/* Where DDL commits at once (MariaDB/MySQL), a BEGIN around
		 * the section would promise what the database does not do:
		 * every revision runs as a `transaction: false` one does, its
		 * statements one by one, then its version in a transaction. */
		in_tx = rev->transactional && (d->caps & DBT_CAP_TRANSACTIONAL_DDL);
		if (in_tx) {
			put_opt(&sql, d->script_before_begin);
			dbt_buf_puts(&sql, "BEGIN;\n");
		}
		put_section(&sql, section);
		if (!in_tx) {
			put_opt(&sql, d->script_before_begin);
			dbt_buf_puts(&sql, "BEGIN;\n");
		}
		rb_record_sql(&sql, &b, rev, upgrade);
		dbt_buf_puts(&sql, ";\n");
		put_opt(&sql, d->script_before_commit);
		dbt_buf_puts(&sql, "COMMIT;\n");
		put_opt(&sql, d->script_after_commit);
	}
	*out = dbt_buf_detach(&sql);
	return *out ? 0 : dbt_error_oom();
}

int dbt_run_script_for(char **out, dbt_conn *conn, const dbt_chain *chain, const char *target,
		       int upgrade)
{
	size_t from;
	int rc;

	*out = NULL;
	if ((rc = dbt_runner_current_position(&from, conn, chain)) < 0 ||
	    (rc = rb_verify_applied(conn, chain, from, 0)) < 0)
		return rc;
	return dbt_run_script(out, conn->dialect->kind, dbt_conn_version_schema(conn), chain, from,
			      target, upgrade);
}

int dbt_run_script_offline(char **out, dbt_dialect_kind kind, const char *version_schema,
			   const dbt_chain *chain, const char *range, int upgrade)
{
	const char *colon = strchr(range, ':');
	char *from_text = NULL;
	size_t from = 0;
	int rc;

	*out = NULL;
	if (!colon && !upgrade)
		return dbt_error_set(DBT_EPARSE,
				     "an offline downgrade needs the revision to start from: "
				     "FROM:TO, not '%s'",
				     range);
	if (colon && (colon == range || !colon[1] || strchr(colon + 1, ':')))
		return dbt_error_set(DBT_EPARSE,
				     "malformed range '%s': expected [FROM:]TO, such as base:head",
				     range);
	if (colon) {
		if (!(from_text = strndup(range, (size_t)(colon - range))))
			return dbt_error_oom();
		if ((rc = dbt_chain_resolve(&from, chain, from_text, 0)) < 0) {
			dbt_error_prefix(rc, "the start of the range '%s'", range);
			free(from_text);
			return rc;
		}
		free(from_text);
	}
	return dbt_run_script(out, kind, version_schema, chain, from, colon ? colon + 1 : range,
			      upgrade);
}
