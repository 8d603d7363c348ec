/*
 * render_sqlite.h - what render_sqlite.c (rendering) and
 * render_sqlite_adapt.c (adapting a model) share; the entries themselves
 * are declared in dialect.h.  Internal to the library.
 */
#ifndef DBT_RENDER_SQLITE_H
#define DBT_RENDER_SQLITE_H

#include "schema.h"

/* DBT_EPARSE, at the column's place in the model: `c` generates values,
 * which SQLite does only for an INTEGER PRIMARY KEY column. */
int sqlite_autoinc_error(const dbt_table *t, const dbt_column *c);

#endif
