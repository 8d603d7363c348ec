/*
 * expr.h - canonical SQL expressions: the one text in which a default, a
 * CHECK, an index key, an index's WHERE and a partition clause read alike
 * whether a model or a database's catalog spelled them, and what
 * PostgreSQL names after an expression when it chooses a constraint's or
 * an index's name.
 *
 * Conventions: functions that return int return 0, or DBT_EPARSE or
 * DBT_ERROR with a message in the error module (error.h); the strings they
 * give in `out` are malloc'd and the caller frees them; after a failure
 * `out` is NULL.  Expressions are read with the tokenizer of parse.h.
 */
#ifndef DBT_EXPR_H
#define DBT_EXPR_H

#include "buf.h"

#include <stddef.h>

struct dbt_table;

/*
 * Canonical text of a SQL expression (`len` bytes), in `out`, caller
 * frees: comments dropped; tokens separated by exactly one space except
 * around ( ) [ ] . :: and after a unary sign, and none before a comma;
 * keywords (dbt_sql_keyword) upper-case and other unquoted words lower-case;
 * a quoted identifier that needs no quotes unquoted; a type after :: or
 * CAST's AS spelled canonically; redundant outer parentheses removed.
 * So "( lower( Email ) )" becomes "lower(email)" and
 * "price>=0 and X is not null" becomes "price >= 0 AND x IS NOT NULL";
 * SQLite's [Name] and `Name` are "Name" (dbt_expr_std_quotes).
 * DBT_EPARSE (naming the expression) when the text does not tokenize,
 * holds no token, a [Name] or `Name` of bytes that are no UTF-8 or a
 * [Name] with an unpaired backtick (which the model's parser reads as
 * opening a `Name`).
 */
int dbt_schema_normalize_expr(char **out, const char *expr, size_t len);

/*
 * `len` bytes of SQL with SQLite's [name] and `name` quotes rewritten as
 * "name" where they quote a name: where an operand or a name begins,
 * after '(', ',', an operator or a keyword such as AND, FROM or ON (not
 * after a name, a ')' or a type, where '[' is PostgreSQL's subscript, nor
 * in an array's brackets).  The result in `*out` (caller frees), NULL
 * when there is nothing to rewrite; text that does not tokenize is left
 * as it is (NULL).  dbt_schema_normalize_expr() does this first.
 */
int dbt_expr_std_quotes(char **out, const char *text, size_t len);

/* Appends to `out` the [name] or `name` token of `len` bytes at `tok`
 * (its quotes included; `quote` is '[' or '`', and `` in a `name`
 * stands for one backtick) as the "name" it stands for. */
void dbt_expr_put_std_name(dbt_buf *out, const char *tok, size_t len, char quote);

/*
 * The canonical text of a partition key ("range ( LogDate )" gives
 * "RANGE (logdate)") and of a partition bound ("for values in ('a','b')"
 * gives "FOR VALUES IN ('a', 'b')", "default" gives "DEFAULT"), as both
 * the model and pg_get_partkeydef/pg_get_expr spell them; caller frees.
 * The lists in parentheses are canonical expressions.  DBT_EPARSE when
 * the text is not of that form (the message names no place), DBT_ERROR
 * when out of memory.
 */
int dbt_partition_key_canon(char **out, const char *text, size_t len);
int dbt_partition_bound_canon(char **out, const char *text, size_t len);

/*
 * What PostgreSQL's index and constraint names take from an expression
 * (see dbt_schema_name_auto):
 * - dbt_expr_colname: the name of an expression index key, the function's
 *   name in lower case when the expression is one call ("lower(email)"
 *   gives "lower"), else "expr" (also for text that does not tokenize);
 *   malloc'd, NULL when out of memory;
 * - dbt_expr_check_column: the one column of `table` that the CHECK
 *   expression `expr` uses, if exactly one (the column's own name, owned
 *   by the table), else NULL; NULL too for text that does not tokenize,
 *   and out of memory it answers from the names it read until then;
 * - dbt_expr_exclude_columns: the columns of an exclusion constraint's
 *   elements "column WITH operator" in its definition `def`, joined with
 *   '_' in order (an expression element adds none), in `out`; `out` is
 *   NULL when there is none or when `def` does not tokenize.  DBT_ERROR
 *   when out of memory.
 */
char *dbt_expr_colname(const char *expr);
const char *dbt_expr_check_column(const struct dbt_table *table, const char *expr);
int dbt_expr_exclude_columns(char **out, const char *def);

#endif
