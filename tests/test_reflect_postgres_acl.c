/*
 * test_reflect_postgres_acl.c - reading row level security, policies,
 * comments and grants of a live PostgreSQL schema as definitions
 * (reflect_postgres_acl.c).  Each test builds objects in a schema of a
 * scratch database, reflects it and asserts the fields; the round-trip
 * tests build the same objects in a second schema of another name, or
 * run the reflected create_sql, drop_sql and replace_sql there, and
 * require the same objects back.
 *
 * Roles are cluster-wide and the cluster is shared by tests running in
 * parallel: each test makes two roles of its own, with names no other
 * test uses, and drops them when it ends.
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
#include "reflect_postgres_objects.h"
#include "schema.h"
#include "sqlsplit.h"
#include "testutil.h"

static const struct dbt_dialect *const pg = &dbt_dialect_postgres;

struct fixture {
	char dbname[64];
	dbt_conn *conn;
	char r1[64]; /* a role whose name needs no quotes */
	char r2[64]; /* one whose name does, quoted */
};

/* Runs `sql` on `conn`, printing the error; -1 when it fails. */
static int run(dbt_conn *conn, const char *sql)
{
	PGresult *res = PQexec(dbt_postgres_handle(conn), sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		print_error("%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : -1;
}

/* Each test has a scratch database of its own (testutil.h), and two roles
 * of its own. */
static int group_setup(void **state)
{
	(void)state;
	return test_pg_start("dbt_acl");
}

static int group_teardown(void **state)
{
	(void)state;
	return test_pg_stop();
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char sql[256];

	if (!f || test_pg_take(f->dbname, sizeof(f->dbname), &f->conn) < 0) {
		free(f);
		return -1;
	}
	snprintf(f->r1, sizeof(f->r1), "dbt_acl_%ld_%d_reader", (long)getpid(), test_pg_taken());
	snprintf(f->r2, sizeof(f->r2), "\"Dbt Acl %ld %d\"", (long)getpid(), test_pg_taken());
	snprintf(sql, sizeof(sql), "CREATE ROLE %s; CREATE ROLE %s", f->r1, f->r2);
	if (run(f->conn, sql) < 0) {
		pg->close(f->conn);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char sql[384];
	int rc;

	/* The roles' privileges and policies are in this database only. */
	snprintf(sql, sizeof(sql), "ROLLBACK; DROP OWNED BY %s, %s; DROP ROLE %s, %s", f->r1, f->r2,
		 f->r1, f->r2);
	rc = run(f->conn, sql);
	pg->close(f->conn);
	if (test_pg_drop(f->dbname) < 0)
		rc = -1;
	free(f);
	return rc;
}

/* ------------------------------------------------------------- helpers */

/* `sql` with $R1 and $R2 replaced by the fixture's roles; caller frees. */
static char *with_roles(struct fixture *f, const char *sql)
{
	dbt_buf b = DBT_BUF_INIT;
	const char *p;

	for (p = sql; *p; p++) {
		if (!strncmp(p, "$R1", 3)) {
			dbt_buf_puts(&b, f->r1);
			p += 2;
		} else if (!strncmp(p, "$R2", 3)) {
			dbt_buf_puts(&b, f->r2);
			p += 2;
		} else {
			dbt_buf_putc(&b, *p);
		}
	}
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

/* Runs `sql` (its roles replaced) in the schema `schema`, made first
 * when `create` is set. */
static void exec_in(struct fixture *f, const char *schema, int create, const char *sql)
{
	dbt_buf b = DBT_BUF_INIT;
	char *text = with_roles(f, sql);

	if (create)
		dbt_buf_printf(&b, "CREATE SCHEMA %s;\n", schema);
	dbt_buf_printf(&b, "SET search_path = %s;\n%s\nRESET search_path;\n", schema, text);
	assert_false(b.oom);
	if (pg->exec_script(f->conn, b.ptr, "ddl.sql", 1) < 0)
		fail_msg("the DDL fails: %s", dbt_error_last());
	dbt_buf_release(&b);
	free(text);
}

static dbt_schema *reflect_ok(struct fixture *f, const char *schema_name)
{
	dbt_schema *s = NULL;

	if (dbt_postgres_reflect(&s, f->conn, schema_name) < 0)
		fail_msg("reflection fails: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

static int is_acl_kind(dbt_object_kind kind)
{
	return kind == DBT_OBJ_RLS || kind == DBT_OBJ_POLICY || kind == DBT_OBJ_COMMENT ||
	       kind == DBT_OBJ_GRANT;
}

/* The number of objects of `kind` in `s`. */
static size_t count(const dbt_schema *s, dbt_object_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < s->nobjects; i++)
		n += s->objects[i]->kind == kind;
	return n;
}

/* The objects of everything build_all makes: 2 row level securities, 3
 * policies, 17 comments and 9 grants. */
#define ALL_OBJECTS (2 + 3 + 17 + 9)

static size_t count_acl(const dbt_schema *s)
{
	return count(s, DBT_OBJ_RLS) + count(s, DBT_OBJ_POLICY) + count(s, DBT_OBJ_COMMENT) +
	       count(s, DBT_OBJ_GRANT);
}

/* The object, which must exist; `name` has its roles replaced. */
static const dbt_object *object(struct fixture *f, const dbt_schema *s, dbt_object_kind kind,
				const char *name)
{
	char *want = with_roles(f, name);
	const dbt_object *obj = dbt_schema_find_object(s, kind, want);

	if (!obj)
		fail_msg("no %s '%s'", dbt_object_kind_name(kind), want);
	free(want);
	return obj;
}

/* Asserts a string field; `want` has its roles replaced, NULL for none. */
static void assert_field(struct fixture *f, const char *got, const char *want)
{
	char *w;

	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	w = with_roles(f, want);
	assert_string_equal(got, w);
	free(w);
}

/* The object's deps, joined by " | ". */
static void assert_deps(const dbt_object *obj, const char *want)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < obj->ndeps; i++)
		dbt_buf_printf(&b, "%s%s", i ? " | " : "", obj->deps[i]);
	assert_false(b.oom);
	assert_string_equal(dbt_buf_str(&b), want);
	dbt_buf_release(&b);
}

/* The object's deps joined by " | " (caller frees). */
static char *deps_text(const dbt_object *obj)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < obj->ndeps; i++)
		dbt_buf_printf(&b, "%s%s", i ? " | " : "", obj->deps[i]);
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

static void assert_same_string(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* The objects of this reader's kinds in `a` and `b` are the same, in the
 * same order, field by field. */
static void assert_same_objects(const dbt_schema *a, const dbt_schema *b)
{
	size_t i, j = 0, k;

	for (i = 0; i < a->nobjects; i++) {
		const dbt_object *x = a->objects[i], *y;

		if (!is_acl_kind(x->kind))
			continue;
		while (j < b->nobjects && !is_acl_kind(b->objects[j]->kind))
			j++;
		if (j == b->nobjects)
			fail_msg("%s '%s' is missing", dbt_object_kind_name(x->kind), x->name);
		y = b->objects[j++];
		assert_int_equal(y->kind, x->kind);
		assert_string_equal(y->name, x->name);
		assert_same_string(y->table, x->table);
		assert_string_equal(y->definition, x->definition);
		assert_string_equal(y->create_sql, x->create_sql);
		assert_string_equal(y->drop_sql, x->drop_sql);
		assert_same_string(y->replace_sql, x->replace_sql);
		assert_int_equal(y->ndeps, x->ndeps);
		for (k = 0; k < x->ndeps; k++)
			assert_string_equal(y->deps[k], x->deps[k]);
	}
	while (j < b->nobjects && !is_acl_kind(b->objects[j]->kind))
		j++;
	if (j < b->nobjects)
		fail_msg("%s '%s' is extra", dbt_object_kind_name(b->objects[j]->kind),
			 b->objects[j]->name);
}

/* The objects are in the order of their kind, then of their name's
 * bytes. */
static void assert_sorted(const dbt_schema *s)
{
	size_t i;

	for (i = 1; i < s->nobjects; i++) {
		const dbt_object *a = s->objects[i - 1], *b = s->objects[i];

		if (a->kind > b->kind || (a->kind == b->kind && strcmp(a->name, b->name) >= 0))
			fail_msg("'%s' comes before '%s'", a->name, b->name);
	}
}

/* Runs one statement field of each object of this reader's kinds in
 * `s`, in the schema `schema`: 0 create_sql, 1 drop_sql (in the reverse
 * order, as drops go), 2 replace_sql. */
static void run_objects(struct fixture *f, const dbt_schema *s, const char *schema, int which)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < s->nobjects; i++) {
		const dbt_object *o = s->objects[which == 1 ? s->nobjects - 1 - i : i];
		const char *sql = which == 0   ? o->create_sql
				  : which == 1 ? o->drop_sql
					       : o->replace_sql;

		if (is_acl_kind(o->kind) && sql)
			dbt_buf_printf(&b, "%s\n", sql);
	}
	assert_false(b.oom);
	exec_in(f, schema, 0, dbt_buf_str(&b));
	dbt_buf_release(&b);
}

/* ------------------------------------------------------------- the model */

/* What the objects are on. */
static const char base_sql[] =
	"CREATE TABLE orders (id serial PRIMARY KEY,\n"
	"  total numeric CONSTRAINT total_positive CHECK (total >= 0), owner_name text);\n"
	"CREATE INDEX orders_owner_ix ON orders (owner_name);\n"
	"CREATE TABLE \"Notes\" (id integer, \"Body\" text);\n"
	"CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;\n"
	"CREATE MATERIALIZED VIEW order_totals AS SELECT sum(total) AS s FROM orders;\n"
	"CREATE SEQUENCE tickets;\n"
	"CREATE FUNCTION is_big(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE\n"
	"  AS 'SELECT n > 100';\n"
	"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';\n"
	"CREATE TRIGGER orders_touch BEFORE UPDATE ON orders\n"
	"  FOR EACH ROW EXECUTE FUNCTION touch();\n"
	"CREATE TRIGGER big_insert INSTEAD OF INSERT ON big_orders\n"
	"  FOR EACH ROW EXECUTE FUNCTION touch();\n"
	"CREATE PROCEDURE reset_all() LANGUAGE sql AS 'SELECT 1';\n"
	"CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
	"CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);\n";

static const char rls_sql[] = "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
			      "ALTER TABLE orders FORCE ROW LEVEL SECURITY;\n"
			      "ALTER TABLE \"Notes\" ENABLE ROW LEVEL SECURITY;\n";

static const char policies_sql[] =
	"CREATE POLICY big ON orders AS RESTRICTIVE FOR SELECT TO $R1, $R2\n"
	"  USING (is_big(total));\n"
	"CREATE POLICY \"Own rows\" ON orders USING (owner_name = current_user)\n"
	"  WITH CHECK (total >= 0);\n"
	"CREATE POLICY ins ON \"Notes\" FOR INSERT TO $R1 WITH CHECK (id > 0);\n";

static const char comments_sql[] =
	"COMMENT ON TABLE orders IS 'Orders';\n"
	"COMMENT ON COLUMN orders.total IS 'In cents';\n"
	"COMMENT ON COLUMN \"Notes\".\"Body\" IS 'body';\n"
	"COMMENT ON COLUMN big_orders.total IS 'view column';\n"
	"COMMENT ON VIEW big_orders IS 'big';\n"
	"COMMENT ON MATERIALIZED VIEW order_totals IS 'totals';\n"
	"COMMENT ON INDEX orders_owner_ix IS 'by owner';\n"
	"COMMENT ON SEQUENCE tickets IS 'tickets';\n"
	"COMMENT ON FUNCTION is_big(numeric) IS 'is it big';\n"
	"COMMENT ON PROCEDURE reset_all() IS 'resets';\n"
	"COMMENT ON TYPE mood IS 'how one feels';\n"
	"COMMENT ON DOMAIN positive IS 'above zero';\n"
	"COMMENT ON CONSTRAINT positive_check ON DOMAIN positive IS 'the check';\n"
	"COMMENT ON CONSTRAINT total_positive ON orders IS 'no negative totals';\n"
	"COMMENT ON TRIGGER orders_touch ON orders IS 'touches';\n"
	"COMMENT ON TRIGGER big_insert ON big_orders IS 'instead';\n"
	"COMMENT ON POLICY big ON orders IS 'only big ones';\n";

static const char grants_sql[] =
	"GRANT SELECT, INSERT ON orders TO $R1;\n"
	"GRANT UPDATE ON orders TO $R1 WITH GRANT OPTION;\n"
	"GRANT UPDATE (total), SELECT (total, owner_name) ON orders TO $R2;\n"
	"GRANT SELECT ON big_orders TO PUBLIC;\n"
	"GRANT USAGE ON SEQUENCE tickets TO $R2;\n"
	"REVOKE EXECUTE ON FUNCTION is_big(numeric) FROM PUBLIC;\n"
	"GRANT EXECUTE ON FUNCTION is_big(numeric) TO $R1;\n"
	"GRANT USAGE ON TYPE mood TO $R2;\n"
	"GRANT ALL ON \"Notes\" TO $R2;\n";

/* Everything above in `schema`. */
static void build_all(struct fixture *f, const char *schema)
{
	exec_in(f, schema, 1, base_sql);
	exec_in(f, schema, 0, rls_sql);
	exec_in(f, schema, 0, policies_sql);
	exec_in(f, schema, 0, comments_sql);
	exec_in(f, schema, 0, grants_sql);
}

/* --------------------------------------------------------------- tests */

static void row_level_security_is_read_per_table(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_schema *s;

	exec_in(f, "app", 1, base_sql);
	exec_in(f, "app", 0, rls_sql);
	exec_in(f, "app", 0,
		"CREATE TABLE only_forced (id integer);\n"
		"ALTER TABLE only_forced FORCE ROW LEVEL SECURITY;\n");
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_RLS), 3);

	o = object(f, s, DBT_OBJ_RLS, "\"Notes\"");
	assert_field(f, o->table, "Notes");
	assert_field(f, o->definition, "ENABLE");
	assert_field(f, o->create_sql, "ALTER TABLE \"Notes\" ENABLE ROW LEVEL SECURITY;");
	assert_field(f, o->drop_sql, "ALTER TABLE \"Notes\" DISABLE ROW LEVEL SECURITY;");
	assert_field(f, o->replace_sql,
		     "ALTER TABLE \"Notes\" ENABLE ROW LEVEL SECURITY;\n"
		     "ALTER TABLE \"Notes\" NO FORCE ROW LEVEL SECURITY;");
	assert_deps(o, "Notes");

	o = object(f, s, DBT_OBJ_RLS, "orders");
	assert_field(f, o->definition, "ENABLE FORCE");
	assert_field(f, o->create_sql,
		     "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
		     "ALTER TABLE orders FORCE ROW LEVEL SECURITY;");
	assert_field(f, o->drop_sql,
		     "ALTER TABLE orders DISABLE ROW LEVEL SECURITY;\n"
		     "ALTER TABLE orders NO FORCE ROW LEVEL SECURITY;");
	assert_field(f, o->replace_sql,
		     "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
		     "ALTER TABLE orders FORCE ROW LEVEL SECURITY;");

	o = object(f, s, DBT_OBJ_RLS, "only_forced");
	assert_field(f, o->definition, "FORCE");
	assert_field(f, o->create_sql, "ALTER TABLE only_forced FORCE ROW LEVEL SECURITY;");
	assert_field(f, o->replace_sql,
		     "ALTER TABLE only_forced DISABLE ROW LEVEL SECURITY;\n"
		     "ALTER TABLE only_forced FORCE ROW LEVEL SECURITY;");
	/* kind order, then name order: the first of its kind */
	{
		size_t i = 0;

		while (i < s->nobjects && s->objects[i]->kind != DBT_OBJ_RLS)
			i++;
		assert_true(i < s->nobjects);
		assert_string_equal(s->objects[i]->name, "\"Notes\"");
	}
	dbt_schema_free(s);
}

static void policies_are_read_with_sorted_roles_and_expressions(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_schema *s;

	exec_in(f, "app", 1, base_sql);
	exec_in(f, "app", 0, policies_sql);
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_POLICY), 3);

	o = object(f, s, DBT_OBJ_POLICY, "big ON orders");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition,
		     "AS RESTRICTIVE FOR SELECT TO $R2, $R1 USING (is_big(total))");
	assert_field(f, o->create_sql,
		     "CREATE POLICY big ON orders AS RESTRICTIVE FOR SELECT TO $R2, $R1 "
		     "USING (is_big(total));");
	assert_field(f, o->drop_sql, "DROP POLICY big ON orders;");
	assert_null(o->replace_sql);
	assert_deps(o, "orders | function is_big(n numeric)");

	o = object(f, s, DBT_OBJ_POLICY, "\"Own rows\" ON orders");
	assert_field(f, o->definition,
		     "AS PERMISSIVE FOR ALL TO PUBLIC USING (owner_name = CURRENT_USER) "
		     "WITH CHECK (total >= 0::numeric)");
	assert_deps(o, "orders");

	o = object(f, s, DBT_OBJ_POLICY, "ins ON \"Notes\"");
	assert_field(f, o->table, "Notes");
	assert_field(f, o->definition, "AS PERMISSIVE FOR INSERT TO $R1 WITH CHECK (id > 0)");
	assert_field(f, o->create_sql,
		     "CREATE POLICY ins ON \"Notes\" AS PERMISSIVE FOR INSERT TO $R1 "
		     "WITH CHECK (id > 0);");
	dbt_schema_free(s);
}

static void comments_are_read_on_every_kind_of_object(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_schema *s;

	exec_in(f, "app", 1, base_sql);
	exec_in(f, "app", 0, policies_sql);
	exec_in(f, "app", 0, comments_sql);
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_COMMENT), 17);

	o = object(f, s, DBT_OBJ_COMMENT, "TABLE orders");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition, "Orders");
	assert_field(f, o->create_sql, "COMMENT ON TABLE orders IS 'Orders';");
	assert_field(f, o->replace_sql, "COMMENT ON TABLE orders IS 'Orders';");
	assert_field(f, o->drop_sql, "COMMENT ON TABLE orders IS NULL;");
	assert_deps(o, "orders");

	o = object(f, s, DBT_OBJ_COMMENT, "COLUMN orders.total");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition, "In cents");
	assert_deps(o, "orders");
	o = object(f, s, DBT_OBJ_COMMENT, "COLUMN \"Notes\".\"Body\"");
	assert_field(f, o->table, "Notes");
	assert_field(f, o->create_sql, "COMMENT ON COLUMN \"Notes\".\"Body\" IS 'body';");
	assert_deps(o, "Notes");
	o = object(f, s, DBT_OBJ_COMMENT, "COLUMN big_orders.total");
	assert_null(o->table);
	assert_deps(o, "view big_orders");
	o = object(f, s, DBT_OBJ_COMMENT, "VIEW big_orders");
	assert_null(o->table);
	assert_deps(o, "view big_orders");
	o = object(f, s, DBT_OBJ_COMMENT, "MATERIALIZED VIEW order_totals");
	assert_deps(o, "materialized view order_totals");
	o = object(f, s, DBT_OBJ_COMMENT, "INDEX orders_owner_ix");
	assert_deps(o, "orders");
	o = object(f, s, DBT_OBJ_COMMENT, "SEQUENCE tickets");
	assert_deps(o, "sequence tickets");
	o = object(f, s, DBT_OBJ_COMMENT, "FUNCTION is_big(n numeric)");
	assert_field(f, o->create_sql, "COMMENT ON FUNCTION is_big(n numeric) IS 'is it big';");
	assert_deps(o, "function is_big(n numeric)");
	o = object(f, s, DBT_OBJ_COMMENT, "PROCEDURE reset_all()");
	assert_deps(o, "procedure reset_all()");
	o = object(f, s, DBT_OBJ_COMMENT, "TYPE mood");
	assert_deps(o, "enum mood");
	o = object(f, s, DBT_OBJ_COMMENT, "DOMAIN positive");
	assert_deps(o, "domain positive");
	o = object(f, s, DBT_OBJ_COMMENT, "CONSTRAINT positive_check ON DOMAIN positive");
	assert_null(o->table);
	assert_deps(o, "domain positive");
	o = object(f, s, DBT_OBJ_COMMENT, "CONSTRAINT total_positive ON orders");
	assert_field(f, o->table, "orders");
	assert_deps(o, "orders");
	o = object(f, s, DBT_OBJ_COMMENT, "TRIGGER orders_touch ON orders");
	assert_field(f, o->table, "orders");
	assert_deps(o, "trigger orders_touch ON orders");
	o = object(f, s, DBT_OBJ_COMMENT, "TRIGGER big_insert ON big_orders");
	assert_null(o->table);
	assert_deps(o, "trigger big_insert ON big_orders");
	o = object(f, s, DBT_OBJ_COMMENT, "POLICY big ON orders");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition, "only big ones");
	assert_deps(o, "policy big ON orders");
	dbt_schema_free(s);
}

static void hostile_comment_texts_round_trip_exactly(void **state)
{
	static const char *const texts[] = {
		"it's \"quoted\"",
		"back\\slash \\' and \\\\ and E'\\n'",
		"two\nlines",
		"x\n-- migrate:downgrade\nDROP TABLE orders;",
		"cr\r\nlf and a\ttab and a bell\a",
		"line\xe2\x80\xa8separator and next\xc2\x85line, caf\xc3\xa9",
		"'; DROP TABLE orders; --",
		"$$ dollar $$ and /* comment",
	};
	struct fixture *f = *state;
	dbt_buf b = DBT_BUF_INIT;
	dbt_schema *s, *back;
	size_t i, n = sizeof(texts) / sizeof(texts[0]);
	char *sql;

	exec_in(f, "app", 1,
		"CREATE TABLE t (c0 int, c1 int, c2 int, c3 int, c4 int, "
		"c5 int, c6 int, c7 int);");
	/* Set through a parameter, so that the texts reach the server
	 * without any quoting of the test's own. */
	for (i = 0; i < n; i++) {
		const char *params[1] = {texts[i]};
		char cmd[160];
		PGresult *res;

		snprintf(cmd, sizeof(cmd),
			 "DO $$ BEGIN EXECUTE format('COMMENT ON COLUMN app.t.c%zu IS %%L', "
			 "current_setting('dbt.text')); END $$",
			 i);
		res = PQexecParams(dbt_postgres_handle(f->conn),
				   "SELECT set_config('dbt.text', $1, false)", 1, NULL, params,
				   NULL, NULL, 0);
		assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
		PQclear(res);
		assert_int_equal(run(f->conn, cmd), 0);
	}
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_COMMENT), n);
	for (i = 0; i < n; i++) {
		char name[32];
		const dbt_object *o;
		dbt_sqlstmt st;
		size_t pos = 0;
		int line = 0;

		snprintf(name, sizeof(name), "COLUMN t.c%zu", i);
		o = object(f, s, DBT_OBJ_COMMENT, name);
		assert_string_equal(o->definition, texts[i]);
		/* one line, one statement */
		assert_null(strchr(o->create_sql, '\n'));
		assert_null(strchr(o->create_sql, '\r'));
		assert_int_equal(dbt_sql_next(&st, o->create_sql, &pos, &line), 1);
		assert_int_equal(st.len, strlen(o->create_sql) - 1);
		assert_int_equal(dbt_sql_next(&st, o->create_sql, &pos, &line), 0);
		dbt_buf_printf(&b, "%s\n", o->create_sql);
	}
	/* The statements rebuild the same texts in another schema. */
	exec_in(f, "\"Other App\"", 1,
		"CREATE TABLE t (c0 int, c1 int, c2 int, c3 int, c4 int, c5 int, c6 int, c7 int);");
	assert_false(b.oom);
	sql = dbt_buf_detach(&b);
	exec_in(f, "\"Other App\"", 0, sql);
	free(sql);
	back = reflect_ok(f, "Other App");
	assert_same_objects(s, back);
	dbt_schema_free(s);
	dbt_schema_free(back);
}

static void grants_are_read_per_object_and_grantee(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_schema *s;
	char *deps;

	exec_in(f, "app", 1, base_sql);
	exec_in(f, "app", 0, grants_sql);
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_GRANT), 9);

	o = object(f, s, DBT_OBJ_GRANT, "TABLE orders TO $R1");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition, "SELECT, INSERT, UPDATE WITH GRANT OPTION");
	assert_field(f, o->create_sql,
		     "GRANT SELECT, INSERT ON TABLE orders TO $R1;\n"
		     "GRANT UPDATE ON TABLE orders TO $R1 WITH GRANT OPTION;");
	assert_field(f, o->drop_sql, "REVOKE ALL ON TABLE orders FROM $R1;");
	assert_field(f, o->replace_sql,
		     "REVOKE ALL ON TABLE orders FROM $R1;\n"
		     "GRANT SELECT, INSERT ON TABLE orders TO $R1;\n"
		     "GRANT UPDATE ON TABLE orders TO $R1 WITH GRANT OPTION;");
	assert_deps(o, "orders");

	o = object(f, s, DBT_OBJ_GRANT, "COLUMN orders.owner_name TO $R2");
	assert_field(f, o->definition, "SELECT");
	o = object(f, s, DBT_OBJ_GRANT, "COLUMN orders.total TO $R2");
	assert_field(f, o->table, "orders");
	assert_field(f, o->definition, "SELECT, UPDATE");
	assert_field(f, o->create_sql,
		     "GRANT SELECT (total), UPDATE (total) ON TABLE orders TO $R2;");
	assert_field(f, o->drop_sql, "REVOKE ALL (total) ON TABLE orders FROM $R2;");
	/* After the grant on its table to the same role, whose REVOKE ALL
	 * would take it. */
	deps = deps_text(o);
	assert_field(f, deps, "orders | grant TABLE orders TO $R2");
	free(deps);

	o = object(f, s, DBT_OBJ_GRANT, "TABLE big_orders TO PUBLIC");
	assert_null(o->table);
	assert_field(f, o->definition, "SELECT");
	assert_field(f, o->create_sql, "GRANT SELECT ON TABLE big_orders TO PUBLIC;");
	assert_deps(o, "view big_orders");

	o = object(f, s, DBT_OBJ_GRANT, "SEQUENCE tickets TO $R2");
	assert_field(f, o->definition, "USAGE");
	assert_field(f, o->create_sql, "GRANT USAGE ON SEQUENCE tickets TO $R2;");
	assert_deps(o, "sequence tickets");

	/* PUBLIC's EXECUTE is a default: revoking it is what differs */
	o = object(f, s, DBT_OBJ_GRANT, "FUNCTION is_big(n numeric) TO PUBLIC");
	assert_field(f, o->definition, "NONE");
	assert_field(f, o->create_sql, "REVOKE ALL ON FUNCTION is_big(n numeric) FROM PUBLIC;");
	assert_field(f, o->drop_sql,
		     "REVOKE ALL ON FUNCTION is_big(n numeric) FROM PUBLIC;\n"
		     "GRANT EXECUTE ON FUNCTION is_big(n numeric) TO PUBLIC;");
	assert_field(f, o->replace_sql, "REVOKE ALL ON FUNCTION is_big(n numeric) FROM PUBLIC;");
	assert_deps(o, "function is_big(n numeric)");
	o = object(f, s, DBT_OBJ_GRANT, "FUNCTION is_big(n numeric) TO $R1");
	assert_field(f, o->definition, "EXECUTE");

	o = object(f, s, DBT_OBJ_GRANT, "TYPE mood TO $R2");
	assert_field(f, o->definition, "USAGE");
	assert_field(f, o->create_sql, "GRANT USAGE ON TYPE mood TO $R2;");
	assert_deps(o, "enum mood");

	o = object(f, s, DBT_OBJ_GRANT, "TABLE \"Notes\" TO $R2");
	assert_field(f, o->table, "Notes");
	assert_field(f, o->definition,
		     "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER");

	/* the owner's own privileges, and the defaults, are no grants */
	assert_null(dbt_schema_find_object(s, DBT_OBJ_GRANT, "TABLE orders TO dbtool"));
	assert_null(dbt_schema_find_object(s, DBT_OBJ_GRANT, "TYPE mood TO PUBLIC"));
	dbt_schema_free(s);
}

static void same_objects_in_another_schema_read_the_same(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	build_all(f, "app");
	build_all(f, "\"Other App\"");
	a = reflect_ok(f, "app");
	b = reflect_ok(f, "Other App");
	assert_int_equal(count_acl(a), ALL_OBJECTS);
	assert_sorted(a);
	assert_same_objects(a, b);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void create_sql_in_a_fresh_schema_rebuilds_the_same_objects(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	build_all(f, "app");
	a = reflect_ok(f, "app");
	assert_int_equal(count_acl(a), ALL_OBJECTS);
	exec_in(f, "fresh", 1, base_sql);
	run_objects(f, a, "fresh", 0);
	b = reflect_ok(f, "fresh");
	assert_same_objects(a, b);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void drop_sql_leaves_none_of_the_objects(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	build_all(f, "app");
	a = reflect_ok(f, "app");
	assert_int_equal(count_acl(a), ALL_OBJECTS);
	run_objects(f, a, "app", 1);
	b = reflect_ok(f, "app");
	assert_int_equal(count_acl(b), 0);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void replace_sql_turns_other_definitions_into_these(void **state)
{
	struct fixture *f = *state;
	dbt_schema *a, *b;

	build_all(f, "app");
	a = reflect_ok(f, "app");
	assert_int_equal(count_acl(a), ALL_OBJECTS);
	/* The same objects, each defined otherwise. */
	exec_in(f, "fresh", 1, base_sql);
	exec_in(f, "fresh", 0,
		"ALTER TABLE \"Notes\" FORCE ROW LEVEL SECURITY;\n"
		"ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
		"COMMENT ON TABLE orders IS 'old';\n"
		"COMMENT ON COLUMN orders.total IS 'old';\n"
		"GRANT DELETE ON orders TO $R1 WITH GRANT OPTION;\n"
		"GRANT INSERT (total) ON orders TO $R2;\n"
		"GRANT USAGE ON TYPE mood TO $R2 WITH GRANT OPTION;\n"
		"GRANT ALL ON FUNCTION is_big(numeric) TO PUBLIC;\n"
		"GRANT SELECT ON \"Notes\" TO $R2;\n");
	/* Policies have no replace_sql: they are created. */
	exec_in(f, "fresh", 0, policies_sql);
	exec_in(f, "fresh", 0, "COMMENT ON POLICY big ON orders IS 'old';");
	run_objects(f, a, "fresh", 2);
	b = reflect_ok(f, "fresh");
	assert_same_objects(a, b);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void extension_objects_and_dbtool_tables_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	exec_in(f, "app", 1,
		"CREATE EXTENSION citext SCHEMA app;\n"
		"COMMENT ON TYPE citext IS 'from the extension';\n"
		"GRANT USAGE ON TYPE citext TO $R1;\n"
		"REVOKE ALL ON FUNCTION citext(boolean) FROM PUBLIC;\n"
		"CREATE TABLE dbtool_version (version text PRIMARY KEY);\n"
		"CREATE TABLE dbtool_history (id serial PRIMARY KEY, what text);\n"
		"COMMENT ON TABLE dbtool_version IS 'v';\n"
		"COMMENT ON COLUMN dbtool_history.what IS 'w';\n"
		"COMMENT ON INDEX dbtool_version_pkey IS 'i';\n"
		"ALTER TABLE dbtool_version ENABLE ROW LEVEL SECURITY;\n"
		"CREATE POLICY p ON dbtool_version USING (true);\n"
		"CREATE TABLE kept (id integer);\n"
		"GRANT SELECT ON ALL TABLES IN SCHEMA app TO $R1;\n"
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA app TO $R1;\n"
		"GRANT SELECT ON kept TO $R2;\n");
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_RLS), 0);
	assert_int_equal(count(s, DBT_OBJ_POLICY), 0);
	assert_int_equal(count(s, DBT_OBJ_COMMENT), 0);
	assert_int_equal(count(s, DBT_OBJ_GRANT), 2);
	object(f, s, DBT_OBJ_GRANT, "TABLE kept TO $R1");
	object(f, s, DBT_OBJ_GRANT, "TABLE kept TO $R2");
	dbt_schema_free(s);
}

static void objects_of_other_schemas_are_left_out(void **state)
{
	struct fixture *f = *state;
	dbt_schema *s;

	build_all(f, "elsewhere");
	exec_in(f, "app", 1,
		"CREATE TABLE orders (id integer);\n"
		"ALTER TABLE orders FORCE ROW LEVEL SECURITY;\n"
		"CREATE POLICY big ON orders USING (id > 1);\n"
		"COMMENT ON TABLE orders IS 'mine';\n"
		"GRANT DELETE ON orders TO $R1;\n");
	s = reflect_ok(f, "app");
	assert_int_equal(count(s, DBT_OBJ_RLS), 1);
	assert_field(f, object(f, s, DBT_OBJ_RLS, "orders")->definition, "FORCE");
	assert_int_equal(count(s, DBT_OBJ_POLICY), 1);
	assert_field(f, object(f, s, DBT_OBJ_POLICY, "big ON orders")->definition,
		     "AS PERMISSIVE FOR ALL TO PUBLIC USING (id > 1)");
	assert_int_equal(count(s, DBT_OBJ_COMMENT), 1);
	assert_field(f, object(f, s, DBT_OBJ_COMMENT, "TABLE orders")->definition, "mine");
	assert_int_equal(count(s, DBT_OBJ_GRANT), 1);
	assert_field(f, object(f, s, DBT_OBJ_GRANT, "TABLE orders TO $R1")->definition, "DELETE");
	dbt_schema_free(s);
}

static void policies_of_other_schemas_tables_are_read_qualified_when_asked(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_schema *s;

	exec_in(f, "app", 1,
		"CREATE TABLE orders (id integer);\n"
		"ALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n"
		"CREATE POLICY big ON orders USING (id > 1);\n");
	exec_in(f, "public", 0,
		"CREATE TABLE orders (id integer);\n"
		"CREATE POLICY big ON orders USING (id > 2);\n");
	s = reflect_ok(f, NULL);
	assert_int_equal(count(s, DBT_OBJ_POLICY), 1);
	assert_int_equal(count(s, DBT_OBJ_RLS), 0);
	dbt_schema_free(s);
	f->conn->all_schemas = 1;
	s = reflect_ok(f, NULL);
	f->conn->all_schemas = 0;
	assert_int_equal(count(s, DBT_OBJ_POLICY), 2);
	assert_field(f, object(f, s, DBT_OBJ_POLICY, "big ON orders")->definition,
		     "AS PERMISSIVE FOR ALL TO PUBLIC USING (id > 2)");
	o = object(f, s, DBT_OBJ_POLICY, "big ON app.orders");
	assert_field(f, o->definition, "AS PERMISSIVE FOR ALL TO PUBLIC USING (id > 1)");
	assert_field(f, o->table, "app\x1forders");
	assert_field(f, o->create_sql,
		     "CREATE POLICY big ON app.orders AS PERMISSIVE FOR ALL TO PUBLIC USING (id > "
		     "1);");
	o = object(f, s, DBT_OBJ_RLS, "app.orders");
	assert_field(f, o->definition, "ENABLE");
	assert_field(f, o->table, "app\x1forders");
	dbt_schema_free(s);
}

/* Reads this reader's objects of "app" into `s` the way
 * dbt_postgres_reflect runs it: in a transaction, with search_path on
 * the schema. */
static int read_acl(struct fixture *f, dbt_schema *s)
{
	dbt_pg_objects o = {f->conn, dbt_postgres_handle(f->conn), "app", s, 0};
	int rc;

	assert_int_equal(run(f->conn, "BEGIN; SET LOCAL search_path = app, pg_catalog"), 0);
	rc = dbt_pg_reflect_acl(&o);
	assert_int_equal(run(f->conn, "ROLLBACK"), 0);
	return rc;
}

static void other_schemas_comments_and_grants_follow_the_schema_reader(void **state)
{
	struct fixture *f = *state;
	const dbt_object *o;
	dbt_object *kept;
	dbt_schema *s;

	exec_in(f, "app", 1,
		"CREATE SCHEMA audit;\n"
		"COMMENT ON SCHEMA audit IS 'logs';\n"
		"GRANT USAGE ON SCHEMA audit TO $R1;\n"
		"CREATE SCHEMA unkept;\n"
		"COMMENT ON SCHEMA unkept IS 'x';\n"
		"GRANT USAGE ON SCHEMA unkept TO $R1;\n"
		"COMMENT ON SCHEMA app IS 'managed';\n"
		"GRANT USAGE ON SCHEMA app TO $R1;\n");
	assert_int_equal(dbt_schema_new(&s), 0);
	/* as the schema reader, which runs first, would keep it */
	assert_int_equal(dbt_schema_add_object(&kept, s, DBT_OBJ_SCHEMA, "audit", NULL, "",
					       "CREATE SCHEMA audit;", "DROP SCHEMA audit;", NULL),
			 0);
	assert_int_equal(read_acl(f, s), 0);
	assert_int_equal(count(s, DBT_OBJ_COMMENT), 1);
	o = object(f, s, DBT_OBJ_COMMENT, "SCHEMA audit");
	assert_null(o->table);
	assert_field(f, o->definition, "logs");
	assert_field(f, o->create_sql, "COMMENT ON SCHEMA audit IS 'logs';");
	assert_deps(o, "schema audit");
	assert_int_equal(count(s, DBT_OBJ_GRANT), 1);
	o = object(f, s, DBT_OBJ_GRANT, "SCHEMA audit TO $R1");
	assert_field(f, o->definition, "USAGE");
	assert_field(f, o->create_sql, "GRANT USAGE ON SCHEMA audit TO $R1;");
	assert_field(f, o->drop_sql, "REVOKE ALL ON SCHEMA audit FROM $R1;");
	assert_deps(o, "schema audit");
	dbt_schema_free(s);
}

static void failed_query_is_a_database_error_naming_the_schema(void **state)
{
	struct fixture *f = *state;
	dbt_pg_objects o = {f->conn, dbt_postgres_handle(f->conn), "app", NULL, 0};
	dbt_schema *s;

	exec_in(f, "app", 1, "CREATE TABLE t (id integer);");
	assert_int_equal(dbt_schema_new(&s), 0);
	o.schema = s;
	/* a transaction that failed refuses every query */
	assert_int_equal(run(f->conn, "BEGIN"), 0);
	PQclear(PQexec(dbt_postgres_handle(f->conn), "SELECT 1/0"));
	assert_int_equal(PQtransactionStatus(dbt_postgres_handle(f->conn)), PQTRANS_INERROR);
	assert_int_equal(dbt_pg_reflect_acl(&o), DBT_EDB);
	assert_string_equal(dbt_error_last(),
			    "cannot reflect schema 'app': current transaction is aborted, "
			    "commands ignored until end of transaction block");
	assert_int_equal(run(f->conn, "ROLLBACK"), 0);
	assert_int_equal(s->nobjects, 0);
	dbt_schema_free(s);
}

/* Tables with each kind of object on them. */
static char *tables_with_objects(int n)
{
	dbt_buf b = DBT_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		dbt_buf_printf(&b,
			       "CREATE TABLE t%d (id integer);\n"
			       "ALTER TABLE t%d ENABLE ROW LEVEL SECURITY;\n"
			       "CREATE POLICY p ON t%d USING (id > 0);\n"
			       "COMMENT ON COLUMN t%d.id IS 'id';\n"
			       "GRANT SELECT ON t%d TO $R1;\n",
			       i, i, i, i, i);
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

static void query_count_does_not_grow_with_objects(void **state)
{
	struct fixture *f = *state;
	char *one = tables_with_objects(1), *many = tables_with_objects(40);
	unsigned long before, n1, n40;
	dbt_schema *s;

	exec_in(f, "one", 1, one);
	exec_in(f, "many", 1, many);
	before = f->conn->nqueries;
	s = reflect_ok(f, "one");
	n1 = f->conn->nqueries - before;
	assert_int_equal(count_acl(s), 4);
	dbt_schema_free(s);
	before = f->conn->nqueries;
	s = reflect_ok(f, "many");
	n40 = f->conn->nqueries - before;
	assert_int_equal(count_acl(s), 4 * 40);
	dbt_schema_free(s);
	assert_int_equal(n40, n1);
	free(one);
	free(many);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(row_level_security_is_read_per_table),
		T(policies_are_read_with_sorted_roles_and_expressions),
		T(comments_are_read_on_every_kind_of_object),
		T(hostile_comment_texts_round_trip_exactly),
		T(grants_are_read_per_object_and_grantee),
		T(same_objects_in_another_schema_read_the_same),
		T(create_sql_in_a_fresh_schema_rebuilds_the_same_objects),
		T(drop_sql_leaves_none_of_the_objects),
		T(replace_sql_turns_other_definitions_into_these),
		T(extension_objects_and_dbtool_tables_are_left_out),
		T(objects_of_other_schemas_are_left_out),
		T(policies_of_other_schemas_tables_are_read_qualified_when_asked),
		T(other_schemas_comments_and_grants_follow_the_schema_reader),
		T(failed_query_is_a_database_error_naming_the_schema),
		T(query_count_does_not_grow_with_objects),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
