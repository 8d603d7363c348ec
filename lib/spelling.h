/*
 * spelling.h - names that the database cannot tell apart: SQLite compares
 * the names of tables, columns, indexes, constraints, views and triggers
 * ignoring ASCII case (MariaDB its columns and indexes, and its tables
 * under lower_case_table_names), so a model that writes `users` for the
 * database's "Users" declares the same table.  Before the differ compares
 * them, the model takes the database's spelling of each such name, and
 * the differ, which matches names byte for byte, finds no change where
 * the database would find none.
 */
#ifndef DBT_SPELLING_H
#define DBT_SPELLING_H

#include "schema.h"

/* Which names match ignoring ASCII case. */
#define DBT_SPELL_TABLES 0x1  /* tables, and views and triggers */
#define DBT_SPELL_COLUMNS 0x2 /* columns */
#define DBT_SPELL_INDEXES 0x4 /* indexes and constraints */

/*
 * Gives each name of `model` that `flags` says matches ignoring ASCII
 * case, and that differs from the name of the same kind in `db` in ASCII
 * case only, the spelling (and quoting) of `db`'s, wherever `model` uses
 * it: a table's name in foreign keys, indexes, partitions, objects and
 * rename hints; a column's in keys, foreign keys and index columns.  A
 * name is left alone when `model` already uses the database's spelling
 * for another object of the kind.  Expressions are left as written.
 * `model` stays whole after a failure (DBT_ERROR, out of memory), some of
 * its names then respelt; 0 otherwise.
 */
int dbt_schema_take_spelling(dbt_schema *model, const dbt_schema *db, unsigned flags);

/*
 * dbt_schema_take_spelling() again, with the same `db` and `flags`, on a
 * `model` that took the spelling before and of which only the tables
 * marked 1 in `tables` (model->ntables bytes, by place) changed since,
 * under the same names (dbt_scratch_normalize replaces tables whole):
 * the marked tables take the spelling, then the objects and indexes, and
 * `model` is as the whole walk leaves it (spelling.c says why).
 * `*renamed` is set to 1 when a table or column took another name, which
 * may have respelled the references to it in unmarked tables too (or a
 * marked table took another name, and the whole walk was done); else 0.
 * Returns as dbt_schema_take_spelling.
 */
int dbt_schema_take_spelling_again(dbt_schema *model, const dbt_schema *db, unsigned flags,
				   const unsigned char *tables, int *renamed);

/*
 * Within the one schema `s`, as SQLite reads a model: each name of a
 * table or column in a foreign key, key, index or partition that names
 * no table or column exactly, but one ignoring ASCII case, takes that
 * one's spelling (`CREATE INDEX ix ON users (x)` on `CREATE TABLE
 * "Users" (X int)` indexes "Users" (x)).  0, or DBT_ERROR when out of
 * memory (`s` whole, some names respelt).
 */
int dbt_schema_resolve_spelling(dbt_schema *s);

/* The table of `s` named `name`, else the first whose name matches it
 * ignoring ASCII case; NULL when none. */
const dbt_table *dbt_schema_find_table_nocase(const dbt_schema *s, const char *name);

/* Likewise for the columns of `t`. */
const dbt_column *dbt_table_find_column_nocase(const dbt_table *t, const char *name);

#endif
