/*
 * reflect_sqlite_int.h - what the two halves of SQLite's reflection share
 * (reflect_sqlite.c reads sqlite_schema; reflect_sqlite_sql.c reads the
 * CREATE TABLE and CREATE INDEX statements SQLite keeps as written).  Not
 * installed, not part of the library's API.
 */
#ifndef DBT_REFLECT_SQLITE_INT_H
#define DBT_REFLECT_SQLITE_INT_H

#include "dialect.h"
#include "lex.h"
#include "schema.h"

#include <stddef.h>

/* `len` bytes of text at `at`; `at` NULL: none. */
struct span {
	const char *at;
	size_t len;
};

/* What a column's dbt_column does not hold of its stored SQL: spans of
 * the statement's text (or of a constant), no copy, so that parsing makes
 * no string that is freed again once the reflected column is made. */
struct tcol {
	struct span decl; /* its declared type as SQLite keeps it */
	struct span dflt; /* its default's text as SQLite keeps it */
};

/*
 * What the stored CREATE TABLE declares, kept in a table of a scratch
 * schema: column names (folded as the model folds them; SQLite compares
 * names ignoring ASCII case, so a name as SQLite keeps it finds the same
 * column) and whether they were quoted, collations, AUTOINCREMENT, and
 * constraint names, CHECKs and DEFERRABLE.  Types stay DBT_TYPE_NONE:
 * `cols` holds their text, for the reflected table.
 */
struct tdef {
	dbt_table *t;
	struct tcol *cols; /* per column read, in order */
	size_t ncols;
	int without_rowid;
	int strict;
	int pk_desc; /* a column's PRIMARY KEY DESC */
};

/* One key of a stored CREATE INDEX. */
struct ielem {
	size_t from, to; /* the column or expression, without COLLATE and ASC/DESC */
	int collate;	 /* 1 when the key names a collation */
	size_t cto;	 /* where its COLLATE clause ends; `to` without one */
	int desc;
	char *coll; /* the collation it names, folded; NULL for none */
};

struct idef {
	char *name; /* folded */
	struct ielem *elems;
	size_t nelems;
	size_t where_from, where_to;
	int has_where;
	int unique;
};

/* Starts a reader of one stored statement (`len` bytes of `text`), with
 * SQLite's [bracket] and `backtick` quotes read as quoted names. */
int rd_init(dbt_cursor *r, const char *text, size_t len);

/* Reads a name: `*folded` as the model parser folds it, `*stored` (when
 * not NULL) as SQLite keeps it; caller frees. */
int rd_name(dbt_cursor *r, char **folded, char **stored, const char *what);

/* `len` bytes of `text` with [bracket] and `backtick` quoted names
 * written in standard double quotes, in `out`; caller frees. */
int std_quotes(char **out, const char *text, size_t len);

/* Reads the stored CREATE TABLE `sql` into `d`, its table made in
 * `scratch`; an error names what it could not read.  The spans of
 * `d->cols` point into `sql`, which must outlive their use. */
int read_table_sql(struct tdef *d, dbt_schema *scratch, const char *sql);

/* Frees what read_table_sql() put in `d` but its table, which its
 * scratch schema holds; `d` is all zero after. */
void tdef_release(struct tdef *d);

/* Frees what read_index_sql() put in `d`. */
void idef_release(struct idef *d);

/* Reads the stored CREATE INDEX `sql` into `d`; idef_release() frees
 * what it holds, after a failure too. */
int read_index_sql(struct idef *d, const char *sql);

/*
 * dbt_sqlite_reflect() with the stored CREATE TABLE statements parsed on
 * two threads when there are `threads_min` tables or more (SIZE_MAX: on
 * the calling thread alone, as below dbt_sqlite_reflect's threshold), so
 * that tests can compare the two paths.
 */
int dbt_sqlite_reflect_threads(struct dbt_schema **out, dbt_conn *conn, size_t threads_min);

#endif
