/*
 * runner_exec.c - runs one revision's SQL for the runner (runner.c):
 * statement by statement when each statement is to be timed, in the
 * transaction of its step with the version and history rows that record
 * it (dbt_runner_execute()), and, in one transaction where the dialect sends several
 * revisions in a round trip (exec_batch), queued and sent in batches.
 *
 * Apart from runner.c, which decides what runs (the plan, the steps, the
 * lock and the position they carry): this file only carries out a step's
 * revision on the connection, and keeps no state of its own (the run's
 * queue is the run's).
 */
#include "dbtool.h"

#include "batch.h"
#include "buf.h"
#include "dialect.h"
#include "error.h"
#include "runner_int.h"
#include "sqlsplit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 1 when the statement `st` of `sql` starts with the word `word`, in any
 * case. */
static int starts_word(const char *sql, const dbt_sqlstmt *st, const char *word)
{
	size_t n = strlen(word);

	return st->len >= n && !strncasecmp(sql + st->start, word, n) &&
	       (st->len == n ||
		!(isalnum((unsigned char)sql[st->start + n]) || sql[st->start + n] == '_'));
}

/* 1 when the statement `st` of `sql` starts a trigger, whose body the
 * splitter hands out as pieces up to the one starting with END on a
 * database whose triggers have such bodies (DBT_CAP_TRIGGER_BODY, SQLite;
 * see txcontrol.c). */
static int starts_trigger(const char *sql, const dbt_sqlstmt *st)
{
	dbt_buf w = DBT_BUF_INIT;
	size_t i;
	int yes;

	/* The first three words, folded: CREATE [TEMP|TEMPORARY] TRIGGER. */
	dbt_dialect_excerpt(&w, sql + st->start, st->len < 40 ? st->len : 40, 40);
	for (i = 0; w.ptr && w.ptr[i]; i++)
		w.ptr[i] = (char)tolower((unsigned char)w.ptr[i]);
	yes = w.ptr && (!strncmp(w.ptr, "create trigger ", 15) ||
			!strncmp(w.ptr, "create temp trigger ", 20) ||
			!strncmp(w.ptr, "create temporary trigger ", 25));
	dbt_buf_release(&w);
	return yes;
}

/*
 * Runs `sql` one statement at a time, split as the database reads it,
 * reporting each with its time to opts->on_statement once it succeeded.
 * Each statement goes to exec_script() on its own with its line in the
 * file, so a failure reads as it does when the section runs in one call.
 */
static int exec_timed(dbt_conn *c, const dbt_revision *rev, const char *sql, int first_line,
		      const dbt_run_opts *opts)
{
	dbt_sqlstmt st, last;
	dbt_buf one = DBT_BUF_INIT, text = DBT_BUF_INIT;
	size_t pos = 0, end;
	int line = 0, rc = 0;

	while (rc == 0 && dbt_sql_next(&st, sql, &pos, &line)) {
		double t0;

		end = st.start + st.len;
		if ((c->dialect->caps & DBT_CAP_TRIGGER_BODY) && starts_trigger(sql, &st)) {
			/* The trigger runs whole, up to the piece that starts
			 * with END. */
			while (dbt_sql_next(&last, sql, &pos, &line)) {
				end = last.start + last.len;
				if (starts_word(sql, &last, "end"))
					break;
			}
		}
		dbt_buf_clear(&one);
		dbt_buf_put(&one, sql + st.start, end - st.start);
		dbt_buf_clear(&text);
		dbt_dialect_excerpt(&text, sql + st.start, end - st.start, 100);
		if (one.oom || text.oom) {
			rc = dbt_error_oom();
			break;
		}
		t0 = rb_now_ms();
		if ((rc = c->dialect->exec_script(c, one.ptr, rev->path, first_line + st.line)) ==
		    0) {
			dbt_run_statement s = {rev, text.ptr, first_line + st.line,
					       rb_now_ms() - t0};

			opts->on_statement(&s, opts->arg);
		}
	}
	dbt_buf_release(&one);
	dbt_buf_release(&text);
	return rc;
}

static int run_sql(dbt_conn *c, const dbt_revision *rev, int up, const dbt_run_opts *opts)
{
	int line = 0, rc;
	const char *sql = dbt_revision_section(rev, c->dialect->kind, !up, &line);

	if (!sql)
		return dbt_revision_require_dialect(rev, c->dialect->kind);
	rc = opts && opts->on_statement ? exec_timed(c, rev, sql, line, opts)
					: c->dialect->exec_script(c, sql, rev->path, line);

	if (rc < 0)
		dbt_error_prefix(rc, "%s %s failed%s", up ? "upgrade" : "downgrade", rev->id,
				 rev->transactional ? " and was rolled back" : "");
	return rc;
}

/* Runs bookkeeping statements built in `sql`. */
int dbt_runner_exec_bookkeeping(dbt_conn *c, dbt_buf *sql)
{
	if (sql->oom)
		return dbt_error_oom();
	if (!sql->len)
		return 0;
	return c->dialect->exec_script(c, sql->ptr, "version table", 1);
}

/* Runs the bookkeeping in `sql` and commits: in one round trip where the
 * dialect can (commit_with). */
int dbt_runner_commit_bookkeeping(dbt_conn *c, dbt_buf *sql)
{
	int rc;

	if (sql->oom)
		return dbt_error_oom();
	if (c->dialect->commit_with)
		return c->dialect->commit_with(c, sql->len ? sql->ptr : "");
	if ((rc = dbt_runner_exec_bookkeeping(c, sql)) < 0)
		return rc;
	return c->dialect->commit(c);
}

/*
 * Runs `rev` in the transaction open on `c`, then the bookkeeping in
 * `book`, and commits.  A revision marked '-- transaction: false' runs on
 * its own and only the bookkeeping is transactional.  On failure the
 * transaction is rolled back, and the message names the revision also
 * when only the bookkeeping or the COMMIT failed (a full disk).
 */
int dbt_runner_execute(dbt_conn *c, const dbt_revision *rev, int up, dbt_buf *book,
		       const char *version_before, int single, const dbt_run_opts *opts,
		       size_t skip, int unsure, int defer)
{
	const struct dbt_dialect *d = c->dialect;
	const char *verb = up ? "upgrade" : "downgrade";
	int rc;

	if (!single && rb_journaled(c))
		return dbt_runner_execute_journaled(c, rev, up, book, version_before, opts, skip,
						    unsure);
	if (single) {
		/* The whole run's transaction: the caller commits or rolls
		 * back; run() refused revisions outside a transaction. */
		if (rev->lock_timeout_ms >= 0 &&
		    (rc = d->set_lock_timeout(c, rev->lock_timeout_ms)) < 0)
			return rc;
		if ((rc = run_sql(c, rev, up, opts)) < 0)
			return rc;
		/* With `defer`, run_single() writes the whole run's
		 * bookkeeping with the COMMIT instead. */
		return defer ? 0 : dbt_runner_exec_bookkeeping(c, book);
	}

	/* Set inside the transaction, it holds for the statements of a
	 * revision outside one too, once that commits. */
	if (rev->lock_timeout_ms >= 0 && (rc = d->set_lock_timeout(c, rev->lock_timeout_ms)) < 0)
		goto fail;
	if (!rev->transactional) {
		/* Statements that cannot run inside a transaction run on their
		 * own; only the version update is transactional then. */
		if ((rc = d->commit(c)) < 0)
			goto fail;
		if ((rc = run_sql(c, rev, up, opts)) < 0)
			return rc;
		if ((rc = d->begin(c)) < 0)
			return rc;
	} else if ((rc = run_sql(c, rev, up, opts)) < 0) {
		goto fail;
	}
	if ((rc = dbt_runner_commit_bookkeeping(c, book)) < 0) {
		if (rev->transactional)
			dbt_error_prefix(rc, "%s %s failed at commit and was rolled back", verb,
					 rev->id);
		else
			dbt_error_prefix(rc,
					 "%s %s ran outside a transaction, but recording it "
					 "failed: "
					 "the version stays at %s",
					 verb, rev->id, version_before ? version_before : "base");
		goto fail;
	}
	return 0;
fail:
	d->rollback(c);
	return rc;
}

/* Sends the queued revisions. */
int dbt_runner_queue_flush(dbt_conn *c, struct run_queue *q)
{
	size_t failed = 0, i;
	double t0 = rb_now_ms(), each;
	int rc;

	if (!q->n)
		return 0;
	if ((rc = c->dialect->exec_batch(c, q->items, q->n, &failed)) < 0) {
		dbt_error_prefix(rc, "%s %s failed and was rolled back",
				 q->up ? "upgrade" : "downgrade",
				 q->revs[failed < q->n ? failed : 0]->id);
		q->n = q->bytes = 0;
		return rc;
	}
	each = (rb_now_ms() - t0) / (double)q->n;
	for (i = 0; i < q->n && q->sent < q->cap; i++)
		q->ms[q->sent++] = each;
	q->n = q->bytes = 0;
	return 0;
}

/* Queues `rev`, after a session reset when `reset` is set; sends the
 * queue when it is full. */
int dbt_runner_queue_add(dbt_conn *c, struct run_queue *q, const dbt_revision *rev, int up,
			 int reset)
{
	int line = 0, rc;
	const char *sql = dbt_revision_section(rev, c->dialect->kind, !up, &line);

	if (!sql) {
		rc = dbt_revision_require_dialect(rev, c->dialect->kind);
		dbt_error_prefix(rc, "%s %s failed and was rolled back",
				 up ? "upgrade" : "downgrade", rev->id);
		return rc;
	}
	q->items[q->n] = (struct dbt_batch_item){sql, rev->path, line, rev->lock_timeout_ms, reset};
	q->revs[q->n++] = rev;
	q->bytes += strlen(sql);
	return q->n == QUEUE_REVISIONS || q->bytes >= QUEUE_BYTES ? dbt_runner_queue_flush(c, q)
								  : 0;
}
