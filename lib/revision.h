/*
 * revision.h - what the chain needs of lib/revision.c beyond dbtool.h:
 * parsing without the checksum, and the checksum on its own, so that a
 * chain is loaded without hashing every file and hashes a file only when
 * a command verifies or records the history.  Internal.
 */
#ifndef DBT_REVISION_H
#define DBT_REVISION_H

#include "dbtool.h"

/* As dbt_revision_parse(), but leaves `checksum` empty (""). */
int dbt_revision_parse_unsummed(dbt_revision *out, const char *path, const char *text, size_t len);

/* The checksum dbt_revision_parse() computes: the SHA-256 of `len` bytes
 * at `text`, in 64 lowercase hex digits.  Cannot fail. */
void dbt_revision_sum(char out[65], const char *text, size_t len);

/*
 * Refuses (DBT_ERROR) a `dialects` list (`n` entries, 0: none configured)
 * that is longer than DBT_DIALECT_MAX or lacks `kind`, the dialect of the
 * connected database; `because` ends the message ("add it, since ...").
 */
int dbt_dialects_require(dbt_dialect_kind kind, const dbt_dialect_kind *dialects, size_t n,
			 const char *because);

#endif
