/*
 * test_type.c - the one table of type words (type.h): which words name a
 * portable type, which continue a type's name, which may start a typed
 * literal, and what PostgreSQL's normal form makes of its aliases and of
 * the keywords of its type syntax.  The type parser's own cases are in
 * test_schema.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "type.h"

static int portable(const char *w)
{
	return dbt_type_name_is_portable(w, strlen(w));
}

static int continues(const char *w)
{
	return dbt_type_word_continues(w, strlen(w));
}

static int literal(const char *w)
{
	return dbt_type_word_starts_literal(w, strlen(w));
}

/* PostgreSQL's normal form of `text`: its text, or the canonical
 * spelling of its kind when it has none. */
static void assert_pg(const char *text, const char *want)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_type t;

	assert_int_equal(dbt_type_from_postgres(&t, text), 0);
	dbt_type_format(&b, &t);
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, want);
	dbt_buf_release(&b);
	dbt_type_release(&t);
}

static void every_portable_name_is_found_in_any_case(void **state)
{
	static const char *const names[] = {
		"bigint",      "bigserial", "blob",	 "bool",      "boolean",     "bpchar",
		"bytea",       "char",	    "character", "date",      "datetime",    "dec",
		"decimal",     "double",    "float",	 "float4",    "float8",	     "int",
		"int2",	       "int4",	    "int8",	 "integer",   "json",	     "numeric",
		"real",	       "serial",    "serial2",	 "serial4",   "serial8",     "smallint",
		"smallserial", "text",	    "time",	 "timestamp", "timestamptz", "timetz",
		"uuid",	       "varchar",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char upper[32];
		size_t j;

		assert_true(portable(names[i]));
		for (j = 0; names[i][j]; j++)
			upper[j] =
				(char)(names[i][j] >= 'a' && names[i][j] <= 'z' ? names[i][j] - 32
										: names[i][j]);
		upper[j] = '\0';
		assert_true(portable(upper));
	}
}

static void words_of_the_type_syntax_name_no_portable_type(void **state)
{
	static const char *const words[] = {
		"bit",
		"interval",
		"jsonb",
		"inet",
		"varbit",
		"national",
		"nchar",
		"precision",
		"with",
		"zone",
		"varying",
		"xml",
		"",
		"in",
		"serial9",
		"integers",
		"character varying",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		assert_false(portable(words[i]));
	/* Only the `len` bytes given are read. */
	assert_true(dbt_type_name_is_portable("intx", 3));
	assert_false(dbt_type_name_is_portable("integer", 5));
}

static void continuation_words_are_the_six_of_the_type_syntax(void **state)
{
	static const char *const yes[] = {"precision", "varying", "with", "without",
					  "time",      "zone",	  "ZONE", "Precision"};
	static const char *const no[] = {"int",	      "array",	   "zones",    "",	  "double",
					 "character", "timestamp", "unsigned", "national"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(continues(yes[i]));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(continues(no[i]));
}

/* Besides the one-word types: the first word of DOUBLE PRECISION '1.5' and
 * CHARACTER VARYING 'x', FLOAT and DEC, and the names PostgreSQL takes as
 * any type's (VARBIT '101', BPCHAR 'x'). */
static void typed_literal_words(void **state)
{
	static const char *const yes[] = {
		"bigint",      "bit",	  "bool",    "boolean",	 "bytea", "char",   "cidr",
		"date",	       "decimal", "float4",  "float8",	 "inet",  "int",    "int2",
		"int4",	       "int8",	  "integer", "interval", "json",  "jsonb",  "macaddr",
		"money",       "numeric", "real",    "smallint", "text",  "time",   "timestamp",
		"timestamptz", "timetz",  "uuid",    "varchar",	 "xml",	  "DATE",   "Interval",
		"character",   "double",  "dec",     "varbit",	 "float", "bpchar",
	};
	static const char *const no[] = {"serial", "datetime", "blob", "with",
					 "zone",   "national", ""};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(literal(yes[i]));
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(literal(no[i]));
}

static void postgres_names_its_aliases_in_types_it_does_not_parse(void **state)
{
	(void)state;
	assert_pg("varbit", "bit varying");
	assert_pg("VARBIT(5)", "bit varying(5)");
	assert_pg("varchar(0)", "character varying(0)");
	assert_pg("char(0)", "character(0)");
	assert_pg("timestamptz(9)", "timestamp with time zone(9)");
	assert_pg("timetz(9)", "time with time zone(9)");
	assert_pg("float8 x", "double precision x");
	assert_pg("int4 x", "integer x");
	assert_pg("bool x", "boolean x");
	assert_pg("decimal(0)", "numeric(0)");
}

static void postgres_keeps_quotes_on_keywords_of_its_type_syntax(void **state)
{
	static const char *const kept[] = {"\"bit\"",	    "\"char\"",	    "\"national\"",
					   "\"precision\"", "\"interval\"", "\"varchar\"",
					   "\"time\"",	    "\"dec\""};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_pg(kept[i], kept[i]);
	assert_pg("\"mood\"", "mood");
	assert_pg("\"zone\"", "zone");
	assert_pg("\"uuid\"", "uuid");
}

/* A quoted name written bare is spaced as the bare word it becomes, so
 * that the normal form reads back as itself: "- x" after a word, as for
 * a word; "-x" (a sign) after '(' or ','. */
static void postgres_spaces_a_quoted_name_made_bare_as_a_word(void **state)
{
	(void)state;
	assert_pg("\"t\"(a -\"hi\" b)", "t(a - hi b)");
	assert_pg("t(a - hi b)", "t(a - hi b)");
	assert_pg("\"t\"(-\"hi\", -\"x\")", "t(-hi,-x)");
	assert_pg("t(-hi,-x)", "t(-hi,-x)");
}

/* A sign is written against a number, but not against an operator:
 * "(--1)" would read back as "(" and a comment (and a sign after a sign
 * is spaced as the operand it is). */
static void a_sign_before_an_operator_keeps_its_space(void **state)
{
	dbt_type t;

	(void)state;
	assert_pg("x(- - 1)", "x(- - 1)");
	assert_pg("x(+ -1, -2)", "x(+ - 1,-2)");
	assert_int_equal(dbt_type_declare(&t, NULL, "x(- - 1)", 8, NULL), 0);
	assert_string_equal(t.decl, "x(- - 1)");
	dbt_type_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_portable_name_is_found_in_any_case),
		cmocka_unit_test(words_of_the_type_syntax_name_no_portable_type),
		cmocka_unit_test(continuation_words_are_the_six_of_the_type_syntax),
		cmocka_unit_test(typed_literal_words),
		cmocka_unit_test(postgres_names_its_aliases_in_types_it_does_not_parse),
		cmocka_unit_test(postgres_keeps_quotes_on_keywords_of_its_type_syntax),
		cmocka_unit_test(postgres_spaces_a_quoted_name_made_bare_as_a_word),
		cmocka_unit_test(a_sign_before_an_operator_keeps_its_space),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
