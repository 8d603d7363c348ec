/*
 * runner_journal.c - running a revision where DDL commits at once (no
 * DBT_CAP_TRANSACTIONAL_DDL: MariaDB and MySQL), statement by statement
 * with its count in the journal (runner_book.c keeps the journal's
 * table), and resuming or undoing a revision that stopped halfway.  See
 * runner.c for the rules a run follows; runner.c calls
 * dbt_runner_execute_journaled(), dbt_runner_resume() and dbt_runner_resume_missing().
 */
#include "runner_int.h"

#include "error.h"
#include "sha256.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Appends the journal's hash of a statement (see struct journal): the
 * first 16 hex digits of its SHA-256, and a comma. */
static void put_stmt_hash(dbt_buf *out, const char *stmt, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char h[32];
	size_t i;

	dbt_sha256(h, stmt, len);
	for (i = 0; i < 8; i++) {
		dbt_buf_putc(out, hex[h[i] >> 4]);
		dbt_buf_putc(out, hex[h[i] & 0xf]);
	}
	dbt_buf_putc(out, ',');
}

/* What the journal callback needs, statement after statement. */
struct journal_ctx {
	dbt_conn *c;
	const struct book *b;
	const dbt_revision *rev;
	const dbt_run_opts *opts;
	size_t done;	/* statements committed */
	size_t skip;	/* the first statements, which committed before */
	int unsure;	/* a run before stopped while statement skip + 1 ran */
	dbt_buf hashes; /* those of the statements 1 to done */
	double t0;	/* when the current statement started */
};

/*
 * After each statement of a journaled revision: the journal row, in the
 * statement's transaction (so that a statement which does not commit on
 * its own commits with its count: a kill cannot come between them), then
 * the caller's on_statement.  The statements that committed before a
 * resume only add their hash.
 */
static int journal_statement(void *arg, size_t n, const char *stmt, size_t len, int line)
{
	struct journal_ctx *j = arg;
	const struct dbt_dialect *d = j->c->dialect;
	dbt_buf text = DBT_BUF_INIT;
	double ms = rb_now_ms() - j->t0;
	int rc;

	put_stmt_hash(&j->hashes, stmt, len);
	if (j->hashes.oom)
		return dbt_error_oom();
	if (n <= j->skip)
		return 0;
	if ((rc = rb_journal_done(j->c, j->b, n, j->hashes.ptr)) < 0) {
		/* The journal is named without its database: after a USE the
		 * session looks for it in the other one. */
		if (len >= 3 && !strncasecmp(stmt, "use", 3) &&
		    (len == 3 || isspace((unsigned char)stmt[3]) || stmt[3] == '`')) {
			dbt_dialect_excerpt(&text, stmt, len, 60);
			rc = text.oom ? dbt_error_oom()
				      : dbt_error_set(rc,
						      "%s:%d: '%s' switched the session to another "
						      "database, where the journal "
						      "table " DBT_JOURNAL_TABLE
						      " is not: a revision must not USE another "
						      "database; qualify the names it uses instead",
						      j->rev->path, line, text.ptr);
			dbt_buf_release(&text);
		}
		return rc;
	}
	if ((rc = d->commit(j->c)) < 0)
		return rc;
	j->done = n;
	if ((rc = d->begin(j->c)) < 0 || (rc = rb_journal_running(j->c, j->b, n + 1)) < 0)
		return rc;
	if (j->opts && j->opts->on_statement) {
		dbt_dialect_excerpt(&text, stmt, len, 100);
		if (text.oom) {
			dbt_buf_release(&text);
			return dbt_error_oom();
		}
		dbt_run_statement s = {j->rev, text.ptr, line, ms};
		j->opts->on_statement(&s, j->opts->arg);
		dbt_buf_release(&text);
	}
	j->t0 = rb_now_ms();
	return 0;
}

/*
 * dbt_runner_execute() where DDL commits at once (see the journal in runner_book.c):
 * the transaction the step opened ends, the journal row says that `rev`
 * starts, each statement commits as it runs and the journal counts it,
 * and the bookkeeping in `book` then commits with the journal's row
 * deleted.  A failed statement leaves the row, with its message, and the
 * error says that the database is between two revisions.  With `skip`,
 * the revision resumes: its first `skip` statements committed before (the
 * journal's row says so already) and are not run again.  `unsure`: the run
 * that stopped there was stopped while statement skip + 1 ran, so that it
 * may have taken effect; a failure of that statement then keeps that
 * doubt in the journal and says so.  Each statement runs in the
 * transaction that marks it as started (rb_journal_running()).
 */
int dbt_runner_execute_journaled(dbt_conn *c, const dbt_revision *rev, int up, dbt_buf *book,
				 const char *version_before, const dbt_run_opts *opts, size_t skip,
				 int unsure)
{
	const struct dbt_dialect *d = c->dialect;
	const char *verb = up ? "upgrade" : "downgrade";
	const char *other = up ? "downgrade" : "upgrade";
	const char *before = version_before ? version_before : "base";
	const char *after = up ? rev->id : (rev->down ? rev->down->id : "base");
	struct journal_ctx j = {c, NULL, rev, opts, skip, skip, unsure, DBT_BUF_INIT, 0};
	dbt_buf record = DBT_BUF_INIT;
	struct book b;
	size_t doubt;
	int line = 0, rc;
	const char *sql = dbt_revision_section(rev, d->kind, !up, &line);
	char *msg;

	if (!sql)
		return dbt_revision_require_dialect(rev, d->kind);
	if ((rc = rb_book_of(&b, c)) < 0 || (rc = d->commit(c)) < 0)
		goto fail;
	j.b = &b;
	/* A resumed revision keeps its row as it is, its mark included: a row
	 * written anew would lose, for a moment, that statement skip + 1 may
	 * have taken effect (a run killed then left it unmarked). */
	if ((rc = skip || unsure ? rb_journal_table(c, &b)
				 : rb_journal_start(c, &b, rev, up, version_before)) < 0)
		goto fail;
	if (rev->lock_timeout_ms >= 0 && (rc = d->set_lock_timeout(c, rev->lock_timeout_ms)) < 0)
		goto stopped;
	j.t0 = rb_now_ms();
	/* After the last statement, the transaction holds only the mark of a
	 * statement that does not exist: it goes. */
	if ((rc = d->begin(c)) < 0 || (rc = rb_journal_running(c, &b, skip + 1)) < 0 ||
	    (rc = d->exec_script_from(c, sql, rev->path, line, skip, journal_statement, &j)) < 0 ||
	    (rc = d->rollback(c)) < 0)
		goto stopped;
	dbt_buf_release(&j.hashes);
	/* What the revision set in the session (USE, sql_mode) must not reach
	 * the bookkeeping. */
	rb_journal_clear_sql(&record, &b);
	dbt_buf_put(&record, book->ptr, book->len);
	if ((rc = d->reset_session(c)) < 0 || (rc = d->begin(c)) < 0 ||
	    (rc = dbt_runner_exec_bookkeeping(c, &record)) < 0 || (rc = d->commit(c)) < 0) {
		dbt_buf_release(&record);
		d->rollback(c);
		dbt_error_prefix(rc,
				 "%s %s ran, but recording it failed: the database is between "
				 "%s and %s",
				 verb, rev->id, before, after);
		return rc;
	}
	dbt_buf_release(&record);
	return 0;
stopped:
	dbt_buf_release(&j.hashes);
	/* The journal keeps the failure for 'current' and 'check'; the
	 * message of the failure is what the caller reports.  When the first
	 * statement failed, nothing committed (a statement is atomic): the
	 * database is still at the version before, and the row goes, unless a
	 * run before was stopped while that statement ran.  A statement that
	 * failed did nothing, so its mark goes, unless that same doubt stays. */
	doubt = j.unsure && j.done == skip ? skip + 1 : 0;
	if ((msg = strdup(dbt_error_last())) != NULL) {
		int kept;

		d->rollback(c);
		kept = d->reset_session(c) == 0 &&
		       (j.done || doubt ? rb_journal_failed(c, &b, j.done, doubt, msg)
					: (rb_journal_clear_sql(&record, &b),
					   dbt_runner_exec_bookkeeping(c, &record))) == 0;
		dbt_buf_release(&record);
		dbt_error_set(rc, "%s", msg);
		free(msg);
		if (kept && !j.done && !doubt)
			return dbt_error_prefix(rc,
						"%s %s failed at its first statement, so nothing "
						"of it was applied: the version stays at %s",
						verb, rev->id, before);
	}
	if (doubt)
		return dbt_error_prefix(
			rc,
			"%s %s stopped at its statement %zu, which may have been applied already: "
			"an earlier run was stopped while it ran (%s commits each DDL statement at "
			"once); check the database, and if it was applied, finish the %s by hand "
			"and run 'dbtool stamp %s'; if not, fix the cause and run 'dbtool %s'",
			verb, rev->id, doubt, d->name, verb, up == RB_UP_MISSING ? before : after,
			up == RB_UP_MISSING ? "upgrade --apply-missing"
			: up		    ? "upgrade"
					    : "downgrade -1");
	if (up == RB_UP_MISSING)
		return dbt_error_prefix(rc,
					"upgrade %s stopped at its statement %zu, after %zu "
					"committed (%s commits each DDL statement at once): %s, a "
					"revision missing below %s, is applied halfway; fix the "
					"cause and run 'dbtool upgrade --apply-missing' to resume "
					"at statement %zu, or finish it by hand and run 'dbtool "
					"stamp %s'",
					rev->id, j.done + 1, j.done, d->name, rev->id, before,
					j.done + 1, before);
	dbt_error_prefix(rc,
			 "%s %s stopped at its statement %zu, after %zu committed (%s commits "
			 "each DDL statement at once): the database is between %s and %s; fix "
			 "the cause and run 'dbtool %s' to resume at statement %zu, or 'dbtool "
			 "%s' to undo the statements that ran (a revision marked '-- journal: "
			 "inverse'), or finish or undo the %s by hand, then run 'dbtool stamp "
			 "%s' or 'dbtool stamp %s'",
			 verb, rev->id, j.done + 1, j.done, d->name, before, after, verb,
			 j.done + 1, other, verb, after, before);
	return rc;
fail:
	dbt_buf_release(&j.hashes);
	d->rollback(c);
	return rc;
}

/* What a resume learns of a section, split as it runs: the hashes of its
 * statements, the first of them that differs from `expect` (the
 * journal's hashes of the `nexpect` statements that ran), and the line of
 * statement nexpect + 1. */
struct split {
	const char *expect;
	size_t nexpect;
	dbt_buf hashes;
	size_t n;
	size_t bad; /* 0: none differs */
	int bad_line;
	int next_line; /* 0: there is no statement nexpect + 1 */
};

static int split_statement(void *arg, size_t n, const char *stmt, size_t len, int line)
{
	struct split *s = arg;
	size_t at = s->hashes.len;

	put_stmt_hash(&s->hashes, stmt, len);
	if (s->hashes.oom)
		return dbt_error_oom();
	s->n = n;
	if (n == s->nexpect + 1)
		s->next_line = line;
	if (n <= s->nexpect && !s->bad && memcmp(s->hashes.ptr + at, s->expect + at, 17)) {
		s->bad = n;
		s->bad_line = line;
	}
	return 0;
}

/* Splits the upgrade (`up`) or downgrade section of `rev` into `s`. */
static int split_section(struct split *s, dbt_conn *c, const dbt_revision *rev, int up)
{
	int line = 0;
	const char *sql = dbt_revision_section(rev, c->dialect->kind, !up, &line);

	if (!sql)
		return dbt_revision_require_dialect(rev, c->dialect->kind);
	return c->dialect->exec_script_from(c, sql, rev->path, line, (size_t)-1, split_statement,
					    s);
}

/*
 * A revision stopped halfway where DDL commits at once (the journal's row
 * `jr`, the version at position `cur`): prepares the run in `mode` to
 * resume it.  In the journal's direction, the first step resumes the
 * revision after the statements that ran, once they are the file's first
 * statements still (the rest may have been fixed).  In the other, it runs
 * the inverses of the statements that ran, when the revision says that
 * its downgrade undoes its upgrade statement by statement ("journal:
 * inverse"): a revision of N statements that stopped after K is then the
 * same as one that stopped after N - K the other way, and the journal's
 * row and the version are turned round in one transaction.  Sets `*goal`
 * from `target`, counting the revision as applied for a downgrade and as
 * not applied for an upgrade, and k->cur and k->skip for the first step.
 */
int dbt_runner_resume(size_t *goal, dbt_conn *c, const dbt_chain *chain, const struct journal *jr,
		      size_t cur, const char *target, enum mode mode, const dbt_run_opts *opts,
		      struct carry *k)
{
	const struct dbt_dialect *d = c->dialect;
	int up = mode == MODE_UPGRADE, rc;
	const char *dir = jr->up ? "upgrade" : "downgrade";
	struct split s = {jr->hashes, jr->n, DBT_BUF_INIT, 0, 0, 0, 0};
	struct split t = {NULL, 0, DBT_BUF_INIT, 0, 0, 0, 0};
	const dbt_revision *rev;
	const char *from;
	dbt_buf sql = DBT_BUF_INIT;
	struct book b;
	size_t p;

	if (jr->several)
		return dbt_error_set(DBT_ERROR,
				     "table '" DBT_JOURNAL_TABLE "' holds several rows: put the "
				     "database back at a revision by hand and run 'dbtool stamp "
				     "REV'");
	if (dbt_chain_position(&p, chain, jr->id) < 0)
		return dbt_error_set(DBT_ENOTFOUND,
				     "the %s of revision %s stopped halfway, and no revision file "
				     "defines it: restore the file, or finish the %s by hand and "
				     "run 'dbtool stamp REV'",
				     dir, jr->id, dir);
	rev = chain->revs[p - 1];
	from = jr->up ? dbt_runner_id_or_null(chain, p - 1) : rev->id;
	if (cur != (jr->up ? p - 1 : p))
		return dbt_error_set(DBT_ERROR,
				     "the journal says that the %s of %s stopped halfway, but the "
				     "version table says %s: run 'dbtool stamp REV' with the "
				     "revision the database is at",
				     dir, rev->id,
				     cur ? dbt_runner_id_or_null(chain, cur) : "base");
	if ((rc = dbt_runner_resolve_target(goal, chain, target, up ? p - 1 : p, mode)) < 0)
		return rc;
	if (up ? *goal < p : *goal > p - 1)
		return dbt_error_set(DBT_ERROR,
				     "the %s of %s stopped halfway: resume it with 'dbtool %s' or "
				     "undo it with 'dbtool %s' before going to '%s'",
				     dir, rev->id, dir, jr->up ? "downgrade" : "upgrade", target);
	if (jr->n && strlen(jr->hashes) != 17 * jr->n)
		return dbt_error_set(DBT_ERROR,
				     "the %s of %s stopped after %zu of its statements, but the "
				     "journal does not say which: finish or undo it by hand, then "
				     "run 'dbtool stamp %s' or 'dbtool stamp %s'",
				     dir, rev->id, jr->n, rev->id, from ? from : "base");
	if ((rc = split_section(&s, c, rev, jr->up)) < 0)
		goto cleanup;
	if (s.n < jr->n || s.bad) {
		if (s.bad)
			rc = dbt_error_set(DBT_ERROR,
					   "%s:%d: cannot resume the %s of %s: its statement %zu "
					   "is not the one that ran (%zu of its statements ran "
					   "before it stopped); restore the statements that ran, "
					   "or "
					   "finish the %s by hand and run 'dbtool stamp %s'",
					   rev->path, s.bad_line, dir, rev->id, s.bad, jr->n, dir,
					   jr->up ? rev->id : (from ? from : "base"));
		else
			rc = dbt_error_set(DBT_ERROR,
					   "cannot resume the %s of %s: %zu of its statements ran "
					   "before it stopped, but '%s' now has %zu; restore the "
					   "statements that ran, or finish the %s by hand and run "
					   "'dbtool stamp %s'",
					   dir, rev->id, jr->n, rev->path, s.n, dir, rev->id);
		goto cleanup;
	}
	/* The revision's own statements were compared one by one: its
	 * checksum, recorded when it was applied, is not (the fix of a
	 * statement that failed in a downgrade changes it). */
	if (!jr->up && (rc = rb_verify_applied(c, chain, p - 1, 0)) < 0)
		goto cleanup;
	if (jr->up == up) {
		k->verified = !jr->up;
		k->skip = jr->n;
		k->unsure = jr->running && s.next_line;
		if (opts && opts->version >= 2 && opts->on_resume)
			opts->on_resume(rev, up, jr->n + 1, s.n, opts->arg);
		goto cleanup;
	}
	if (jr->running && s.next_line) {
		/* Turning round would leave whatever the statement did, with
		 * nothing left to say that it did. */
		rc = dbt_error_set(DBT_ERROR,
				   "cannot %s %s: its %s was stopped while its statement %zu "
				   "(%s:%d) ran, and whether that took effect is unknown (%s "
				   "commits each DDL statement at once); finish the %s with "
				   "'dbtool %s', or undo it by hand and run 'dbtool stamp %s'",
				   up ? "upgrade" : "downgrade", rev->id, dir, jr->running,
				   rev->path, s.next_line, d->name, dir,
				   jr->up ? "upgrade" : "downgrade -1",
				   jr->up ? (from ? from : "base") : rev->id);
		goto cleanup;
	}
	if (!jr->n) {
		/* Nothing of it ran, the first statement known not to have
		 * started (or to have failed): the journal's row goes, and the
		 * run starts from the version as it is. */
		if ((rc = rb_book_of(&b, c)) < 0)
			goto cleanup;
		rb_journal_clear_sql(&sql, &b);
		if ((rc = d->reset_session(c)) < 0 || (rc = d->begin(c)) < 0)
			goto cleanup;
		if ((rc = dbt_runner_exec_bookkeeping(c, &sql)) < 0 || (rc = d->commit(c)) < 0)
			d->rollback(c);
		goto cleanup;
	}
	if (!rev->inverse) {
		rc = dbt_error_set(DBT_ERROR,
				   "cannot undo the %zu statements of the %s of %s that ran: its "
				   "header does not say '-- journal: inverse' (that its downgrade "
				   "undoes its upgrade statement by statement); resume it with "
				   "'dbtool %s', or undo them by hand and run 'dbtool stamp %s'",
				   jr->n, dir, rev->id, dir,
				   jr->up ? (from ? from : "base") : rev->id);
		goto cleanup;
	}
	if ((rc = split_section(&t, c, rev, up)) < 0)
		goto cleanup;
	if (t.n != s.n) {
		rc = dbt_error_set(DBT_ERROR,
				   "cannot undo the %zu statements of the %s of %s that ran: it "
				   "says '-- journal: inverse', but its %s has %zu statements and "
				   "its %s %zu; undo them by hand and run 'dbtool stamp %s'",
				   jr->n, dir, rev->id, dir, s.n, jr->up ? "downgrade" : "upgrade",
				   t.n, jr->up ? (from ? from : "base") : rev->id);
		goto cleanup;
	}
	/* The statements of the other section that stand for those that did
	 * not run: the first N - K. */
	k->skip = s.n - jr->n;
	if ((rc = rb_book_of(&b, c)) < 0)
		goto cleanup;
	dbt_buf_clear(&sql);
	rb_record_sql(&sql, &b, rev, jr->up);
	dbt_buf_putc(&sql, ';');
	dbt_buf_putc(&sql, '\n');
	if (t.hashes.len > 17 * k->skip)
		t.hashes.ptr[17 * k->skip] = '\0';
	rb_journal_row_sql(&sql, &b, rev, up, up ? dbt_runner_id_or_null(chain, p - 1) : rev->id,
			   k->skip, t.hashes.ptr ? t.hashes.ptr : "");
	if ((rc = d->reset_session(c)) < 0 || (rc = d->begin(c)) < 0)
		goto cleanup;
	if ((jr->up && (rc = rb_verify_applied(c, chain, cur, 0)) < 0) ||
	    (rc = dbt_runner_exec_bookkeeping(c, &sql)) < 0 || (rc = d->commit(c)) < 0) {
		d->rollback(c);
		goto cleanup;
	}
	k->verified = 1;
	k->cur = up ? p - 1 : p;
	if (opts && opts->version >= 2 && opts->on_resume)
		opts->on_resume(rev, up, k->skip + 1, t.n, opts->arg);
cleanup:
	dbt_buf_release(&s.hashes);
	dbt_buf_release(&t.hashes);
	dbt_buf_release(&sql);
	return rc;
}

/*
 * The upgrade of a revision missing below the version (`cur`) that
 * stopped halfway (the journal's row `jr`, written "missing"): only
 * 'upgrade --apply-missing' resumes it, after the statements that ran,
 * once they are the file's first statements still; the version never
 * moved.  Sets `*out` to the revision and k->skip for the first step of
 * apply_missing_step().
 */
int dbt_runner_resume_missing(const dbt_revision **out, dbt_conn *c, const dbt_chain *chain,
			      const struct journal *jr, size_t cur, enum mode mode,
			      const dbt_run_opts *opts, struct carry *k)
{
	const char *at = cur ? dbt_runner_id_or_null(chain, cur) : "base";
	struct split s = {jr->hashes, jr->n, DBT_BUF_INIT, 0, 0, 0, 0};
	const dbt_revision *rev;
	size_t p;
	int rc;

	if (jr->several || dbt_chain_position(&p, chain, jr->id) < 0 || p > cur ||
	    (jr->n && strlen(jr->hashes) != 17 * jr->n))
		return dbt_error_set(DBT_ERROR,
				     "the upgrade of %s, a revision missing below %s, stopped "
				     "halfway, and the journal cannot tell how to resume it: "
				     "finish it by hand and run 'dbtool stamp %s'",
				     jr->id, at, at);
	rev = chain->revs[p - 1];
	if (mode != MODE_UPGRADE || !opts || !opts->apply_missing)
		return dbt_error_set(DBT_ERROR,
				     "the upgrade of %s, a revision missing below %s, stopped "
				     "halfway: resume it with 'dbtool upgrade --apply-missing', or "
				     "finish it by hand and run 'dbtool stamp %s'",
				     rev->id, at, at);
	if ((rc = split_section(&s, c, rev, 1)) < 0)
		goto cleanup;
	if (s.bad)
		rc = dbt_error_set(
			DBT_ERROR,
			"%s:%d: cannot resume the upgrade of %s: its statement %zu is not "
			"the one that ran (%zu of its statements ran before it stopped); "
			"restore the statements that ran, or finish the upgrade by hand "
			"and run 'dbtool stamp %s'",
			rev->path, s.bad_line, rev->id, s.bad, jr->n, at);
	else if (s.n < jr->n)
		rc = dbt_error_set(
			DBT_ERROR,
			"cannot resume the upgrade of %s: %zu of its statements ran "
			"before it stopped, but '%s' now has %zu; restore the statements "
			"that ran, or finish the upgrade by hand and run 'dbtool stamp %s'",
			rev->id, jr->n, rev->path, s.n, at);
	if (rc < 0)
		goto cleanup;
	*out = rev;
	k->skip = jr->n;
	k->unsure = jr->running && s.next_line;
	if (opts->version >= 2 && opts->on_resume)
		opts->on_resume(rev, 1, jr->n + 1, s.n, opts->arg);
cleanup:
	dbt_buf_release(&s.hashes);
	return rc;
}
