/*
 * test_reflect_postgres_routines.c - reading a live PostgreSQL schema's
 * views, materialized views, functions, procedures and triggers as
 * definitions (reflect_postgres_objects.h): each kind's name, table,
 * definition, statements and dependencies; what is left out (objects of
 * extensions, internal triggers, aggregates); that the statements
 * re-create an object that reads the same; and that the same objects
 * read byte for byte alike under two schema names, as the live database
 * and the scratch schema must.
 *
 * The tests need a PostgreSQL superuser connection, whose URL they read
 * from DBTOOL_TEST_PG_URL (scripts/test starts a throwaway cluster and
 * sets it); they fail without it.
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

#include "buf.h"
#include "dbtool.h"
#include "dialect.h"
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
	return test_pg_start("dbt_routines");
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

/* Runs `sql` with search_path on the schema `quoted` (an identifier as
 * SQL writes it), which it creates. */
static void exec_in(struct fixture *f, const char *quoted, const char *sql)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_buf_printf(&b, "CREATE SCHEMA %s;\nSET search_path = %s;\n%s\nRESET search_path;\n",
		       quoted, quoted, sql);
	assert_false(b.oom);
	exec_ok(f, b.ptr);
	dbt_buf_release(&b);
}

static dbt_schema *reflect_ok(struct fixture *f, const char *schema_name)
{
	dbt_schema *s = NULL;

	if (dbt_postgres_reflect(&s, f->conn, schema_name) < 0)
		fail_msg("reflection fails: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

/* The reflected object, which must exist. */
static const dbt_object *object_of(const dbt_schema *s, dbt_object_kind kind, const char *name)
{
	const dbt_object *o = dbt_schema_find_object(s, kind, name);

	if (!o)
		fail_msg("no %s '%s' was reflected", dbt_object_kind_name(kind), name);
	return o;
}

static size_t count_kind(const dbt_schema *s, dbt_object_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < s->nobjects; i++)
		n += s->objects[i]->kind == kind;
	return n;
}

/* The object's deps are exactly the NULL-terminated list that follows,
 * in that order. */
static void assert_deps(const dbt_object *o, ...)
{
	va_list ap;
	const char *want;
	size_t i = 0;

	va_start(ap, o);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (i >= o->ndeps)
			fail_msg("%s has %zu deps, '%s' missing", o->name, o->ndeps, want);
		assert_string_equal(o->deps[i], want);
		i++;
	}
	va_end(ap);
	assert_int_equal(o->ndeps, i);
}

/* The kinds that this file's readers reflect. */
static int is_mine(dbt_object_kind kind)
{
	return kind == DBT_OBJ_FUNCTION || kind == DBT_OBJ_PROCEDURE || kind == DBT_OBJ_VIEW ||
	       kind == DBT_OBJ_MATVIEW || kind == DBT_OBJ_TRIGGER;
}

static void assert_same_text(const char *want, const char *got)
{
	if (!want || !got)
		assert_ptr_equal(want, got);
	else
		assert_string_equal(got, want);
}

/* How many of the kinds above `s` holds: the other readers' objects
 * (schemas, extensions, grants ...) are not counted. */
static size_t count_mine(const dbt_schema *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nobjects; i++)
		n += is_mine(s->objects[i]->kind);
	return n;
}

/* The views, materialized views, functions, procedures and triggers of
 * `a` and `b` are the same, in the same order, every field byte for byte. */
static void assert_same_objects(const dbt_schema *a, const dbt_schema *b)
{
	const dbt_object *x, *y;
	size_t i = 0, j = 0, k;

	for (;;) {
		while (i < a->nobjects && !is_mine(a->objects[i]->kind))
			i++;
		while (j < b->nobjects && !is_mine(b->objects[j]->kind))
			j++;
		if (i == a->nobjects || j == b->nobjects)
			break;
		x = a->objects[i++];
		y = b->objects[j++];
		assert_int_equal(y->kind, x->kind);
		assert_string_equal(y->name, x->name);
		assert_same_text(x->table, y->table);
		assert_string_equal(y->definition, x->definition);
		assert_string_equal(y->create_sql, x->create_sql);
		assert_string_equal(y->drop_sql, x->drop_sql);
		assert_same_text(x->replace_sql, y->replace_sql);
		assert_int_equal(y->ndeps, x->ndeps);
		for (k = 0; k < x->ndeps; k++)
			assert_string_equal(y->deps[k], x->deps[k]);
	}
	assert_int_equal(i, a->nobjects);
	assert_int_equal(j, b->nobjects);
}

/* Runs `sql` (objects' statements) with search_path on the schema
 * `quoted_schema`, which exists. */
static void exec_object_sql(struct fixture *f, const char *quoted_schema, const char *sql)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_buf_printf(&b, "SET search_path = %s;\n%s\nRESET search_path;\n", quoted_schema, sql);
	assert_false(b.oom);
	exec_ok(f, b.ptr);
	dbt_buf_release(&b);
}

/* ---------------------------------------------------------------- views */

static void view_reads_as_the_server_prints_it(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *v;

	exec_ok(f, "CREATE TABLE t (id integer PRIMARY KEY, name text);\n"
		   "CREATE VIEW v (ident, label) AS SELECT id, name FROM t WHERE id > 0;\n");
	s = reflect_ok(f, NULL);
	v = object_of(s, DBT_OBJ_VIEW, "v");
	assert_null(v->table);
	assert_string_equal(v->create_sql, "CREATE VIEW v AS\n"
					   " SELECT t.id AS ident,\n"
					   "    t.name AS label\n"
					   "   FROM t\n"
					   "  WHERE t.id > 0;");
	assert_string_equal(v->definition, "CREATE VIEW v AS\n"
					   " SELECT t.id AS ident,\n"
					   "    t.name AS label\n"
					   "   FROM t\n"
					   "  WHERE t.id > 0;\n"
					   "columns: ident integer, label text");
	assert_string_equal(v->drop_sql, "DROP VIEW v;");
	assert_null(v->replace_sql);
	assert_deps(v, "t", NULL);
	/* The view is not a table, and no other object was read. */
	assert_int_equal(s->ntables, 1);
	assert_int_equal(count_mine(s), 1);
	dbt_schema_free(s);
}

static void view_options_read_in_one_form(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE VIEW a WITH (security_barrier=on, check_option=local) AS SELECT id FROM "
		   "t;\n"
		   "CREATE VIEW b WITH (security_barrier) AS SELECT id FROM t WITH LOCAL CHECK "
		   "OPTION;\n"
		   "CREATE VIEW c WITH (security_barrier=false, security_invoker=true) AS\n"
		   "  SELECT id FROM t;\n");
	s = reflect_ok(f, NULL);
	assert_string_equal(object_of(s, DBT_OBJ_VIEW, "a")->create_sql,
			    "CREATE VIEW a WITH (check_option='local', security_barrier='true') "
			    "AS\n"
			    " SELECT t.id\n"
			    "   FROM t;");
	assert_string_equal(object_of(s, DBT_OBJ_VIEW, "b")->create_sql,
			    "CREATE VIEW b WITH (check_option='local', security_barrier='true') "
			    "AS\n"
			    " SELECT t.id\n"
			    "   FROM t;");
	assert_string_equal(object_of(s, DBT_OBJ_VIEW, "c")->create_sql,
			    "CREATE VIEW c WITH (security_invoker='true') AS\n"
			    " SELECT t.id\n"
			    "   FROM t;");
	dbt_schema_free(s);
}

/* A view of a VALUES list, made again from the text the server prints for
 * it (a subquery then, printed "( VALUES"), is the same view. */
static void view_of_values_made_again_from_its_text_is_the_same(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;
	const dbt_object *va;

	exec_in(f, "sa",
		"CREATE VIEW levels (name, min_points) AS VALUES ('bronze', 0), "
		"('gold', 500);\n");
	a = reflect_ok(f, "sa");
	va = object_of(a, DBT_OBJ_VIEW, "levels");
	exec_in(f, "sb", va->create_sql);
	b = reflect_ok(f, "sb");
	assert_string_equal(va->definition, object_of(b, DBT_OBJ_VIEW, "levels")->definition);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* The same SELECT over a column of another type is another view. */
static void view_column_types_are_part_of_its_definition(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;
	const dbt_object *va, *vb;

	exec_in(f, "sa", "CREATE TABLE t (n integer);\nCREATE VIEW v AS SELECT n FROM t;\n");
	exec_in(f, "sb", "CREATE TABLE t (n bigint);\nCREATE VIEW v AS SELECT n FROM t;\n");
	a = reflect_ok(f, "sa");
	b = reflect_ok(f, "sb");
	va = object_of(a, DBT_OBJ_VIEW, "v");
	vb = object_of(b, DBT_OBJ_VIEW, "v");
	assert_string_equal(va->create_sql, vb->create_sql);
	assert_string_not_equal(va->definition, vb->definition);
	assert_non_null(strstr(va->definition, "\ncolumns: n integer"));
	assert_non_null(strstr(vb->definition, "\ncolumns: n bigint"));
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void view_depends_on_what_it_reads(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE TYPE mood AS ENUM ('ok');\n"
		   "CREATE TABLE t (id serial, m mood);\n"
		   "CREATE FUNCTION two() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 2;\n"
		   "CREATE SEQUENCE free_seq;\n"
		   "CREATE VIEW base AS SELECT id, m FROM t;\n"
		   "CREATE VIEW top AS SELECT id * two() AS x, nextval('t_id_seq') AS n,\n"
		   "  nextval('free_seq') AS f, 'ok'::mood AS k FROM base;\n"
		   "CREATE MATERIALIZED VIEW m AS SELECT x FROM top;\n");
	s = reflect_ok(f, NULL);
	assert_deps(object_of(s, DBT_OBJ_VIEW, "base"), "t", NULL);
	/* The sequence of the SERIAL column is the table's. */
	assert_deps(object_of(s, DBT_OBJ_VIEW, "top"), "enum mood", "function two()",
		    "sequence free_seq", "t", "view base", NULL);
	assert_deps(object_of(s, DBT_OBJ_MATVIEW, "m"), "view top", NULL);
	dbt_schema_free(s);
}

static void materialized_view_holds_its_indexes(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *m;

	exec_ok(f, "CREATE TABLE t (id integer, name text);\n"
		   "CREATE MATERIALIZED VIEW mv AS SELECT id, name FROM t WITH NO DATA;\n"
		   "CREATE INDEX mv_lower ON mv (lower(name)) WHERE id > 0;\n"
		   "CREATE UNIQUE INDEX mv_id ON mv (id);\n");
	s = reflect_ok(f, NULL);
	m = object_of(s, DBT_OBJ_MATVIEW, "mv");
	assert_null(m->table);
	assert_string_equal(m->create_sql, "CREATE MATERIALIZED VIEW mv AS\n"
					   " SELECT t.id,\n"
					   "    t.name\n"
					   "   FROM t\n"
					   "  WITH DATA;\n"
					   "CREATE UNIQUE INDEX mv_id ON mv USING btree (id);\n"
					   "CREATE INDEX mv_lower ON mv USING btree (lower(name)) "
					   "WHERE (id > 0);");
	assert_string_equal(m->definition, "CREATE MATERIALIZED VIEW mv AS\n"
					   " SELECT t.id,\n"
					   "    t.name\n"
					   "   FROM t\n"
					   "  WITH DATA;\n"
					   "CREATE UNIQUE INDEX mv_id ON mv USING btree (id);\n"
					   "CREATE INDEX mv_lower ON mv USING btree (lower(name)) "
					   "WHERE (id > 0);\n"
					   "columns: id integer, name text");
	assert_string_equal(m->drop_sql, "DROP MATERIALIZED VIEW mv;");
	assert_null(m->replace_sql);
	assert_deps(m, "t", NULL);
	/* The matview's indexes are not the tables' */
	assert_int_equal(s->nindexes, 0);
	dbt_schema_free(s);
}

/* Whether a materialized view holds data is data. */
static void materialized_view_reads_alike_filled_or_not(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	exec_in(f, "sa",
		"CREATE TABLE t (id integer);\n"
		"CREATE MATERIALIZED VIEW mv AS SELECT id FROM t WITH NO DATA;\n");
	exec_in(f, "sb",
		"CREATE TABLE t (id integer);\n"
		"CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;\n");
	a = reflect_ok(f, "sa");
	b = reflect_ok(f, "sb");
	assert_same_objects(a, b);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* ----------------------------------------------------------- functions */

static void function_reads_without_its_schema(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *fn;

	exec_ok(f, "CREATE FUNCTION add(a integer, b integer DEFAULT 1) RETURNS integer\n"
		   "  LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;\n");
	s = reflect_ok(f, NULL);
	fn = object_of(s, DBT_OBJ_FUNCTION, "add(a integer, b integer)");
	assert_null(fn->table);
	assert_string_equal(fn->definition,
			    "CREATE OR REPLACE FUNCTION add(a integer, b integer DEFAULT 1)\n"
			    " RETURNS integer\n"
			    " LANGUAGE sql\n"
			    " IMMUTABLE\n"
			    "AS $function$ SELECT a + b $function$");
	assert_string_equal(fn->create_sql,
			    "CREATE OR REPLACE FUNCTION add(a integer, b integer DEFAULT 1)\n"
			    " RETURNS integer\n"
			    " LANGUAGE sql\n"
			    " IMMUTABLE\n"
			    "AS $function$ SELECT a + b $function$;");
	assert_string_equal(fn->replace_sql, fn->create_sql);
	assert_string_equal(fn->drop_sql, "DROP FUNCTION add(a integer, b integer);");
	assert_deps(fn, NULL);
	dbt_schema_free(s);
}

static void function_depends_on_its_types_and_what_its_body_reads(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *fn;

	exec_ok(f, "CREATE TYPE mood AS ENUM ('ok');\n"
		   "CREATE DOMAIN positive AS integer CHECK (VALUE > 0);\n"
		   "CREATE TABLE t (id integer);\n"
		   "CREATE TABLE u (id integer);\n"
		   "CREATE FUNCTION pick(r t, m mood[], p positive) RETURNS SETOF t LANGUAGE sql\n"
		   "BEGIN ATOMIC SELECT * FROM t WHERE t.id = r.id AND EXISTS (SELECT FROM u); "
		   "END;\n");
	s = reflect_ok(f, NULL);
	fn = object_of(s, DBT_OBJ_FUNCTION, "pick(r t, m mood[], p positive)");
	assert_string_equal(fn->create_sql,
			    "CREATE OR REPLACE FUNCTION pick(r t, m mood[], p positive)\n"
			    " RETURNS SETOF t\n"
			    " LANGUAGE sql\n"
			    "BEGIN ATOMIC\n"
			    " SELECT t.id\n"
			    "    FROM t\n"
			    "   WHERE ((t.id = (pick.r).id) AND (EXISTS ( SELECT\n"
			    "            FROM u)));\n"
			    "END;");
	assert_deps(fn, "domain positive", "enum mood", "t", "u", NULL);
	dbt_schema_free(s);
}

static void procedure_reads_without_its_schema(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *p;

	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE PROCEDURE put(x integer, INOUT n integer) LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN INSERT INTO t VALUES (x); n := n + 1; END $$;\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count_kind(s, DBT_OBJ_FUNCTION), 0);
	p = object_of(s, DBT_OBJ_PROCEDURE, "put(IN x integer, INOUT n integer)");
	assert_string_equal(p->create_sql,
			    "CREATE OR REPLACE PROCEDURE put(IN x integer, INOUT n integer)\n"
			    " LANGUAGE plpgsql\n"
			    "AS $procedure$ BEGIN INSERT INTO t VALUES (x); n := n + 1; END "
			    "$procedure$;");
	assert_string_equal(p->replace_sql, p->create_sql);
	assert_string_equal(p->drop_sql, "DROP PROCEDURE put(IN x integer, INOUT n integer);");
	/* A string body's tables are not known to the server, nor is
	 * plpgsql, PostgreSQL's own, anything to depend on. */
	assert_deps(p, NULL);
	dbt_schema_free(s);
}

/* The changes that PostgreSQL makes in place are made by replace_sql:
 * the changed function keeps the trigger that uses it. */
static void function_replace_sql_changes_it_in_place(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *fn;
	char *replace;

	exec_in(f, "new",
		"CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
		"  STABLE AS $$ BEGIN RETURN OLD; END $$;\n");
	s = reflect_ok(f, "new");
	replace = strdup(object_of(s, DBT_OBJ_FUNCTION, "stamp()")->replace_sql);
	assert_non_null(replace);
	dbt_schema_free(s);
	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN RETURN NEW; END $$;\n"
		   "CREATE TRIGGER t_stamp BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION "
		   "stamp();\n");
	exec_object_sql(f, "public", replace);
	s = reflect_ok(f, NULL);
	fn = object_of(s, DBT_OBJ_FUNCTION, "stamp()");
	assert_string_equal(fn->replace_sql, replace);
	assert_non_null(strstr(fn->definition, "RETURN OLD"));
	object_of(s, DBT_OBJ_TRIGGER, "t_stamp ON t");
	dbt_schema_free(s);
	free(replace);
}

/* Aggregates are left out, and so are the functions that a range type
 * makes for itself (its constructors), which are the type's. */
static void aggregates_and_range_constructors_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE FUNCTION plus(a integer, b integer) RETURNS integer\n"
		   "  LANGUAGE sql RETURN a + b;\n"
		   "CREATE AGGREGATE total(integer) (SFUNC = plus, STYPE = integer);\n"
		   "CREATE TYPE floatrange AS RANGE (subtype = float8);\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count_kind(s, DBT_OBJ_FUNCTION), 1);
	assert_int_equal(count_kind(s, DBT_OBJ_PROCEDURE), 0);
	object_of(s, DBT_OBJ_FUNCTION, "plus(a integer, b integer)");
	dbt_schema_free(s);
}

/* ------------------------------------------------------------ triggers */

static void trigger_reads_as_the_server_prints_it(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *t;

	exec_ok(f, "CREATE TABLE t (id integer, n integer);\n"
		   "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN NEW.n := 1; RETURN NEW; END $$;\n"
		   "CREATE TRIGGER t_stamp BEFORE INSERT OR UPDATE OF id ON t\n"
		   "  FOR EACH ROW WHEN (NEW.id > 0) EXECUTE FUNCTION stamp();\n");
	s = reflect_ok(f, NULL);
	t = object_of(s, DBT_OBJ_TRIGGER, "t_stamp ON t");
	assert_string_equal(t->table, "t");
	assert_string_equal(t->definition,
			    "CREATE TRIGGER t_stamp BEFORE INSERT OR UPDATE OF id ON t "
			    "FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION stamp()");
	assert_string_equal(t->create_sql,
			    "CREATE TRIGGER t_stamp BEFORE INSERT OR UPDATE OF id ON t "
			    "FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION stamp();");
	assert_string_equal(t->drop_sql, "DROP TRIGGER t_stamp ON t;");
	assert_string_equal(t->replace_sql,
			    "CREATE OR REPLACE TRIGGER t_stamp BEFORE INSERT OR UPDATE OF id ON t "
			    "FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION stamp();");
	assert_deps(t, "function stamp()", "t", NULL);
	dbt_schema_free(s);
}

static void trigger_replace_sql_changes_it_in_place(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const char *ddl = "CREATE TABLE t (id integer);\n"
			  "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
			  "  AS $$ BEGIN RETURN NEW; END $$;\n";
	dbt_buf b = DBT_BUF_INIT;
	char *replace, *definition;

	dbt_buf_printf(&b,
		       "%sCREATE TRIGGER trg AFTER DELETE ON t FOR EACH STATEMENT\n"
		       "  EXECUTE FUNCTION stamp();\n",
		       ddl);
	assert_false(b.oom);
	exec_in(f, "new", b.ptr);
	dbt_buf_release(&b);
	s = reflect_ok(f, "new");
	replace = strdup(object_of(s, DBT_OBJ_TRIGGER, "trg ON t")->replace_sql);
	definition = strdup(object_of(s, DBT_OBJ_TRIGGER, "trg ON t")->definition);
	assert_non_null(replace);
	assert_non_null(definition);
	dbt_schema_free(s);

	dbt_buf_printf(&b,
		       "%sCREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW\n"
		       "  EXECUTE FUNCTION stamp();\n",
		       ddl);
	assert_false(b.oom);
	exec_ok(f, b.ptr);
	dbt_buf_release(&b);
	exec_object_sql(f, "public", replace);
	s = reflect_ok(f, NULL);
	assert_string_equal(object_of(s, DBT_OBJ_TRIGGER, "trg ON t")->definition, definition);
	assert_int_equal(count_kind(s, DBT_OBJ_TRIGGER), 1);
	dbt_schema_free(s);
	free(replace);
	free(definition);
}

/* Whether a trigger fires is part of it: a disabled one, and one that
 * always fires, read with the ALTER TABLE that makes them so, and
 * replace_sql turns an enabled trigger into them. */
static void trigger_firing_is_part_of_it(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s, *live;
	const dbt_object *t;
	const char *ddl = "CREATE TABLE \"T t\" (id integer);\n"
			  "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
			  "  AS $$ BEGIN RETURN NEW; END $$;\n"
			  "CREATE TRIGGER off BEFORE INSERT ON \"T t\"\n"
			  "  FOR EACH ROW EXECUTE FUNCTION stamp();\n"
			  "CREATE TRIGGER \"Always\" BEFORE INSERT ON \"T t\"\n"
			  "  FOR EACH ROW EXECUTE FUNCTION stamp();\n";
	char *off, *always;

	exec_in(f, "new", ddl);
	exec_ok(f, "ALTER TABLE new.\"T t\" DISABLE TRIGGER off;\n"
		   "ALTER TABLE new.\"T t\" ENABLE ALWAYS TRIGGER \"Always\";\n");
	s = reflect_ok(f, "new");
	t = object_of(s, DBT_OBJ_TRIGGER, "off ON \"T t\"");
	assert_string_equal(t->definition, "CREATE TRIGGER off BEFORE INSERT ON \"T t\" "
					   "FOR EACH ROW EXECUTE FUNCTION stamp();\n"
					   "ALTER TABLE \"T t\" DISABLE TRIGGER off");
	assert_string_equal(t->create_sql, "CREATE TRIGGER off BEFORE INSERT ON \"T t\" "
					   "FOR EACH ROW EXECUTE FUNCTION stamp();\n"
					   "ALTER TABLE \"T t\" DISABLE TRIGGER off;");
	assert_string_equal(t->replace_sql, "CREATE OR REPLACE TRIGGER off BEFORE INSERT "
					    "ON \"T t\" FOR EACH ROW EXECUTE FUNCTION stamp();\n"
					    "ALTER TABLE \"T t\" DISABLE TRIGGER off;");
	off = strdup(t->replace_sql);
	t = object_of(s, DBT_OBJ_TRIGGER, "\"Always\" ON \"T t\"");
	assert_non_null(strstr(t->create_sql, ";\nALTER TABLE \"T t\" ENABLE ALWAYS TRIGGER "
					      "\"Always\";"));
	always = strdup(t->replace_sql);
	assert_non_null(off);
	assert_non_null(always);

	exec_ok(f, ddl);
	exec_object_sql(f, "public", off);
	exec_object_sql(f, "public", always);
	live = reflect_ok(f, NULL);
	assert_same_objects(s, live);
	dbt_schema_free(live);
	dbt_schema_free(s);
	free(off);
	free(always);
}

/* CREATE OR REPLACE TRIGGER cannot make a constraint trigger. */
static void constraint_trigger_has_no_replace_sql(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *t;

	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN RETURN NEW; END $$;\n"
		   "CREATE CONSTRAINT TRIGGER later AFTER INSERT ON t\n"
		   "  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp();\n");
	s = reflect_ok(f, NULL);
	t = object_of(s, DBT_OBJ_TRIGGER, "later ON t");
	assert_string_equal(t->create_sql, "CREATE CONSTRAINT TRIGGER later AFTER INSERT ON t "
					   "DEFERRABLE INITIALLY "
					   "DEFERRED FOR EACH ROW EXECUTE FUNCTION stamp();");
	assert_null(t->replace_sql);
	assert_string_equal(t->drop_sql, "DROP TRIGGER later ON t;");
	dbt_schema_free(s);
}

static void trigger_on_a_view_depends_on_the_view(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const dbt_object *t;

	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE VIEW \"Some View\" AS SELECT id FROM t;\n"
		   "CREATE FUNCTION ins() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN INSERT INTO t VALUES (NEW.id); RETURN NEW; END $$;\n"
		   "CREATE TRIGGER \"Ins\" INSTEAD OF INSERT ON \"Some View\"\n"
		   "  FOR EACH ROW EXECUTE FUNCTION ins();\n");
	s = reflect_ok(f, NULL);
	t = object_of(s, DBT_OBJ_TRIGGER, "\"Ins\" ON \"Some View\"");
	assert_string_equal(t->table, "Some View");
	assert_string_equal(t->drop_sql, "DROP TRIGGER \"Ins\" ON \"Some View\";");
	assert_deps(t, "function ins()", "view \"Some View\"", NULL);
	dbt_schema_free(s);
}

/* Foreign keys' triggers are internal; a partition's are its parent's. */
static void internal_and_partition_triggers_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f,
		"CREATE TABLE parent (id integer PRIMARY KEY);\n"
		"CREATE TABLE child (id integer REFERENCES parent ON DELETE CASCADE);\n"
		"CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql\n"
		"  AS $$ BEGIN RETURN NEW; END $$;\n"
		"CREATE TABLE p (id integer) PARTITION BY RANGE (id);\n"
		"CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n"
		"CREATE TRIGGER p_stamp BEFORE INSERT ON p FOR EACH ROW EXECUTE FUNCTION stamp();\n"
		"CREATE TABLE dbtool_version (version_num text);\n"
		"CREATE TRIGGER v_stamp BEFORE INSERT ON dbtool_version\n"
		"  FOR EACH ROW EXECUTE FUNCTION stamp();\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count_kind(s, DBT_OBJ_TRIGGER), 1);
	assert_deps(object_of(s, DBT_OBJ_TRIGGER, "p_stamp ON p"), "function stamp()", "p", NULL);
	dbt_schema_free(s);
}

/* ----------------------------------------------------------- left out */

static void objects_of_extensions_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_ok(f, "CREATE EXTENSION citext;\n"
		   "CREATE FUNCTION shout(x citext, y citext[]) RETURNS citext\n"
		   "  LANGUAGE sql RETURN upper(x);\n"
		   "CREATE VIEW v AS SELECT 'a'::citext AS a;\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count_kind(s, DBT_OBJ_FUNCTION), 1);
	assert_int_equal(count_kind(s, DBT_OBJ_PROCEDURE), 0);
	assert_deps(object_of(s, DBT_OBJ_FUNCTION, "shout(x citext, y citext[])"),
		    "extension citext", NULL);
	assert_deps(object_of(s, DBT_OBJ_VIEW, "v"), "extension citext", NULL);
	dbt_schema_free(s);
}

static void objects_of_other_schemas_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_in(f, "other",
		"CREATE TABLE t (id integer);\n"
		"CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql\n"
		"  AS $$ BEGIN RETURN NEW; END $$;\n"
		"CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n"
		"CREATE VIEW v AS SELECT id FROM t;\n");
	exec_ok(f, "CREATE VIEW mine AS SELECT id FROM other.t;\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count_mine(s), 1);
	/* The other schema's table is no dependency of this one's. */
	assert_deps(object_of(s, DBT_OBJ_VIEW, "mine"), NULL);
	assert_string_equal(object_of(s, DBT_OBJ_VIEW, "mine")->create_sql, "CREATE VIEW mine AS\n"
									    " SELECT t.id\n"
									    "   FROM other.t;");
	dbt_schema_free(s);
}

/* ---------------------------------------------------- schemas and order */

/* Objects of every kind here, with names that need quoting. */
static const char many_kinds[] =
	"CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
	"CREATE TABLE \"Orders\" (id serial PRIMARY KEY, total numeric(10,2), m mood);\n"
	"CREATE TABLE lines (order_id integer REFERENCES \"Orders\", qty integer);\n"
	"CREATE FUNCTION \"Net\"(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE\n"
	"  RETURN x * 0.8;\n"
	"CREATE FUNCTION big(o \"Orders\") RETURNS boolean LANGUAGE sql\n"
	"  BEGIN ATOMIC SELECT o.total > \"Net\"(100) AND EXISTS (SELECT FROM lines); END;\n"
	"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql\n"
	"  SET search_path = pg_catalog AS $$ BEGIN RETURN NEW; END $$;\n"
	"CREATE PROCEDURE bump(n integer) LANGUAGE sql\n"
	"  BEGIN ATOMIC UPDATE \"Orders\" SET total = total + n; END;\n"
	"CREATE VIEW \"Big Orders\" WITH (security_barrier) AS\n"
	"  SELECT o.id, \"Net\"(o.total) AS net, o.m FROM \"Orders\" o WHERE big(o)\n"
	"  WITH CASCADED CHECK OPTION;\n"
	"CREATE VIEW sad AS SELECT id FROM \"Big Orders\" WHERE m = 'sad';\n"
	"CREATE MATERIALIZED VIEW totals AS\n"
	"  SELECT order_id, sum(qty) AS qty FROM lines GROUP BY order_id;\n"
	"CREATE UNIQUE INDEX totals_order ON totals (order_id);\n"
	"CREATE INDEX \"Totals Qty\" ON totals (qty) WHERE qty > \"Net\"(1);\n"
	"CREATE TRIGGER \"Touch\" BEFORE UPDATE ON \"Orders\"\n"
	"  FOR EACH ROW EXECUTE FUNCTION touch();\n"
	"CREATE TRIGGER touch_lines AFTER INSERT ON lines\n"
	"  REFERENCING NEW TABLE AS fresh FOR EACH STATEMENT EXECUTE FUNCTION touch();\n";

/* The scratch database reads the model under a schema of another name:
 * the same objects read alike, byte for byte. */
static void same_objects_read_alike_in_two_schemas(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	exec_in(f, "plain", many_kinds);
	exec_in(f, "\"We\"\"ird.Sch ema\"", many_kinds);
	a = reflect_ok(f, "plain");
	b = reflect_ok(f, "We\"ird.Sch ema");
	assert_int_equal(count_kind(a, DBT_OBJ_FUNCTION), 3);
	assert_int_equal(count_kind(a, DBT_OBJ_PROCEDURE), 1);
	assert_int_equal(count_kind(a, DBT_OBJ_VIEW), 2);
	assert_int_equal(count_kind(a, DBT_OBJ_MATVIEW), 1);
	assert_int_equal(count_kind(a, DBT_OBJ_TRIGGER), 2);
	assert_same_objects(a, b);
	assert_deps(object_of(a, DBT_OBJ_FUNCTION, "big(o \"Orders\")"), "Orders",
		    "function \"Net\"(x numeric)", "lines", NULL);
	assert_deps(object_of(a, DBT_OBJ_VIEW, "\"Big Orders\""), "Orders",
		    "function \"Net\"(x numeric)", "function big(o \"Orders\")", NULL);
	assert_deps(object_of(a, DBT_OBJ_MATVIEW, "totals"), "function \"Net\"(x numeric)", "lines",
		    NULL);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* Each object's create_sql, run in another schema that has the tables
 * and types, makes objects that read exactly the same; drop_sql drops
 * them all. */
static void create_sql_recreates_objects_that_read_the_same(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;
	dbt_buf sql = DBT_BUF_INIT;
	int kind;
	size_t i;

	exec_in(f, "src", many_kinds);
	a = reflect_ok(f, "src");
	dbt_buf_puts(&sql, "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
			   "CREATE TABLE \"Orders\" (id serial PRIMARY KEY, total numeric(10,2),"
			   " m mood);\n"
			   "CREATE TABLE lines (order_id integer REFERENCES \"Orders\","
			   " qty integer);\n");
	for (kind = 0; kind < DBT_OBJ_NKINDS; kind++)
		for (i = 0; i < a->nobjects; i++)
			if ((int)a->objects[i]->kind == kind && is_mine(a->objects[i]->kind))
				dbt_buf_printf(&sql, "%s\n", a->objects[i]->create_sql);
	assert_false(sql.oom);
	exec_in(f, "\"Dst\"", sql.ptr);
	b = reflect_ok(f, "Dst");
	assert_same_objects(a, b);

	dbt_buf_clear(&sql);
	for (kind = DBT_OBJ_NKINDS - 1; kind >= 0; kind--)
		for (i = b->nobjects; i-- > 0;)
			if ((int)b->objects[i]->kind == kind && is_mine(b->objects[i]->kind))
				dbt_buf_printf(&sql, "%s\n", b->objects[i]->drop_sql);
	assert_false(sql.oom);
	exec_object_sql(f, "\"Dst\"", sql.ptr);
	dbt_schema_free(b);
	b = reflect_ok(f, "Dst");
	for (i = 0; i < b->nobjects; i++)
		assert_false(is_mine(b->objects[i]->kind));
	dbt_schema_free(a);
	dbt_schema_free(b);
	dbt_buf_release(&sql);
}

/* The kinds' order (schema.h): functions, procedures, views,
 * materialized views, triggers, each kind by name. */
static void objects_come_by_kind_then_name(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;
	const char *want[] = {"a()", "b()", "a(IN x integer)", "b(IN x integer)", "a", "b",
			      "ma",  "mb",  "ta ON t",	       "tb ON t"};
	size_t i, n = 0;

	exec_ok(f, "CREATE TABLE t (id integer);\n"
		   "CREATE PROCEDURE b(x integer) LANGUAGE sql AS 'SELECT 1';\n"
		   "CREATE PROCEDURE a(x integer) LANGUAGE sql AS 'SELECT 1';\n"
		   "CREATE FUNCTION b() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN RETURN NEW; END $$;\n"
		   "CREATE FUNCTION a() RETURNS trigger LANGUAGE plpgsql\n"
		   "  AS $$ BEGIN RETURN NEW; END $$;\n"
		   "CREATE TRIGGER tb BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION a();\n"
		   "CREATE TRIGGER ta BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION b();\n"
		   "CREATE MATERIALIZED VIEW mb AS SELECT 1 AS one;\n"
		   "CREATE MATERIALIZED VIEW ma AS SELECT 1 AS one;\n"
		   "CREATE VIEW b AS SELECT 1 AS one;\n"
		   "CREATE VIEW a AS SELECT 1 AS one;\n");
	s = reflect_ok(f, NULL);
	for (i = 0; i < s->nobjects; i++) {
		if (!is_mine(s->objects[i]->kind))
			continue;
		assert_true(n < sizeof(want) / sizeof(*want));
		assert_string_equal(s->objects[i]->name, want[n]);
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(*want));
	dbt_schema_free(s);
}

/* ---------------------------------------------------------------- counts */

static unsigned long queries_to_reflect(struct fixture *f, const char *schema_name)
{
	unsigned long before = f->conn->nqueries;
	dbt_schema *s = reflect_ok(f, schema_name);

	dbt_schema_free(s);
	return f->conn->nqueries - before;
}

/* Objects of every kind, `n` times over. */
static char *many_objects(int n)
{
	dbt_buf b = DBT_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		dbt_buf_printf(&b,
			       "CREATE TABLE t%d (id integer);\n"
			       "CREATE FUNCTION f%d() RETURNS trigger LANGUAGE plpgsql\n"
			       "  AS $$ BEGIN RETURN NEW; END $$;\n"
			       "CREATE PROCEDURE p%d() LANGUAGE sql AS 'SELECT 1';\n"
			       "CREATE TRIGGER trg BEFORE INSERT ON t%d FOR EACH ROW "
			       "EXECUTE FUNCTION f%d();\n"
			       "CREATE VIEW v%d AS SELECT id FROM t%d;\n"
			       "CREATE MATERIALIZED VIEW m%d AS SELECT id FROM v%d;\n"
			       "CREATE INDEX m%d_id ON m%d (id);\n",
			       i, i, i, i, i, i, i, i, i, i, i);
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

static void query_count_does_not_grow_with_objects(void **state)
{
	struct fixture *f = *state;
	char *one = many_objects(1), *many = many_objects(40);
	dbt_schema *s;
	unsigned long n1, n40;

	assert_non_null(one);
	assert_non_null(many);
	exec_in(f, "one", one);
	exec_in(f, "many", many);
	n1 = queries_to_reflect(f, "one");
	n40 = queries_to_reflect(f, "many");
	assert_int_equal(n40, n1);
	s = reflect_ok(f, "many");
	assert_int_equal(count_kind(s, DBT_OBJ_FUNCTION), 40);
	assert_int_equal(count_kind(s, DBT_OBJ_PROCEDURE), 40);
	assert_int_equal(count_kind(s, DBT_OBJ_TRIGGER), 40);
	assert_int_equal(count_kind(s, DBT_OBJ_VIEW), 40);
	assert_int_equal(count_kind(s, DBT_OBJ_MATVIEW), 40);
	dbt_schema_free(s);
	free(one);
	free(many);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(view_reads_as_the_server_prints_it),
		T(view_options_read_in_one_form),
		T(view_of_values_made_again_from_its_text_is_the_same),
		T(view_column_types_are_part_of_its_definition),
		T(view_depends_on_what_it_reads),
		T(materialized_view_holds_its_indexes),
		T(materialized_view_reads_alike_filled_or_not),
		T(function_reads_without_its_schema),
		T(function_depends_on_its_types_and_what_its_body_reads),
		T(procedure_reads_without_its_schema),
		T(function_replace_sql_changes_it_in_place),
		T(aggregates_and_range_constructors_are_left_out),
		T(trigger_reads_as_the_server_prints_it),
		T(trigger_replace_sql_changes_it_in_place),
		T(trigger_firing_is_part_of_it),
		T(constraint_trigger_has_no_replace_sql),
		T(trigger_on_a_view_depends_on_the_view),
		T(internal_and_partition_triggers_are_left_out),
		T(objects_of_extensions_are_left_out),
		T(objects_of_other_schemas_are_left_out),
		T(same_objects_read_alike_in_two_schemas),
		T(create_sql_recreates_objects_that_read_the_same),
		T(objects_come_by_kind_then_name),
		T(query_count_does_not_grow_with_objects),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
