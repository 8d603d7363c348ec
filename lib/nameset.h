/*
 * nameset.h - a set of names, compared exactly (as PostgreSQL compares
 * them: "Users_pkey" is not users_pkey), as an open-addressing hash of
 * pointers to names the caller owns and keeps alive while the set is
 * used, so that looking each of a large schema's names up stays linear.
 */
#ifndef DBT_NAMESET_H
#define DBT_NAMESET_H

#include <stddef.h>

/* FNV-1a of the name's bytes. */
size_t dbt_name_hash(const char *name);

/* Zeroed is empty; dbt_nameset_release() frees it. */
typedef struct dbt_nameset {
	const char **slots;
	size_t cap; /* a power of two, at least twice the count; 0: none yet */
	size_t n;
} dbt_nameset;

/* Room for `n` names, those in the set kept: 0, or DBT_ERROR (out of memory, set). */
int dbt_nameset_reserve(dbt_nameset *set, size_t n);

/* Adds `name` (NULL and a name already there are left out): 0, or
 * DBT_ERROR (out of memory, set), the set then as it was. */
int dbt_nameset_add(dbt_nameset *set, const char *name);

/* Whether `name` is in the set. */
int dbt_nameset_has(const dbt_nameset *set, const char *name);

void dbt_nameset_release(dbt_nameset *set);

#endif
