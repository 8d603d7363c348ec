/*
 * project.h - the migrations template compiled into the library.
 *
 * tools/embed.c turns the files of migrations-template/ into a generated
 * C file that defines these two symbols at build time, so that
 * `dbtool init` works the same from the build tree and once installed.
 */
#ifndef DBT_PROJECT_H
#define DBT_PROJECT_H

#include <stddef.h>

#include "dbtool.h"

struct dbt_template_file {
	const char *name; /* the file's base name, e.g. "script.sql.tmpl" */
	const char *data; /* its bytes, followed by a NUL */
	size_t size;	  /* the number of bytes, without that NUL */
};

extern const struct dbt_template_file dbt_template_files[];
extern const size_t dbt_template_nfiles;

/*
 * dbt_project_new_revision for a revision made against the database at
 * `head` (NULL: base): refuses (DBT_ECHAIN, nothing written) when the
 * chain's head, read under the versions folder's lock, is another one.
 */
int dbt_project_new_revision_at(char **out, const char *script_location, const char *message,
				const char *rev_id, const char *upgrade, const char *downgrade,
				const char *head);

/* One dialect's sections of a new revision. */
struct dbt_dialect_sql {
	dbt_dialect_kind kind;
	const char *upgrade;
	const char *downgrade;
};

/*
 * dbt_project_new_revision_at with a section per dialect: the template's
 * "-- migrate:upgrade" and "-- migrate:downgrade" markers get the label of
 * `secs[0]` and hold its SQL; each further dialect's labelled sections
 * follow at the end of the file, in the order given (`nsecs` >= 1).
 */
int dbt_project_new_revision_dialects(char **out, const char *script_location, const char *message,
				      const char *rev_id, const struct dbt_dialect_sql *secs,
				      size_t nsecs, const char *head);

/*
 * Takes the exclusive lock that every writer of revision files takes on
 * the versions folder `versions` (its file .dbtool.lock, waiting up to a
 * minute), and removes the temporary files a killed writer left there.
 * Sets *fd and *lock_path (malloc'ed) for dbt_versions_unlock().  Refuses
 * (DBT_ENOTFOUND) a folder that does not exist.  Returns 0 or a negative
 * DBT_E* code; on failure nothing is held and *lock_path is NULL.
 */
int dbt_versions_lock(int *fd, char **lock_path, const char *versions);

/* Releases what dbt_versions_lock() took (fd -1: nothing) and frees the path. */
void dbt_versions_unlock(int fd, char *lock_path);

/*
 * dbt_project_new_revision_at (`nsecs` 0: `upgrade` and `downgrade`
 * unlabelled) or dbt_project_new_revision_dialects (`nsecs` >= 1), with
 * "-- transaction: false" as the last header line when `transactional`
 * is 0.  A template whose header that line cannot end is DBT_EPARSE.
 */
int dbt_project_new_revision_tx(char **out, const char *script_location, const char *message,
				const char *rev_id, const char *upgrade, const char *downgrade,
				const struct dbt_dialect_sql *secs, size_t nsecs, const char *head,
				int transactional);

/*
 * dbt_project_new_revision_tx, with "-- journal: inverse" as the last
 * header line when `inverse` is 1 (the downgrade undoes the upgrade
 * statement by statement, in reverse order).
 */
int dbt_project_new_revision_hdr(char **out, const char *script_location, const char *message,
				 const char *rev_id, const char *upgrade, const char *downgrade,
				 const struct dbt_dialect_sql *secs, size_t nsecs, const char *head,
				 int transactional, int inverse);

#endif
