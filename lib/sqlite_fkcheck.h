/*
 * sqlite_fkcheck.h - the foreign-key check of the SQLite dialect's
 * transactions (dialect_sqlite.c): foreign keys are off inside them, and
 * before COMMIT the rows a transaction left without their parent are
 * counted, on the tables it touched and those whose foreign keys name
 * them, against the counts it began with.  Not installed, not part of
 * the library's API.
 *
 * The state lives in the connection (struct sqlite_fk), which owns every
 * list in it; dbt_sqlite_fk_release() frees them.  A connection serves
 * one thread at a time, and so does its state.
 */
#ifndef DBT_SQLITE_FKCHECK_H
#define DBT_SQLITE_FKCHECK_H

#include <sqlite3.h>
#include <stddef.h>

struct fk_count;
struct fk_ref;

struct sqlite_fk {
	sqlite3 *db;
	unsigned long *nqueries;    /* the connection's count of statements */
	struct fk_count *fk_before; /* the orphan rows when the transaction began */
	size_t n_fk_before;
	int fk_known;		   /* fk_before still holds at the next begin(),
				     * unless another connection wrote */
	struct fk_count *fk_after; /* the counts checked before COMMIT */
	size_t n_fk_after;
	char **touched;		    /* the tables written, dropped or altered since
				     * the last begin() (see note_write) */
	unsigned char *touched_how; /* for each, TOUCH_ bits: its definition */
	size_t ntouched, cap_touched;
	int touched_oom;     /* a name could not be kept: commit fails */
	int schema_edited;   /* PRAGMA writable_schema was prepared */
	struct fk_ref *refs; /* the foreign keys of main's tables */
	size_t nrefs, cap_refs;
	int refs_known; /* refs holds for the schema as it was at the last
			 * COMMIT (see refs_update) */
};

/* An empty state for the connection `db`, whose statements it counts in
 * `*nqueries`. */
void dbt_sqlite_fk_init(struct sqlite_fk *f, sqlite3 *db, unsigned long *nqueries);
/* Frees every list of `f`. */
void dbt_sqlite_fk_release(struct sqlite_fk *f);
/* The authorizer to install on the connection with `f` as its argument:
 * notes what each statement writes; refuses nothing. */
int dbt_sqlite_fk_note(void *f, int action, const char *a1, const char *a2, const char *db,
		       const char *trigger);
/* Right after BEGIN: the counts the transaction starts from, those the
 * last COMMIT left unless `others_wrote` (another connection may have
 * committed since) or this connection wrote outside a transaction. */
void dbt_sqlite_fk_begun(struct sqlite_fk *f, int others_wrote);
/* Before COMMIT: fails, with the error set, when the transaction left
 * more rows without their parent, for some table and parent table, than
 * there were when it began.  Then, dbt_sqlite_fk_committed() once the
 * COMMIT succeeded, dbt_sqlite_fk_failed() when it did not or when this
 * failed. */
int dbt_sqlite_fk_check(struct sqlite_fk *f);
void dbt_sqlite_fk_committed(struct sqlite_fk *f);
void dbt_sqlite_fk_failed(struct sqlite_fk *f);
/* After ROLLBACK: the rows are as they were at begin(), and so are their
 * counts. */
void dbt_sqlite_fk_rolled_back(struct sqlite_fk *f);

#endif
