/*
 * rebase.c - keeps the chain one line when two developers branched from
 * one revision: moves the branch that the database has not applied onto
 * the other head, by rewriting the "-- parent:" line of its first
 * revision, and nothing else.
 *
 * "Not applied" is what the configured database says: a revision is
 * applied when the database's version is on it or above it, or when the
 * history table records it.  Without the database nothing can be proved,
 * so the caller must give a connection.  A revision that is applied is
 * never moved: its file's checksum and its place below the database's
 * version would both change under the database.
 *
 * The file is written atomically (temporary file, fsync, rename) under
 * the lock that 'dbtool revision' and 'dbtool migrate' take on the
 * versions folder, so no new revision is written on a head that is being
 * moved.  The rewritten text is parsed again and must give the same
 * revision with the new parent before it replaces the file.
 */
#include "dbtool.h"

#include "buf.h"
#include "chain.h"
#include "error.h"
#include "fsutil.h"
#include "project.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/*
 * Finds the "-- parent:" line of the header as the revision parser reads
 * it: the header is the "-- key: value" lines at the top, up to the first
 * other line or section marker.  Sets the offsets just after its colon and
 * at the end of its value (before "\r\n" or "\n"); 0 when found.
 */
static int find_parent_line(const char *text, size_t len, size_t *colon_end, size_t *value_end)
{
	size_t at = len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3) ? 3 : 0;

	while (at < len) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, s = at, k;

		if (end > at && text[end - 1] == '\r')
			end--;
		if (end - s < 2 || text[s] != '-' || text[s + 1] != '-')
			return -1;
		for (s += 2; s < end && is_blank(text[s]); s++)
			;
		for (k = s; s < end && is_key_char(text[s]); s++)
			;
		if (s == k || s == end || text[s] != ':')
			return -1;
		if (s - k == 7 && !memcmp(text + k, "migrate", 7))
			return -1; /* a section marker: the header is over */
		if (s - k == 6 && !memcmp(text + k, "parent", 6)) {
			*colon_end = s + 1;
			*value_end = end;
			return 0;
		}
		at = nl ? (size_t)(nl - text) + 1 : len;
	}
	return -1;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/*
 * Rewrites the parent of `rev` (the file it was loaded from) to `parent`,
 * atomically.  The file must still be what the chain read, and the new
 * text must read as the same revision with the new parent.
 */
static int rewrite_parent(const dbt_chain *chain, const dbt_revision *rev, const char *parent)
{
	const char *sum;
	char *text = NULL, *real = NULL;
	size_t len = 0, colon_end, value_end;
	dbt_buf b = DBT_BUF_INIT;
	dbt_revision before, after;
	int rc, parsed = 0;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	if ((rc = dbt_fs_read(&text, &len, rev->path)) < 0)
		goto cleanup;
	if ((rc = dbt_revision_parse(&before, rev->path, text, len)) < 0)
		goto cleanup;
	parsed = 1;
	if (dbt_chain_checksum(&sum, chain, rev) < 0 || strcmp(before.checksum, sum)) {
		rc = dbt_error_set(DBT_ERROR,
				   "revision file '%s' changed while rebase read the chain: run "
				   "'dbtool rebase' again",
				   rev->path);
		goto cleanup;
	}
	if (find_parent_line(text, len, &colon_end, &value_end) < 0) {
		rc = dbt_error_set(DBT_EPARSE, "%s: cannot find the '-- parent:' header line",
				   rev->path);
		goto cleanup;
	}
	dbt_buf_put(&b, text, colon_end);
	dbt_buf_printf(&b, " %s", parent);
	dbt_buf_put(&b, text + value_end, len - value_end);
	if (b.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = dbt_revision_parse(&after, rev->path, b.ptr, b.len)) < 0)
		goto cleanup;
	if (!same(after.id, before.id) || !same(after.parent, parent) ||
	    !same(after.message, before.message) || !same(after.created, before.created) ||
	    after.transactional != before.transactional ||
	    after.lock_timeout_ms != before.lock_timeout_ms ||
	    !same(after.upgrade, before.upgrade) || !same(after.downgrade, before.downgrade)) {
		rc = dbt_error_set(DBT_ERROR,
				   "%s: rewriting the '-- parent:' line would change more than the "
				   "parent: edit the file by hand",
				   rev->path);
		goto cleanup;
	}
	/* A symbolic link stays one: the file it points to is rewritten. */
	real = realpath(rev->path, NULL);
	rc = dbt_fs_write_atomic(real ? real : rev->path, b.ptr, b.len, 0);
cleanup:
	if (parsed)
		dbt_revision_release(&before);
	dbt_revision_release(&after);
	dbt_buf_release(&b);
	free(text);
	free(real);
	return rc;
}

/* 1 when the newline-separated `ids` hold `id`. */
static int listed(const char *ids, const char *id)
{
	size_t n = strlen(id);
	const char *s = ids;

	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		if (len == n && !memcmp(s, id, n))
			return 1;
		s = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* Appends "'a', 'b'" for the chain's heads but `except` (may be NULL). */
static void list_heads(dbt_buf *b, const dbt_chain *chain, const dbt_revision *except)
{
	size_t i, k = 0;

	for (i = 0; i < chain->nheads; i++)
		if (chain->heads[i] != except)
			dbt_buf_printf(b, "%s'%s'", k++ ? ", " : "", chain->heads[i]->id);
}

static int fail_buf(int code, dbt_buf *b)
{
	if (b->oom) {
		dbt_buf_release(b);
		return dbt_error_oom();
	}
	dbt_error_set(code, "%s", dbt_buf_str(b));
	dbt_buf_release(b);
	return code;
}

/* The other head of a chain with two; NULL with more. */
static dbt_revision *other_head(const dbt_chain *chain, const dbt_revision *head)
{
	if (chain->nheads != 2)
		return NULL;
	return chain->heads[0] == head ? chain->heads[1] : chain->heads[0];
}

/* Where the database stands, as the chain sees it. */
struct applied {
	const char *version;   /* its revision id, NULL at base */
	dbt_revision *current; /* the revision of that id */
	char *history;	       /* the ids its history records, one per line */
};

/* Refuses to move `br` when one of its revisions is applied, naming the
 * lowest such revision. */
static int require_unapplied(const dbt_chain *chain, const dbt_branch *br, const struct applied *db,
			     const dbt_revision *onto)
{
	dbt_revision *r, *lowest = NULL;
	int on_line = 0, at = 0;
	dbt_buf b = DBT_BUF_INIT;

	for (r = br->head;; r = dbt_chain_parent(chain, r)) {
		if (r == db->current)
			on_line = at = 1;
		if (on_line || listed(db->history, r->id))
			lowest = r;
		if (r == br->bottom)
			break;
	}
	if (!lowest)
		return 0;
	dbt_buf_printf(&b, "cannot rebase the branch of '%s': revision '%s' ('%s') ", br->head->id,
		       lowest->id, lowest->path);
	if (at)
		dbt_buf_printf(&b, "is applied in the database, which is at '%s'", db->version);
	else
		dbt_buf_puts(&b, "is recorded as applied in the database's history");
	dbt_buf_printf(&b,
		       "; rebase moves only revisions that were never applied: to move this "
		       "branch, downgrade below it first ('dbtool downgrade %s')",
		       br->fork ? br->fork->id : "base");
	if (onto)
		dbt_buf_printf(&b,
			       ", or move the branch of '%s' onto it instead ('dbtool rebase %s "
			       "--onto %s')",
			       onto->id, onto->id, br->head->id);
	return fail_buf(DBT_ERROR, &b);
}

/* Reads where the database stands; the version must be a revision of the
 * chain, or nothing can be said of what was applied. */
static int read_applied(struct applied *db, char **version, dbt_conn *conn, const dbt_chain *chain)
{
	dbt_revision *r;
	int rc;

	memset(db, 0, sizeof(*db));
	if ((rc = dbt_conn_current(version, conn)) < 0 ||
	    (rc = dbt_run_history_ids(&db->history, conn)) < 0)
		return rc;
	db->version = *version;
	if (!*version)
		return 0;
	if (dbt_chain_find(&r, chain, *version) < 0 || strcmp(r->id, *version))
		return dbt_error_set(DBT_ENOTFOUND,
				     "cannot rebase: the database is at %s, which no revision file "
				     "defines, so what it applied is unknown: restore the file, or "
				     "'dbtool stamp' the database to a known revision",
				     *version);
	db->current = r;
	return 0;
}

/* Finds REV or HEAD for rebase, naming the option in errors. */
static int find_named(dbt_revision **out, const dbt_chain *chain, const char *id, const char *what)
{
	int rc = dbt_chain_find(out, chain, id);

	if (rc < 0)
		return what ? dbt_error_prefix(rc, "cannot rebase: %s", what)
			    : dbt_error_prefix(rc, "cannot rebase");
	return 0;
}

static int plan_and_move(dbt_rebase *out, dbt_conn *conn, const dbt_chain *chain,
			 const char *rev_name, const char *onto_name)
{
	dbt_revision *rev = NULL, *onto = NULL, *applied_head = NULL;
	dbt_branch br, cb;
	struct applied db;
	char *version = NULL;
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	if (rev_name && (rc = find_named(&rev, chain, rev_name, NULL)) < 0)
		return rc;
	if (onto_name && (rc = find_named(&onto, chain, onto_name, "--onto")) < 0)
		return rc;
	if (onto && dbt_chain_nchildren(chain, onto)) {
		dbt_buf_printf(&b,
			       "cannot rebase onto '%s': it is not a head (other revisions follow "
			       "it); the new parent must be a head: ",
			       onto->id);
		list_heads(&b, chain, NULL);
		return fail_buf(DBT_ERROR, &b);
	}
	if (!chain->diverged) {
		/* One line already: nothing to move. */
		if (chain->n && !(out->only_head = strdup(chain->revs[chain->n - 1]->id)))
			return dbt_error_oom();
		return 0;
	}
	if ((rc = read_applied(&db, &version, conn, chain)) < 0)
		goto cleanup;
	if (db.current && dbt_chain_branch(&cb, chain, db.current) == 0)
		applied_head = cb.head;
	dbt_error_clear();

	if (rev && (rc = dbt_chain_branch(&br, chain, rev)) < 0) {
		rc = dbt_error_prefix(rc, "cannot rebase");
		goto cleanup;
	}
	if (!rev && !onto && chain->nheads > 2) {
		dbt_buf_puts(&b, "cannot rebase: the chain has several heads (");
		list_heads(&b, chain, NULL);
		dbt_buf_puts(&b,
			     "): rebase moves one branch at a time: name it and its new parent, "
			     "as 'dbtool rebase REV --onto HEAD'");
		rc = fail_buf(DBT_ERROR, &b);
		goto cleanup;
	}
	if (!rev && !onto && !applied_head) {
		dbt_buf_printf(&b,
			       "cannot rebase: neither branch is applied in the database (it is at "
			       "%s, below the point where the heads part), so which one to move is "
			       "yours to say: 'dbtool rebase %s --onto %s' or 'dbtool rebase %s "
			       "--onto %s'",
			       version ? version : "base", chain->heads[1]->id, chain->heads[0]->id,
			       chain->heads[0]->id, chain->heads[1]->id);
		rc = fail_buf(DBT_ERROR, &b);
		goto cleanup;
	}
	if (!rev && !onto)
		onto = applied_head;
	if (!rev) {
		if (!(rev = other_head(chain, onto))) {
			dbt_buf_printf(&b,
				       "cannot rebase onto '%s': the chain has more than two "
				       "heads: "
				       "name the branch to move, one of ",
				       onto->id);
			list_heads(&b, chain, onto);
			rc = fail_buf(DBT_ERROR, &b);
			goto cleanup;
		}
		if ((rc = dbt_chain_branch(&br, chain, rev)) < 0)
			goto cleanup;
	}
	if (!onto && !(onto = other_head(chain, br.head))) {
		dbt_buf_printf(&b,
			       "cannot rebase '%s': the chain has more than two heads: name the "
			       "new parent with --onto, one of ",
			       rev->id);
		list_heads(&b, chain, br.head);
		rc = fail_buf(DBT_ERROR, &b);
		goto cleanup;
	}
	if (onto == br.head) {
		rc = dbt_error_set(DBT_ERROR,
				   "cannot rebase the branch of '%s' onto its own head: name "
				   "another "
				   "head with --onto",
				   br.head->id);
		goto cleanup;
	}
	if ((rc = require_unapplied(chain, &br, &db, onto)) < 0 ||
	    (rc = rewrite_parent(chain, br.bottom, onto->id)) < 0)
		goto cleanup;
	out->first = strdup(br.bottom->id);
	out->head = strdup(br.head->id);
	out->path = strdup(br.bottom->path);
	out->old_parent = br.fork ? strdup(br.fork->id) : NULL;
	out->onto = strdup(onto->id);
	out->n = br.n;
	if (!out->first || !out->head || !out->path || (br.fork && !out->old_parent) || !out->onto)
		rc = dbt_error_oom();
cleanup:
	free(version);
	free(db.history);
	return rc;
}

int dbt_rebase_run(dbt_rebase *out, dbt_conn *conn, const char *versions_dir, const char *rev,
		   const char *onto)
{
	dbt_chain chain;
	char *lock_path = NULL;
	int rc, lock_fd = -1, loaded = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = dbt_versions_lock(&lock_fd, &lock_path, versions_dir)) < 0)
		return rc;
	if ((rc = dbt_chain_load(&chain, versions_dir, DBT_CHAIN_LENIENT)) < 0)
		goto cleanup;
	loaded = 1;
	if (chain.broken && !chain.diverged) {
		rc = dbt_error_prefix(DBT_ECHAIN, "cannot rebase");
		goto cleanup;
	}
	rc = plan_and_move(out, conn, &chain, rev, onto);
cleanup:
	dbt_versions_unlock(lock_fd, lock_path);
	if (loaded)
		dbt_chain_release(&chain);
	if (rc < 0)
		dbt_rebase_release(out);
	return rc;
}

void dbt_rebase_release(dbt_rebase *r)
{
	if (!r)
		return;
	free(r->first);
	free(r->head);
	free(r->path);
	free(r->old_parent);
	free(r->onto);
	free(r->only_head);
	memset(r, 0, sizeof(*r));
}
