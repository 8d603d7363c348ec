/*
 * table_map.h - a schema's tables by name: an open-addressing hash of
 * their positions in `schema->tables`, so that looking a table up by name
 * costs the same whatever the number of tables (a model of thousands of
 * tables looks one up for every foreign key).
 *
 * schema.c keeps it in step when it adds, removes or renames a table
 * (adding a table fails when the map cannot grow); dbt_schema_find_table
 * walks the tables as before when the map is out of step (tables added or
 * removed other than by schema.c's functions).  Code that changes a
 * table's name must call dbt_schema_tables_changed().
 */
#ifndef DBT_TABLE_MAP_H
#define DBT_TABLE_MAP_H

#include <stddef.h>

typedef struct dbt_table dbt_table;

typedef struct dbt_table_map {
	size_t *slots; /* position + 1 in the table array; 0 is empty */
	size_t cap;    /* a power of two, at least twice `n` */
	size_t n;      /* positions 0 .. n - 1 are in the map */
} dbt_table_map;

/* Makes room for positions 0 .. n - 1 (of `tables`, whose first m->n are
 * in the map); 0, or -1 when out of memory, the map then as it was. */
int dbt_table_map_reserve(dbt_table_map *m, dbt_table *const *tables, size_t n);

/* Adds position m->n of `tables`, for which dbt_table_map_reserve made
 * room, unless an earlier table has the same name (a lookup finds the
 * first). */
void dbt_table_map_add(dbt_table_map *m, dbt_table *const *tables);

/* Maps `tables[0 .. n - 1]` afresh, in the room the map has, after tables
 * were removed or renamed; allocates nothing.  A map without room for
 * them (never the case when the map was in step) is released instead. */
void dbt_table_map_rebuild(dbt_table_map *m, dbt_table *const *tables, size_t n);

/* The position of the first table named `name` (exact), or -1. */
long dbt_table_map_find(const dbt_table_map *m, dbt_table *const *tables, const char *name);

/* Releases the slots; the map is then empty. */
void dbt_table_map_release(dbt_table_map *m);

#endif
