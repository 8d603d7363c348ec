/*
 * test_schema.c - the metadata model: canonical types and their aliases,
 * canonical expression text, foreign-key actions by their SQL words,
 * building and looking up a schema, and the normalisation that makes equal
 * schemas compare equal (implied NOT NULL, redundant unique constraints,
 * the names PostgreSQL would generate).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"

/* ----------------------------------------------------------- helpers */

/* The canonical spelling of `text` parsed as a type; "ERR" on failure. */
static char *type_of(const char *text, int *serial)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_type t;

	if (dbt_type_parse(&t, serial, text, strlen(text), NULL) < 0)
		return strdup("ERR");
	dbt_type_format(&b, &t);
	return dbt_buf_detach(&b);
}

static void assert_type(const char *text, const char *want)
{
	char *got = type_of(text, NULL);

	assert_string_equal(got, want);
	free(got);
}

static void assert_type_error(const char *text, const char *msg, size_t pos)
{
	dbt_type t;
	size_t errpos = 9999;

	assert_int_equal(dbt_type_parse(&t, NULL, text, strlen(text), &errpos), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	assert_int_equal(errpos, pos);
}

static void assert_expr(const char *text, const char *want)
{
	char *got = NULL;

	assert_int_equal(dbt_schema_normalize_expr(&got, text, strlen(text)), 0);
	assert_string_equal(got, want);
	free(got);
}

static const dbt_type int_type = DBT_TYPE_INIT(DBT_TYPE_INTEGER);

/* A table `name` with integer columns `cols` (NULL-terminated). */
static dbt_table *add_table(dbt_schema *s, const char *name, const char *const *cols)
{
	dbt_table *t;
	dbt_column *c;

	assert_int_equal(dbt_schema_add_table(&t, s, name, 0), 0);
	for (; *cols; cols++)
		assert_int_equal(dbt_table_add_column(&c, t, *cols, 0, &int_type), 0);
	return t;
}

/* -------------------------------------------------------------- types */

static void integer_aliases_map_to_integer_kinds(void **state)
{
	(void)state;
	assert_type("INTEGER", "INTEGER");
	assert_type("int", "INTEGER");
	assert_type("Int4", "INTEGER");
	assert_type("smallint", "SMALLINT");
	assert_type("INT2", "SMALLINT");
	assert_type("bigint", "BIGINT");
	assert_type("int8", "BIGINT");
}

static void serial_types_are_integers_with_the_serial_flag(void **state)
{
	char *got;
	int serial = -1;

	(void)state;
	got = type_of("SERIAL", &serial);
	assert_string_equal(got, "INTEGER");
	assert_int_equal(serial, 1);
	free(got);
	got = type_of("bigserial", &serial);
	assert_string_equal(got, "BIGINT");
	assert_int_equal(serial, 1);
	free(got);
	got = type_of("serial8", &serial);
	assert_string_equal(got, "BIGINT");
	free(got);
	got = type_of("smallserial", &serial);
	assert_string_equal(got, "SMALLINT");
	assert_int_equal(serial, 1);
	free(got);
	got = type_of("serial4", &serial);
	assert_string_equal(got, "INTEGER");
	free(got);
	got = type_of("integer", &serial);
	assert_int_equal(serial, 0);
	free(got);
}

static void boolean_aliases(void **state)
{
	(void)state;
	assert_type("BOOLEAN", "BOOLEAN");
	assert_type("bool", "BOOLEAN");
}

static void floating_point_aliases(void **state)
{
	(void)state;
	assert_type("REAL", "REAL");
	assert_type("float4", "REAL");
	assert_type("FLOAT(1)", "REAL");
	assert_type("float(24)", "REAL");
	assert_type("DOUBLE PRECISION", "DOUBLE PRECISION");
	assert_type("double   precision", "DOUBLE PRECISION");
	assert_type("DOUBLE", "DOUBLE PRECISION");
	assert_type("float8", "DOUBLE PRECISION");
	assert_type("FLOAT", "DOUBLE PRECISION");
	assert_type("float(25)", "DOUBLE PRECISION");
	assert_type("float(53)", "DOUBLE PRECISION");
}

static void numeric_precision_and_scale(void **state)
{
	dbt_type t;

	(void)state;
	assert_type("NUMERIC", "NUMERIC");
	assert_type("numeric(10,2)", "NUMERIC(10,2)");
	assert_type("NUMERIC ( 10 , 2 )", "NUMERIC(10,2)");
	assert_type("decimal(10)", "NUMERIC(10,0)");
	assert_type("DEC(5, 5)", "NUMERIC(5,5)");
	assert_int_equal(dbt_type_parse(&t, NULL, "numeric", 7, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_NUMERIC);
	assert_int_equal(t.precision, -1);
	assert_int_equal(t.scale, -1);
	assert_int_equal(dbt_type_parse(&t, NULL, "numeric(7)", 10, NULL), 0);
	assert_int_equal(t.precision, 7);
	assert_int_equal(t.scale, 0);
}

static void character_aliases_and_lengths(void **state)
{
	dbt_type t;

	(void)state;
	assert_type("VARCHAR(50)", "VARCHAR(50)");
	assert_type("varchar", "VARCHAR");
	assert_type("CHARACTER VARYING(20)", "VARCHAR(20)");
	assert_type("char varying (3)", "VARCHAR(3)");
	assert_type("CHAR(4)", "CHAR(4)");
	assert_type("character(4)", "CHAR(4)");
	assert_type("bpchar(2)", "CHAR(2)");
	assert_type("CHAR", "CHAR(1)");
	assert_type("TEXT", "TEXT");
	assert_int_equal(dbt_type_parse(&t, NULL, "varchar", 7, NULL), 0);
	assert_int_equal(t.length, -1);
}

static void date_and_time_aliases(void **state)
{
	(void)state;
	assert_type("DATE", "DATE");
	assert_type("TIME", "TIME");
	assert_type("time without time zone", "TIME");
	assert_type("TIME(3) WITH TIME ZONE", "TIME(3) WITH TIME ZONE");
	assert_type("timetz", "TIME WITH TIME ZONE");
	assert_type("TIMESTAMP", "TIMESTAMP");
	assert_type("timestamp(0) without time zone", "TIMESTAMP(0)");
	assert_type("TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITH TIME ZONE");
	assert_type("timestamptz", "TIMESTAMP WITH TIME ZONE");
	assert_type("timestamptz(3)", "TIMESTAMP(3) WITH TIME ZONE");
	assert_type("DATETIME", "TIMESTAMP");
}

/* PostgreSQL keeps a precision of 6 apart from none (format_type prints
 * "timestamp(6) without time zone"), so the type keeps it too. */
static void time_precision_six_is_kept(void **state)
{
	(void)state;
	assert_type("timestamp(6)", "TIMESTAMP(6)");
	assert_type("timestamp(6) with time zone", "TIMESTAMP(6) WITH TIME ZONE");
	assert_type("time(6)", "TIME(6)");
	assert_type("time", "TIME");
}

static void binary_json_and_uuid_aliases(void **state)
{
	(void)state;
	assert_type("BLOB", "BLOB");
	assert_type("bytea", "BLOB");
	assert_type("JSON", "JSON");
	assert_type("UUID", "UUID");
	/* JSONB is a type of its own, not a spelling of JSON. */
	assert_type("jsonb", "ERR");
}

static void type_names_allow_comments_between_words(void **state)
{
	(void)state;
	assert_type("double /* 64 bits */ precision", "DOUBLE PRECISION");
	assert_type("varchar -- short\n(10)", "VARCHAR(10)");
}

static void unknown_type_is_an_error_at_its_word(void **state)
{
	(void)state;
	assert_type_error("strnig", "expected a type, found 'strnig'", 0);
	assert_type_error("", "expected a type, found end of file", 0);
	assert_type_error("\"int\"", "expected a type, found '\"int\"'", 0);
}

static void type_parameter_out_of_range_is_an_error(void **state)
{
	(void)state;
	assert_type_error("varchar(0)", "VARCHAR length 0 must be between 1 and 10485760", 8);
	assert_type_error("char(99999999999)",
			  "CHAR length 99999999999 must be between 1 and 10485760", 5);
	assert_type_error("numeric(0)", "NUMERIC precision 0 must be between 1 and 1000", 8);
	assert_type_error("numeric(5,1001)", "NUMERIC scale 1001 must be between -1000 and 1000",
			  10);
	assert_type_error("timestamp(7)", "TIMESTAMP precision 7 must be between 0 and 6", 10);
	assert_type_error("time(9)", "TIME precision 9 must be between 0 and 6", 5);
	assert_type_error("float(54)", "FLOAT precision 54 must be between 1 and 53", 6);
}

static void numeric_takes_negative_scale_and_scale_above_precision(void **state)
{
	dbt_type t;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_type_parse(&t, NULL, "numeric(5,-2)", 13, NULL), 0);
	assert_int_equal(t.precision, 5);
	assert_int_equal(t.scale, -2);
	dbt_type_format(&b, &t);
	assert_string_equal(b.ptr, "NUMERIC(5,-2)");
	dbt_type_release(&t);
	dbt_buf_release(&b);
	assert_int_equal(dbt_type_parse(&t, NULL, "numeric(3, 5)", 13, NULL), 0);
	assert_int_equal(t.scale, 5);
	dbt_type_release(&t);
}

static void malformed_type_parameters_are_errors(void **state)
{
	(void)state;
	assert_type_error("varchar(x)", "expected an integer, found 'x'", 8);
	assert_type_error("varchar(1.5)", "expected an integer, found '1.5'", 8);
	assert_type_error("varchar(10", "expected ')', found end of file", 10);
	assert_type_error("numeric(5 2)", "expected ',' or ')', found '2'", 10);
	assert_type_error("numeric(5,2,1)", "expected ')', found ','", 11);
	assert_type_error("timestamp with zone", "expected TIME ZONE, found 'zone'", 15);
	assert_type_error("timestamp with time", "expected ZONE, found end of file", 19);
}

static void trailing_text_after_a_type_is_an_error(void **state)
{
	(void)state;
	assert_type_error("integer(11)", "expected end of type 'INTEGER', found '('", 7);
	assert_type_error("text with time zone", "expected end of type 'TEXT', found 'with'", 5);
	assert_type_error("float8 precision",
			  "expected end of type 'DOUBLE PRECISION', found 'precision'", 7);
}

/* How a type built by `fn` reads: "kind:" and the canonical spelling when
 * it has no text, "text:" and the text otherwise, "ERR" on failure. */
static char *built(int (*fn)(dbt_type *, const char *), const char *in)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_type t;

	if (fn(&t, in) < 0)
		return strdup("ERR");
	dbt_buf_puts(&b, t.text ? "text:" : "kind:");
	dbt_type_format(&b, &t);
	dbt_type_release(&t);
	return dbt_buf_detach(&b);
}

static void assert_pg(const char *in, const char *want)
{
	char *got = built(dbt_type_from_postgres, in);

	assert_string_equal(got, want);
	free(got);
}

static void assert_sqlite(const char *in, const char *want)
{
	char *got = built(dbt_type_from_sqlite, in);

	assert_string_equal(got, want);
	free(got);
}

static void postgres_aliases_of_one_type_are_that_type(void **state)
{
	(void)state;
	assert_pg("int4", "kind:INTEGER");
	assert_pg("integer", "kind:INTEGER");
	assert_pg("character varying(20)", "kind:VARCHAR(20)");
	assert_pg("varchar(20)", "kind:VARCHAR(20)");
	assert_pg("timestamptz", "kind:TIMESTAMP WITH TIME ZONE");
	assert_pg("timestamp with time zone", "kind:TIMESTAMP WITH TIME ZONE");
	assert_pg("float8", "kind:DOUBLE PRECISION");
	assert_pg("numeric(12,0)", "kind:NUMERIC(12,0)");
	assert_pg("DECIMAL(12)", "kind:NUMERIC(12,0)");
	assert_pg("time(2) with time zone", "kind:TIME(2) WITH TIME ZONE");
	assert_pg("pg_catalog.int8", "kind:BIGINT");
	assert_pg("timestamp(6) without time zone", "kind:TIMESTAMP(6)");
}

static void postgres_jsonb_is_not_json(void **state)
{
	(void)state;
	assert_pg("json", "kind:JSON");
	assert_pg("jsonb", "text:jsonb");
	assert_pg("JSONB", "text:jsonb");
}

/* Each text as format_type() prints it, and what the model may write for
 * it: both give format_type()'s text. */
static void postgres_types_beyond_the_portable_ones_read_as_format_type(void **state)
{
	(void)state;
	assert_pg("text[]", "text:text[]");
	assert_pg("integer[][]", "text:integer[]");
	assert_pg("int[3]", "text:integer[]");
	assert_pg("integer ARRAY", "text:integer[]");
	assert_pg("varchar(20)[]", "text:character varying(20)[]");
	assert_pg("character varying[]", "text:character varying[]");
	assert_pg("inet", "text:inet");
	assert_pg("CIDR", "text:cidr");
	assert_pg("macaddr", "text:macaddr");
	assert_pg("money", "text:money");
	assert_pg("tsvector", "text:tsvector");
	assert_pg("int4range", "text:int4range");
	assert_pg("tstzrange", "text:tstzrange");
	assert_pg("bit varying(5)", "text:bit varying(5)");
	assert_pg("varbit(5)", "text:bit varying(5)");
	assert_pg("varbit", "text:bit varying");
	assert_pg("bit", "text:bit(1)");
	assert_pg("bit(1)", "text:bit(1)");
	assert_pg("BIT(8)", "text:bit(8)");
	assert_pg("\"bit\"", "text:\"bit\"");
	assert_pg("\"char\"", "text:\"char\"");
	assert_pg("bpchar", "text:bpchar");
	assert_pg("xml", "text:xml");
	assert_pg("interval", "text:interval");
	assert_pg("Interval Day To Second(3)", "text:interval day to second(3)");
	assert_pg("interval(2)", "text:interval(2)");
	assert_pg("interval year", "text:interval year");
}

static void postgres_user_types_fold_like_names(void **state)
{
	(void)state;
	assert_pg("Mood", "text:mood");
	assert_pg("\"mood\"", "text:mood");
	assert_pg("\"Mood\"", "text:\"Mood\"");
	assert_pg("public.mood", "text:mood");
	assert_pg("other.mood", "text:other.mood");
	assert_pg("mood[]", "text:mood[]");
}

static void sqlite_declared_type_is_the_type(void **state)
{
	(void)state;
	assert_sqlite("INTEGER", "kind:INTEGER");
	assert_sqlite("integer", "kind:INTEGER");
	assert_sqlite("INT", "text:INT");
	assert_sqlite("DATETIME", "text:DATETIME");
	assert_sqlite("DECIMAL(12)", "text:DECIMAL(12)");
	assert_sqlite("NUMERIC(12,0)", "kind:NUMERIC(12,0)");
	assert_sqlite("NVARCHAR(40)", "text:NVARCHAR(40)");
	assert_sqlite("ANY", "text:ANY");
	assert_sqlite("STRING", "text:STRING");
	assert_sqlite("", "text:");
	assert_sqlite("JSONB", "text:JSONB");
	assert_sqlite("varchar( 40 )", "kind:VARCHAR(40)");
	assert_sqlite("DECIMAL( 10 ,  2 )", "text:DECIMAL(10,2)");
	assert_sqlite("unsigned   big int", "text:unsigned big int");
	assert_sqlite("TIMESTAMP(3) WITH TIME ZONE", "kind:TIMESTAMP(3) WITH TIME ZONE");
	assert_sqlite("\"MyType\"", "text:MyType");
	assert_sqlite("text[]", "text:text[]");
}

static void sqlite_int_is_not_integer(void **state)
{
	dbt_type a, b;

	(void)state;
	assert_int_equal(dbt_type_from_sqlite(&a, "INT"), 0);
	assert_int_equal(dbt_type_from_sqlite(&b, "INTEGER"), 0);
	assert_false(dbt_type_equal(&a, &b));
	dbt_type_release(&a);
	dbt_type_release(&b);
}

static void type_equality(void **state)
{
	dbt_type a, b;

	(void)state;
	/* SQLite: the declared text, ignoring case. */
	assert_int_equal(dbt_type_from_sqlite(&a, "nvarchar(40)"), 0);
	assert_int_equal(dbt_type_from_sqlite(&b, "NVARCHAR (40)"), 0);
	assert_true(dbt_type_equal(&a, &b));
	dbt_type_release(&a);
	dbt_type_release(&b);
	/* PostgreSQL: quoted names keep their case; a qualifier does not
	 * count. */
	assert_int_equal(dbt_type_from_postgres(&a, "\"Mood\""), 0);
	assert_int_equal(dbt_type_from_postgres(&b, "mood"), 0);
	assert_false(dbt_type_equal(&a, &b));
	dbt_type_release(&a);
	assert_int_equal(dbt_type_from_postgres(&a, "app.mood"), 0);
	assert_true(dbt_type_equal(&a, &b));
	dbt_type_release(&a);
	dbt_type_release(&b);
	assert_int_equal(dbt_type_from_postgres(&a, "json"), 0);
	assert_int_equal(dbt_type_from_postgres(&b, "jsonb"), 0);
	assert_false(dbt_type_equal(&a, &b));
	dbt_type_release(&a);
	dbt_type_release(&b);
}

static void declared_type_keeps_any_name(void **state)
{
	dbt_type t;
	size_t errpos = 9999;
	int serial = 7;

	(void)state;
	assert_int_equal(dbt_type_declare(&t, &serial, "int", 3, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_INTEGER);
	assert_null(t.text);
	assert_string_equal(t.decl, "int");
	assert_int_equal(serial, 0);
	dbt_type_release(&t);

	assert_int_equal(dbt_type_declare(&t, &serial, "bigserial", 9, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_BIGINT);
	assert_int_equal(serial, 1);
	dbt_type_release(&t);

	assert_int_equal(dbt_type_declare(&t, NULL, "Decimal ( 10, 2 )", 17, NULL), 0);
	assert_string_equal(t.decl, "Decimal(10,2)");
	dbt_type_release(&t);

	assert_int_equal(dbt_type_declare(&t, NULL, "strnig", 6, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.text, "strnig");
	dbt_type_release(&t);

	assert_int_equal(dbt_type_declare(&t, NULL, "", 0, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.decl, "");
	dbt_type_release(&t);

	assert_int_equal(dbt_type_declare(&t, NULL, "nvarchar(40)[]", 14, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.text, "nvarchar(40)[]");
	dbt_type_release(&t);

	/* A portable type's name followed by array brackets is an array. */
	assert_int_equal(dbt_type_declare(&t, NULL, "varchar(20) [ ]", 15, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.text, "varchar(20)[]");
	dbt_type_release(&t);

	/* A portable type's name is that type, spelled as it is spelled. */
	assert_int_equal(dbt_type_declare(&t, NULL, "int big", 7, &errpos), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "expected end of type 'INTEGER', found 'big'");
	assert_int_equal(errpos, 4);
	assert_null(t.decl);

	/* ... but for UNSIGNED, as MySQL's habits leave it in SQLite files:
	 * SQLite takes the name as it is, PostgreSQL refuses it. */
	assert_int_equal(dbt_type_declare(&t, NULL, "smallint unsigned", 17, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.text, "smallint unsigned");
	dbt_type_release(&t);

	/* DATETIME takes a precision, as Rails writes datetime(6). */
	assert_int_equal(dbt_type_declare(&t, NULL, "datetime(6)", 11, NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_TIMESTAMP);
	assert_int_equal(t.precision, 6);
	assert_string_equal(t.decl, "datetime(6)");
	dbt_type_release(&t);

	/* A portable type's parameter out of range stays an error. */
	assert_int_equal(dbt_type_declare(&t, NULL, "varchar(0)", 10, &errpos), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "VARCHAR length 0 must be between 1 and 10485760");
	assert_int_equal(errpos, 8);
	assert_null(t.decl);
}

static int declare(dbt_type *out, const char *text, size_t *errpos)
{
	return dbt_type_declare(out, NULL, text, strlen(text), errpos);
}

/* After public. or pg_catalog., which PostgreSQL's form of the type
 * drops, a portable type's name is that type too: "integer x" would read
 * back as integer and a column constraint x. */
static void declared_type_after_a_dropped_qualifier_is_the_portable_type(void **state)
{
	dbt_type t;
	size_t errpos = 9999;

	(void)state;
	assert_int_equal(declare(&t, "public.integer x", &errpos), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "expected end of type 'INTEGER', found 'x'");
	assert_int_equal(errpos, 15);
	assert_null(t.decl);
	assert_int_equal(declare(&t, "\"pg_catalog\" . int4 pr.x", &errpos), DBT_EPARSE);
	assert_int_equal(errpos, 20);
	assert_int_equal(declare(&t, "public.varchar(5,6)", &errpos), DBT_EPARSE);

	/* Well formed, the type is kept as declared, as before. */
	assert_int_equal(declare(&t, "public.integer", NULL), 0);
	assert_int_equal(t.kind, DBT_TYPE_OTHER);
	assert_string_equal(t.text, "public.integer");
	dbt_type_release(&t);
	assert_int_equal(declare(&t, "public.time with time zone[]", NULL), 0);
	assert_string_equal(t.text, "public.time with time zone[]");
	dbt_type_release(&t);
	/* Another schema's type, or one of no portable name, is any name. */
	assert_int_equal(declare(&t, "audit.integer x", NULL), 0);
	assert_string_equal(t.text, "audit.integer x");
	dbt_type_release(&t);
	assert_int_equal(declare(&t, "public.color x", NULL), 0);
	dbt_type_release(&t);
}

static void copied_type_owns_its_strings(void **state)
{
	dbt_type a, b;

	(void)state;
	assert_int_equal(dbt_type_declare(&a, NULL, "inet", 4, NULL), 0);
	assert_int_equal(dbt_type_copy(&b, &a), 0);
	assert_ptr_not_equal(a.text, b.text);
	assert_string_equal(b.text, "inet");
	dbt_type_release(&a);
	assert_string_equal(b.text, "inet");
	dbt_type_release(&b);
	assert_null(b.text);
	assert_null(b.decl);
}

static void sqlite_rowid_alias_is_only_integer_primary_key(void **state)
{
	dbt_schema *s;
	dbt_table *t;
	dbt_column *id, *other;
	dbt_unique *pk;
	dbt_type ty;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "a", 0), 0);
	assert_int_equal(dbt_table_add_column(&id, t, "id", 0, &int_type), 0);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "id"), 0);
	dbt_table_normalize(t);
	assert_true(dbt_table_is_rowid_alias(t, id));
	dbt_table_sqlite_pk_nulls(t);
	assert_true(id->not_null);

	assert_int_equal(dbt_schema_add_table(&t, s, "b", 0), 0);
	assert_int_equal(dbt_type_from_sqlite(&ty, "INT"), 0);
	assert_int_equal(dbt_table_add_column(&id, t, "id", 0, &ty), 0);
	dbt_type_release(&ty);
	assert_int_equal(dbt_table_add_column(&other, t, "code", 0, &int_type), 0);
	other->not_null = 1;
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "id"), 0);
	dbt_table_normalize(t);
	assert_false(dbt_table_is_rowid_alias(t, id));
	assert_true(id->not_null);
	/* SQLite lets INT PRIMARY KEY hold NULL: only a declared NOT NULL
	 * stays. */
	dbt_table_sqlite_pk_nulls(t);
	assert_false(id->not_null);
	assert_true(other->not_null);
	dbt_schema_free(s);
}

static void a_column_has_no_places_until_one_is_set(void **state)
{
	dbt_schema *s;
	dbt_table *t;
	dbt_column *c;
	dbt_column_places *at, *again;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "a", 0), 0);
	assert_int_equal(dbt_table_add_column(&c, t, "id", 0, &int_type), 0);
	assert_null(c->places);
	assert_int_equal(dbt_column_places_get(c)->generated_line, 0);
	assert_int_equal(dbt_column_places_get(c)->renamed_col, 0);
	assert_int_equal(dbt_column_places_edit(&at, c), 0);
	assert_ptr_equal(at, c->places);
	assert_int_equal(at->pg_set_line, 0);
	at->pg_set_line = 3;
	at->pg_set_col = 7;
	assert_int_equal(dbt_column_places_edit(&again, c), 0);
	assert_ptr_equal(again, at);
	assert_int_equal(dbt_column_places_get(c)->pg_set_line, 3);
	assert_int_equal(dbt_column_places_get(c)->pg_set_col, 7);
	dbt_schema_free(s);
}

static void add_column_take_keeps_the_name_and_type_it_is_given(void **state)
{
	dbt_schema *s;
	dbt_table *t;
	dbt_column *c;
	dbt_type ty;
	char *name = strdup("code");
	const char *given;

	(void)state;
	assert_non_null(name);
	given = name;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "a", 0), 0);
	assert_int_equal(dbt_type_from_sqlite(&ty, "NVARCHAR(40)"), 0);
	assert_non_null(ty.text);
	assert_int_equal(dbt_table_add_column_take(&c, t, &name, 1, &ty), 0);
	assert_null(name);
	assert_null(ty.text);
	assert_null(ty.decl);
	assert_ptr_equal(c->name, given);
	assert_int_equal(c->quoted, 1);
	assert_ptr_equal(dbt_table_find_column(t, "code"), c);
	assert_string_equal(c->type.text, "NVARCHAR(40)");
	dbt_type_release(&ty);
	dbt_schema_free(s);
}

static void text_and_integer_kinds(void **state)
{
	(void)state;
	assert_true(dbt_type_is_text(DBT_TYPE_VARCHAR));
	assert_true(dbt_type_is_text(DBT_TYPE_CHAR));
	assert_true(dbt_type_is_text(DBT_TYPE_TEXT));
	assert_false(dbt_type_is_text(DBT_TYPE_JSON));
	assert_true(dbt_type_is_integer(DBT_TYPE_SMALLINT));
	assert_true(dbt_type_is_integer(DBT_TYPE_BIGINT));
	assert_false(dbt_type_is_integer(DBT_TYPE_NUMERIC));
}

/* -------------------------------------------------------- expressions */

static void expression_spacing_is_canonical(void **state)
{
	(void)state;
	assert_expr("price>=0 and X is not null", "price >= 0 AND x IS NOT NULL");
	assert_expr("  a\n\t+\tb  ", "a + b");
	assert_expr("a in (1,2 , 3)", "a IN (1, 2, 3)");
	assert_expr("t . a [ 1 ]", "t.a[1]");
	assert_expr("count( * )", "count(*)");
	assert_expr("a||'x'", "a || 'x'");
}

static void expression_case_folds_words_and_raises_keywords(void **state)
{
	(void)state;
	assert_expr("LOWER(Email)", "lower(email)");
	assert_expr("current_timestamp", "CURRENT_TIMESTAMP");
	assert_expr("coalesce(a, b) between 1 and 2", "COALESCE(a, b) BETWEEN 1 AND 2");
	assert_expr("case when a then 1 else 2 end", "CASE WHEN a THEN 1 ELSE 2 END");
}

static void expression_outer_parentheses_are_removed(void **state)
{
	(void)state;
	assert_expr("((a > 0))", "a > 0");
	assert_expr("( lower( Email ) )", "lower(email)");
	assert_expr("(a) + (b)", "(a) + (b)");
	assert_expr("(a > 0) and ((b))", "(a > 0) AND ((b))");
}

static void expression_unary_signs_bind_tightly(void **state)
{
	(void)state;
	assert_expr("- 1", "-1");
	assert_expr("(-1)", "-1");
	assert_expr("a - -1", "a - -1");
	assert_expr("a-1", "a - 1");
	assert_expr("x * - y", "x * -y");
	assert_expr("f(-1, + 2)", "f(-1, +2)");
	assert_expr("not - a", "NOT -a");
	assert_expr("null - 1", "NULL - 1");
}

static void expression_signs_never_fuse_with_operators(void **state)
{
	(void)state;
	/* "--1.5" would read back as a comment, "-@1" as the operator "-@". */
	assert_expr("- -1.5", "- -1.5");
	assert_expr("--1.5\n2", "2");
	assert_expr("-(-1)", "-(-1)");
	assert_expr("- @ 1", "- @ 1");
	assert_expr("a * - - b", "a * - -b");
}

static void canonical_expression_is_a_fixed_point(void **state)
{
	static const char *const exprs[] = {
		"- -1.5",	   "a * - - b", "CAST(x AS int4) :: text", "\"Name\" IN (1,2)",
		"e'\\'' || $$x$$", "not -a",	"t.a[1] >= -f(- 1)",	   "((a)) and (b)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		char *once = NULL, *twice = NULL;

		assert_int_equal(dbt_schema_normalize_expr(&once, exprs[i], strlen(exprs[i])), 0);
		assert_int_equal(dbt_schema_normalize_expr(&twice, once, strlen(once)), 0);
		assert_string_equal(twice, once);
		free(once);
		free(twice);
	}
}

static void expression_strings_are_kept_verbatim(void **state)
{
	(void)state;
	assert_expr("'Hello  World'", "'Hello  World'");
	assert_expr("'it''s'", "'it''s'");
	assert_expr("e'a\\'b'", "E'a\\'b'");
	assert_expr("x'AB'", "X'AB'");
	assert_expr("$$ a  b $$", "$$ a  b $$");
	assert_expr("'a -- b /* c */'", "'a -- b /* c */'");
}

static void expression_quoted_identifiers_unquote_when_plain(void **state)
{
	(void)state;
	assert_expr("\"name\" > 0", "name > 0");
	assert_expr("\"Name\" > 0", "\"Name\" > 0");
	assert_expr("\"order\" > 0", "\"order\" > 0");
	assert_expr("\"a\"\"b\" > 0", "\"a\"\"b\" > 0");
	assert_expr("\"1a\" > 0", "\"1a\" > 0");
	assert_expr("\"caf\xc3\xa9\" > 0", "\"caf\xc3\xa9\" > 0");
}

/* SQLite's [name] and `name` are quoted names where an operand begins,
 * the same as "name"; a '[' after a name, a ')' or a type, and the
 * brackets of an array, are PostgreSQL's subscripts and arrays. */
static void expression_sqlite_quoted_names_are_double_quoted(void **state)
{
	(void)state;
	assert_expr("[Discount]>=(0) AND `Unit Price` > [a]",
		    "\"Discount\" >= (0) AND \"Unit Price\" > a");
	assert_expr("(`it``s` + [x\"y]) * 2", "(\"it`s\" + \"x\"\"y\") * 2");
	assert_expr("tags[1] = 'a' AND m[2][3] > 0", "tags[1] = 'a' AND m[2][3] > 0");
	assert_expr("x = ANY (ARRAY[[1, 2], [3]])", "x = ANY (ARRAY[[1, 2],[3]])");
	assert_expr("'{}'::int[] <> a::text[]", "'{}'::INTEGER[] <> a::TEXT[]");
	assert_expr("(f(a))[1] IS NOT NULL", "(f(a))[1] IS NOT NULL");
}

static void expression_comments_are_dropped(void **state)
{
	(void)state;
	assert_expr("a /* c */ + -- x\n b", "a + b");
	assert_expr("/* a /* nested */ comment */ 1", "1");
}

static void expression_cast_types_are_canonical(void **state)
{
	(void)state;
	assert_expr("'2020-01-01'::date", "'2020-01-01'::DATE");
	assert_expr("x :: character varying(10)", "x::VARCHAR(10)");
	assert_expr("'{}'::jsonb", "'{}'::jsonb");
	assert_expr("CAST(x AS int4)", "CAST(x AS INTEGER)");
	assert_expr("cast(x as double precision) > 0", "CAST(x AS DOUBLE PRECISION) > 0");
	assert_expr("x::timestamp with time zone", "x::TIMESTAMP WITH TIME ZONE");
	assert_expr("x::text::int", "x::TEXT::INTEGER");
	assert_expr("x::regclass", "x::regclass");
	assert_expr("now()::date - 1", "now()::DATE - 1");
}

static void expression_that_does_not_tokenize_is_an_error(void **state)
{
	char *out = (char *)1;

	(void)state;
	assert_int_equal(dbt_schema_normalize_expr(&out, "'abc", 4), DBT_EPARSE);
	assert_null(out);
	assert_string_equal(dbt_error_last(), "invalid expression ''abc': unterminated string");
	assert_int_equal(dbt_schema_normalize_expr(&out, "a \\ b", 5), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "invalid expression 'a \\ b': unexpected character '\\'");
}

static void empty_expression_is_an_error(void **state)
{
	char *out = NULL;

	(void)state;
	assert_int_equal(dbt_schema_normalize_expr(&out, " -- nothing\n", 12), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "invalid expression ' -- nothing ': no expression");
	assert_int_equal(dbt_schema_normalize_expr(&out, "()", 2), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "invalid expression '()': no expression");
}

/* --------------------------------------------------------- the model */

static void schema_builds_and_finds_by_exact_name(void **state)
{
	static const char *const cols[] = {"id", "Name", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_index *ix;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "users", cols);
	assert_int_equal(dbt_schema_add_index(&ix, s, "users_name", 0, "users", 1), 0);
	assert_int_equal(dbt_index_add_column(ix, "Name", 1), 0);
	assert_ptr_equal(dbt_schema_find_table(s, "users"), t);
	assert_null(dbt_schema_find_table(s, "Users"));
	assert_ptr_equal(dbt_table_find_column(t, "Name"), t->columns[1]);
	assert_null(dbt_table_find_column(t, "name"));
	assert_ptr_equal(dbt_schema_find_index(s, "users_name"), ix);
	assert_null(dbt_schema_find_index(s, "other"));
	assert_string_equal(ix->elems[0].column, "Name");
	assert_true(ix->elems[0].desc);
	assert_true(ix->name_given);
	assert_true(ix->unique);
	dbt_schema_free(s);
}

static void pointers_stay_valid_as_objects_are_added(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *first;
	dbt_column *c, *col0;
	char name[16];
	int i;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	first = add_table(s, "t0", cols);
	col0 = first->columns[0];
	for (i = 1; i < 100; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		add_table(s, name, cols);
		snprintf(name, sizeof(name), "c%d", i);
		assert_int_equal(dbt_table_add_column(&c, first, name, 0, &int_type), 0);
	}
	assert_ptr_equal(dbt_schema_find_table(s, "t0"), first);
	assert_ptr_equal(first->columns[0], col0);
	assert_int_equal(s->ntables, 100);
	assert_int_equal(first->ncolumns, 100);
	dbt_schema_free(s);
}

static void free_accepts_null(void **state)
{
	(void)state;
	dbt_schema_free(NULL);
}

static void second_primary_key_is_refused(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_false(pk->name_given);
	assert_int_equal(dbt_table_set_pk(&pk, t, "x"), DBT_EEXISTS);
	assert_null(pk);
	assert_string_equal(dbt_error_last(), "table 't' has a primary key already");
	dbt_schema_free(s);
}

static void default_is_stored_normalised(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_column_set_default(t->columns[0], "( - 1 )", 7), 0);
	assert_string_equal(t->columns[0]->default_expr, "-1");
	assert_int_equal(dbt_column_set_default(t->columns[0], "now( )", 6), 0);
	assert_string_equal(t->columns[0]->default_expr, "now()");
	dbt_schema_free(s);
}

static void default_null_means_no_default(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_column_set_default(t->columns[0], "1", 1), 0);
	assert_int_equal(dbt_column_set_default(t->columns[0], "null", 4), 0);
	assert_null(t->columns[0]->default_expr);
	assert_int_equal(dbt_column_set_default(t->columns[0], "(NULL::text)", 12), 0);
	assert_null(t->columns[0]->default_expr);
	dbt_schema_free(s);
}

static void bad_default_leaves_the_old_one(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_column_set_default(t->columns[0], "1", 1), 0);
	assert_int_equal(dbt_column_set_default(t->columns[0], "'x", 2), DBT_EPARSE);
	assert_string_equal(t->columns[0]->default_expr, "1");
	dbt_schema_free(s);
}

static void check_index_expression_and_where_are_normalised(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_check *c;
	dbt_index *ix;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_add_check(&c, t, "pos", "(A>0)", 5), 0);
	assert_string_equal(c->expr, "a > 0");
	assert_true(c->name_given);
	assert_int_equal(dbt_table_add_check(&c, t, NULL, "", 0), DBT_EPARSE);
	assert_null(c);
	assert_int_equal(t->nchecks, 1);
	assert_int_equal(dbt_schema_add_index(&ix, s, NULL, 0, "t", 0), 0);
	assert_false(ix->name_given);
	assert_int_equal(dbt_index_add_expr(ix, "Lower( a )", 10, 0), 0);
	assert_int_equal(dbt_index_set_where(ix, "a is not null", 13), 0);
	assert_null(ix->elems[0].column);
	assert_string_equal(ix->elems[0].expr, "lower(a)");
	assert_string_equal(ix->where, "a IS NOT NULL");
	dbt_schema_free(s);
}

/* ------------------------------------------------------- normalising */

static void primary_key_columns_become_not_null(void **state)
{
	static const char *const cols[] = {"a", "b", "c", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "a"), 0);
	assert_int_equal(dbt_unique_add_column(pk, "b"), 0);
	dbt_table_normalize(t);
	assert_true(t->columns[0]->not_null);
	assert_true(t->columns[1]->not_null);
	assert_false(t->columns[2]->not_null);
	dbt_schema_free(s);
}

static void unique_repeating_primary_key_is_dropped(void **state)
{
	static const char *const cols[] = {"a", "b", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk, *u;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "a"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, "named"), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	dbt_table_normalize(t);
	assert_int_equal(t->nuniques, 1);
	assert_string_equal(t->uniques[0]->columns[0], "b");
	/* The kept key takes the user's name of the dropped one. */
	assert_string_equal(t->pk->name, "named");
	assert_true(t->pk->name_given);
	dbt_schema_free(s);
}

static void unique_repeating_an_earlier_unique_is_dropped(void **state)
{
	static const char *const cols[] = {"a", "b", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *u;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_add_unique(&u, t, "first"), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, "second"), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	dbt_table_normalize(t);
	assert_int_equal(t->nuniques, 2);
	assert_string_equal(t->uniques[0]->name, "first");
	assert_string_equal(t->uniques[1]->columns[0], "b");
	dbt_schema_free(s);
}

static void generated_names_follow_postgresql(void **state)
{
	static const char *const cols[] = {"a", "b", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk, *u;
	dbt_fk *fk;
	dbt_check *c;
	dbt_index *ix;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "a"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	assert_int_equal(dbt_table_add_fk(&fk, t, NULL, "t"), 0);
	assert_int_equal(dbt_fk_add_column(fk, "b"), 0);
	assert_int_equal(dbt_table_add_check(&c, t, NULL, "a > 0 and a < 9", 15), 0);
	assert_int_equal(dbt_table_add_check(&c, t, NULL, "a > b", 5), 0);
	assert_int_equal(dbt_schema_add_index(&ix, s, NULL, 0, "t", 0), 0);
	assert_int_equal(dbt_index_add_expr(ix, "lower(b::text)", 14, 0), 0);
	assert_int_equal(dbt_index_add_expr(ix, "a + b", 5, 0), 0);
	assert_int_equal(dbt_index_add_expr(ix, "a + 1", 5, 0), 0);
	assert_int_equal(dbt_index_add_column(ix, "a", 0), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(t->pk->name, "t_pkey");
	assert_string_equal(t->uniques[0]->name, "t_a_b_key");
	assert_string_equal(t->fks[0]->name, "t_b_fkey");
	assert_string_equal(t->checks[0]->name, "t_a_check");
	assert_string_equal(t->checks[1]->name, "t_check");
	assert_string_equal(ix->name, "t_lower_expr_expr1_a_idx");
	assert_false(t->pk->name_given);
	assert_false(ix->name_given);
	dbt_schema_free(s);
}

static void generated_name_gets_a_number_when_taken(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk, *u;
	dbt_check *c;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	add_table(s, "t_pkey", cols);
	add_table(s, "t_pkey1", cols);
	/* Names are compared exactly, as PostgreSQL compares them. */
	add_table(s, "T_A_KEY1", cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, "a"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, "t_a_key"), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "a"), 0);
	assert_int_equal(dbt_table_add_check(&c, t, "t_a_check", "a > 0", 5), 0);
	assert_int_equal(dbt_table_add_check(&c, t, NULL, "a > 1", 5), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(t->pk->name, "t_pkey2");
	assert_string_equal(t->uniques[1]->name, "t_a_key1");
	assert_string_equal(t->checks[1]->name, "t_a_check1");
	dbt_schema_free(s);
}

/* Each name space on its own: a check's name does not take an index's,
 * a table's does; names chosen earlier in the run are taken. */
static void generated_names_keep_their_name_spaces(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_table *t, *u;
	dbt_index *ix1, *ix2, *ix3;
	dbt_check *c;
	dbt_fk *fk;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, "t", cols);
	u = add_table(s, "u_a_idx", cols);
	assert_int_equal(dbt_table_add_check(&c, t, "t_a_idx", "a > 0", 5), 0);
	assert_int_equal(dbt_table_add_fk(&fk, u, "t_a_fkey", "t"), 0);
	assert_int_equal(dbt_fk_add_column(fk, "a"), 0);
	assert_int_equal(dbt_table_add_fk(&fk, t, NULL, "u_a_idx"), 0);
	assert_int_equal(dbt_fk_add_column(fk, "a"), 0);
	assert_int_equal(dbt_schema_add_index(&ix1, s, NULL, 0, "t", 0), 0);
	assert_int_equal(dbt_index_add_column(ix1, "a", 0), 0);
	assert_int_equal(dbt_schema_add_index(&ix2, s, NULL, 0, "t", 0), 0);
	assert_int_equal(dbt_index_add_column(ix2, "a", 1), 0);
	assert_int_equal(dbt_schema_add_index(&ix3, s, NULL, 0, "u", 0), 0);
	assert_int_equal(dbt_index_add_column(ix3, "a", 0), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(ix1->name, "t_a_idx");
	assert_string_equal(ix2->name, "t_a_idx1");
	assert_string_equal(ix3->name, "u_a_idx1");
	assert_string_equal(t->fks[0]->name, "t_a_fkey1");
	dbt_schema_free(s);
}

/* Unnamed indexes of another schema's table are named in that schema,
 * each after those chosen before it: the second is "..._idx1". */
static void generated_index_names_of_another_schema_follow_each_other(void **state)
{
	static const char *const cols[] = {"a", NULL};
	dbt_schema *s;
	dbt_index *ix1, *ix2, *ix3;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	add_table(s, "audit\x1ft", cols);
	assert_int_equal(dbt_schema_add_index(&ix1, s, NULL, 0, "audit\x1ft", 0), 0);
	assert_int_equal(dbt_index_add_column(ix1, "a", 0), 0);
	assert_int_equal(dbt_schema_add_index(&ix2, s, NULL, 0, "audit\x1ft", 0), 0);
	assert_int_equal(dbt_index_add_column(ix2, "a", 1), 0);
	assert_int_equal(dbt_schema_add_index(&ix3, s, NULL, 0, "audit\x1ft", 0), 0);
	assert_int_equal(dbt_index_add_column(ix3, "a", 0), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(ix1->name, "audit\x1ft_a_idx");
	assert_string_equal(ix2->name, "audit\x1ft_a_idx1");
	assert_string_equal(ix3->name, "audit\x1ft_a_idx2");
	dbt_schema_free(s);
}

/* Thousands of tables whose generated names collide in turn: each gets
 * the next free number, as PostgreSQL would choose. */
static void generated_names_of_many_tables(void **state)
{
	static const char *const cols[] = {"a", NULL};
	enum { N = 3000 };
	char name[32];
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk;
	size_t i;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "t%zu", i);
		t = add_table(s, name, cols);
		assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
		assert_int_equal(dbt_unique_add_column(pk, "a"), 0);
	}
	/* Tables named like the keys the first tables get: their keys move
	 * on to the next number. */
	add_table(s, "t0_pkey", cols);
	add_table(s, "t1_pkey", cols);
	add_table(s, "t1_pkey1", cols);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(s->tables[0]->pk->name, "t0_pkey1");
	assert_string_equal(s->tables[1]->pk->name, "t1_pkey2");
	assert_string_equal(s->tables[2]->pk->name, "t2_pkey");
	assert_string_equal(s->tables[N - 1]->pk->name, "t2999_pkey");
	dbt_schema_free(s);
}

static void long_generated_names_are_cut_to_63_bytes(void **state)
{
	char tname[61], cname[31];
	const char *cols[3] = {cname, "b", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *pk, *u;
	dbt_check *c;
	dbt_index *ix;
	char want[64];

	(void)state;
	memset(tname, 'a', 60);
	tname[60] = '\0';
	memset(cname, 'c', 30);
	cname[30] = '\0';
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, tname, cols);
	assert_int_equal(dbt_table_set_pk(&pk, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(pk, cname), 0);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "b"), 0);
	assert_int_equal(dbt_table_add_check(&c, t, NULL, cname, 30), 0);
	assert_int_equal(dbt_schema_add_index(&ix, s, NULL, 0, tname, 0), 0);
	assert_int_equal(dbt_index_add_column(ix, "b", 0), 0);
	assert_int_equal(dbt_index_add_column(ix, cname, 0), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	/* What PostgreSQL 15 names them. */
	snprintf(want, sizeof(want), "%.58s_pkey", tname);
	assert_string_equal(t->pk->name, want);
	snprintf(want, sizeof(want), "%.57s_b_key", tname);
	assert_string_equal(t->uniques[0]->name, want);
	snprintf(want, sizeof(want), "%.28s_%.28s_check", tname, cname);
	assert_string_equal(t->checks[0]->name, want);
	snprintf(want, sizeof(want), "%.29s_b_%.27s_idx", tname, cname);
	assert_string_equal(ix->name, want);
	assert_int_equal(strlen(ix->name), 63);
	dbt_schema_free(s);
}

static void generated_names_do_not_split_utf8_characters(void **state)
{
	/* 31 two-byte characters: PostgreSQL keeps 28 of them. */
	static const char e[] = "\xc3\xa9";
	char tname[63] = "";
	const char *cols[2] = {"\xc3\xbc", NULL};
	dbt_schema *s;
	dbt_table *t;
	dbt_unique *u;
	char want[64] = "";
	int i;

	(void)state;
	for (i = 0; i < 31; i++)
		strcat(tname, e);
	for (i = 0; i < 28; i++)
		strcat(want, e);
	strcat(want, "_\xc3\xbc_key");
	assert_int_equal(dbt_schema_new(&s), 0);
	t = add_table(s, tname, cols);
	assert_int_equal(dbt_table_add_unique(&u, t, NULL), 0);
	assert_int_equal(dbt_unique_add_column(u, "\xc3\xbc"), 0);
	assert_int_equal(dbt_schema_name_auto(s), 0);
	assert_string_equal(u->name, want);
	dbt_schema_free(s);
}

/* ----------------------------------------------------- foreign-key actions */

static void assert_fk_action(const char *text, dbt_fk_action want)
{
	dbt_fk_action got = (dbt_fk_action)99;

	assert_int_equal(dbt_fk_action_parse(&got, text, strlen(text)), 0);
	assert_int_equal(got, want);
}

static void fk_action_names_are_the_sql_words(void **state)
{
	(void)state;
	assert_string_equal(dbt_fk_action_name(DBT_FK_NO_ACTION), "NO ACTION");
	assert_string_equal(dbt_fk_action_name(DBT_FK_RESTRICT), "RESTRICT");
	assert_string_equal(dbt_fk_action_name(DBT_FK_CASCADE), "CASCADE");
	assert_string_equal(dbt_fk_action_name(DBT_FK_SET_NULL), "SET NULL");
	assert_string_equal(dbt_fk_action_name(DBT_FK_SET_DEFAULT), "SET DEFAULT");
	assert_null(dbt_fk_action_name((dbt_fk_action)5));
	assert_null(dbt_fk_action_name((dbt_fk_action)-1));
}

static void fk_action_parse_reads_its_name_back(void **state)
{
	int a;

	(void)state;
	for (a = DBT_FK_NO_ACTION; a <= DBT_FK_SET_DEFAULT; a++)
		assert_fk_action(dbt_fk_action_name((dbt_fk_action)a), (dbt_fk_action)a);
}

static void fk_action_parse_ignores_case_blanks_and_comments(void **state)
{
	(void)state;
	assert_fk_action("cascade", DBT_FK_CASCADE);
	assert_fk_action("  Restrict\n", DBT_FK_RESTRICT);
	assert_fk_action("set  null", DBT_FK_SET_NULL);
	assert_fk_action("SET /* x */ Default", DBT_FK_SET_DEFAULT);
	assert_fk_action("no -- none\n action", DBT_FK_NO_ACTION);
}

static void fk_action_parse_refuses_what_is_no_action(void **state)
{
	static const char *const bad[] = {
		"",	     "remove",		"set",		"no",	     "set action",
		"no null",   "cascade cascade", "set null now", "'cascade'", "\"cascade\"",
		"cascade '",
	};
	dbt_fk_action got = DBT_FK_CASCADE;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(dbt_fk_action_parse(&got, bad[i], strlen(bad[i])), DBT_EPARSE);
		assert_int_equal(got, DBT_FK_CASCADE);
	}
	assert_int_equal(dbt_fk_action_parse(&got, "remove", 6), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "unknown foreign key action 'remove'");
	/* Only the `len` bytes given are read. */
	assert_int_equal(dbt_fk_action_parse(&got, "set nullify", 8), 0);
	assert_int_equal(got, DBT_FK_SET_NULL);
}

static void fk_action_from_postgres_letters(void **state)
{
	(void)state;
	assert_int_equal(dbt_fk_action_from_postgres("a"), DBT_FK_NO_ACTION);
	assert_int_equal(dbt_fk_action_from_postgres("r"), DBT_FK_RESTRICT);
	assert_int_equal(dbt_fk_action_from_postgres("c"), DBT_FK_CASCADE);
	assert_int_equal(dbt_fk_action_from_postgres("n"), DBT_FK_SET_NULL);
	assert_int_equal(dbt_fk_action_from_postgres("d"), DBT_FK_SET_DEFAULT);
	assert_int_equal(dbt_fk_action_from_postgres("x"), DBT_FK_NO_ACTION);
	assert_int_equal(dbt_fk_action_from_postgres(""), DBT_FK_NO_ACTION);
	assert_int_equal(dbt_fk_action_from_postgres(NULL), DBT_FK_NO_ACTION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integer_aliases_map_to_integer_kinds),
		cmocka_unit_test(serial_types_are_integers_with_the_serial_flag),
		cmocka_unit_test(boolean_aliases),
		cmocka_unit_test(floating_point_aliases),
		cmocka_unit_test(numeric_precision_and_scale),
		cmocka_unit_test(character_aliases_and_lengths),
		cmocka_unit_test(date_and_time_aliases),
		cmocka_unit_test(time_precision_six_is_kept),
		cmocka_unit_test(binary_json_and_uuid_aliases),
		cmocka_unit_test(type_names_allow_comments_between_words),
		cmocka_unit_test(unknown_type_is_an_error_at_its_word),
		cmocka_unit_test(type_parameter_out_of_range_is_an_error),
		cmocka_unit_test(numeric_takes_negative_scale_and_scale_above_precision),
		cmocka_unit_test(malformed_type_parameters_are_errors),
		cmocka_unit_test(trailing_text_after_a_type_is_an_error),
		cmocka_unit_test(text_and_integer_kinds),
		cmocka_unit_test(postgres_aliases_of_one_type_are_that_type),
		cmocka_unit_test(postgres_jsonb_is_not_json),
		cmocka_unit_test(postgres_types_beyond_the_portable_ones_read_as_format_type),
		cmocka_unit_test(postgres_user_types_fold_like_names),
		cmocka_unit_test(sqlite_declared_type_is_the_type),
		cmocka_unit_test(sqlite_int_is_not_integer),
		cmocka_unit_test(type_equality),
		cmocka_unit_test(declared_type_keeps_any_name),
		cmocka_unit_test(declared_type_after_a_dropped_qualifier_is_the_portable_type),
		cmocka_unit_test(copied_type_owns_its_strings),
		cmocka_unit_test(sqlite_rowid_alias_is_only_integer_primary_key),
		cmocka_unit_test(add_column_take_keeps_the_name_and_type_it_is_given),
		cmocka_unit_test(expression_spacing_is_canonical),
		cmocka_unit_test(expression_case_folds_words_and_raises_keywords),
		cmocka_unit_test(expression_outer_parentheses_are_removed),
		cmocka_unit_test(expression_unary_signs_bind_tightly),
		cmocka_unit_test(expression_signs_never_fuse_with_operators),
		cmocka_unit_test(canonical_expression_is_a_fixed_point),
		cmocka_unit_test(expression_strings_are_kept_verbatim),
		cmocka_unit_test(expression_quoted_identifiers_unquote_when_plain),
		cmocka_unit_test(expression_sqlite_quoted_names_are_double_quoted),
		cmocka_unit_test(expression_comments_are_dropped),
		cmocka_unit_test(expression_cast_types_are_canonical),
		cmocka_unit_test(expression_that_does_not_tokenize_is_an_error),
		cmocka_unit_test(empty_expression_is_an_error),
		cmocka_unit_test(schema_builds_and_finds_by_exact_name),
		cmocka_unit_test(pointers_stay_valid_as_objects_are_added),
		cmocka_unit_test(free_accepts_null),
		cmocka_unit_test(second_primary_key_is_refused),
		cmocka_unit_test(default_is_stored_normalised),
		cmocka_unit_test(default_null_means_no_default),
		cmocka_unit_test(bad_default_leaves_the_old_one),
		cmocka_unit_test(check_index_expression_and_where_are_normalised),
		cmocka_unit_test(primary_key_columns_become_not_null),
		cmocka_unit_test(unique_repeating_primary_key_is_dropped),
		cmocka_unit_test(unique_repeating_an_earlier_unique_is_dropped),
		cmocka_unit_test(generated_names_follow_postgresql),
		cmocka_unit_test(generated_name_gets_a_number_when_taken),
		cmocka_unit_test(generated_names_keep_their_name_spaces),
		cmocka_unit_test(generated_index_names_of_another_schema_follow_each_other),
		cmocka_unit_test(generated_names_of_many_tables),
		cmocka_unit_test(long_generated_names_are_cut_to_63_bytes),
		cmocka_unit_test(generated_names_do_not_split_utf8_characters),
		cmocka_unit_test(fk_action_names_are_the_sql_words),
		cmocka_unit_test(fk_action_parse_reads_its_name_back),
		cmocka_unit_test(fk_action_parse_ignores_case_blanks_and_comments),
		cmocka_unit_test(fk_action_parse_refuses_what_is_no_action),
		cmocka_unit_test(fk_action_from_postgres_letters),
		cmocka_unit_test(a_column_has_no_places_until_one_is_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
