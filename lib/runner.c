/*
 * runner.c - applies and reverts revisions: the version table, the lock,
 * one transaction per revision, and the offline (--sql) script.
 *
 * Safety rests on one rule: a revision's statements and the update of the
 * version table commit together, and the version is read again inside
 * that transaction before anything runs.  So two processes that race can
 * never apply the same revision twice, and a failure leaves the database
 * at the previous revision.  PostgreSQL additionally serialises whole runs
 * with an advisory lock; SQLite's BEGIN IMMEDIATE takes the write lock
 * before the version is read.
 */
#include "dbtool.h"

#include "buf.h"
#include "dialect.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VERSION_TABLE "dbtool_version"
#define DEFAULT_LOCK_TIMEOUT_MS 60000

static const char version_ddl[] =
	"CREATE TABLE IF NOT EXISTS " VERSION_TABLE " (version_num VARCHAR(64) NOT NULL, "
	"CONSTRAINT " VERSION_TABLE "_pkc PRIMARY KEY (version_num))";

enum mode { MODE_UPGRADE, MODE_DOWNGRADE, MODE_STAMP };

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Reads the version row; NULL when the table is missing or empty. */
static int version_get(dbt_conn *c, char **out)
{
	int exists = 0, rc;
	char *v = NULL;

	*out = NULL;
	rc = c->dialect->table_exists(c, VERSION_TABLE, &exists);
	if (rc < 0 || !exists)
		return rc;
	rc = c->dialect->query_value(c,
				     "SELECT CASE WHEN count(*) > 1 THEN '!' ELSE max(version_num) END "
				     "FROM " VERSION_TABLE,
				     &v);
	if (rc < 0)
		return rc;
	if (v && strcmp(v, "!") == 0) {
		free(v);
		return dbt_error_set(DBT_ERROR,
				     "table '" VERSION_TABLE "' holds several rows; "
				     "dbtool keeps exactly one: fix it with 'dbtool stamp'");
	}
	*out = v;
	return 0;
}

/* The statements that record `id` (NULL: base) as the current revision. */
static void version_set_sql(dbt_buf *sql, const struct dbt_dialect *d, const char *id)
{
	dbt_buf_puts(sql, "DELETE FROM " VERSION_TABLE);
	if (id) {
		dbt_buf_puts(sql, ";\nINSERT INTO " VERSION_TABLE " (version_num) VALUES (");
		d->quote_literal(sql, id);
		dbt_buf_puts(sql, ")");
	}
}

static int version_set(dbt_conn *c, const char *id)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	version_set_sql(&sql, c->dialect, id);
	if (sql.oom)
		return dbt_error_oom();
	rc = c->dialect->exec_script(c, sql.ptr, "version table", 1);
	dbt_buf_release(&sql);
	return rc;
}

int dbt_conn_current(char **out, dbt_conn *conn)
{
	return version_get(conn, out);
}

/* The chain position of the database's version, failing when no file of
 * the chain defines it. */
static int position_of(size_t *out, const dbt_chain *chain, const char *id)
{
	if (dbt_chain_position(out, chain, id) == 0)
		return 0;
	return dbt_error_set(DBT_ENOTFOUND,
			     "database is at %s, which no revision file defines: restore the file, "
			     "or 'dbtool stamp' the database to a known revision",
			     id);
}

static const char *id_or_null(const dbt_chain *chain, size_t pos)
{
	return pos ? chain->revs[pos - 1]->id : NULL;
}

static int resolve_target(size_t *out, const dbt_chain *chain, const char *target, size_t cur,
			  enum mode mode)
{
	int rc = dbt_chain_resolve(out, chain, target, cur);

	if (rc < 0)
		return rc;
	if (mode == MODE_UPGRADE && *out < cur)
		return dbt_error_set(DBT_ERROR,
				     "target '%s' is below the current revision %s: use 'dbtool downgrade'",
				     target, id_or_null(chain, cur));
	if (mode == MODE_DOWNGRADE && *out > cur)
		return dbt_error_set(DBT_ERROR,
				     "target '%s' is above the current revision %s: use 'dbtool upgrade'",
				     target, cur ? id_or_null(chain, cur) : "(base)");
	return 0;
}

/* Reads the version inside the open transaction and turns it into a
 * position. */
static int current_position(size_t *out, dbt_conn *c, const dbt_chain *chain)
{
	char *id = NULL;
	int rc = version_get(c, &id);

	if (rc == 0)
		rc = position_of(out, chain, id);
	free(id);
	return rc;
}

static int run_sql(dbt_conn *c, const dbt_revision *rev, int up)
{
	const char *sql = up ? rev->upgrade : rev->downgrade;
	int line = up ? rev->upgrade_line : rev->downgrade_line;
	int rc = c->dialect->exec_script(c, sql, rev->path, line);

	if (rc < 0)
		dbt_error_prefix(rc, "%s %s failed%s", up ? "upgrade" : "downgrade", rev->id,
				 rev->transactional ? " and was rolled back" : "");
	return rc;
}

/*
 * One step: applies (or reverts) the revision next to the current version
 * in the direction of `target`.  Sets `*done` when there is nothing left.
 */
static int step(dbt_conn *c, const dbt_chain *chain, size_t target, int up,
		const dbt_run_opts *opts, int *done)
{
	const struct dbt_dialect *d = c->dialect;
	const dbt_revision *rev;
	size_t cur;
	double t0 = now_ms();
	int rc;

	*done = 0;
	if ((rc = d->begin(c)) < 0)
		return rc;
	if (up && (rc = d->exec(c, version_ddl)) < 0)
		goto fail;
	if ((rc = current_position(&cur, c, chain)) < 0)
		goto fail;
	if (up ? cur >= target : cur <= target) {
		*done = 1;
		return d->rollback(c);
	}
	rev = up ? chain->revs[cur] : chain->revs[cur - 1];

	if (!rev->transactional) {
		/* Statements that cannot run inside a transaction run on their
		 * own; only the version update is transactional then. */
		if ((rc = d->commit(c)) < 0)
			goto fail;
		if ((rc = run_sql(c, rev, up)) < 0)
			return rc;
		if ((rc = d->begin(c)) < 0)
			return rc;
	} else if ((rc = run_sql(c, rev, up)) < 0) {
		goto fail;
	}
	if ((rc = version_set(c, up ? rev->id : (rev->down ? rev->down->id : NULL))) < 0)
		goto fail;
	if ((rc = d->commit(c)) < 0)
		goto fail;

	if (opts && opts->on_step) {
		dbt_step s = {
			.upgrade = up,
			.rev = rev,
			.from = up ? (rev->down ? rev->down->id : NULL) : rev->id,
			.to = up ? rev->id : (rev->down ? rev->down->id : NULL),
			.ms = now_ms() - t0,
		};
		opts->on_step(&s, opts->arg);
	}
	return 0;
fail:
	d->rollback(c);
	return rc;
}

static int run(dbt_conn *c, const dbt_chain *chain, const char *target, const dbt_run_opts *opts,
	       enum mode mode)
{
	const struct dbt_dialect *d = c->dialect;
	int timeout = opts && opts->lock_timeout_ms > 0 ? opts->lock_timeout_ms
							 : DEFAULT_LOCK_TIMEOUT_MS;
	size_t cur, goal;
	char *id = NULL;
	int rc, done = 0;

	if ((rc = d->lock(c, timeout)) < 0)
		return rc;
	if ((rc = version_get(c, &id)) < 0 || (rc = position_of(&cur, chain, id)) < 0)
		goto cleanup;
	if ((rc = resolve_target(&goal, chain, target, cur, mode)) < 0)
		goto cleanup;

	if (mode == MODE_STAMP) {
		if ((rc = d->begin(c)) < 0)
			goto cleanup;
		if ((rc = d->exec(c, version_ddl)) < 0 ||
		    (rc = version_set(c, id_or_null(chain, goal))) < 0 || (rc = d->commit(c)) < 0) {
			d->rollback(c);
			goto cleanup;
		}
		if (opts && opts->on_step) {
			dbt_step s = {.upgrade = goal >= cur,
				      .rev = goal ? chain->revs[goal - 1] : NULL,
				      .from = id_or_null(chain, cur),
				      .to = id_or_null(chain, goal)};
			opts->on_step(&s, opts->arg);
		}
		goto cleanup;
	}
	while (!done && (rc = step(c, chain, goal, mode == MODE_UPGRADE, opts, &done)) == 0)
		;
cleanup:
	free(id);
	d->unlock(c);
	return rc;
}

int dbt_run_upgrade(dbt_conn *conn, const dbt_chain *chain, const char *target,
		    const dbt_run_opts *opts)
{
	return run(conn, chain, target ? target : "head", opts, MODE_UPGRADE);
}

int dbt_run_downgrade(dbt_conn *conn, const dbt_chain *chain, const char *target,
		      const dbt_run_opts *opts)
{
	return run(conn, chain, target, opts, MODE_DOWNGRADE);
}

int dbt_run_stamp(dbt_conn *conn, const dbt_chain *chain, const char *target,
		  const dbt_run_opts *opts)
{
	return run(conn, chain, target, opts, MODE_STAMP);
}

int dbt_run_require_head(dbt_conn *conn, const dbt_chain *chain)
{
	char *id = NULL;
	size_t pos;
	int rc = version_get(conn, &id);

	if (rc == 0 && (rc = position_of(&pos, chain, id)) == 0 && pos != chain->n)
		rc = dbt_error_set(DBT_ERROR, "database is at %s, not at head %s: run 'dbtool upgrade' first",
				   id ? id : "base", chain->revs[chain->n - 1]->id);
	free(id);
	return rc;
}

/* Appends a section's SQL so that it ends with a statement terminator even
 * when the author left out the last ';' or ended on a comment. */
static void put_section(dbt_buf *out, const char *sql)
{
	size_t n = strlen(sql);

	while (n && strchr(" \t\r\n", sql[n - 1]))
		n--;
	if (!n)
		return;
	dbt_buf_put(out, sql, n);
	dbt_buf_puts(out, sql[n - 1] == ';' ? "\n" : "\n;\n");
}

int dbt_run_script(char **out, dbt_dialect_kind kind, const dbt_chain *chain, size_t from,
		   const char *target, int upgrade)
{
	const struct dbt_dialect *d = dbt_dialect_for(kind);
	dbt_buf sql = DBT_BUF_INIT;
	size_t goal, pos;
	int rc;

	*out = NULL;
	if (!d)
		return dbt_error_set(DBT_ERROR, "unsupported database kind");
	if (from > chain->n)
		return dbt_error_set(DBT_ERROR, "start position is past the head");
	rc = resolve_target(&goal, chain, target ? target : "head", from,
			    upgrade ? MODE_UPGRADE : MODE_DOWNGRADE);
	if (rc < 0)
		return rc;

	dbt_buf_printf(&sql, "-- dbtool %s, %s, from %s to %s\n\n", upgrade ? "upgrade" : "downgrade",
		       d->name, from ? id_or_null(chain, from) : "<base>",
		       goal ? id_or_null(chain, goal) : "<base>");
	dbt_buf_printf(&sql, "%s;\n", version_ddl);
	for (pos = from; upgrade ? pos < goal : pos > goal; pos += upgrade ? 1 : (size_t)-1) {
		const dbt_revision *rev = upgrade ? chain->revs[pos] : chain->revs[pos - 1];
		const char *to = upgrade ? rev->id : (rev->down ? rev->down->id : NULL);

		dbt_buf_printf(&sql, "\n-- %s %s -> %s, %s\n", upgrade ? "upgrade" : "downgrade",
			       upgrade ? (rev->down ? rev->down->id : "<base>") : rev->id,
			       to ? to : "<base>", rev->message);
		if (rev->transactional)
			dbt_buf_puts(&sql, "BEGIN;\n");
		put_section(&sql, upgrade ? rev->upgrade : rev->downgrade);
		if (!rev->transactional)
			dbt_buf_puts(&sql, "BEGIN;\n");
		version_set_sql(&sql, d, to);
		dbt_buf_puts(&sql, ";\nCOMMIT;\n");
	}
	*out = dbt_buf_detach(&sql);
	return *out ? 0 : dbt_error_oom();
}
