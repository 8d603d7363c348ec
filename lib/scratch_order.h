/*
 * scratch_order.h - the order in which the scratch database builds the
 * model's objects (scratch.h): by what each one names, not by where the
 * model declares it.  A view declared before the table it reads must be
 * made after that table, or, on PostgreSQL, it resolves the name to the
 * live table (the scratch schema's search path ends in the managed one)
 * and reads the database's old shape of it.
 *
 * Pure: text in, an order out; nothing here touches a database.
 */
#ifndef DBT_SCRATCH_ORDER_H
#define DBT_SCRATCH_ORDER_H

#include <stddef.h>

/*
 * One object to build: `sql`, the statement that makes it, and `name`,
 * what the other statements call it (a table's, an index's, a view's or
 * a type's name; NULL for a statement that makes nothing others name,
 * as COMMENT ON or GRANT).  Both belong to the caller.
 */
typedef struct dbt_build_item {
	const char *name;
	const char *sql;
} dbt_build_item;

/*
 * Fills `out` (n slots) with the numbers of `items`, given in declaration
 * order, in the order to build them: each after the items whose name is
 * a word or quoted identifier of its text (a string, such as a function
 * body in dollar quotes, names nothing), otherwise in declaration order.
 * A name that several items have is the first one's.  `nocase` compares
 * names as SQLite does (any ASCII case); otherwise exactly, as PostgreSQL
 * folds them.  Items that name each other in a cycle keep declaration
 * order among them.
 *
 * Returns 0, or DBT_ERROR when out of memory (message set; `out` then
 * holds nothing of use).
 */
int dbt_build_order(size_t *out, const dbt_build_item *items, size_t n, int nocase);

#endif
