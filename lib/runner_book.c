/*
 * runner_book.c - dbtool's own tables for the runner (runner.c): where the
 * version and history tables are and how statements name them, reading
 * and writing the version row, reading the history and checking it
 * against the chain.  See runner.c for the rules they follow.
 */
#include "runner_int.h"

#include "defaults.h"
#include "error.h"
#include "findings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The names of `table` in `schema` (NULL: none) into `out`. */
int rb_qualify(char *out, size_t size, const struct dbt_dialect *d, const char *schema,
	       const char *table)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc = 0;

	if (schema) {
		d->quote_ident(&b, schema);
		dbt_buf_putc(&b, '.');
	}
	dbt_buf_puts(&b, table);
	if (b.oom)
		rc = dbt_error_oom();
	else if (b.len >= size)
		rc = dbt_error_set(DBT_EPARSE, "invalid version schema '%s': the name is too long",
				   schema);
	else
		memcpy(out, b.ptr, b.len + 1);
	dbt_buf_release(&b);
	return rc;
}

int rb_book_init(struct book *b, const struct dbt_dialect *d, const char *schema)
{
	int rc;

	b->d = d;
	b->schema = schema;
	if ((rc = rb_qualify(b->version, sizeof(b->version), d, schema, DBT_VERSION_TABLE)) == 0 &&
	    (rc = rb_qualify(b->history, sizeof(b->history), d, schema, DBT_HISTORY_TABLE)) == 0)
		rc = rb_qualify(b->journal, sizeof(b->journal), d, schema, DBT_JOURNAL_TABLE);
	return rc;
}

int rb_book_of(struct book *b, dbt_conn *c)
{
	return rb_book_init(b, c->dialect, dbt_conn_version_schema(c));
}

void rb_version_ddl(dbt_buf *sql, const struct book *b)
{
	dbt_buf_printf(sql,
		       "CREATE TABLE IF NOT EXISTS %s (version_num VARCHAR(64) NOT NULL, "
		       "CONSTRAINT " DBT_VERSION_TABLE "_pkc PRIMARY KEY (version_num))%s",
		       b->version, b->d->book_table_options ? b->d->book_table_options : "");
}

void rb_history_ddl(dbt_buf *sql, const struct book *b)
{
	dbt_buf_printf(sql,
		       "CREATE TABLE IF NOT EXISTS %s (version_num VARCHAR(64) NOT NULL, "
		       "checksum CHAR(64) NOT NULL, applied_at VARCHAR(32) NOT NULL, "
		       "CONSTRAINT " DBT_HISTORY_TABLE "_pkc PRIMARY KEY (version_num))%s",
		       b->history, b->d->book_table_options ? b->d->book_table_options : "");
}

/* Creates the version table (with `version`) and the history table. */
int rb_create_tables(dbt_conn *c, const struct book *b, int version)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc = 0;

	if (version) {
		rb_version_ddl(&sql, b);
		rc = sql.oom ? dbt_error_oom() : c->dialect->exec(c, sql.ptr);
		dbt_buf_clear(&sql);
	}
	if (rc == 0) {
		rb_history_ddl(&sql, b);
		rc = sql.oom ? dbt_error_oom() : c->dialect->exec(c, sql.ptr);
	}
	dbt_buf_release(&sql);
	return rc;
}

double rb_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/*
 * A database without a version table in the version schema, whose
 * search_path finds one elsewhere, was most likely migrated before the
 * tables were qualified (or with another version_schema): taking it for
 * an empty database would apply every revision again.
 */
int rb_version_elsewhere(dbt_conn *c, const struct book *b)
{
	int found = 0, rc = 0;
	char *where = NULL;

	if (!b->schema || (rc = c->dialect->table_exists(c, NULL, DBT_VERSION_TABLE, &found)) < 0 ||
	    !found)
		return b->schema ? rc : 0;
	rc = c->dialect->query_value(c,
				     "SELECT n.nspname FROM pg_catalog.pg_class t JOIN "
				     "pg_catalog.pg_namespace n ON n.oid = t.relnamespace "
				     "WHERE t.oid = pg_catalog.to_regclass('" DBT_VERSION_TABLE
				     "')",
				     &where);
	if (rc == 0)
		rc = dbt_error_set(DBT_ERROR,
				   "the version table is not in schema '%s' but in '%s': set "
				   "version_schema = %s in dbtool.ini, or move " DBT_VERSION_TABLE
				   " and " DBT_HISTORY_TABLE " to '%s'",
				   b->schema, where ? where : "?", where ? where : "?", b->schema);
	free(where);
	return rc;
}

int rb_version_row(void *arg, size_t ncolumns, const char *const *values)
{
	struct version_rows *v = arg;

	if (ncolumns < 1 || !values[0])
		return 0;
	if (v->n++)
		dbt_buf_puts(&v->ids, ", ");
	dbt_buf_puts(&v->ids, values[0]);
	return v->ids.oom ? dbt_error_oom() : 0;
}

/* Reads the version row: the id, or "!" and the ids ("!a, b") when the
 * table holds several rows; NULL when the table is missing or empty.
 * Fails when the journal says that a revision stopped halfway. */
int rb_version_read(dbt_conn *c, char **out)
{
	return rb_version_read_any(c, out, 1);
}

/* The same; with `journal` 0, whatever the journal says (for a stamp,
 * which is the way out of a revision that stopped halfway). */
int rb_version_read_any(dbt_conn *c, char **out, int journal)
{
	struct version_rows v = {DBT_BUF_INIT, 0};
	struct book b;
	dbt_buf sql = DBT_BUF_INIT;
	int exists = 0, rc;

	*out = NULL;
	if ((rc = rb_book_of(&b, c)) < 0 || (journal && (rc = rb_journal_check(c, &b)) < 0))
		return rc;
	rc = c->dialect->table_exists(c, b.schema, DBT_VERSION_TABLE, &exists);
	if (rc < 0 || !exists)
		return rc < 0 ? rc : rb_version_elsewhere(c, &b);
	dbt_buf_printf(&sql, "SELECT version_num FROM %s ORDER BY version_num", b.version);
	rc = sql.oom ? dbt_error_oom() : c->dialect->query_rows(c, sql.ptr, rb_version_row, &v);
	if (rc == 0 && v.n > 1) {
		dbt_buf_clear(&sql);
		dbt_buf_printf(&sql, "!%s", dbt_buf_str(&v.ids));
		*out = dbt_buf_detach(&sql);
	} else if (rc == 0 && v.n == 1) {
		*out = dbt_buf_detach(&v.ids);
	}
	if (rc == 0 && v.n && !*out)
		rc = dbt_error_oom();
	dbt_buf_release(&v.ids);
	dbt_buf_release(&sql);
	return rc;
}

int rb_several_rows(const char *ids)
{
	return dbt_error_set(DBT_ERROR,
			     "table '" DBT_VERSION_TABLE
			     "' holds several rows (%s); dbtool keeps exactly "
			     "one: run 'dbtool stamp REV' with the revision the database is at",
			     ids);
}

/* Reads the version row; NULL when the table is missing or empty.  Several
 * rows are an error. */
int rb_version_get(dbt_conn *c, char **out)
{
	char *v = NULL;
	int rc = rb_version_read(c, &v);

	*out = NULL;
	if (rc < 0)
		return rc;
	if (v && v[0] == '!') {
		rc = rb_several_rows(v + 1);
		free(v);
		return rc;
	}
	*out = v;
	return 0;
}

/* The statements that record `id` (NULL: base) as the current revision. */
void rb_version_set_sql(dbt_buf *sql, const struct book *b, const char *id)
{
	dbt_buf_printf(sql, "DELETE FROM %s", b->version);
	if (id) {
		dbt_buf_printf(sql, ";\nINSERT INTO %s (version_num) VALUES (", b->version);
		b->d->quote_literal(sql, id);
		dbt_buf_puts(sql, ")");
	}
}

int dbt_conn_current(char **out, dbt_conn *conn)
{
	return rb_version_get(conn, out);
}

/* --------------------------------------------------------------- journal */

/*
 * Where DDL commits at once (no DBT_CAP_TRANSACTIONAL_DDL), a revision
 * cannot commit with its version row: each of its statements commits as
 * it runs.  The journal table then holds one row while a revision runs:
 * which revision, in which direction, from which version, how many of its
 * statements have committed and a hash of each, and, once one failed, the
 * failure.  The row
 * is written before the first statement, updated after each, and deleted
 * in the transaction that records the version; a row left behind means
 * the database is between two revisions: every command that reads the
 * version says so, until a run resumes the revision (runner.c) or a
 * stamp clears it.
 *
 * A DDL statement commits on its own, before its count can: a run killed
 * while one runs leaves the count one short, and the statement may or may
 * not have taken effect.  The column `running` tells that case from a run
 * killed between two statements: the runner sets it to the number of the
 * next statement in that statement's own transaction, just before the
 * statement.  The server commits the open transaction before it runs a
 * DDL statement, so the mark is committed exactly when a DDL statement
 * has started; a DML statement instead commits (or rolls back) together
 * with the mark and its count, which clears the mark.
 */

/* Whether the journal table has the column `running` (a table made by
 * an older dbtool has not). */
static int journal_has_running(dbt_conn *c, const struct book *b, int *out)
{
	dbt_buf sql = DBT_BUF_INIT;
	char *v = NULL;
	int rc;

	*out = 0;
	dbt_buf_puts(&sql, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ");
	if (b->schema)
		b->d->quote_literal(&sql, b->schema);
	else
		dbt_buf_puts(&sql, "DATABASE()");
	dbt_buf_puts(&sql, " AND table_name = '" DBT_JOURNAL_TABLE "' AND column_name = 'running'");
	rc = sql.oom ? dbt_error_oom() : c->dialect->query_value(c, sql.ptr, &v);
	if (rc == 0)
		*out = v && strcmp(v, "0") != 0;
	free(v);
	dbt_buf_release(&sql);
	return rc;
}

int rb_journaled(const dbt_conn *c)
{
	return !(c->dialect->caps & DBT_CAP_TRANSACTIONAL_DDL);
}

/* The journal's row as read: the message that the database is between
 * revisions. */
static int journal_row(void *arg, size_t ncolumns, const char *const *values)
{
	dbt_buf *msg = arg;
	const char *rev, *dir, *from, *n, *failed, *other, *started;

	if (ncolumns < 6 || msg->len)
		return 0;
	rev = values[0] ? values[0] : "?";
	dir = values[1] ? values[1] : "upgrade";
	from = values[2] ? values[2] : "base";
	n = values[3] ? values[3] : "0";
	failed = values[4];
	/* The statement marked as started, when it is the next one. */
	started = values[5] && strtoul(values[5], NULL, 10) == strtoul(n, NULL, 10) + 1 ? values[5]
											: NULL;
	if (!strcmp(dir, "missing")) {
		/* The version did not move: the revision lies below it. */
		dbt_buf_printf(msg,
			       "the database is at %s, but the upgrade of %s, a revision missing "
			       "below it, stopped after %s of its statements",
			       from, rev, n);
		if (failed)
			dbt_buf_printf(msg, " (%s)", failed);
		dbt_buf_printf(msg,
			       "; the database commits each DDL statement at once, so they stay "
			       "applied: run 'dbtool upgrade --apply-missing' to resume it at its "
			       "next statement once its cause is fixed, or finish it by hand and "
			       "record that with 'dbtool stamp %s'",
			       from);
		return msg->oom ? dbt_error_oom() : 0;
	}
	other = strcmp(dir, "upgrade") ? "upgrade" : "downgrade";
	dbt_buf_printf(msg,
		       "the database is between revisions %s and %s: the %s %s stopped after %s "
		       "of its statements",
		       from, rev, dir, rev, n);
	if (started)
		dbt_buf_printf(msg, ", while its statement %s ran, which may have been applied",
			       started);
	if (failed)
		dbt_buf_printf(msg, " (%s)", failed);
	dbt_buf_printf(msg,
		       "; the database commits each DDL statement at once, so they stay "
		       "applied: run 'dbtool %s' to resume the %s at its next statement once "
		       "its cause is fixed, or 'dbtool %s' to undo the statements that ran "
		       "(a revision marked '-- journal: inverse'), or finish or undo it by "
		       "hand and record where the database is with 'dbtool stamp %s' or "
		       "'dbtool stamp %s'",
		       dir, dir, other, rev, from);
	return msg->oom ? dbt_error_oom() : 0;
}

/* Fails, saying where the database is, when the journal holds a row. */
int rb_journal_check(dbt_conn *c, const struct book *b)
{
	dbt_buf sql = DBT_BUF_INIT, msg = DBT_BUF_INIT;
	int exists = 0, running = 0, rc = 0;

	if (!rb_journaled(c) ||
	    (rc = c->dialect->table_exists(c, b->schema, DBT_JOURNAL_TABLE, &exists)) < 0 ||
	    !exists || (rc = journal_has_running(c, b, &running)) < 0)
		return rb_journaled(c) ? rc : 0;
	dbt_buf_printf(&sql,
		       "SELECT version_num, direction, from_num, statements, failed, %s FROM %s "
		       "ORDER BY version_num",
		       running ? "running" : "CASE WHEN failed IS NULL THEN statements + 1 END",
		       b->journal);
	rc = sql.oom ? dbt_error_oom() : c->dialect->query_rows(c, sql.ptr, journal_row, &msg);
	if (rc == 0 && msg.len)
		rc = dbt_error_set(DBT_ERROR, "%s", msg.ptr);
	dbt_buf_release(&sql);
	dbt_buf_release(&msg);
	return rc;
}

void rb_journal_release(struct journal *j)
{
	free(j->id);
	free(j->hashes);
	memset(j, 0, sizeof(*j));
}

static int journal_read_row(void *arg, size_t ncolumns, const char *const *values)
{
	struct journal *j = arg;

	if (ncolumns < 4 || !values[0])
		return 0;
	if (j->id) {
		j->several = 1;
		return 0;
	}
	j->up = !values[1] || strcmp(values[1], "downgrade");
	j->missing = values[1] && !strcmp(values[1], "missing");
	j->n = values[2] ? strtoul(values[2], NULL, 10) : 0;
	j->running = ncolumns > 4 && values[4] ? strtoul(values[4], NULL, 10) : 0;
	if (j->running != j->n + 1)
		j->running = 0;
	j->id = strdup(values[0]);
	j->hashes = strdup(values[3] ? values[3] : "");
	return j->id && j->hashes ? 0 : dbt_error_oom();
}

/* Reads the journal's row into `out` (out->id NULL when there is none). */
int rb_journal_read(struct journal *out, dbt_conn *c, const struct book *b)
{
	dbt_buf sql = DBT_BUF_INIT;
	int exists = 0, running = 0, rc;

	memset(out, 0, sizeof(*out));
	if (!rb_journaled(c))
		return 0;
	if ((rc = c->dialect->table_exists(c, b->schema, DBT_JOURNAL_TABLE, &exists)) < 0 ||
	    !exists || (rc = journal_has_running(c, b, &running)) < 0)
		return rc;
	/* A row an older dbtool left without a failure may be that of a run
	 * killed during a DDL statement: its next statement is as unknown. */
	dbt_buf_printf(&sql,
		       "SELECT version_num, direction, statements, hashes, %s FROM %s "
		       "ORDER BY version_num",
		       running ? "running" : "CASE WHEN failed IS NULL THEN statements + 1 END",
		       b->journal);
	rc = sql.oom ? dbt_error_oom() : c->dialect->query_rows(c, sql.ptr, journal_read_row, out);
	dbt_buf_release(&sql);
	if (rc < 0)
		rb_journal_release(out);
	return rc;
}

/* The statement that empties the journal, for a step's bookkeeping or a
 * stamp (the table exists: rb_journal_start made it). */
void rb_journal_clear_sql(dbt_buf *sql, const struct book *b)
{
	dbt_buf_printf(sql, "DELETE FROM %s;\n", b->journal);
}

/* Runs the journal statements in `sql`, committing at once. */
static int journal_exec(dbt_conn *c, dbt_buf *sql)
{
	int rc = sql->oom ? dbt_error_oom()
			  : c->dialect->exec_script(c, sql->ptr, "journal table", 1);

	dbt_buf_release(sql);
	if (rc < 0)
		dbt_error_prefix(rc, "cannot write the journal table " DBT_JOURNAL_TABLE);
	return rc;
}

/* The statements that make the journal's row say that `rev` runs in
 * direction `up` (RB_UP_MISSING: an upgrade of a missing revision) from
 * `version_before` (NULL: base), `n` of its statements done, with
 * `hashes` (see struct journal; NULL: none). */
void rb_journal_row_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev, int up,
			const char *version_before, size_t n, const char *hashes)
{
	rb_journal_clear_sql(sql, b);
	dbt_buf_printf(sql,
		       "INSERT INTO %s (version_num, direction, from_num, statements, hashes) "
		       "VALUES (",
		       b->journal);
	b->d->quote_literal(sql, rev->id);
	dbt_buf_printf(sql, ", '%s', ",
		       up == RB_UP_MISSING ? "missing"
		       : up		   ? "upgrade"
					   : "downgrade");
	if (version_before)
		b->d->quote_literal(sql, version_before);
	else
		dbt_buf_puts(sql, "NULL");
	dbt_buf_printf(sql, ", %zu, ", n);
	b->d->quote_literal(sql, hashes ? hashes : "");
	dbt_buf_puts(sql, ");\n");
}

/* The journal table, made, or given the column `running` that a table
 * made by an older dbtool lacks.  Commits at once. */
int rb_journal_table(dbt_conn *c, const struct book *b)
{
	dbt_buf sql = DBT_BUF_INIT;
	int running = 0, rc;

	dbt_buf_printf(&sql,
		       "CREATE TABLE IF NOT EXISTS %s (version_num VARCHAR(64) NOT NULL, "
		       "direction VARCHAR(16) NOT NULL, from_num VARCHAR(64), "
		       "statements INTEGER NOT NULL, failed TEXT, hashes MEDIUMTEXT, "
		       "running INTEGER, "
		       "CONSTRAINT " DBT_JOURNAL_TABLE "_pkc PRIMARY KEY (version_num));\n",
		       b->journal);
	if ((rc = journal_exec(c, &sql)) < 0 || (rc = journal_has_running(c, b, &running)) < 0 ||
	    running)
		return rc;
	dbt_buf_printf(&sql, "ALTER TABLE %s ADD COLUMN running INTEGER", b->journal);
	return journal_exec(c, &sql);
}

/* Before the first statement of `rev`: the journal table, and its row
 * saying that `rev` starts from `version_before` (NULL: base). */
int rb_journal_start(dbt_conn *c, const struct book *b, const dbt_revision *rev, int up,
		     const char *version_before)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	if ((rc = rb_journal_table(c, b)) < 0)
		return rc;
	rb_journal_row_sql(&sql, b, rev, up, version_before, 0, NULL);
	return journal_exec(c, &sql);
}

/* Just before statement `n` of the running revision, in the transaction
 * it runs in: the mark that it has started (see above), committed by the
 * server before a DDL statement, and with its count after a DML one.
 * Not committed here. */
int rb_journal_running(dbt_conn *c, const struct book *b, size_t n)
{
	dbt_buf sql = DBT_BUF_INIT;

	dbt_buf_printf(&sql, "UPDATE %s SET running = %zu", b->journal, n);
	return journal_exec(c, &sql);
}

/* After statement `n` of the running revision committed, `hashes` those
 * of its statements 1 to n.  In the transaction of the statement, where
 * the statement does not commit on its own. */
int rb_journal_done(dbt_conn *c, const struct book *b, size_t n, const char *hashes)
{
	dbt_buf sql = DBT_BUF_INIT;

	dbt_buf_printf(&sql,
		       "UPDATE %s SET statements = %zu, failed = NULL, running = NULL, hashes = ",
		       b->journal, n);
	b->d->quote_literal(&sql, hashes);
	return journal_exec(c, &sql);
}

/* Once a statement failed: how many committed, and the failure's
 * message, for whoever reads the journal.  `running`: n + 1 when the
 * effect of statement n + 1 stays unknown all the same (a run before was
 * stopped while it ran), else 0: a statement that failed did nothing. */
int rb_journal_failed(dbt_conn *c, const struct book *b, size_t n, size_t running,
		      const char *message)
{
	dbt_buf sql = DBT_BUF_INIT;

	dbt_buf_printf(&sql, "UPDATE %s SET statements = %zu, running = ", b->journal, n);
	if (running)
		dbt_buf_printf(&sql, "%zu", running);
	else
		dbt_buf_puts(&sql, "NULL");
	dbt_buf_puts(&sql, ", failed = ");
	b->d->quote_literal(&sql, message);
	return journal_exec(c, &sql);
}

/* --------------------------------------------------------------- history */

/* Every row of the history, in the order of the ids. */
void rb_history_rows_sql(dbt_buf *sql, const struct book *b)
{
	dbt_buf_printf(sql, "SELECT version_num, checksum FROM %s ORDER BY version_num",
		       b->history);
}

/* The ids of the history's rows as lines, for dbt_run_history_ids(). */
int rb_history_id_line(void *arg, size_t ncolumns, const char *const *values)
{
	dbt_buf *ids = arg;

	if (ncolumns < 1 || !values[0])
		return 0;
	if (ids->len)
		dbt_buf_putc(ids, '\n');
	dbt_buf_puts(ids, values[0]);
	return ids->oom ? dbt_error_oom() : 0;
}

int dbt_run_history_ids(char **out, dbt_conn *conn)
{
	struct book b;
	dbt_buf sql = DBT_BUF_INIT, ids = DBT_BUF_INIT;
	int exists = 0, rc;

	*out = NULL;
	if ((rc = rb_book_of(&b, conn)) < 0 ||
	    (rc = conn->dialect->table_exists(conn, b.schema, DBT_HISTORY_TABLE, &exists)) < 0 ||
	    !exists)
		return rc;
	rb_history_rows_sql(&sql, &b);
	rc = sql.oom ? dbt_error_oom()
		     : conn->dialect->query_rows(conn, sql.ptr, rb_history_id_line, &ids);
	/* No rows: NULL, as for a missing table. */
	if (rc == 0 && ids.len && !(*out = dbt_buf_detach(&ids)))
		rc = dbt_error_oom();
	dbt_buf_release(&ids);
	dbt_buf_release(&sql);
	return rc;
}

void rb_history_delete_sql(dbt_buf *sql, const struct book *b, const char *id)
{
	dbt_buf_printf(sql, "DELETE FROM %s WHERE version_num = ", b->history);
	b->d->quote_literal(sql, id);
	dbt_buf_puts(sql, ";\n");
}

/* The history row of `rev`, inserted, or with `replace` put in place of
 * the row of the same id (insert_or_replace). */
static void history_put_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev,
			    int replace)
{
	dbt_buf_puts(sql, replace ? b->d->insert_or_replace : "INSERT INTO");
	dbt_buf_printf(sql, " %s (version_num, checksum, applied_at) VALUES (", b->history);
	b->d->quote_literal(sql, rev->id);
	dbt_buf_puts(sql, ", ");
	b->d->quote_literal(sql, rev->checksum);
	dbt_buf_puts(sql, ", ");
	dbt_buf_puts(sql, b->d->now_sql);
	dbt_buf_puts(sql, ");\n");
}

void rb_history_insert_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev)
{
	history_put_sql(sql, b, rev, 0);
}

void rb_history_update_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev)
{
	dbt_buf_printf(sql, "UPDATE %s SET checksum = ", b->history);
	b->d->quote_literal(sql, rev->checksum);
	dbt_buf_puts(sql, " WHERE version_num = ");
	b->d->quote_literal(sql, rev->id);
	dbt_buf_puts(sql, ";\n");
}

/*
 * The statements that record one step in the history and the version
 * table, in the transaction of the step.  At base nothing is applied, so
 * a step from or to base starts the history afresh: rows left behind by a
 * version table dropped by hand cannot outlive it.  An upgrade's row
 * takes the place of one of the same id left behind, in one statement
 * where the database has one for it (insert_or_replace).
 */
void rb_record_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev, int up)
{
	int replace = up && rev->down && b->d->insert_or_replace;

	if (!rev->down)
		dbt_buf_printf(sql, "DELETE FROM %s;\n", b->history);
	else if (!replace)
		rb_history_delete_sql(sql, b, rev->id);
	if (up)
		history_put_sql(sql, b, rev, replace);
	rb_version_set_sql(sql, b, up ? rev->id : (rev->down ? rev->down->id : NULL));
}

/*
 * What rb_record_sql() writes for the steps of a run from chain position
 * `from` to `goal` (either way) in one transaction, in as few statements:
 * the history rows of the revisions the run applies or reverts go in one
 * DELETE (every row when the run passes base, as the step from or to base
 * deletes them), those it applies come back in one INSERT, and the
 * version is written once, at `goal`.  The rows and the version are those
 * the steps' statements would leave, without the thousands of statements
 * that each rewrite the version (and scan the rows the transaction
 * deleted before them).  Nothing when `from` is `goal`.
 */
void rb_record_plan_sql(dbt_buf *sql, const struct book *b, const dbt_chain *chain, size_t from,
			size_t goal)
{
	size_t lo = from < goal ? from : goal, hi = from < goal ? goal : from, pos;

	if (lo == hi)
		return;
	if (lo == 0) {
		dbt_buf_printf(sql, "DELETE FROM %s;\n", b->history);
	} else {
		dbt_buf_printf(sql, "DELETE FROM %s WHERE version_num IN (", b->history);
		for (pos = lo; pos < hi; pos++) {
			if (pos > lo)
				dbt_buf_puts(sql, ", ");
			b->d->quote_literal(sql, chain->revs[pos]->id);
		}
		dbt_buf_puts(sql, ");\n");
	}
	if (goal > from) {
		/* The rows as a list of constants and the time written once in
		 * the SELECT: the database parses the time's expression once,
		 * not once a row (in SQLite half the cost of the statement). */
		dbt_buf_puts(sql, "WITH applied (version_num, checksum) AS (VALUES ");
		for (pos = lo; pos < hi; pos++) {
			dbt_buf_puts(sql, pos > lo ? ",\n(" : "(");
			b->d->quote_literal(sql, chain->revs[pos]->id);
			dbt_buf_puts(sql, ", ");
			b->d->quote_literal(sql, chain->revs[pos]->checksum);
			dbt_buf_puts(sql, ")");
		}
		dbt_buf_printf(sql,
			       ")\nINSERT INTO %s (version_num, checksum, applied_at) SELECT "
			       "version_num, checksum, %s FROM applied;\n",
			       b->history, b->d->now_sql);
	}
	rb_version_set_sql(sql, b, goal ? chain->revs[goal - 1]->id : NULL);
}

void rb_history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->rows[i].id);
		free(h->rows[i].checksum);
	}
	free(h->rows);
	free(h->at);
	memset(h, 0, sizeof(*h));
}

/* Appends a row as query_rows() hands it: id, checksum. */
int rb_history_row(void *arg, size_t ncolumns, const char *const *values)
{
	struct history *h = arg;
	struct history_row *rows, *r;
	size_t len;

	if (ncolumns < 2 || !values[0])
		return 0;
	if (!(rows = realloc(h->rows, (h->n + 1) * sizeof(*rows))))
		return dbt_error_oom();
	h->rows = rows;
	r = &rows[h->n];
	memset(r, 0, sizeof(*r));
	/* PostgreSQL pads CHAR(64) with spaces. */
	len = values[1] ? strlen(values[1]) : 0;
	while (len && values[1][len - 1] == ' ')
		len--;
	r->id = strdup(values[0]);
	r->checksum = strndup(values[1] ? values[1] : "", len);
	h->n++;
	return r->id && r->checksum ? 0 : dbt_error_oom();
}

int rb_history_read(struct history *h, dbt_conn *c, const dbt_chain *chain)
{
	struct book b;
	dbt_buf sql = DBT_BUF_INIT;
	int exists = 0, rc;
	size_t i;

	memset(h, 0, sizeof(*h));
	/* The chain loads without checksums; whatever reads the history
	 * compares them or records them. */
	if ((rc = rb_book_of(&b, c)) < 0 || (rc = dbt_chain_checksums(chain)) < 0)
		return rc;
	if (!(h->at = calloc(chain->n + 1, sizeof(*h->at))))
		return dbt_error_oom();
	if ((rc = c->dialect->table_exists(c, b.schema, DBT_HISTORY_TABLE, &exists)) < 0 || !exists)
		goto cleanup;
	rb_history_rows_sql(&sql, &b);
	if ((rc = sql.oom ? dbt_error_oom()
			  : c->dialect->query_rows(c, sql.ptr, rb_history_row, h)) < 0)
		goto cleanup;
	for (i = 0; i < h->n; i++) {
		struct history_row *r = &h->rows[i];

		if (dbt_chain_position(&r->pos, chain, r->id) < 0)
			r->pos = 0;
		if (r->pos && !h->at[r->pos])
			h->at[r->pos] = i + 1;
	}
	dbt_error_clear();
cleanup:
	dbt_buf_release(&sql);
	if (rc < 0)
		rb_history_release(h);
	return rc;
}

/*
 * The lowest chain position up to `cur` that the history records, cur + 1
 * when it records none.  The revisions below it that have no row were
 * applied before dbtool kept a history (a database made by an older
 * dbtool records only what it applied since); a revision without a row
 * above it was never applied: it was put below an applied revision, by a
 * re-parenting, after the database had passed that point.
 */
size_t rb_first_recorded(const struct history *h, size_t cur)
{
	size_t pos;

	for (pos = 1; pos <= cur; pos++)
		if (h->at[pos])
			return pos;
	return cur + 1;
}

/*
 * Compares the history with the files of the `cur` applied revisions:
 * adds a finding for each changed file and each revision that lies below
 * the current one but was never applied (in chain order, the latter left
 * out when `skip_unapplied` is set), then for each recorded revision that
 * no file defines.  At base nothing is applied and rows left there are
 * not looked at.
 */
int rb_find_problems(dbt_findings *out, size_t *unverified, const struct history *h,
		     const dbt_chain *chain, size_t cur, int skip_unapplied)
{
	dbt_buf msg = DBT_BUF_INIT;
	size_t pos, i, lo = rb_first_recorded(h, cur);
	int rc = 0;

	*unverified = 0;
	for (pos = 1; pos <= cur && rc == 0; pos++) {
		const dbt_revision *rev = chain->revs[pos - 1];
		const struct history_row *r = h->at[pos] ? &h->rows[h->at[pos] - 1] : NULL;

		if (!r && pos < lo) {
			(*unverified)++;
			continue;
		}
		if (!r) {
			if (skip_unapplied)
				continue;
			dbt_buf_clear(&msg);
			dbt_buf_printf(
				&msg,
				"! revision %s ('%s') lies below the current revision %s but was "
				"never applied (the history has no row for it): apply it with "
				"'dbtool upgrade --apply-missing', or run 'dbtool repair %s' if it "
				"was applied by other means",
				rev->id, rev->path, chain->revs[cur - 1]->id, rev->id);
			rc = msg.oom ? dbt_error_oom()
				     : dbt_findings_add(out, DBT_FINDING_UNAPPLIED_REVISION,
							msg.ptr);
			continue;
		}
		if (!strcmp(r->checksum, rev->checksum))
			continue;
		dbt_buf_clear(&msg);
		dbt_buf_printf(&msg,
			       "! revision %s ('%s') has changed since it was applied: restore the "
			       "file, "
			       "or run 'dbtool repair %s' if the edit is intended",
			       rev->id, rev->path, rev->id);
		rc = msg.oom ? dbt_error_oom()
			     : dbt_findings_add(out, DBT_FINDING_CHANGED_REVISION, msg.ptr);
	}
	for (i = 0; cur && i < h->n && rc == 0; i++) {
		if (h->rows[i].pos)
			continue;
		dbt_buf_clear(&msg);
		dbt_buf_printf(&msg,
			       "! revision %s was applied but no revision file defines it anymore: "
			       "restore the file, or run 'dbtool repair %s' to forget it",
			       h->rows[i].id, h->rows[i].id);
		rc = msg.oom ? dbt_error_oom()
			     : dbt_findings_add(out, DBT_FINDING_MISSING_REVISION, msg.ptr);
	}
	dbt_buf_release(&msg);
	return rc;
}

/* Fails with the first problem of the history when there is one. */
int rb_verify_applied(dbt_conn *c, const dbt_chain *chain, size_t cur, int skip_unapplied)
{
	dbt_findings f = {NULL, 0};
	struct history h;
	size_t unverified;
	int rc = rb_history_read(&h, c, chain);

	if (rc == 0)
		rc = rb_find_problems(&f, &unverified, &h, chain, cur, skip_unapplied);
	if (rc == 0 && f.n == 1)
		rc = dbt_error_set(DBT_ERROR, "%s", f.v[0].text + 2);
	else if (rc == 0 && f.n > 1)
		rc = dbt_error_set(DBT_ERROR, "%s (and %zu more: 'dbtool check' lists them all)",
				   f.v[0].text + 2, f.n - 1);
	dbt_findings_release(&f);
	rb_history_release(&h);
	return rc;
}

/* Fails naming the first revision that lies below position `cur` but
 * was never applied; other problems of the history are left to
 * verify_applied. */
int rb_verify_unapplied(dbt_conn *c, const dbt_chain *chain, size_t cur)
{
	dbt_findings f = {NULL, 0};
	struct history h;
	size_t unverified, i;
	int rc = rb_history_read(&h, c, chain);

	if (rc == 0)
		rc = rb_find_problems(&f, &unverified, &h, chain, cur, 0);
	for (i = 0; rc == 0 && i < f.n; i++)
		if (f.v[i].kind == DBT_FINDING_UNAPPLIED_REVISION)
			rc = dbt_error_set(DBT_ERROR, "%s", f.v[i].text + 2);
	dbt_findings_release(&f);
	rb_history_release(&h);
	return rc;
}
