/*
 * test_reflect_postgres_types.c - reading PostgreSQL's schemas,
 * extensions, enums, composite and range types, domains and sequences as
 * definitions (reflect_postgres_types.c): each kind created, reflected and
 * its fields asserted; what is left out (objects of extensions, array and
 * row types, sequences that a column owns, system and scratch schemas);
 * the dependencies; the create statements run in a schema of another name
 * giving objects that read the same; sequences changed in place; and the
 * ALTER TYPE ... ADD VALUE statements that change an enum.
 *
 * Like test_reflect_postgres.c, the tests need a PostgreSQL superuser
 * connection, whose URL they read from DBTOOL_TEST_PG_URL (scripts/test
 * starts a throwaway cluster and sets it); they fail without it.  Each
 * test has a database of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtool.h"
#include "dialect.h"
#include "parse.h"
#include "reflect_postgres_objects.h"
#include "schema.h"
#include "testutil.h"

static const struct dbt_dialect *const pg = &dbt_dialect_postgres;

struct fixture {
	char dbname[64];
	dbt_conn *conn; /* to the scratch database */
};

/* Each test has a scratch database of its own (testutil.h). */
static int group_setup(void **state)
{
	(void)state;
	return test_pg_start("dbt_types");
}

static int group_teardown(void **state)
{
	(void)state;
	return test_pg_stop();
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || test_pg_take(f->dbname, sizeof(f->dbname), &f->conn) < 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc;

	pg->close(f->conn);
	rc = test_pg_drop(f->dbname);
	free(f);
	return rc;
}

/* ------------------------------------------------------------- helpers */

static void exec_ok(struct fixture *f, const char *sql)
{
	if (pg->exec_script(f->conn, sql, "ddl.sql", 1) < 0)
		fail_msg("the DDL fails: %s", dbt_error_last());
}

static dbt_schema *reflect_ok(struct fixture *f, const char *schema_name)
{
	dbt_schema *s = NULL;

	if (dbt_postgres_reflect(&s, f->conn, schema_name) < 0)
		fail_msg("reflection fails: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

/* The object of `kind` and `name`, which must be there. */
static const dbt_object *get(const dbt_schema *s, dbt_object_kind kind, const char *name)
{
	const dbt_object *obj = dbt_schema_find_object(s, kind, name);

	if (!obj)
		fail_msg("no %s '%s' was reflected", dbt_object_kind_name(kind), name);
	return obj;
}

/* The names of the objects of `kind`, in their order, one a line. */
static char *names(const dbt_schema *s, dbt_object_kind kind)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;
	char *text;

	dbt_buf_puts(&b, "");
	for (i = 0; i < s->nobjects; i++)
		if (s->objects[i]->kind == kind)
			dbt_buf_printf(&b, "%s\n", s->objects[i]->name);
	assert_false(b.oom);
	text = dbt_buf_detach(&b);
	assert_non_null(text);
	return text;
}

static void assert_names(const dbt_schema *s, dbt_object_kind kind, const char *want)
{
	char *got = names(s, kind);

	assert_string_equal(got, want);
	free(got);
}

/* The deps of `obj`, sorted, one a line. */
static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void assert_deps(const dbt_object *obj, const char *want)
{
	dbt_buf b = DBT_BUF_INIT;
	char **v = calloc(obj->ndeps + 1, sizeof(*v));
	size_t i;

	assert_non_null(v);
	if (obj->ndeps)
		memcpy(v, obj->deps, obj->ndeps * sizeof(*v));
	qsort(v, obj->ndeps, sizeof(*v), compare_strings);
	dbt_buf_puts(&b, "");
	for (i = 0; i < obj->ndeps; i++)
		dbt_buf_printf(&b, "%s\n", v[i]);
	assert_false(b.oom);
	assert_string_equal(b.ptr, want);
	dbt_buf_release(&b);
	free(v);
}

static void assert_object(const dbt_object *obj, const char *definition, const char *create_sql,
			  const char *drop_sql, const char *replace_sql)
{
	assert_null(obj->table);
	assert_string_equal(obj->definition, definition);
	assert_string_equal(obj->create_sql, create_sql);
	assert_string_equal(obj->drop_sql, drop_sql);
	if (replace_sql)
		assert_string_equal(obj->replace_sql, replace_sql);
	else
		assert_null(obj->replace_sql);
	assert_int_equal(obj->line, 0);
	assert_int_equal(obj->col, 0);
}

/* Every field of every object, one object a paragraph. */
static char *dump_objects(const dbt_schema *s)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i, j;
	char *text;

	dbt_buf_puts(&b, "");
	for (i = 0; i < s->nobjects; i++) {
		const dbt_object *o = s->objects[i];

		dbt_buf_printf(&b,
			       "%s %s\n  definition: %s\n  create: %s\n  drop: %s\n"
			       "  replace: %s\n",
			       dbt_object_kind_name(o->kind), o->name, o->definition, o->create_sql,
			       o->drop_sql, o->replace_sql ? o->replace_sql : "(none)");
		for (j = 0; j < o->ndeps; j++)
			dbt_buf_printf(&b, "  dep: %s\n", o->deps[j]);
	}
	assert_false(b.oom);
	text = dbt_buf_detach(&b);
	assert_non_null(text);
	return text;
}

/* ------------------------------------------------------------- schemas */

static void user_schemas_are_objects_but_not_system_public_scratch_or_version_ones(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE SCHEMA audit;\n"
		   "CREATE SCHEMA \"Mixed Case\";\n"
		   "CREATE SCHEMA dbtool_scratch_0123abcd;\n"
		   "CREATE SCHEMA meta;\n"
		   "CREATE TABLE meta.dbtool_version (version_num TEXT);\n"
		   "CREATE TABLE audit.log (id INTEGER);\n");
	s = reflect_ok(f, NULL);
	/* meta holds dbtool's version table (version_schema = meta) */
	assert_names(s, DBT_OBJ_SCHEMA, "\"Mixed Case\"\naudit\n");
	assert_object(get(s, DBT_OBJ_SCHEMA, "audit"), "audit", "CREATE SCHEMA audit;",
		      "DROP SCHEMA audit;", NULL);
	assert_object(get(s, DBT_OBJ_SCHEMA, "\"Mixed Case\""), "\"Mixed Case\"",
		      "CREATE SCHEMA \"Mixed Case\";", "DROP SCHEMA \"Mixed Case\";", NULL);
	assert_int_equal(get(s, DBT_OBJ_SCHEMA, "audit")->ndeps, 0);
	dbt_schema_free(s);

	/* The managed schema is not one of its objects; public never is. */
	s = reflect_ok(f, "audit");
	assert_names(s, DBT_OBJ_SCHEMA, "\"Mixed Case\"\n");
	dbt_schema_free(s);
}

static void schemas_of_an_extension_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	/* An extension script may create a schema, which is then its
	 * member: dropping the extension drops it. */
	exec_ok(f, "CREATE SCHEMA kept;\n"
		   "CREATE EXTENSION citext;\n"
		   "CREATE SCHEMA of_ext;\n"
		   "ALTER EXTENSION citext ADD SCHEMA of_ext;\n");
	s = reflect_ok(f, NULL);
	assert_names(s, DBT_OBJ_SCHEMA, "kept\n");
	dbt_schema_free(s);
}

/* ---------------------------------------------------------- extensions */

static void extensions_are_read_with_their_schema_and_what_they_require(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	exec_ok(f, "CREATE EXTENSION citext;\n"
		   "CREATE SCHEMA geo;\n"
		   "CREATE EXTENSION cube WITH SCHEMA geo;\n"
		   "CREATE EXTENSION earthdistance WITH SCHEMA geo;\n");
	s = reflect_ok(f, NULL);
	/* plpgsql is always there and left out */
	assert_names(s, DBT_OBJ_EXTENSION, "citext\ncube\nearthdistance\n");
	o = get(s, DBT_OBJ_EXTENSION, "citext");
	assert_object(o, "citext", "CREATE EXTENSION IF NOT EXISTS citext;",
		      "DROP EXTENSION citext;", NULL);
	assert_deps(o, "");
	o = get(s, DBT_OBJ_EXTENSION, "cube");
	assert_object(o, "cube WITH SCHEMA geo",
		      "CREATE EXTENSION IF NOT EXISTS cube WITH SCHEMA geo;",
		      "DROP EXTENSION cube;", NULL);
	assert_deps(o, "schema geo\n");
	o = get(s, DBT_OBJ_EXTENSION, "earthdistance");
	assert_object(o, "earthdistance WITH SCHEMA geo",
		      "CREATE EXTENSION IF NOT EXISTS earthdistance WITH SCHEMA geo;",
		      "DROP EXTENSION earthdistance;", NULL);
	assert_deps(o, "extension cube\nschema geo\n");
	dbt_schema_free(s);

	/* Read for the schema geo, cube lives in the managed schema and
	 * citext in public. */
	s = reflect_ok(f, "geo");
	assert_string_equal(get(s, DBT_OBJ_EXTENSION, "cube")->definition, "cube");
	assert_string_equal(get(s, DBT_OBJ_EXTENSION, "citext")->definition,
			    "citext WITH SCHEMA public");
	assert_deps(get(s, DBT_OBJ_EXTENSION, "earthdistance"), "extension cube\n");
	dbt_schema_free(s);
}

static void objects_of_extensions_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	size_t i;

	/* citext brings a type, cube a type and earthdistance a domain, all
	 * in public; hstore and pg_trgm bring more types and functions. */
	exec_ok(f, "CREATE EXTENSION citext;\n"
		   "CREATE EXTENSION cube;\n"
		   "CREATE EXTENSION earthdistance;\n"
		   "CREATE EXTENSION hstore;\n"
		   "CREATE EXTENSION pg_trgm;\n");
	s = reflect_ok(f, NULL);
	for (i = 0; i < s->nobjects; i++)
		assert_int_equal(s->objects[i]->kind, DBT_OBJ_EXTENSION);
	assert_names(s, DBT_OBJ_EXTENSION, "citext\ncube\nearthdistance\nhstore\npg_trgm\n");
	dbt_schema_free(s);
}

/* --------------------------------------------------------------- enums */

static void enum_labels_are_read_in_their_order(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	exec_ok(f, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s', 'a\\b', '');\n"
		   "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';\n"
		   "CREATE TYPE \"Empty\" AS ENUM ();\n"
		   "CREATE TYPE \"select\" AS ENUM ('x');\n");
	s = reflect_ok(f, NULL);
	assert_names(s, DBT_OBJ_ENUM, "\"Empty\"\n\"select\"\nmood\n");
	o = get(s, DBT_OBJ_ENUM, "mood");
	assert_object(o, "ENUM ('sad', 'meh', 'ok', 'it''s', 'a\\b', '')",
		      "CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'it''s', 'a\\b', '');",
		      "DROP TYPE mood;", NULL);
	assert_deps(o, "");
	assert_object(get(s, DBT_OBJ_ENUM, "\"Empty\""), "ENUM ()",
		      "CREATE TYPE \"Empty\" AS ENUM ();", "DROP TYPE \"Empty\";", NULL);
	assert_object(get(s, DBT_OBJ_ENUM, "\"select\""), "ENUM ('x')",
		      "CREATE TYPE \"select\" AS ENUM ('x');", "DROP TYPE \"select\";", NULL);
	/* neither the array types nor anything else came along */
	assert_int_equal(s->nobjects, 3);
	dbt_schema_free(s);
}

/* --------------------------------------------------------- other types */

static void composite_types_are_read_but_not_row_types_of_tables(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	exec_ok(f,
		"CREATE TABLE item (id INTEGER, name TEXT);\n"
		"CREATE VIEW item_names AS SELECT name FROM item;\n"
		"CREATE TYPE pair AS (a int4, \"B\" varchar(10) COLLATE \"C\", c numeric(8,2)[]);\n"
		"CREATE TYPE dropped AS (a int, gone int, b text);\n"
		"ALTER TYPE dropped DROP ATTRIBUTE gone;\n");
	s = reflect_ok(f, NULL);
	assert_names(s, DBT_OBJ_TYPE, "dropped\npair\n");
	o = get(s, DBT_OBJ_TYPE, "pair");
	assert_object(o, "(a integer, \"B\" character varying(10) COLLATE \"C\", c numeric(8,2)[])",
		      "CREATE TYPE pair AS (a integer, \"B\" character varying(10) COLLATE \"C\", "
		      "c numeric(8,2)[]);",
		      "DROP TYPE pair;", NULL);
	assert_deps(o, "");
	assert_object(get(s, DBT_OBJ_TYPE, "dropped"), "(a integer, b text)",
		      "CREATE TYPE dropped AS (a integer, b text);", "DROP TYPE dropped;", NULL);
	/* the two types and the view (the view reader's), no row type */
	assert_int_equal(s->nobjects, 3);
	assert_non_null(get(s, DBT_OBJ_VIEW, "item_names"));
	dbt_schema_free(s);
}

static void range_types_are_read_with_what_is_not_the_default(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);\n"
		   "CREATE TYPE textspan AS RANGE (subtype = text, collation = \"C\");\n"
		   "CREATE TYPE plainspan AS RANGE (subtype = text, subtype_opclass = text_ops);\n"
		   "CREATE TYPE patternspan AS RANGE (subtype = text, "
		   "subtype_opclass = text_pattern_ops);\n"
		   "CREATE TYPE namedrange AS RANGE (subtype = int4, "
		   "multirange_type_name = many_named);\n");
	s = reflect_ok(f, NULL);
	/* the multirange types and the arrays are not objects of their own */
	assert_names(s, DBT_OBJ_TYPE, "floatrange\nnamedrange\npatternspan\nplainspan\ntextspan\n");
	assert_object(get(s, DBT_OBJ_TYPE, "floatrange"),
		      "RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi)",
		      "CREATE TYPE floatrange AS RANGE (SUBTYPE = double precision, "
		      "SUBTYPE_DIFF = float8mi);",
		      "DROP TYPE floatrange;", NULL);
	assert_string_equal(get(s, DBT_OBJ_TYPE, "textspan")->definition,
			    "RANGE (SUBTYPE = text, COLLATION = \"C\")");
	assert_string_equal(get(s, DBT_OBJ_TYPE, "plainspan")->definition,
			    "RANGE (SUBTYPE = text)");
	assert_string_equal(get(s, DBT_OBJ_TYPE, "patternspan")->definition,
			    "RANGE (SUBTYPE = text, SUBTYPE_OPCLASS = text_pattern_ops)");
	assert_string_equal(get(s, DBT_OBJ_TYPE, "namedrange")->definition,
			    "RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = many_named)");
	assert_int_equal(s->nobjects, 5);
	dbt_schema_free(s);
}

/* ------------------------------------------------------------- domains */

static void domains_are_read_with_collation_default_not_null_and_checks(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	exec_ok(f, "CREATE DOMAIN posint AS int4 DEFAULT 1 NOT NULL "
		   "CONSTRAINT z_small CHECK (VALUE < 1000) CHECK (VALUE > 0);\n"
		   "CREATE DOMAIN code AS varchar(8) COLLATE \"C\" "
		   "CHECK (VALUE ~ '^[A-Z]+$');\n"
		   "CREATE DOMAIN \"Note\" AS text;\n"
		   "CREATE DOMAIN stamp AS timestamp(3) with time zone DEFAULT now();\n"
		   "CREATE DOMAIN loose AS integer CONSTRAINT a CHECK (VALUE > 0);\n"
		   "ALTER DOMAIN loose ADD CONSTRAINT b CHECK (VALUE <> 13) NOT VALID;\n");
	s = reflect_ok(f, NULL);
	assert_names(s, DBT_OBJ_DOMAIN, "\"Note\"\ncode\nloose\nposint\nstamp\n");
	o = get(s, DBT_OBJ_DOMAIN, "posint");
	assert_object(o,
		      "integer DEFAULT 1 NOT NULL CONSTRAINT posint_check CHECK (VALUE > 0) "
		      "CONSTRAINT z_small CHECK (VALUE < 1000)",
		      "CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL "
		      "CONSTRAINT posint_check CHECK (VALUE > 0) "
		      "CONSTRAINT z_small CHECK (VALUE < 1000);",
		      "DROP DOMAIN posint;", NULL);
	assert_deps(o, "");
	assert_string_equal(get(s, DBT_OBJ_DOMAIN, "code")->definition,
			    "character varying(8) COLLATE \"C\" CONSTRAINT code_check "
			    "CHECK (VALUE::text ~ '^[A-Z]+$'::text)");
	assert_object(get(s, DBT_OBJ_DOMAIN, "\"Note\""), "text", "CREATE DOMAIN \"Note\" AS text;",
		      "DROP DOMAIN \"Note\";", NULL);
	assert_string_equal(get(s, DBT_OBJ_DOMAIN, "stamp")->definition,
			    "timestamp(3) with time zone DEFAULT now()");
	/* CREATE DOMAIN cannot say NOT VALID: the check is added after it */
	assert_object(get(s, DBT_OBJ_DOMAIN, "loose"),
		      "integer CONSTRAINT a CHECK (VALUE > 0) "
		      "CONSTRAINT b CHECK (VALUE <> 13) NOT VALID",
		      "CREATE DOMAIN loose AS integer CONSTRAINT a CHECK (VALUE > 0);\n"
		      "ALTER DOMAIN loose ADD CONSTRAINT b CHECK (VALUE <> 13) NOT VALID;",
		      "DROP DOMAIN loose;", NULL);
	assert_int_equal(s->nobjects, 5);
	dbt_schema_free(s);
}

/* ----------------------------------------------------------- sequences */

static void sequences_are_read_but_not_those_a_column_owns(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	exec_ok(f, "CREATE SEQUENCE plain;\n"
		   "CREATE SEQUENCE tuned AS int4 INCREMENT BY -2 MINVALUE -100 MAXVALUE 50 "
		   "START WITH 40 CACHE 5 CYCLE;\n"
		   "CREATE TABLE t (id SERIAL, n BIGINT GENERATED ALWAYS AS IDENTITY, "
		   "m INTEGER DEFAULT nextval('plain'), o INTEGER);\n"
		   "CREATE SEQUENCE owned OWNED BY t.o;\n"
		   "SELECT nextval('plain');\n");
	s = reflect_ok(f, NULL);
	/* t_id_seq (SERIAL), t_n_seq (identity) and owned (OWNED BY) are the
	 * columns' */
	assert_names(s, DBT_OBJ_SEQUENCE, "plain\ntuned\n");
	o = get(s, DBT_OBJ_SEQUENCE, "plain");
	assert_object(o,
		      "AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 "
		      "START WITH 1 CACHE 1 NO CYCLE",
		      "CREATE SEQUENCE plain AS bigint INCREMENT BY 1 MINVALUE 1 "
		      "MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;",
		      "DROP SEQUENCE plain;",
		      PQserverVersion(dbt_postgres_handle(f->conn)) >= 150000
			      ? "ALTER SEQUENCE plain AS bigint INCREMENT BY 1 MINVALUE 1 "
				"MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;\n"
				"ALTER SEQUENCE plain SET LOGGED;"
			      : "ALTER SEQUENCE plain AS bigint INCREMENT BY 1 MINVALUE 1 "
				"MAXVALUE 9223372036854775807 START WITH 1 CACHE 1 NO CYCLE;");
	/* the table whose default uses it is not the sequence's business */
	assert_deps(o, "");
	assert_string_equal(get(s, DBT_OBJ_SEQUENCE, "tuned")->definition,
			    "AS integer INCREMENT BY -2 MINVALUE -100 MAXVALUE 50 START WITH 40 "
			    "CACHE 5 CYCLE");
	assert_int_equal(s->nobjects, 2);
	dbt_schema_free(s);
}

static void unlogged_sequence_is_created_unlogged(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *o;

	if (PQserverVersion(dbt_postgres_handle(f->conn)) < 150000)
		skip(); /* no unlogged sequences before PostgreSQL 15 */
	exec_ok(f, "CREATE UNLOGGED SEQUENCE fast AS smallint;\n");
	s = reflect_ok(f, NULL);
	o = get(s, DBT_OBJ_SEQUENCE, "fast");
	assert_object(o,
		      "UNLOGGED AS smallint INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 "
		      "START WITH 1 CACHE 1 NO CYCLE",
		      "CREATE UNLOGGED SEQUENCE fast AS smallint INCREMENT BY 1 MINVALUE 1 "
		      "MAXVALUE 32767 START WITH 1 CACHE 1 NO CYCLE;",
		      "DROP SEQUENCE fast;",
		      "ALTER SEQUENCE fast AS smallint INCREMENT BY 1 MINVALUE 1 MAXVALUE 32767 "
		      "START WITH 1 CACHE 1 NO CYCLE;\n"
		      "ALTER SEQUENCE fast SET UNLOGGED;");
	dbt_schema_free(s);
}

static void sequence_replace_sql_changes_it_in_place_keeping_its_value(void **state)
{
	struct fixture *f = *state;
	dbt_schema *want, *got;
	PGresult *res;

	/* the wanted sequence, read and dropped; then the old one, in use */
	exec_ok(f, "CREATE SEQUENCE counter AS integer INCREMENT BY 5 MAXVALUE 100000 "
		   "START WITH 3 CACHE 10 CYCLE;\n");
	want = reflect_ok(f, NULL);
	exec_ok(f, "DROP SEQUENCE counter;\n"
		   "CREATE SEQUENCE counter;\n"
		   "SELECT setval('counter', 42);\n");
	exec_ok(f, get(want, DBT_OBJ_SEQUENCE, "counter")->replace_sql);
	got = reflect_ok(f, NULL);
	assert_string_equal(get(got, DBT_OBJ_SEQUENCE, "counter")->definition,
			    get(want, DBT_OBJ_SEQUENCE, "counter")->definition);
	res = PQexec(dbt_postgres_handle(f->conn), "SELECT nextval('counter')");
	assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(res, 0, 0), "47");
	PQclear(res);
	dbt_schema_free(want);
	dbt_schema_free(got);
}

/* -------------------------------------------------------- dependencies */

static void deps_name_the_types_tables_extensions_and_schemas_used(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE EXTENSION citext;\n"
		   "CREATE SCHEMA other;\n"
		   "CREATE TYPE other.far AS ENUM ('x');\n"
		   "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
		   "CREATE TABLE item (id INTEGER);\n"
		   "CREATE DOMAIN mood_d AS mood;\n"
		   "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"
		   "CREATE DOMAIN small AS posint CHECK (VALUE < 10);\n"
		   "CREATE DOMAIN email AS citext;\n"
		   "CREATE DOMAIN cast_check AS text CHECK (VALUE::mood IS NOT NULL);\n"
		   "CREATE SEQUENCE ticket;\n"
		   "CREATE FUNCTION is_even(n integer) RETURNS boolean "
		   "LANGUAGE sql IMMUTABLE AS 'SELECT n % 2 = 0';\n"
		   "CREATE DOMAIN even_ticket AS bigint DEFAULT nextval('ticket') "
		   "CHECK (is_even(VALUE::integer));\n"
		   "CREATE TYPE posrange AS RANGE (subtype = posint);\n"
		   "CREATE TYPE bundle AS (m mood[], s small, r posrange, mr posmultirange, "
		   "i item, e email, f other.far, n integer);\n");
	s = reflect_ok(f, NULL);
	assert_deps(get(s, DBT_OBJ_DOMAIN, "mood_d"), "enum mood\n");
	assert_deps(get(s, DBT_OBJ_DOMAIN, "posint"), "");
	assert_deps(get(s, DBT_OBJ_DOMAIN, "small"), "domain posint\n");
	assert_deps(get(s, DBT_OBJ_DOMAIN, "email"), "extension citext\n");
	assert_deps(get(s, DBT_OBJ_DOMAIN, "cast_check"), "enum mood\n");
	assert_deps(get(s, DBT_OBJ_DOMAIN, "even_ticket"),
		    "function is_even(n integer)\nsequence ticket\n");
	assert_deps(get(s, DBT_OBJ_TYPE, "posrange"), "domain posint\n");
	assert_deps(get(s, DBT_OBJ_TYPE, "bundle"),
		    "domain email\ndomain small\nenum mood\nitem\nschema other\ntype posrange\n");
	assert_string_equal(get(s, DBT_OBJ_TYPE, "bundle")->definition,
			    "(m mood[], s small, r posrange, mr posmultirange, i item, "
			    "e email, f other.far, n integer)");
	assert_deps(get(s, DBT_OBJ_ENUM, "mood"), "");
	dbt_schema_free(s);
}

/* ------------------------------------------ the same in another schema */

static const char every_kind[] =
	"CREATE SCHEMA ext;\n"
	"CREATE EXTENSION citext WITH SCHEMA ext;\n"
	"CREATE TYPE mood AS ENUM ('sad', 'it''s', 'ok');\n"
	"CREATE TYPE \"Order\" AS ENUM ();\n"
	"CREATE DOMAIN posint AS integer DEFAULT 1 NOT NULL CHECK (VALUE > 0);\n"
	"CREATE DOMAIN small AS posint CONSTRAINT below CHECK (VALUE < 10);\n"
	"CREATE DOMAIN email AS ext.citext COLLATE \"C\" CHECK (VALUE LIKE '%@%');\n"
	"CREATE DOMAIN happy AS mood DEFAULT 'ok'::mood CHECK (VALUE <> 'sad'::mood);\n"
	"CREATE DOMAIN loose AS integer NOT NULL;\n"
	"ALTER DOMAIN loose ADD CONSTRAINT later CHECK (VALUE <> 13) NOT VALID;\n"
	"CREATE TYPE posrange AS RANGE (subtype = posint);\n"
	"CREATE TYPE textspan AS RANGE (subtype = text, collation = \"C\", "
	"multirange_type_name = spans);\n"
	"CREATE TYPE bundle AS (m mood[], s small, r posrange, e email, "
	"t text COLLATE \"C\", h happy);\n"
	"CREATE SEQUENCE counter AS integer INCREMENT BY 5 START WITH 3 CACHE 10 CYCLE;\n"
	"CREATE SEQUENCE \"Big Seq\" MINVALUE -5 START WITH -5;\n";

/* The create_sql of every object of kind enum and later, each after the
 * objects of those kinds that its deps name; fails on a cycle. */
static void append_in_dependency_order(dbt_buf *sql, const dbt_schema *s)
{
	char *done = calloc(s->nobjects + 1, 1);
	dbt_buf key = DBT_BUF_INIT;
	size_t i, j, k, left = 0;
	int progress = 1, ready;

	assert_non_null(done);
	for (i = 0; i < s->nobjects; i++) {
		done[i] = s->objects[i]->kind < DBT_OBJ_ENUM;
		left += !done[i];
	}
	while (left > 0 && progress) {
		progress = 0;
		for (i = 0; i < s->nobjects; i++) {
			if (done[i])
				continue;
			ready = 1;
			for (j = 0; j < s->objects[i]->ndeps && ready; j++) {
				for (k = 0; k < s->nobjects; k++) {
					dbt_buf_clear(&key);
					dbt_buf_printf(&key, "%s %s",
						       dbt_object_kind_name(s->objects[k]->kind),
						       s->objects[k]->name);
					if (!done[k] &&
					    !strcmp(dbt_buf_str(&key), s->objects[i]->deps[j]))
						ready = 0;
				}
			}
			if (ready) {
				dbt_buf_printf(sql, "%s\n", s->objects[i]->create_sql);
				done[i] = 1;
				left--;
				progress = 1;
			}
		}
	}
	assert_false(key.oom);
	assert_int_equal(left, 0);
	dbt_buf_release(&key);
	free(done);
}

static void create_sql_in_another_schema_reads_the_same(void **state)
{
	struct fixture *f = *state;
	dbt_schema *live, *again;
	dbt_buf sql = DBT_BUF_INIT;
	char *a, *b;

	exec_ok(f, every_kind);
	live = reflect_ok(f, NULL);
	assert_names(live, DBT_OBJ_ENUM, "\"Order\"\nmood\n");
	assert_names(live, DBT_OBJ_TYPE, "bundle\nposrange\ntextspan\n");
	assert_names(live, DBT_OBJ_DOMAIN, "email\nhappy\nloose\nposint\nsmall\n");
	assert_names(live, DBT_OBJ_SEQUENCE, "\"Big Seq\"\ncounter\n");

	/* The schema and the extension are the database's: the objects of
	 * the schema are made again, each once what its deps name is there
	 * (a range may need a domain, which comes after it in kind order),
	 * in a schema whose name needs quotes. */
	dbt_buf_puts(&sql, "CREATE SCHEMA \"New Home\";\n"
			   "SET search_path = \"New Home\", pg_catalog;\n");
	append_in_dependency_order(&sql, live);
	assert_false(sql.oom);
	exec_ok(f, sql.ptr);
	exec_ok(f, "RESET search_path;\n");
	again = reflect_ok(f, "New Home");
	a = dump_objects(live);
	b = dump_objects(again);
	assert_string_equal(b, a);
	free(a);
	free(b);
	dbt_buf_release(&sql);
	dbt_schema_free(live);
	dbt_schema_free(again);
}

/* ------------------------------------------------------------- queries */

static unsigned long queries_to_reflect(struct fixture *f)
{
	unsigned long before = f->conn->nqueries;
	dbt_schema *s = reflect_ok(f, NULL);

	dbt_schema_free(s);
	return f->conn->nqueries - before;
}

/* Objects of every kind these readers read, numbered from `from` to
 * `to` - 1. */
static void make_type_objects(struct fixture *f, int from, int to)
{
	dbt_buf sql = DBT_BUF_INIT;
	int i;

	for (i = from; i < to; i++)
		dbt_buf_printf(&sql,
			       "CREATE SCHEMA s%d;\n"
			       "CREATE TYPE e%d AS ENUM ('a', 'b');\n"
			       "CREATE TYPE c%d AS (x e%d, y integer);\n"
			       "CREATE TYPE r%d AS RANGE (subtype = integer, "
			       "multirange_type_name = mr%d);\n"
			       "CREATE DOMAIN d%d AS integer CHECK (VALUE > 0);\n"
			       "CREATE SEQUENCE q%d;\n",
			       i, i, i, i, i, i, i, i);
	assert_false(sql.oom);
	exec_ok(f, sql.ptr);
	dbt_buf_release(&sql);
}

static void query_count_does_not_grow_with_the_objects(void **state)
{
	struct fixture *f = *state;
	unsigned long one, many;

	make_type_objects(f, 0, 1);
	exec_ok(f, "CREATE EXTENSION citext;\n");
	one = queries_to_reflect(f);
	make_type_objects(f, 1, 30);
	many = queries_to_reflect(f);
	assert_int_equal(many, one);
}

/* A schema without types, domains, sequences of its own, other schemas
 * or extensions costs no query of their kinds: fewer than one that has
 * one of them. */
static void schema_without_types_sends_no_type_query(void **state)
{
	struct fixture *f = *state;
	unsigned long none, one;

	exec_ok(f, "CREATE TABLE t (id serial PRIMARY KEY);\n");
	none = queries_to_reflect(f);
	exec_ok(f, "CREATE DOMAIN d AS integer;\n");
	one = queries_to_reflect(f);
	assert_true(none < one);
}

/* ------------------------------------------------------ enum ADD VALUE */

static dbt_object *enum_object(dbt_schema *s, const char *name, const char *definition)
{
	dbt_object *obj;

	assert_int_equal(dbt_schema_add_object(&obj, s, DBT_OBJ_ENUM, name, NULL, definition, "",
					       "", NULL),
			 0);
	return obj;
}

/* The statements that turn `from` into `to`, or NULL with the code in
 * *rc when there are none. */
static char *add_values(int *rc, const char *from, const char *to)
{
	dbt_schema *s = NULL;
	dbt_buf out = DBT_BUF_INIT;
	dbt_object *a, *b;

	assert_int_equal(dbt_schema_new(&s), 0);
	a = enum_object(s, "mood", from);
	b = enum_object(s, "mood", to);
	*rc = dbt_pg_enum_add_values(&out, a, b);
	dbt_schema_free(s);
	assert_false(out.oom);
	if (*rc < 0) {
		dbt_buf_release(&out);
		return NULL;
	}
	dbt_buf_puts(&out, "");
	return dbt_buf_detach(&out);
}

static void assert_add_values(const char *from, const char *to, const char *want)
{
	int rc;
	char *got = add_values(&rc, from, to);

	assert_int_equal(rc, 0);
	assert_string_equal(got, want);
	free(got);
}

static void enum_add_values_inserts_labels_where_the_new_enum_has_them(void **state)
{
	(void)state;
	assert_add_values("ENUM ('b', 'd')", "ENUM ('a', 'b', 'c', 'd', 'e')",
			  "ALTER TYPE mood ADD VALUE 'a' BEFORE 'b';\n"
			  "ALTER TYPE mood ADD VALUE 'c' AFTER 'b';\n"
			  "ALTER TYPE mood ADD VALUE 'e' AFTER 'd';");
	assert_add_values("ENUM ('z')", "ENUM ('x', 'y', 'z')",
			  "ALTER TYPE mood ADD VALUE 'x' BEFORE 'z';\n"
			  "ALTER TYPE mood ADD VALUE 'y' AFTER 'x';");
	assert_add_values("ENUM ()", "ENUM ('it''s', 'a\\b', '')",
			  "ALTER TYPE mood ADD VALUE 'it''s';\n"
			  "ALTER TYPE mood ADD VALUE 'a\\b' AFTER 'it''s';\n"
			  "ALTER TYPE mood ADD VALUE '' AFTER 'a\\b';");
	assert_add_values("ENUM ('a', 'b')", "ENUM ('a', 'b')", "");
}

static void enum_add_values_refuses_removed_or_reordered_labels(void **state)
{
	int rc;

	(void)state;
	assert_null(add_values(&rc, "ENUM ('a', 'b')", "ENUM ('a')"));
	assert_int_equal(rc, DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "enum 'mood' cannot be changed in place: labels "
					      "were removed or reordered");
	assert_null(add_values(&rc, "ENUM ('a', 'b')", "ENUM ('b', 'c', 'a')"));
	assert_int_equal(rc, DBT_ENOTFOUND);
	assert_null(add_values(&rc, "ENUM ('a')", "(a integer)"));
	assert_int_equal(rc, DBT_ENOTFOUND);
}

/* ------------------------------------------------------ enum recreate */

/* The columns of `model` (a table t), and an enum mood of `definition`. */
static dbt_schema *enum_and_table(dbt_object **mood, const char *definition, const char *model)
{
	dbt_schema *s = NULL;
	char create[128];

	assert_int_equal(dbt_parse_model(&s, "schema.sql", model, strlen(model)), 0);
	snprintf(create, sizeof(create), "CREATE TYPE mood AS %s;", definition);
	assert_int_equal(dbt_schema_add_object(mood, s, DBT_OBJ_ENUM, "mood", NULL, definition,
					       create, "DROP TYPE mood;", NULL),
			 0);
	return s;
}

/* An array column's default is an array literal: it comes back when each
 * of its labels is still there ('{}' has none), and stays away when one
 * is gone. */
static void enum_recreate_keeps_array_defaults_whose_labels_remain(void **state)
{
	dbt_object *mood;
	dbt_schema *s = enum_and_table(&mood, "ENUM ('a', 'b c')",
				       "CREATE TABLE t (e mood[] DEFAULT '{}', "
				       "f mood[] DEFAULT '{a,\"b c\",NULL}'::mood[], "
				       "g mood[] DEFAULT '{a,gone}')");
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_pg_type_recreate(&out, mood, s), 0);
	assert_false(out.oom);
	assert_string_equal(out.ptr,
			    "ALTER TYPE mood RENAME TO mood_old;\n"
			    "CREATE TYPE mood AS ENUM ('a', 'b c');\n"
			    "ALTER TABLE t ALTER COLUMN e DROP DEFAULT;\n"
			    "ALTER TABLE t ALTER COLUMN e TYPE mood[] USING e::text[]::mood[];\n"
			    "ALTER TABLE t ALTER COLUMN e SET DEFAULT '{}';\n"
			    "ALTER TABLE t ALTER COLUMN f DROP DEFAULT;\n"
			    "ALTER TABLE t ALTER COLUMN f TYPE mood[] USING f::text[]::mood[];\n"
			    "ALTER TABLE t ALTER COLUMN f SET DEFAULT '{a,\"b c\",NULL}'::mood[];\n"
			    "ALTER TABLE t ALTER COLUMN g DROP DEFAULT;\n"
			    "ALTER TABLE t ALTER COLUMN g TYPE mood[] USING g::text[]::mood[];\n"
			    "DROP TYPE mood_old;");
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

/* A default that takes a label the database's enum lacks makes the type
 * again; an empty array, or one of labels it has, does not. */
static void enum_default_uses_added_reads_array_defaults(void **state)
{
	dbt_object *old, *added;
	dbt_schema
		*s = enum_and_table(&added, "ENUM ('a', 'b', 'c')",
				    "CREATE TABLE t (e mood[] DEFAULT '{}', f mood DEFAULT 'a')"),
		*n = enum_and_table(&old, "ENUM ('a', 'c')",
				    "CREATE TABLE t (e mood[] DEFAULT '{c,b}')");

	(void)state;
	assert_int_equal(dbt_pg_enum_default_uses_added(old, added, s), 0);
	assert_int_equal(dbt_pg_enum_default_uses_added(old, added, n), 1);
	dbt_schema_free(s);
	dbt_schema_free(n);
}

/* The query that finds a value the new enum lacks, in a column of the
 * enum and in an array column of it; none for a column of another type. */
static void enum_lost_value_sql_reads_columns_and_array_elements(void **state)
{
	dbt_object *mood;
	dbt_schema *s = enum_and_table(&mood, "ENUM ('a', 'it''s')",
				       "CREATE TABLE \"T\" (e mood, f mood[], g TEXT, "
				       "h mood GENERATED ALWAYS AS ('a') STORED)");
	const dbt_table *t = s->tables[0];
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_pg_enum_lost_value_sql(&out, mood, t, t->columns[0]), 1);
	assert_string_equal(out.ptr, "SELECT v FROM (SELECT e::text AS v FROM \"T\") AS x WHERE v "
				     "IS NOT NULL AND v NOT IN ('a', 'it''s') LIMIT 1");
	dbt_buf_clear(&out);
	assert_int_equal(dbt_pg_enum_lost_value_sql(&out, mood, t, t->columns[1]), 1);
	assert_string_equal(out.ptr,
			    "SELECT v FROM (SELECT unnest(f)::text AS v FROM \"T\") AS x WHERE v "
			    "IS NOT NULL AND v NOT IN ('a', 'it''s') LIMIT 1");
	dbt_buf_clear(&out);
	assert_int_equal(dbt_pg_enum_lost_value_sql(&out, mood, t, t->columns[2]), 0);
	assert_int_equal(dbt_pg_enum_lost_value_sql(&out, mood, t, t->columns[3]), 0);
	assert_int_equal(out.len, 0);
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

static void enum_add_values_statements_give_the_new_enum(void **state)
{
	struct fixture *f = *state;
	dbt_schema *want, *old, *got;
	dbt_buf sql = DBT_BUF_INIT;

	exec_ok(f, "CREATE TYPE \"Mood\" AS ENUM ('new', 'sad', 'it''s', 'meh', 'ok', 'x\\y');\n");
	want = reflect_ok(f, NULL);
	exec_ok(f, "DROP TYPE \"Mood\";\n"
		   "CREATE TYPE \"Mood\" AS ENUM ('sad', 'ok');\n");
	old = reflect_ok(f, NULL);
	assert_int_equal(dbt_pg_enum_add_values(&sql, get(old, DBT_OBJ_ENUM, "\"Mood\""),
						get(want, DBT_OBJ_ENUM, "\"Mood\"")),
			 0);
	assert_false(sql.oom);
	exec_ok(f, sql.ptr);
	got = reflect_ok(f, NULL);
	assert_string_equal(get(got, DBT_OBJ_ENUM, "\"Mood\"")->definition,
			    get(want, DBT_OBJ_ENUM, "\"Mood\"")->definition);
	dbt_buf_release(&sql);
	dbt_schema_free(want);
	dbt_schema_free(old);
	dbt_schema_free(got);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(user_schemas_are_objects_but_not_system_public_scratch_or_version_ones),
		T(schemas_of_an_extension_are_left_out),
		T(extensions_are_read_with_their_schema_and_what_they_require),
		T(objects_of_extensions_are_left_out),
		T(enum_labels_are_read_in_their_order),
		T(composite_types_are_read_but_not_row_types_of_tables),
		T(range_types_are_read_with_what_is_not_the_default),
		T(domains_are_read_with_collation_default_not_null_and_checks),
		T(sequences_are_read_but_not_those_a_column_owns),
		T(unlogged_sequence_is_created_unlogged),
		T(sequence_replace_sql_changes_it_in_place_keeping_its_value),
		T(deps_name_the_types_tables_extensions_and_schemas_used),
		T(create_sql_in_another_schema_reads_the_same),
		T(query_count_does_not_grow_with_the_objects),
		T(schema_without_types_sends_no_type_query),
		cmocka_unit_test(enum_add_values_inserts_labels_where_the_new_enum_has_them),
		cmocka_unit_test(enum_add_values_refuses_removed_or_reordered_labels),
		cmocka_unit_test(enum_recreate_keeps_array_defaults_whose_labels_remain),
		cmocka_unit_test(enum_default_uses_added_reads_array_defaults),
		cmocka_unit_test(enum_lost_value_sql_reads_columns_and_array_elements),
		T(enum_add_values_statements_give_the_new_enum),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
