/*
 * runner_int.h - what the runner's files share: runner_book.c keeps
 * dbtool's own tables (where they are, the version row, the history and
 * its checks); runner.c plans and runs the steps of a run;
 * runner_exec.c runs a step's revision with its bookkeeping;
 * runner_journal.c runs a revision statement by statement where DDL
 * commits at once, and resumes one that stopped halfway; runner_script.c
 * writes offline scripts.  Not installed, not part of the library's API.
 */
#ifndef DBT_RUNNER_INT_H
#define DBT_RUNNER_INT_H

#include "batch.h"
#include "buf.h"
#include "dbtool.h"
#include "dialect.h"

#include <stddef.h>

/* What a run does: its direction, or a stamp (no SQL of the revisions). */
enum mode { MODE_UPGRADE, MODE_DOWNGRADE, MODE_STAMP };

/* Where the version and history tables are, as statements name them. */
struct book {
	const struct dbt_dialect *d;
	const char *schema; /* NULL: unqualified (SQLite) */
	char version[160];  /* "schema".dbtool_version */
	char history[160];
	char journal[160]; /* dbtool_journal, where DDL commits at once */
};

/* The journal's row, where DDL commits at once: revision `id` stopped
 * halfway in direction `up` after `n` statements; `hashes` holds the
 * first 16 hex digits of the SHA-256 of each of those statements, each
 * followed by a comma.  `missing`: the upgrade of a revision that lies
 * below the version and was never applied (upgrade --apply-missing; its
 * direction is written "missing").  `running`: the statement n + 1 had
 * started and the run stopped without seeing it fail (dbtool was killed,
 * or the connection lost), so whether it took effect is unknown; 0 when
 * it is known not to have run (see rb_journal_running_sql()).  Owns its
 * strings. */
struct journal {
	char *id; /* NULL: no row */
	char *hashes;
	size_t n;
	size_t running;
	int up;
	int missing;
	int several; /* more than one row */
};

/* The `up` of rb_journal_start() and rb_journal_row_sql() (and of the
 * runner's dbt_runner_execute()) for the upgrade of a missing revision: true, as
 * for any upgrade, and journaled as "missing". */
#define RB_UP_MISSING 2

/* The rows of the version table, as rb_version_read() hands them back. */
struct version_rows {
	dbt_buf ids; /* "a, b, ..." */
	size_t n;
};

/* One row of the history table. */
struct history_row {
	char *id;
	char *checksum;
	size_t pos; /* its chain position; 0 when no file defines it */
};

/* The history table as read, matched against the chain; owns every
 * string. */
struct history {
	struct history_row *rows;
	size_t n;
	size_t *at; /* at[pos]: 1 + the index of the row of chain
				    * position pos, 0 when it has none */
};

int rb_qualify(char *out, size_t size, const struct dbt_dialect *d, const char *schema,
	       const char *table);
int rb_book_init(struct book *b, const struct dbt_dialect *d, const char *schema);
int rb_book_of(struct book *b, dbt_conn *c);
void rb_version_ddl(dbt_buf *sql, const struct book *b);
void rb_history_ddl(dbt_buf *sql, const struct book *b);
int rb_create_tables(dbt_conn *c, const struct book *b, int version);
double rb_now_ms(void);
int rb_version_elsewhere(dbt_conn *c, const struct book *b);
int rb_version_row(void *arg, size_t ncolumns, const char *const *values);
int rb_version_read(dbt_conn *c, char **out);
int rb_version_read_any(dbt_conn *c, char **out, int journal);
int rb_journaled(const dbt_conn *c);
int rb_journal_check(dbt_conn *c, const struct book *b);
void rb_journal_clear_sql(dbt_buf *sql, const struct book *b);
int rb_journal_table(dbt_conn *c, const struct book *b);
int rb_journal_start(dbt_conn *c, const struct book *b, const dbt_revision *rev, int up,
		     const char *version_before);
void rb_journal_row_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev, int up,
			const char *version_before, size_t n, const char *hashes);
int rb_journal_read(struct journal *out, dbt_conn *c, const struct book *b);
void rb_journal_release(struct journal *j);
int rb_journal_done(dbt_conn *c, const struct book *b, size_t n, const char *hashes);
int rb_journal_running(dbt_conn *c, const struct book *b, size_t n);
int rb_journal_failed(dbt_conn *c, const struct book *b, size_t n, size_t running,
		      const char *message);
int rb_several_rows(const char *ids);
int rb_version_get(dbt_conn *c, char **out);
void rb_version_set_sql(dbt_buf *sql, const struct book *b, const char *id);
void rb_history_rows_sql(dbt_buf *sql, const struct book *b);
int rb_history_id_line(void *arg, size_t ncolumns, const char *const *values);
void rb_history_delete_sql(dbt_buf *sql, const struct book *b, const char *id);
void rb_history_insert_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev);
void rb_history_update_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev);
void rb_record_sql(dbt_buf *sql, const struct book *b, const dbt_revision *rev, int up);
void rb_record_plan_sql(dbt_buf *sql, const struct book *b, const dbt_chain *chain, size_t from,
			size_t goal);
void rb_history_release(struct history *h);
int rb_history_row(void *arg, size_t ncolumns, const char *const *values);
int rb_history_read(struct history *h, dbt_conn *c, const dbt_chain *chain);
size_t rb_first_recorded(const struct history *h, size_t cur);
int rb_find_problems(dbt_findings *out, size_t *unverified, const struct history *h,
		     const dbt_chain *chain, size_t cur, int skip_unapplied);
int rb_verify_applied(dbt_conn *c, const dbt_chain *chain, size_t cur, int skip_unapplied);
int rb_verify_unapplied(dbt_conn *c, const dbt_chain *chain, size_t cur);

/*
 * What one step of a run hands the next.  The run reads the version once,
 * under the lock, and each step moves it by one in its own transaction,
 * so the position is carried instead of read again; and the bookkeeping
 * tables, once made, stay.  Where the lock does not span the run (SQLite
 * takes its write lock per transaction), a step whose transaction may
 * follow another connection's commit reads both again (see the dialect's
 * written_by_others).
 */
struct carry {
	int verified; /* the history was verified, in the run's first step */
	int tables;   /* the version and history tables exist */
	int known;    /* `cur` is the database's position */
	int began;    /* a step ran: in one transaction (--single-transaction),
		       * only the first step can follow another's commit */
	size_t cur;
	/* The position the run's first step found, where a run in one
	 * transaction writes its bookkeeping from. */
	size_t from;
	/* chain->revs[checked_lo .. checked_hi - 1] passed
	 * check_tx_control() in the run's direction before it began. */
	size_t checked_lo, checked_hi;
	/* The next step resumes a revision that stopped after this many
	 * statements (see dbt_runner_resume()), `unsure` when it stopped
	 * while its next statement ran: its effect is unknown. */
	size_t skip;
	int unsure;
	/* In one transaction, where the dialect sends revisions several at
	 * a time (exec_batch): the revisions queued and not sent yet
	 * (runner_exec.c); NULL otherwise. */
	struct run_queue *queue;
};

/*
 * --single-transaction where the dialect sends revisions several at a time
 * (exec_batch): the revisions the run has queued and not sent yet.  They
 * go when QUEUE_REVISIONS of them or QUEUE_BYTES of their SQL wait, before
 * the run reads anything, and before its COMMIT; a failure names the
 * revision whose statement failed, as exec_script() would.  Each
 * revision's time is its share of the round trip that carried it: the
 * server answers a query string's statements together.
 */
#define QUEUE_REVISIONS 64
#define QUEUE_BYTES (64 * 1024)

struct run_queue {
	struct dbt_batch_item items[QUEUE_REVISIONS];
	const dbt_revision *revs[QUEUE_REVISIONS];
	size_t n, bytes;
	int up;
	double *ms;	  /* the time of each revision sent, in run order */
	size_t sent, cap; /* revisions sent so far; room in `ms` */
};

/* runner.c: the id of chain position `pos`, NULL for 0 (base). */
const char *dbt_runner_id_or_null(const dbt_chain *chain, size_t pos);
/* runner.c: the chain position `target` means from position `cur` in
 * `mode`, into `*out`. */
int dbt_runner_resolve_target(size_t *out, const dbt_chain *chain, const char *target, size_t cur,
			      enum mode mode);
/* runner.c: reads the version inside the open transaction and turns it
 * into a chain position, failing (DBT_ENOTFOUND) when no file of the
 * chain defines it. */
int dbt_runner_current_position(size_t *out, dbt_conn *c, const dbt_chain *chain);
/* runner.c: refuses (DBT_EPARSE, naming the file and line) the first
 * revision of a run from position `from` to `goal` whose SQL would end or
 * split its transaction (check_tx_control), or that has no section for
 * the dialect `d`, before the run applies anything. */
int dbt_runner_check_plan(const dbt_chain *chain, size_t from, size_t goal,
			  const struct dbt_dialect *d);

/* runner_exec.c: runs the bookkeeping statements built in `sql`. */
int dbt_runner_exec_bookkeeping(dbt_conn *c, dbt_buf *sql);
/* runner_exec.c: runs the bookkeeping in `sql` and commits: in one round
 * trip where the dialect can (commit_with). */
int dbt_runner_commit_bookkeeping(dbt_conn *c, dbt_buf *sql);
/*
 * runner_exec.c: runs `rev` in the transaction open on `c`, in direction
 * `up` (RB_UP_MISSING for a missing one), then the bookkeeping in `book`,
 * and commits; rolls back on failure, with a message that names the
 * revision.  `single`: in the run's one transaction, which the caller
 * commits or rolls back, and with `defer` the caller writes the
 * bookkeeping.  `skip` and `unsure` resume a journaled revision (see
 * dbt_runner_execute_journaled()).
 */
int dbt_runner_execute(dbt_conn *c, const dbt_revision *rev, int up, dbt_buf *book,
		       const char *version_before, int single, const dbt_run_opts *opts,
		       size_t skip, int unsure, int defer);
/* runner_exec.c: sends the revisions queued in `q`; on failure the
 * message names the revision whose statement failed, and the queue is
 * empty. */
int dbt_runner_queue_flush(dbt_conn *c, struct run_queue *q);
/* runner_exec.c: queues `rev` in direction `up`, after a session reset
 * when `reset` is set; sends the queue when it is full. */
int dbt_runner_queue_add(dbt_conn *c, struct run_queue *q, const dbt_revision *rev, int up,
			 int reset);

/* runner_journal.c: runs revision `rev` where DDL commits at once, then
 * the bookkeeping in `book` (the dbt_runner_execute() of such a database). */
int dbt_runner_execute_journaled(dbt_conn *c, const dbt_revision *rev, int up, dbt_buf *book,
				 const char *version_before, const dbt_run_opts *opts, size_t skip,
				 int unsure);
/* runner_journal.c: prepares a run in `mode` to resume, or undo, the
 * revision the journal's row `jr` says stopped halfway. */
int dbt_runner_resume(size_t *goal, dbt_conn *c, const dbt_chain *chain, const struct journal *jr,
		      size_t cur, const char *target, enum mode mode, const dbt_run_opts *opts,
		      struct carry *k);
/* runner_journal.c: the same for the upgrade of a revision missing below
 * the version (upgrade --apply-missing). */
int dbt_runner_resume_missing(const dbt_revision **out, dbt_conn *c, const dbt_chain *chain,
			      const struct journal *jr, size_t cur, enum mode mode,
			      const dbt_run_opts *opts, struct carry *k);

#endif
