/*
 * nameset.c - a set of names compared exactly (see nameset.h).
 */
#include "nameset.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>

size_t dbt_name_hash(const char *name)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *name; name++)
		h = (h ^ (size_t)(unsigned char)*name) * (size_t)1099511628211ULL;
	return h;
}

int dbt_nameset_has(const dbt_nameset *set, const char *name)
{
	size_t i;

	if (!set->cap)
		return 0;
	for (i = dbt_name_hash(name) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (!strcmp(set->slots[i], name))
			return 1;
	return 0;
}

/* Each name is placed without a lookup, since the set holds none twice. */
int dbt_nameset_reserve(dbt_nameset *set, size_t n)
{
	dbt_nameset grown = {NULL, set->cap ? set->cap : 64, set->n};
	size_t i, j;

	while (grown.cap < 2 * n)
		grown.cap *= 2;
	if (grown.cap == set->cap)
		return 0;
	grown.slots = calloc(grown.cap, sizeof(*grown.slots));
	if (!grown.slots)
		return dbt_error_oom();
	for (i = 0; i < set->cap; i++) {
		if (!set->slots[i])
			continue;
		for (j = dbt_name_hash(set->slots[i]) & (grown.cap - 1); grown.slots[j];
		     j = (j + 1) & (grown.cap - 1))
			;
		grown.slots[j] = set->slots[i];
	}
	free(set->slots);
	*set = grown;
	return 0;
}

int dbt_nameset_add(dbt_nameset *set, const char *name)
{
	size_t h, i;
	int rc;

	if (!name)
		return 0;
	/* One hash for the lookup and the placing. */
	h = dbt_name_hash(name);
	if (set->cap) {
		for (i = h & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
			if (!strcmp(set->slots[i], name))
				return 0;
	}
	if (2 * (set->n + 1) > set->cap && (rc = dbt_nameset_reserve(set, set->n + 1)) < 0)
		return rc;
	for (i = h & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		;
	set->slots[i] = name;
	set->n++;
	return 0;
}

void dbt_nameset_release(dbt_nameset *set)
{
	free(set->slots);
	set->slots = NULL;
	set->cap = set->n = 0;
}
