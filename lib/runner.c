/*
 * runner.c - applies and reverts revisions: the version table, the lock,
 * one transaction per revision.
 *
 * Safety rests on one rule: a revision's statements and the update of the
 * version table commit together, and the version they start from is the
 * database's, under the lock.  So two processes that race can never apply
 * the same revision twice, and a failure leaves the database at the
 * previous revision.  PostgreSQL serialises whole runs with an advisory
 * lock, so a run reads the version once and carries it from step to step;
 * SQLite's BEGIN IMMEDIATE takes the write lock per transaction, and a
 * step reads the version again, inside its transaction, when another
 * connection may have committed since the previous one.
 *
 * Beside the version table, the history table keeps one row per applied
 * revision with the checksum of its file at the time, written in that same
 * transaction.  Before a run changes anything it compares those checksums
 * with the files, under the lock, and refuses to go on when an applied
 * revision was edited or has disappeared: the chain would no longer
 * describe the database, and a downgrade would run SQL that was never
 * applied the other way.  Rows are missing for revisions applied before
 * the history existed; those are not verified, and nothing fills them in
 * behind the user's back: recording a checksum vouches for the file as it
 * is now, which only 'dbtool repair' and 'dbtool stamp' are asked to do.
 *
 * Both tables live in the version schema (PostgreSQL; "public" unless the
 * caller says otherwise), and every statement names them with it: a
 * revision may change search_path, and the bookkeeping in its transaction
 * must still find the tables where they are.  Each step starts from a
 * reset session, so nothing a revision set reaches the next one.
 *
 * Where DDL commits at once (no DBT_CAP_TRANSACTIONAL_DDL: MariaDB and
 * MySQL), the rule cannot hold for the revision's own statements: each
 * commits as it runs.  The runner then keeps a journal (runner_book.c): a
 * row written before the first statement, counting each statement as it
 * commits, deleted in the transaction that records the version.  A row
 * left behind says that the database is between two revisions: 'current'
 * and 'check' refuse, and 'upgrade' and 'downgrade' resume the revision
 * after the statements that ran, or undo those through their inverses
 * (see dbt_runner_resume()); a stamp clears it.
 *
 * This file plans a run and takes it step by step; a step's revision is
 * run, with its bookkeeping, by runner_exec.c, and the offline (--sql)
 * script is written by runner_script.c.
 */
#include "dbtool.h"

#include "buf.h"
#include "defaults.h"
#include "dialect.h"
#include "error.h"
#include "findings.h"
#include "runner_int.h"
#include "sqlsplit.h"
#include "txcontrol.h"

#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- running */

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

const char *dbt_runner_id_or_null(const dbt_chain *chain, size_t pos)
{
	return pos ? chain->revs[pos - 1]->id : NULL;
}

int dbt_runner_resolve_target(size_t *out, const dbt_chain *chain, const char *target, size_t cur,
			      enum mode mode)
{
	int rc = dbt_chain_resolve(out, chain, target, cur);

	if (rc < 0)
		return rc;
	if (mode == MODE_UPGRADE && *out < cur)
		return dbt_error_set(DBT_ERROR,
				     "target '%s' is below the current revision %s: use 'dbtool "
				     "downgrade'",
				     target, dbt_runner_id_or_null(chain, cur));
	if (mode == MODE_DOWNGRADE && *out > cur)
		return dbt_error_set(DBT_ERROR,
				     "target '%s' is above the current revision %s: use 'dbtool "
				     "upgrade'",
				     target, cur ? dbt_runner_id_or_null(chain, cur) : "(base)");
	return 0;
}

/* Reads the version inside the open transaction and turns it into a
 * position. */
int dbt_runner_current_position(size_t *out, dbt_conn *c, const dbt_chain *chain)
{
	char *id = NULL;
	int rc = rb_version_get(c, &id);

	if (rc == 0)
		rc = position_of(out, chain, id);
	free(id);
	return rc;
}

/* The same, whatever the journal says: for the revision that resumes it
 * (dbt_runner_resume_missing()). */
static int position_despite_journal(size_t *out, dbt_conn *c, const dbt_chain *chain)
{
	char *id = NULL;
	int rc = rb_version_read_any(c, &id, 0);

	if (rc == 0 && id && id[0] == '!')
		rc = rb_several_rows(id + 1);
	else if (rc == 0)
		rc = position_of(out, chain, id);
	free(id);
	return rc;
}

/*
 * Refuses, naming the file and line, a statement that would end or split
 * the transaction a transactional revision runs in: a COMMIT would commit
 * half of it, a ROLLBACK throw it away while its version is still
 * recorded.  '-- transaction: false' is the way to control transactions
 * by hand.  Where DDL commits at once, every revision is journaled, each
 * statement committing with its count in the journal, whatever its
 * header says: a BEGIN would leave the counts uncommitted, a COMMIT
 * commit one before its statement is done, and the resume after a
 * failure could no longer trust them, so the statements are refused in
 * every revision there.
 */
static int check_tx_control(const dbt_revision *rev, int up, const struct dbt_dialect *d)
{
	int journaled = !(d->caps & DBT_CAP_TRANSACTIONAL_DDL);
	int line = 0, rc;
	const char *sql = dbt_revision_section(rev, d->kind, !up, &line);
	dbt_buf stmt = DBT_BUF_INIT;
	dbt_sqlstmt st;

	/* The section for the connection's dialect, or the refusal to run
	 * anything: every run checks this before it applies a revision. */
	if ((rc = dbt_revision_require_dialect(rev, d->kind)) < 0)
		return rc;
	if ((!rev->transactional && !journaled) || !dbt_txcontrol_find(&st, sql, d))
		return 0;
	dbt_dialect_excerpt(&stmt, sql + st.start, st.len, 60);
	if (stmt.oom)
		return dbt_error_oom();
	if (journaled)
		rc = dbt_error_set(DBT_EPARSE,
				   "%s:%d: '%s' in the %s of revision %s would end or split the "
				   "transactions in which dbtool commits each statement of the "
				   "revision with its count in the journal (%s commits each DDL "
				   "statement at once, so every revision is journaled, '-- "
				   "transaction: false' too): remove it",
				   rev->path, line + st.line, stmt.ptr,
				   up ? "upgrade" : "downgrade", rev->id, d->name);
	else
		rc = dbt_error_set(
			DBT_EPARSE,
			"%s:%d: '%s' in the %s of revision %s would end or split the "
			"transaction that dbtool runs the revision in: remove it, or add "
			"'-- transaction: false' to the header to run the revision outside a "
			"transaction",
			rev->path, line + st.line, stmt.ptr, up ? "upgrade" : "downgrade", rev->id);
	dbt_buf_release(&stmt);
	return rc;
}

/* The same for every revision a run from position `from` to `goal`
 * would run, so that a run refuses before it applies anything. */
int dbt_runner_check_plan(const dbt_chain *chain, size_t from, size_t goal,
			  const struct dbt_dialect *d)
{
	size_t pos;
	int rc;

	for (pos = from; pos < goal; pos++)
		if ((rc = check_tx_control(chain->revs[pos], 1, d)) < 0)
			return rc;
	for (pos = from; pos > goal; pos--)
		if ((rc = check_tx_control(chain->revs[pos - 1], 0, d)) < 0)
			return rc;
	return 0;
}

/*
 * One step: applies (or reverts) the revision next to the current version
 * in the direction of `target`.  Sets `*done` when there is nothing left.
 * The first step of a run verifies the history first (`k->verified`),
 * inside its transaction, so under the lock.
 */
static int step(dbt_conn *c, const dbt_chain *chain, size_t target, int up,
		const dbt_run_opts *opts, struct carry *k, int *done, int single)
{
	const struct dbt_dialect *d = c->dialect;
	const dbt_revision *rev;
	dbt_buf book = DBT_BUF_INIT;
	struct book b;
	size_t cur, idx;
	double t0 = rb_now_ms();
	int rc, stale, first = !k->began;
	struct run_queue *q = single ? k->queue : NULL;
	/* The step reads the database before its revision: what is queued
	 * goes first, and the reset is made here. */
	int reads = !k->known || !k->verified || !k->tables || d->written_by_others;

	*done = 0;
	/* Where the lock spans the run, the position carried from the
	 * previous step is the database's: at the target, there is no
	 * transaction to open. */
	if (k->known && k->verified && k->tables && !d->written_by_others &&
	    (up ? k->cur >= target : k->cur <= target)) {
		*done = 1;
		return 0;
	}
	/* Whatever the previous revision set in the session (search_path,
	 * role, ...) ends with it: each step starts from the session's
	 * defaults and dbtool's own settings. */
	if (q && reads && (rc = dbt_runner_queue_flush(c, q)) < 0)
		return rc;
	if ((rc = rb_book_of(&b, c)) < 0 || ((!q || reads) && (rc = d->reset_session(c)) < 0))
		return rc;
	if (!single && (rc = d->begin(c)) < 0)
		return rc;
	stale = !k->known;
	if (!stale && d->written_by_others && (!single || !k->began))
		stale = d->written_by_others(c);
	k->began = 1;
	if ((stale || !k->tables) && (rc = rb_create_tables(c, &b, up)) < 0)
		goto fail;
	k->tables = 1;
	if (stale) {
		if ((rc = dbt_runner_current_position(&k->cur, c, chain)) < 0)
			goto fail;
		k->known = 1;
	}
	cur = k->cur;
	/* In one transaction, the run's bookkeeping goes from here: where
	 * another connection may have committed since run() read the
	 * version (SQLite), the first step read it again. */
	if (first)
		k->from = cur;
	if (!k->verified) {
		if ((rc = rb_verify_applied(c, chain, cur, 0)) < 0)
			goto fail;
		k->verified = 1;
	}
	if (up ? cur >= target : cur <= target) {
		*done = 1;
		return single ? 0 : d->rollback(c);
	}
	idx = up ? cur : cur - 1;
	rev = chain->revs[idx];
	/* Checked with the plan, unless another connection moved the
	 * version out of it. */
	if ((idx < k->checked_lo || idx >= k->checked_hi) &&
	    (rc = check_tx_control(rev, up, d)) < 0)
		goto fail;
	/* In one transaction the run writes its bookkeeping once, before
	 * its COMMIT (see run_single()). */
	if (!single)
		rb_record_sql(&book, &b, rev, up);
	if (opts && opts->on_revision)
		opts->on_revision(rev, up, up ? target - cur : cur - target, opts->arg);
	if (q)
		rc = dbt_runner_queue_add(c, q, rev, up, !reads);
	else
		rc = dbt_runner_execute(c, rev, up, &book, dbt_runner_id_or_null(chain, cur),
					single, opts, k->skip, k->unsure, single);
	k->skip = 0;
	k->unsure = 0;
	dbt_buf_release(&book);
	if (rc < 0)
		return rc;
	k->cur = up ? cur + 1 : cur - 1;

	if (opts && opts->on_step) {
		dbt_step s = {
			.upgrade = up,
			.rev = rev,
			.from = up ? (rev->down ? rev->down->id : NULL) : rev->id,
			.to = up ? rev->id : (rev->down ? rev->down->id : NULL),
			.ms = rb_now_ms() - t0,
		};
		opts->on_step(&s, opts->arg);
	}
	return 0;
fail:
	if (!single)
		d->rollback(c);
	return rc;
}

/*
 * With --apply-missing: applies the lowest revision that lies below the
 * current one but was never applied (see rb_first_recorded), in a
 * transaction of its own that records its history row; the version does
 * not move.  Sets `*done` when there is none left.  The first call
 * verifies the rest of the history, as step() does.  `*skip` (then 0):
 * that revision is `resumed`, whose first `*skip` statements committed
 * before it stopped (see dbt_runner_resume_missing()), `*unsure` (then 0) when it
 * stopped while the next one ran.
 */
static int apply_missing_step(dbt_conn *c, const dbt_chain *chain, const dbt_run_opts *opts,
			      int *verified, int *done, int single, const dbt_revision *resumed,
			      size_t *skip, int *unsure)
{
	const struct dbt_dialect *d = c->dialect;
	const dbt_revision *rev = NULL;
	dbt_buf book = DBT_BUF_INIT;
	struct history h;
	size_t cur, pos, lo;
	double t0 = rb_now_ms();
	struct book b;
	int rc;

	*done = 0;
	memset(&h, 0, sizeof(h));
	if ((rc = rb_book_of(&b, c)) < 0 || (rc = d->reset_session(c)) < 0)
		return rc;
	if (!single && (rc = d->begin(c)) < 0)
		return rc;
	if ((rc = rb_create_tables(c, &b, 1)) < 0 ||
	    (rc = *skip ? position_despite_journal(&cur, c, chain)
			: dbt_runner_current_position(&cur, c, chain)) < 0)
		goto fail;
	if (!*verified) {
		if ((rc = rb_verify_applied(c, chain, cur, 1)) < 0)
			goto fail;
		*verified = 1;
	}
	if ((rc = rb_history_read(&h, c, chain)) < 0)
		goto fail;
	for (pos = (lo = rb_first_recorded(&h, cur)) + 1; pos <= cur && !rev; pos++)
		if (!h.at[pos])
			rev = chain->revs[pos - 1];
	rb_history_release(&h);
	if (*skip && rev != resumed)
		rev = NULL;
	if (!rev) {
		*done = 1;
		if (*skip) {
			const char *at = cur ? chain->revs[cur - 1]->id : "base";

			rc = dbt_error_set(DBT_ERROR,
					   "cannot resume the upgrade of %s: it is no longer the "
					   "lowest revision missing below %s; finish it by hand "
					   "and run 'dbtool stamp %s'",
					   resumed->id, at, at);
			goto fail;
		}
		return single ? 0 : d->rollback(c);
	}
	if ((rc = check_tx_control(rev, 1, d)) < 0)
		goto fail;
	rb_history_insert_sql(&book, &b, rev);
	rc = dbt_runner_execute(c, rev, RB_UP_MISSING, &book, dbt_runner_id_or_null(chain, cur),
				single, opts, *skip, *unsure, 0);
	*skip = 0;
	*unsure = 0;
	dbt_buf_release(&book);
	if (rc < 0)
		return rc;
	if (opts && opts->on_step) {
		dbt_step s = {
			.upgrade = 1,
			.rev = rev,
			.from = dbt_runner_id_or_null(chain, cur),
			.to = dbt_runner_id_or_null(chain, cur),
			.ms = rb_now_ms() - t0,
			.missing = 1,
		};
		opts->on_step(&s, opts->arg);
	}
	return 0;
fail:
	rb_history_release(&h);
	if (!single)
		d->rollback(c);
	return rc;
}

/* The history and version statements of a stamp to position `goal`: rows
 * for the revisions up to it that have none, no row for any other. */
static int stamp_sql(dbt_buf *sql, dbt_conn *c, const dbt_chain *chain, size_t goal)
{
	struct history h;
	struct book b;
	size_t i, pos;
	int rc = rb_book_of(&b, c);

	if (rc < 0 || (rc = rb_history_read(&h, c, chain)) < 0)
		return rc;
	for (i = 0; i < h.n; i++)
		if (!h.rows[i].pos || h.rows[i].pos > goal)
			rb_history_delete_sql(sql, &b, h.rows[i].id);
	for (pos = 1; pos <= goal; pos++)
		if (!h.at[pos])
			rb_history_insert_sql(sql, &b, chain->revs[pos - 1]);
	rb_version_set_sql(sql, &b, dbt_runner_id_or_null(chain, goal));
	rb_history_release(&h);
	return 0;
}

/* A stamp says where the database is: a revision that stopped halfway
 * (the journal's row) is over. */
static int stamp_journal_sql(dbt_buf *sql, dbt_conn *c, const struct book *b)
{
	int exists = 0, rc = 0;

	if (!rb_journaled(c) ||
	    (rc = c->dialect->table_exists(c, b->schema, DBT_JOURNAL_TABLE, &exists)) < 0)
		return rb_journaled(c) ? rc : 0;
	if (exists)
		rb_journal_clear_sql(sql, b);
	return 0;
}

static int stamp(dbt_conn *c, const dbt_chain *chain, size_t goal)
{
	const struct dbt_dialect *d = c->dialect;
	dbt_buf sql = DBT_BUF_INIT;
	struct book b;
	int rc;

	if ((rc = rb_book_of(&b, c)) < 0 || (rc = d->begin(c)) < 0)
		return rc;
	if ((rc = rb_create_tables(c, &b, 1)) < 0 || (rc = stamp_journal_sql(&sql, c, &b)) < 0 ||
	    (rc = stamp_sql(&sql, c, chain, goal)) < 0 ||
	    (rc = dbt_runner_exec_bookkeeping(c, &sql)) < 0 || (rc = d->commit(c)) < 0)
		d->rollback(c);
	dbt_buf_release(&sql);
	return rc;
}

/* Collects the steps of a single-transaction run, reported once it
 * committed. */
struct steps {
	dbt_step *v;
	size_t n;
	int oom;
	const dbt_run_opts *outer; /* the caller's: revisions and statements
				    * go to it as they run */
};

static void forward_revision(const dbt_revision *rev, int upgrade, size_t left, void *arg)
{
	const struct steps *st = arg;

	st->outer->on_revision(rev, upgrade, left, st->outer->arg);
}

static void forward_statement(const dbt_run_statement *stmt, void *arg)
{
	const struct steps *st = arg;

	st->outer->on_statement(stmt, st->outer->arg);
}

static void collect_step(const dbt_step *step, void *arg)
{
	struct steps *st = arg;
	dbt_step *v = realloc(st->v, (st->n + 1) * sizeof(*v));

	if (!v) {
		st->oom = 1;
		return;
	}
	st->v = v;
	v[st->n++] = *step;
}

/*
 * --single-transaction: every revision from position `cur` to `goal` (and
 * first, with apply_missing, the missing ones) in one transaction with
 * all their bookkeeping, committed at the end or not at all.  The steps
 * write no version or history rows: the run writes them once, before its
 * COMMIT, from the position its first step found (rb_record_plan_sql), a
 * few statements however long the plan.  Refuses before anything runs
 * when a revision of the plan must run outside a transaction.  The steps
 * are reported after the commit.
 */
static int run_single(dbt_conn *c, const dbt_chain *chain, size_t cur, size_t goal, int up,
		      const dbt_run_opts *opts, const char *version_before)
{
	const struct dbt_dialect *d = c->dialect;
	dbt_run_opts inner = *opts;
	struct steps st = {NULL, 0, 0, opts};
	struct run_queue *q = NULL;
	size_t queued_from = 0;
	dbt_buf deferred = DBT_BUF_INIT;
	struct carry k = {.cur = cur,
			  .known = 1,
			  .checked_lo = up ? cur : goal,
			  .checked_hi = up ? goal : cur};
	struct book b;
	size_t pos, i;
	int rc = 0, done = 0;

	for (pos = cur; up ? pos < goal : pos > goal; pos += up ? 1 : (size_t)-1) {
		const dbt_revision *rev = up ? chain->revs[pos] : chain->revs[pos - 1];

		if (!rev->transactional)
			return dbt_error_set(DBT_ERROR,
					     "%s: revision %s is marked '-- transaction: false', "
					     "so "
					     "it cannot run in one transaction with the others: "
					     "run without --single-transaction",
					     rev->path, rev->id);
	}
	inner.on_step = collect_step;
	inner.on_revision = opts->on_revision ? forward_revision : NULL;
	inner.on_statement = opts->on_statement ? forward_statement : NULL;
	inner.arg = &st;
	if ((rc = d->begin(c)) < 0)
		return rc;
	if (up && opts->apply_missing) {
		while (!done && (rc = apply_missing_step(c, chain, &inner, &k.verified, &done, 1,
							 NULL, &k.skip, &k.unsure)) == 0)
			;
		done = 0;
	}
	/* Revisions several to a round trip where the dialect can, unless
	 * each statement is to be timed. */
	if (rc == 0 && d->exec_batch && !opts->on_statement) {
		if (!(q = calloc(1, sizeof(*q))) ||
		    !(q->ms = calloc((q->cap = up ? goal - cur : cur - goal) + 1, sizeof(double))))
			rc = dbt_error_oom();
		else
			q->up = up;
		k.queue = q;
		queued_from = st.n;
	}
	while (rc == 0 && !done)
		rc = step(c, chain, goal, up, &inner, &k, &done, 1);
	if (rc == 0 && q) {
		rc = dbt_runner_queue_flush(c, q);
		for (i = 0; i < q->sent && queued_from + i < st.n; i++)
			st.v[queued_from + i].ms = q->ms[i];
	}
	if (rc == 0 && st.oom)
		rc = dbt_error_oom();
	if (rc == 0 && (rc = rb_book_of(&b, c)) == 0)
		rb_record_plan_sql(&deferred, &b, chain, k.from, k.cur);
	if (rc == 0 && (rc = dbt_runner_commit_bookkeeping(c, &deferred)) < 0)
		dbt_error_prefix(rc, "the %s failed at commit and was rolled back",
				 up ? "upgrade" : "downgrade");
	if (rc < 0) {
		d->rollback(c);
		dbt_error_prefix(rc,
				 "nothing was applied (--single-transaction), the version stays "
				 "at %s",
				 version_before ? version_before : "base");
	} else if (opts->on_step) {
		for (i = 0; i < st.n; i++)
			opts->on_step(&st.v[i], opts->arg);
	}
	free(st.v);
	if (q)
		free(q->ms);
	free(q);
	dbt_buf_release(&deferred);
	return rc;
}

static int is_relative(const char *target)
{
	return target[0] == '+' || target[0] == '-';
}

static int run(dbt_conn *c, const dbt_chain *chain, const char *target, const dbt_run_opts *opts,
	       enum mode mode)
{
	const struct dbt_dialect *d = c->dialect;
	int timeout =
		opts && opts->lock_timeout_ms > 0 ? opts->lock_timeout_ms : DBT_LOCK_TIMEOUT_MS;
	size_t cur, goal;
	struct carry k = {0};
	struct journal jr = {0};
	const dbt_revision *resumed = NULL;
	struct book b;
	char *id = NULL;
	int rc, done = 0;

	/* 0 is a struct zeroed before the field existed: version 1. */
	if (opts && opts->version > DBT_RUN_OPTS_VERSION)
		return dbt_error_set(DBT_ERROR, "unknown version %u of the run options",
				     opts->version);
	if (opts && opts->single_transaction && mode != MODE_STAMP && rb_journaled(c))
		return dbt_error_set(DBT_ERROR,
				     "--single-transaction cannot be kept on %s, which commits "
				     "each "
				     "DDL statement at once: run without it (each revision is "
				     "journaled statement by statement instead)",
				     d->name);
	if ((rc = d->lock(c, timeout)) < 0)
		return rc;
	/* Where DDL commits at once, a revision that stopped halfway is
	 * resumed (see dbt_runner_resume()); a stamp clears it. */
	if ((rc = rb_version_read_any(c, &id, 0)) < 0)
		goto cleanup;
	if (mode != MODE_STAMP && rb_journaled(c) &&
	    ((rc = rb_book_of(&b, c)) < 0 || (rc = rb_journal_read(&jr, c, &b)) < 0))
		goto cleanup;
	if (id && id[0] == '!') {
		/* A stamp replaces the rows, so several of them do not stop it. */
		if (mode != MODE_STAMP || is_relative(target)) {
			rc = rb_several_rows(id + 1);
			goto cleanup;
		}
		free(id);
		id = NULL;
		cur = 0;
	} else if ((rc = position_of(&cur, chain, id)) < 0) {
		/* A stamp is the way back to a known revision from one that no
		 * file defines, so any target that does not count from the
		 * current revision will do. */
		if (mode != MODE_STAMP || rc != DBT_ENOTFOUND || is_relative(target))
			goto cleanup;
		cur = 0;
	}
	if (jr.id && jr.missing) {
		if ((rc = dbt_runner_resume_missing(&resumed, c, chain, &jr, cur, mode, opts, &k)) <
		    0)
			goto cleanup;
		rb_journal_release(&jr);
	}
	if (jr.id && opts && opts->apply_missing) {
		rc = dbt_error_set(DBT_ERROR,
				   "the %s of %s stopped halfway: resume it with 'dbtool %s' "
				   "before applying missing revisions",
				   jr.up ? "upgrade" : "downgrade", jr.id,
				   jr.up ? "upgrade" : "downgrade");
		goto cleanup;
	}
	k.cur = cur;
	if (jr.id) {
		if ((rc = dbt_runner_resume(&goal, c, chain, &jr, cur, target, mode, opts, &k)) < 0)
			goto cleanup;
		cur = k.cur;
	} else if ((rc = dbt_runner_resolve_target(&goal, chain, target, cur, mode)) < 0) {
		goto cleanup;
	}
	if (mode != MODE_STAMP && (rc = dbt_runner_check_plan(chain, cur, goal, d)) < 0)
		goto cleanup;
	k.checked_lo = cur < goal ? cur : goal;
	k.checked_hi = cur < goal ? goal : cur;

	if (mode == MODE_STAMP) {
		if ((rc = stamp(c, chain, goal)) < 0)
			goto cleanup;
		if (opts && opts->on_step) {
			dbt_step s = {.upgrade = goal >= cur,
				      .rev = goal ? chain->revs[goal - 1] : NULL,
				      .from = id,
				      .to = dbt_runner_id_or_null(chain, goal)};
			opts->on_step(&s, opts->arg);
		}
		goto cleanup;
	}
	if (opts && opts->single_transaction) {
		rc = run_single(c, chain, cur, goal, mode == MODE_UPGRADE, opts, id);
		goto cleanup;
	}
	/* Read under the lock: the steps carry it from here. */
	k.known = 1;
	if (mode == MODE_UPGRADE && opts && opts->apply_missing) {
		while (!done && (rc = apply_missing_step(c, chain, opts, &k.verified, &done, 0,
							 resumed, &k.skip, &k.unsure)) == 0)
			;
		if (rc < 0)
			goto cleanup;
		done = 0;
	}
	while (!done && (rc = step(c, chain, goal, mode == MODE_UPGRADE, opts, &k, &done, 0)) == 0)
		;
cleanup:
	rb_journal_release(&jr);
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
	int rc = rb_version_get(conn, &id);

	if (rc == 0 && (rc = position_of(&pos, chain, id)) == 0 && pos != chain->n)
		rc = dbt_error_set(DBT_ERROR,
				   "database is at %s, not at head %s: run 'dbtool upgrade' first",
				   id ? id : "base", chain->revs[chain->n - 1]->id);
	free(id);
	return rc;
}

int dbt_run_require_applied(dbt_conn *conn, const dbt_chain *chain)
{
	char *id = NULL;
	size_t cur;
	int rc = rb_version_get(conn, &id);

	/* A version that no file defines has no ancestors to look at. */
	if (rc == 0 && dbt_chain_position(&cur, chain, id) == 0)
		rc = rb_verify_unapplied(conn, chain, cur);
	else if (rc == 0)
		dbt_error_clear();
	free(id);
	return rc;
}

int dbt_run_require_verified(dbt_conn *conn, const dbt_chain *chain)
{
	size_t cur;
	int rc = dbt_runner_current_position(&cur, conn, chain);

	return rc < 0 ? rc : rb_verify_applied(conn, chain, cur, 0);
}

int dbt_run_verify(dbt_findings *out, size_t *unverified, dbt_conn *conn, const dbt_chain *chain)
{
	struct history h;
	size_t cur, n = 0;
	int rc;

	if (unverified)
		*unverified = 0;
	if ((rc = dbt_runner_current_position(&cur, conn, chain)) < 0)
		return rc;
	if ((rc = rb_history_read(&h, conn, chain)) < 0)
		return rc;
	rc = rb_find_problems(out, &n, &h, chain, cur, 0);
	if (rc == 0 && unverified)
		*unverified = n;
	rb_history_release(&h);
	return rc;
}

/* --------------------------------------------------------------- repair */

/* Records `rev`'s current checksum in `sql`, noting what it did in `done`
 * (kind: what, text: the id). */
static int repair_rev(dbt_buf *sql, dbt_findings *done, const struct book *b,
		      const struct history *h, const dbt_revision *rev, int report_unchanged)
{
	const struct history_row *r = h->at[rev->pos] ? &h->rows[h->at[rev->pos] - 1] : NULL;

	if (!r) {
		rb_history_insert_sql(sql, b, rev);
		return dbt_findings_add(done, DBT_FINDING_CHECKSUM_RECORDED, rev->id);
	}
	if (strcmp(r->checksum, rev->checksum)) {
		rb_history_update_sql(sql, b, rev);
		return dbt_findings_add(done, DBT_FINDING_CHECKSUM_UPDATED, rev->id);
	}
	return report_unchanged ? dbt_findings_add(done, DBT_FINDING_CHECKSUM_UNCHANGED, rev->id)
				: 0;
}

static int repair_one(dbt_buf *sql, dbt_findings *done, const struct book *b,
		      const struct history *h, const dbt_chain *chain, size_t cur, const char *name)
{
	dbt_revision *rev;
	size_t i;
	int rc = dbt_chain_find(&rev, chain, name);

	if (rc == DBT_ENOTFOUND) {
		/* The row of a revision whose file is gone goes by its id alone. */
		for (i = 0; i < h->n; i++) {
			if (h->rows[i].pos || strcmp(h->rows[i].id, name))
				continue;
			rb_history_delete_sql(sql, b, name);
			return dbt_findings_add(done, DBT_FINDING_FORGOTTEN, name);
		}
		return dbt_error_set(DBT_ENOTFOUND,
				     "cannot repair '%s': no revision file defines it and the "
				     "history "
				     "table has no row for it",
				     name);
	}
	if (rc < 0)
		return rc;
	if (rev->pos > cur)
		return dbt_error_set(DBT_ERROR,
				     "cannot repair %s: it is not applied (the database is at %s)",
				     rev->id, cur ? chain->revs[cur - 1]->id : "base");
	return repair_rev(sql, done, b, h, rev, 1);
}

/* Every applied revision; one that lies below the current revision but
 * was never applied is left alone (only 'repair REV' vouches for it). */
static int repair_all(dbt_buf *sql, dbt_findings *done, const struct book *b,
		      const struct history *h, const dbt_chain *chain, size_t cur)
{
	size_t pos, i, lo = rb_first_recorded(h, cur);
	int rc = 0;

	for (pos = 1; pos <= cur && rc == 0; pos++) {
		if (pos > lo && !h->at[pos])
			continue;
		rc = repair_rev(sql, done, b, h, chain->revs[pos - 1], 0);
	}
	for (i = 0; i < h->n && rc == 0; i++) {
		if (h->rows[i].pos && h->rows[i].pos <= cur)
			continue;
		rb_history_delete_sql(sql, b, h->rows[i].id);
		rc = dbt_findings_add(done, DBT_FINDING_FORGOTTEN, h->rows[i].id);
	}
	return rc;
}

int dbt_run_repair(dbt_conn *conn, const dbt_chain *chain, const char *rev, int lock_timeout_ms,
		   dbt_repair_fn on_repair, void *arg)
{
	dbt_findings done = {NULL, 0};
	dbt_buf sql = DBT_BUF_INIT;
	struct history h;
	struct book b;
	size_t cur, i;
	int rc;

	memset(&h, 0, sizeof(h));
	if ((rc = rb_book_of(&b, conn)) < 0 ||
	    (rc = dbt_conn_begin_locked(conn, lock_timeout_ms)) < 0)
		return rc;
	if ((rc = dbt_runner_current_position(&cur, conn, chain)) == 0 &&
	    (rc = rb_history_read(&h, conn, chain)) == 0)
		rc = rev ? repair_one(&sql, &done, &b, &h, chain, cur, rev)
			 : repair_all(&sql, &done, &b, &h, chain, cur);
	/* The table is made only when there is something to write in it. */
	if (rc == 0 && sql.len)
		rc = rb_create_tables(conn, &b, 0);
	if (rc == 0)
		rc = dbt_runner_exec_bookkeeping(conn, &sql);
	rc = dbt_conn_end_locked(conn, rc);
	/* Reported once committed. */
	for (i = 0; rc == 0 && on_repair && i < done.n; i++)
		on_repair(done.v[i].text, dbt_finding_kind_name(done.v[i].kind), arg);
	rb_history_release(&h);
	dbt_buf_release(&sql);
	dbt_findings_release(&done);
	return rc;
}
