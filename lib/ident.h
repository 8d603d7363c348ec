/*
 * ident.h - names and quoting: the one place that decides how a name is
 * compared, when it is written bare and how an identifier or a string
 * literal is quoted, for every module that puts names into SQL or into
 * what dbtool prints.
 *
 * Nothing here allocates except through the dbt_buf it appends to, whose
 * sticky `oom` the caller checks (and dbt_ident_qualify_like).
 */
#ifndef DBT_IDENT_H
#define DBT_IDENT_H

#include "buf.h"

/*
 * A table or index of a PostgreSQL schema other than the managed one is
 * named SCHEMA, DBT_QUALIFIER, NAME in the model and in reflection (one
 * string, so that every lookup and comparison by name takes the schema
 * into account); the managed schema's names have no qualifier.  The byte
 * is a control character, which no name of the model holds (the parser
 * refuses it).  The quoting functions below write such a name as
 * "SCHEMA"."NAME", each part always quoted.
 */
#define DBT_QUALIFIER '\x1f'

/* The name without its schema: what follows DBT_QUALIFIER, or `name`. */
const char *dbt_ident_base(const char *name);

/* 1 when `name` is qualified by another schema than the managed one. */
int dbt_ident_is_qualified(const char *name);

/* Gives the malloc'd `*name`, when it is unqualified, the schema of
 * `like` when that has one (replacing `*name` by a new malloc'd string):
 * an index is its table's schema's.  0, or DBT_ERROR when out of memory
 * (`*name` unchanged).  The one function here that allocates. */
int dbt_ident_qualify_like(char **name, const char *like);

/* The length of the schema part of `name` written as SQL ("s".name,
 * s.name: before the first '.' outside double quotes), as an object of
 * another schema (a type, a domain) is named; 0 when unqualified. */
size_t dbt_ident_sql_qualifier(const char *name);

/* `c` with A-Z lowered; every other byte (UTF-8 included) as it is.
 * Inline: it is asked of every byte of every name compared or folded. */
static inline int dbt_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * Compares `a` and `b` ignoring ASCII case only, as SQLite compares
 * names: < 0, 0 or > 0 like strcmp, by the lowered bytes.
 */
int dbt_name_casecmp(const char *a, const char *b);

/*
 * 1 when `name` must be quoted to be read back as itself by the model's
 * grammar: it is not [a-z_][a-z0-9_]*, or it is a reserved word
 * (parse.h's dbt_sql_keyword), or one of SQLite's own tables
 * (dbt_ident_sqlite_internal).  A dialect with its own keyword list checks
 * the shape with dbt_ident_is_plain and its list itself.
 */
int dbt_ident_needs_quotes(const char *name);

/*
 * 1 when `name` is one of the tables SQLite makes for itself
 * (sqlite_sequence, sqlite_stat1...), which the model's parser skips in a
 * CREATE TABLE that writes it bare, as `sqlite3 .schema` does: each quoter
 * writes such a name quoted, so that a table of that name on another
 * database reads back as a table.
 */
int dbt_ident_sqlite_internal(const char *name);

/* 1 when `name` is [a-z_][a-z0-9_]* (non-empty), else 0. */
int dbt_ident_is_plain(const char *name);

/* Appends `name` in double quotes, each embedded double quote doubled;
 * a qualified name as "SCHEMA"."NAME". */
void dbt_ident_quote(dbt_buf *out, const char *name);

/* Appends `name` bare when dbt_ident_needs_quotes() says it may be, else
 * as dbt_ident_quote() does. */
void dbt_ident_put(dbt_buf *out, const char *name);

/*
 * Appends `name` as a finding or a warning names it, written as SQL would
 * need it: bare when it is a lower-case word ([a-z_][a-z0-9_$]*) that is
 * not reserved, else quoted as dbt_ident_quote() does; NULL as "?".
 */
void dbt_ident_describe(dbt_buf *out, const char *name);

/*
 * Appends `value` as a standard SQL string literal: in single quotes,
 * each embedded single quote doubled, backslashes left alone (exact with
 * PostgreSQL's standard_conforming_strings, the default, and SQLite).
 */
void dbt_literal_quote(dbt_buf *out, const char *value);

#endif
