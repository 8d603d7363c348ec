/*
 * type.h - column types: the portable kinds that one model spells alike
 * for every database, the parser of their names, and each database's
 * normal form of a type, so that a type a model declares and the same
 * type reflected from a database compare equal field by field.
 *
 * The words of SQL's type syntax live in one table in type.c: the portable
 * type names and their aliases, PostgreSQL's names for its aliases, the
 * words that continue a type's name after its first word, the type names
 * that PostgreSQL quotes when they name a type of their own, and the
 * names that may start a typed literal.  Code elsewhere that needs to know
 * a type word asks dbt_type_name_is_portable, dbt_type_word_continues or
 * dbt_type_word_starts_literal rather than keeping a list of its own.
 *
 * Conventions: functions that return int return 0, or DBT_EPARSE or
 * DBT_ERROR with a message in the error module (error.h).  A dbt_type's
 * strings are malloc'd and owned by whatever holds the type (see below);
 * after a failure `out` holds no strings.
 */
#ifndef DBT_TYPE_H
#define DBT_TYPE_H

#include <stddef.h>

#include "buf.h"

typedef enum dbt_type_kind {
	DBT_TYPE_NONE = 0,
	DBT_TYPE_SMALLINT,
	DBT_TYPE_INTEGER,
	DBT_TYPE_BIGINT,
	DBT_TYPE_BOOLEAN,
	DBT_TYPE_REAL,
	DBT_TYPE_DOUBLE, /* DOUBLE PRECISION */
	DBT_TYPE_NUMERIC,
	DBT_TYPE_VARCHAR,
	DBT_TYPE_CHAR,
	DBT_TYPE_TEXT,
	DBT_TYPE_DATE,
	DBT_TYPE_TIME,
	DBT_TYPE_TIMETZ, /* TIME WITH TIME ZONE */
	DBT_TYPE_TIMESTAMP,
	DBT_TYPE_TIMESTAMPTZ, /* TIMESTAMP WITH TIME ZONE */
	DBT_TYPE_BLOB,
	DBT_TYPE_JSON,
	DBT_TYPE_UUID,
	DBT_TYPE_OTHER, /* any other type: `text` says which */
} dbt_type_kind;

/*
 * A column type.  The kinds up to UUID are the portable types, which one
 * model spells alike for every database; -1 means "not given" in each
 * number:
 * - length: VARCHAR(n) and CHAR(n) (CHAR alone is CHAR(1));
 * - precision, scale: NUMERIC(p,s) (NUMERIC(p) is NUMERIC(p,0));
 * - precision: fractional digits of TIME(p) and TIMESTAMP(p).
 *
 * `text` is the type as the database stores it, where the kind and its
 * numbers do not say it: NULL when the type is exactly the kind's
 * canonical spelling on its database (dbt_type_format's, or on
 * PostgreSQL what format_type() prints for it); otherwise, on SQLite, the
 * declared type ("INT", "DATETIME", "DECIMAL(12)", "" for none: the kind
 * is then the one dbt_type_parse gives, or OTHER) and on PostgreSQL
 * format_type()'s text ("jsonb", "text[]", "bit varying(5)", "inet",
 * "interval year to month", a user-defined type's name; kind OTHER).
 * Types compare equal when kind, numbers and text are equal (see
 * dbt_type_equal).
 *
 * `decl` is the spelling a model declared, kept only by the model parser
 * (NULL elsewhere) so that dbt_schema_adapt can give each database its
 * form; it takes no part in comparisons.
 *
 * Both strings are malloc'd and owned by whatever holds the type: a
 * column frees its own; a dbt_type filled by a function below is released
 * with dbt_type_release().
 */
typedef struct dbt_type {
	dbt_type_kind kind;
	int length;
	int precision;
	int scale;
	char *text;
	char *decl;
} dbt_type;

/* A type of kind `kind` without numbers or text. */
#define DBT_TYPE_INIT(kind)                    \
	{                                      \
		(kind), -1, -1, -1, NULL, NULL \
	}

/*
 * Parses a portable type name such as "int4", "CHARACTER VARYING(20)",
 * "numeric(10, 2)" or "timestamp(3) with time zone" (`len` bytes, any case,
 * comments allowed) into its canonical type, whose strings stay NULL.
 * `serial`, when not NULL, is set to 1 for SERIAL, BIGSERIAL and
 * SMALLSERIAL (whose kind is INTEGER, BIGINT and SMALLINT) and to 0
 * otherwise.
 *
 * DBT_EPARSE for an unknown type, a malformed or out-of-range parameter or
 * trailing text, with a message that carries no position (such as
 * "expected a type, found 'strnig'" or "VARCHAR length 0 must be between 1
 * and 10485760"); `errpos`, when not NULL, then receives the byte offset
 * in `text` of the fault.
 */
int dbt_type_parse(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos);

/* 1 when the word `word` (`len` bytes, any case) starts a portable
 * type's name: "int", "varchar", "timestamp", ... */
int dbt_type_name_is_portable(const char *word, size_t len);

/* 1 when the word `word` (`len` bytes, any case), after a type name's
 * first word, still belongs to the name: PRECISION, VARYING, WITH,
 * WITHOUT, TIME, ZONE ("double precision", "time with time zone"). */
int dbt_type_word_continues(const char *word, size_t len);

/* 1 when the word `word` (`len` bytes, any case) names a type that may
 * start a typed literal such as DATE '2020-01-01' or INTERVAL '1 day':
 * the portable types' names that PostgreSQL knows and its own built-in
 * types ("inet", "jsonb", "interval", "bit", ...). */
int dbt_type_word_starts_literal(const char *word, size_t len);

/*
 * A model's declared type, whatever it names (`len` bytes; empty for a
 * column declared without a type): the kind and numbers of
 * dbt_type_parse when it knows the type, else OTHER; `decl` holds the
 * declared text with blanks normalised (words one space apart, none
 * around parentheses, brackets, commas and dots, comments dropped), and
 * `text` that same text when the kind is OTHER.  Caller releases `out`.
 *
 * A type whose first word names a portable type is that type, spelled as
 * dbt_type_parse reads it, optionally followed by array brackets (then it
 * is OTHER): "INT(11)", "TIMESTAMP WITH ZONE" and VARCHAR(0) are
 * DBT_EPARSE with dbt_type_parse's message and `errpos`; so is text that
 * does not tokenize.  After public. or pg_catalog., which PostgreSQL's
 * form drops, a portable type's name must be well formed too
 * ("public.integer x" is DBT_EPARSE), though the type stays OTHER, as
 * declared.  DBT_ERROR when out of memory.
 */
int dbt_type_declare(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos);

/*
 * The type that SQLite stores for the declared type `decl` (as
 * PRAGMA table_info gives it, or as a model declares it): `text` is the
 * declared text with blanks normalised, NULL when it is the canonical
 * spelling of its kind ignoring case.  Caller releases `out`; DBT_ERROR
 * when out of memory.
 */
int dbt_type_from_sqlite(dbt_type *out, const char *decl);

/*
 * The results of dbt_type_from_sqlite, dbt_type_from_postgres or
 * dbt_type_declare for the last few distinct declarations, for a schema
 * whose thousands of columns repeat a few declared types ("INTEGER",
 * "VARCHAR(40)", ...).  Zero it to start (DBT_TYPE_MEMO_INIT);
 * dbt_type_memo_release frees what it keeps.  One memo serves one of the
 * three functions.
 */
#define DBT_TYPE_MEMO_SIZE 16
typedef struct dbt_type_memo {
	struct {
		char *decl; /* the declaration, NUL-terminated */
		size_t len; /* its length (dbt_type_declare_memo) */
		int serial; /* dbt_type_declare's `*serial` */
		dbt_type type;
	} e[DBT_TYPE_MEMO_SIZE];
	size_t n;    /* entries in use */
	size_t next; /* the entry to replace once all are */
} dbt_type_memo;

#define DBT_TYPE_MEMO_INIT \
	{                  \
		0          \
	}

/* dbt_type_from_sqlite(out, decl), remembered in `memo`: the same result,
 * which the caller owns and releases as before. */
int dbt_type_from_sqlite_memo(dbt_type *out, const char *decl, dbt_type_memo *memo);
void dbt_type_memo_release(dbt_type_memo *memo);

/* dbt_type_declare(out, serial, text, len, errpos), remembered in `memo`
 * when it succeeds: the same result and `*serial`, which the caller owns
 * and releases as before.  A failure is not remembered. */
int dbt_type_declare_memo(dbt_type *out, int *serial, const char *text, size_t len, size_t *errpos,
			  dbt_type_memo *memo);

/*
 * The type that PostgreSQL stores for `text`, either format_type()'s
 * output or a type as a model declares it ("int4", "varchar(20)[]",
 * "JSONB", "bit varying(5)", "Interval Day To Second(3)", "public.mood"):
 * a portable kind with NULL text when PostgreSQL's own normal form of it
 * is the kind's (its aliases are one type: int4 is integer, timestamptz
 * is timestamp with time zone); otherwise kind OTHER and `text` in
 * format_type()'s form: unquoted words in lower case, PostgreSQL's names
 * for its built-in aliases, an array as "<element>[]".  Caller releases
 * `out`; DBT_EPARSE when `text` does not tokenize, DBT_ERROR when out of
 * memory.
 */
int dbt_type_from_postgres(dbt_type *out, const char *text);

/* dbt_type_from_postgres(out, text), remembered in `memo` (see
 * dbt_type_from_sqlite_memo): the same result, which the caller owns and
 * releases as before.  A failure is not remembered. */
int dbt_type_from_postgres_memo(dbt_type *out, const char *text, dbt_type_memo *memo);

/* Deep copy; DBT_ERROR when out of memory (`out` then holds no strings). */
int dbt_type_copy(dbt_type *out, const dbt_type *type);

/* Frees the strings of `type` and sets them to NULL. */
void dbt_type_release(dbt_type *type);

/*
 * 1 when `a` and `b` are one type: kind and numbers equal, and either
 * both texts NULL or the texts equal ignoring ASCII case outside double
 * quotes and ignoring a schema qualifier ("public.mood" is "mood").
 */
int dbt_type_equal(const dbt_type *a, const dbt_type *b);

/* Appends how the type reads: `text` when it has one, else the canonical
 * spelling: "INTEGER", "VARCHAR(50)", "NUMERIC(10,2)",
 * "TIMESTAMP(3) WITH TIME ZONE", "DOUBLE PRECISION". */
void dbt_type_format(dbt_buf *out, const dbt_type *type);

/* 1 for VARCHAR, CHAR and TEXT, the types a collation applies to. */
int dbt_type_is_text(dbt_type_kind kind);

/* 1 for SMALLINT, INTEGER and BIGINT. */
int dbt_type_is_integer(dbt_type_kind kind);

/* 1 for the portable kinds (neither NONE nor OTHER). */
int dbt_type_is_portable(dbt_type_kind kind);

#endif
