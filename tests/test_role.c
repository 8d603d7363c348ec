/*
 * test_role.c - PostgreSQL roles in the model (role.h): what CREATE ROLE,
 * CREATE USER and ALTER ROLE declare, the canonical definition the differ
 * compares, the SQL that creates, alters and drops a role, and where the
 * differ puts roles among the other objects (created first, dropped last,
 * so that a grant to a role comes after it and is revoked before it goes).
 * Reading the cluster's roles is test_roles.sh's (tests/e2e).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "parse.h"
#include "render.h"
#include "role.h"

/* ----------------------------------------------------------- helpers */

static dbt_schema *parse_ok(const char *sql)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "schema.sql", sql, strlen(sql)) != 0)
		fail_msg("parse failed: %s", dbt_error_last());
	return s;
}

static void assert_parse_error(const char *sql, const char *msg)
{
	dbt_schema *s = NULL;

	assert_int_equal(dbt_parse_model(&s, "schema.sql", sql, strlen(sql)), DBT_EPARSE);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
}

static const struct dbt_dialect *pg(void)
{
	return dbt_dialect_for(DBT_DIALECT_POSTGRES);
}

/* The definition of the model's role `name` over what it states. */
static void assert_definition(const dbt_schema *s, const char *name, const char *want)
{
	const dbt_role *r = dbt_schema_find_role(s, name);
	dbt_buf b = DBT_BUF_INIT;

	assert_non_null(r);
	dbt_role_definition(&b, r, r->set);
	assert_string_equal(dbt_buf_str(&b), want);
	dbt_buf_release(&b);
}

/* ------------------------------------------------------------- parse */

static void create_role_states_every_attribute_at_its_default(void **state)
{
	dbt_schema *s;
	const dbt_role *r;

	(void)state;
	s = parse_ok("CREATE ROLE reader;");
	assert_int_equal(s->nroles, 1);
	r = s->roles[0];
	assert_string_equal(r->name, "reader");
	assert_int_equal(r->set, DBT_ROLE_ALL);
	assert_int_equal(r->created, 1);
	assert_int_equal(r->line, 1);
	assert_int_equal(r->col, 1);
	assert_definition(s, "reader",
			  "NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT NOLOGIN NOREPLICATION "
			  "NOBYPASSRLS CONNECTION LIMIT -1 VALID UNTIL 'infinity'");
	assert_int_equal(s->ntables + s->nstatements + s->nobjects, 0);
	dbt_schema_free(s);
}

static void create_user_is_login_by_default(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE USER app;\nCREATE USER \"Web-App\" NOLOGIN;");
	assert_true(dbt_schema_find_role(s, "app")->flags & DBT_ROLE_LOGIN);
	assert_false(dbt_schema_find_role(s, "Web-App")->flags & DBT_ROLE_LOGIN);
	assert_int_equal(dbt_schema_find_role(s, "Web-App")->line, 2);
	dbt_schema_free(s);
}

static void every_attribute_is_read(void **state)
{
	dbt_schema *s;
	const dbt_role *r;

	(void)state;
	s = parse_ok("create role admin with login superuser createdb createrole noinherit "
		     "replication bypassrls connection limit 100 encrypted password 'it''s' "
		     "valid until '2030-01-01';");
	r = s->roles[0];
	assert_definition(s, "admin",
			  "SUPERUSER CREATEDB CREATEROLE NOINHERIT LOGIN REPLICATION BYPASSRLS "
			  "CONNECTION LIMIT 100 VALID UNTIL '2030-01-01'");
	assert_string_equal(r->password, "it's");
	dbt_schema_free(s);
	s = parse_ok("CREATE ROLE r PASSWORD 'x' PASSWORD NULL CONNECTION LIMIT -1;");
	assert_null(s->roles[0]->password);
	assert_int_equal(s->roles[0]->conn_limit, -1);
	dbt_schema_free(s);
}

static void alter_role_changes_the_declared_role(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE ROLE app LOGIN;\nALTER ROLE app WITH NOLOGIN CREATEDB;\n"
		     "ALTER USER app CONNECTION LIMIT 3;");
	assert_int_equal(s->nroles, 1);
	assert_definition(s, "app",
			  "NOSUPERUSER CREATEDB NOCREATEROLE INHERIT NOLOGIN NOREPLICATION "
			  "NOBYPASSRLS CONNECTION LIMIT 3 VALID UNTIL 'infinity'");
	dbt_schema_free(s);
}

static void alter_role_alone_states_only_what_it_writes(void **state)
{
	dbt_schema *s;
	const dbt_role *r;

	(void)state;
	s = parse_ok("ALTER ROLE existing LOGIN CREATEDB;");
	r = s->roles[0];
	assert_int_equal(r->created, 0);
	assert_int_equal(r->set, DBT_ROLE_LOGIN | DBT_ROLE_CREATEDB);
	assert_definition(s, "existing", "CREATEDB LOGIN");
	dbt_schema_free(s);
}

static void user_mapping_is_no_role(void **state)
{
	dbt_schema *s = NULL;

	(void)state;
	assert_int_equal(dbt_parse_model(&s, "schema.sql", "CREATE USER MAPPING FOR app SERVER x;",
					 37),
			 DBT_EPARSE);
	assert_null(s);
	assert_non_null(strstr(dbt_error_last(), "'CREATE USER'"));
}

static void what_the_model_does_not_hold_is_an_error_at_its_place(void **state)
{
	(void)state;
	assert_parse_error("CREATE ROLE a;\nCREATE ROLE a LOGIN;",
			   "schema.sql:2:13: role 'a' is declared twice (first on line 1)");
	assert_parse_error("CREATE ROLE a IN ROLE b;",
			   "schema.sql:1:15: role memberships (IN ROLE, ROLE, ADMIN, USER) are "
			   "not held by the model: GRANT the role in a revision of its own");
	assert_parse_error("ALTER ROLE a SET search_path = x;",
			   "schema.sql:1:14: ALTER ROLE ... SET is not held by the model: only "
			   "the role's attributes are");
	assert_parse_error("CREATE ROLE current_user;",
			   "schema.sql:1:13: the model declares roles by their names, not "
			   "'current_user'");
	assert_parse_error("CREATE ROLE a CONNECTION LIMIT -5;",
			   "schema.sql:1:33: invalid connection limit -5");
	assert_parse_error("CREATE ROLE a PASSWORD E'x';",
			   "schema.sql:1:24: expected a password in '...', found a string");
}

/* ------------------------------------------------------------ render */

static void create_sql_writes_what_differs_from_the_defaults(void **state)
{
	dbt_schema *s;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	s = parse_ok("CREATE ROLE \"user@example.com\" NOINHERIT LOGIN PASSWORD 'p''w';\n"
		     "CREATE ROLE plain;");
	dbt_role_create_sql(&b, pg(), s->roles[0], DBT_ROLE_ALL);
	assert_string_equal(dbt_buf_str(&b),
			    "CREATE ROLE \"user@example.com\" NOINHERIT LOGIN PASSWORD 'p''w';");
	dbt_buf_clear(&b);
	dbt_role_create_sql(&b, pg(), s->roles[1], DBT_ROLE_ALL);
	assert_string_equal(dbt_buf_str(&b), "CREATE ROLE plain;");
	dbt_buf_clear(&b);
	dbt_role_drop_sql(&b, pg(), s->roles[0]);
	assert_string_equal(dbt_buf_str(&b), "DROP ROLE \"user@example.com\";");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

static void alter_sql_writes_the_attributes_that_differ(void **state)
{
	dbt_schema *a, *b;
	dbt_buf sql = DBT_BUF_INIT;
	unsigned d;

	(void)state;
	a = parse_ok("CREATE ROLE app LOGIN CONNECTION LIMIT 5;");
	b = parse_ok("CREATE ROLE app NOLOGIN CONNECTION LIMIT 5 VALID UNTIL 'x';");
	d = dbt_role_differs(b->roles[0], a->roles[0], b->roles[0]->set);
	assert_int_equal(d, DBT_ROLE_LOGIN | DBT_ROLE_VALIDUNTIL);
	dbt_role_alter_sql(&sql, pg(), b->roles[0], d);
	assert_string_equal(dbt_buf_str(&sql), "ALTER ROLE app WITH NOLOGIN VALID UNTIL 'x';");
	dbt_buf_clear(&sql);
	dbt_role_alter_sql(&sql, pg(), a->roles[0], d);
	assert_string_equal(dbt_buf_str(&sql), "ALTER ROLE app WITH LOGIN VALID UNTIL 'infinity';");
	dbt_buf_clear(&sql);
	dbt_role_alter_sql(&sql, pg(), a->roles[0], 0);
	assert_string_equal(dbt_buf_str(&sql), "");
	dbt_buf_release(&sql);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void no_valid_until_and_infinity_are_one(void **state)
{
	dbt_schema *a, *b;

	(void)state;
	a = parse_ok("CREATE ROLE r;");
	b = parse_ok("CREATE ROLE r VALID UNTIL 'infinity';");
	assert_int_equal(dbt_role_differs(a->roles[0], b->roles[0], DBT_ROLE_ALL), 0);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* -------------------------------------------------------------- diff */

/* The rendered ops of the diff from `from` to `to`, one after another. */
static char *plan(const dbt_schema *from, const dbt_schema *to)
{
	dbt_diff diff = {NULL, 0};
	dbt_diff_opts o = {.objects_around_alters = 1};
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	assert_int_equal(dbt_diff_schemas(&diff, from, to, &o), 0);
	for (i = 0; i < diff.n; i++)
		assert_int_equal(dbt_render_op(&b, DBT_DIALECT_POSTGRES, &diff.ops[i]), 0);
	dbt_diff_release(&diff);
	return dbt_buf_detach(&b);
}

static void a_role_comes_before_the_grant_to_it_and_goes_after(void **state)
{
	dbt_schema *empty, *m;
	dbt_object *o;
	char *sql;

	(void)state;
	assert_int_equal(dbt_schema_new(&empty), 0);
	m = parse_ok("CREATE ROLE reader;");
	/* The grant first, as a model would declare it after the role. */
	assert_int_equal(dbt_schema_add_object(&o, m, DBT_OBJ_GRANT, "SCHEMA s TO reader", NULL,
					       "USAGE", "GRANT USAGE ON SCHEMA s TO reader;",
					       "REVOKE USAGE ON SCHEMA s FROM reader;", NULL),
			 0);
	assert_int_equal(dbt_role_add_object(&o, m, pg(), m->roles[0], DBT_ROLE_ALL), 0);
	sql = plan(empty, m);
	assert_non_null(strstr(sql, "CREATE ROLE reader;"));
	assert_true(strstr(sql, "CREATE ROLE reader;") < strstr(sql, "GRANT USAGE"));
	free(sql);
	sql = plan(m, empty);
	assert_non_null(strstr(sql, "DROP ROLE reader;"));
	assert_true(strstr(sql, "REVOKE USAGE") < strstr(sql, "DROP ROLE reader;"));
	free(sql);
	dbt_schema_free(m);
	dbt_schema_free(empty);
}

static void a_changed_role_is_altered_in_place(void **state)
{
	dbt_schema *db, *m;
	dbt_object *o, *live;
	dbt_buf b = DBT_BUF_INIT;
	char *sql;

	(void)state;
	db = parse_ok("CREATE ROLE app NOLOGIN;");
	m = parse_ok("CREATE ROLE app LOGIN;");
	assert_int_equal(dbt_role_add_object(&live, db, pg(), db->roles[0], DBT_ROLE_ALL), 0);
	assert_int_equal(dbt_role_add_object(&o, m, pg(), m->roles[0], DBT_ROLE_ALL), 0);
	dbt_role_alter_sql(&b, pg(), m->roles[0], DBT_ROLE_LOGIN);
	o->replace_sql = dbt_buf_detach(&b);
	dbt_role_alter_sql(&b, pg(), db->roles[0], DBT_ROLE_LOGIN);
	live->replace_sql = dbt_buf_detach(&b);
	sql = plan(db, m);
	assert_string_equal(sql, "ALTER ROLE app WITH LOGIN;\n");
	free(sql);
	sql = plan(m, db);
	assert_string_equal(sql, "ALTER ROLE app WITH NOLOGIN;\n");
	free(sql);
	dbt_schema_free(db);
	dbt_schema_free(m);
}

#define T(fn) cmocka_unit_test(fn)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(create_role_states_every_attribute_at_its_default),
		T(create_user_is_login_by_default),
		T(every_attribute_is_read),
		T(alter_role_changes_the_declared_role),
		T(alter_role_alone_states_only_what_it_writes),
		T(user_mapping_is_no_role),
		T(what_the_model_does_not_hold_is_an_error_at_its_place),
		T(create_sql_writes_what_differs_from_the_defaults),
		T(alter_sql_writes_the_attributes_that_differ),
		T(no_valid_until_and_infinity_are_one),
		T(a_role_comes_before_the_grant_to_it_and_goes_after),
		T(a_changed_role_is_altered_in_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
