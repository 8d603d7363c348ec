/*
 * table_map.c - a schema's tables by name (see table_map.h).
 */
#include "table_map.h"

#include "nameset.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

/* The slot that holds `name`, or the empty slot where it would go. */
static size_t *slot_of(const dbt_table_map *m, dbt_table *const *tables, const char *name)
{
	size_t mask = m->cap - 1, i = dbt_name_hash(name) & mask;

	while (m->slots[i] && strcmp(tables[m->slots[i] - 1]->name, name))
		i = (i + 1) & mask;
	return &m->slots[i];
}

void dbt_table_map_release(dbt_table_map *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}

static void put(dbt_table_map *m, dbt_table *const *tables, size_t pos)
{
	size_t *slot = slot_of(m, tables, tables[pos]->name);

	if (!*slot)
		*slot = pos + 1;
}

int dbt_table_map_reserve(dbt_table_map *m, dbt_table *const *tables, size_t n)
{
	dbt_table_map g = {NULL, 16, 0};
	size_t i;

	while (g.cap < 2 * n)
		g.cap *= 2;
	if (g.cap <= m->cap)
		return 0;
	if (!(g.slots = calloc(g.cap, sizeof(*g.slots))))
		return -1;
	for (i = 0; i < m->n; i++)
		put(&g, tables, i);
	g.n = m->n;
	free(m->slots);
	*m = g;
	return 0;
}

void dbt_table_map_add(dbt_table_map *m, dbt_table *const *tables)
{
	put(m, tables, m->n);
	m->n++;
}

void dbt_table_map_rebuild(dbt_table_map *m, dbt_table *const *tables, size_t n)
{
	if (!m->slots)
		return;
	if (m->cap < 2 * n) {
		/* Not a map of these tables: lookups walk them instead. */
		dbt_table_map_release(m);
		return;
	}
	memset(m->slots, 0, m->cap * sizeof(*m->slots));
	for (m->n = 0; m->n < n; m->n++)
		put(m, tables, m->n);
}

long dbt_table_map_find(const dbt_table_map *m, dbt_table *const *tables, const char *name)
{
	size_t *slot;

	if (!m->slots)
		return -1;
	slot = slot_of(m, tables, name);
	return *slot ? (long)(*slot - 1) : -1;
}
