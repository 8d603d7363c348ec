/*
 * test_lint.c - the lint rules over revision text: each rule's finding
 * with its line and column, the safe forms that stay silent, the dialect
 * filter, the narrowing judgement against the downgrade's type, the
 * rebuild pattern, lint:ignore with and without a reason, and the row
 * count of rule L012 through the connect callback.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "dialect.h"

#define PATH "versions/a_x.sql"

/* Lints a revision whose upgrade (from line 5) and downgrade are given;
 * returns dbt_lint_revision's result, the findings in `rep`. */
static int lint(dbt_lint_report *rep, dbt_revision *rev, const char *up, const char *down,
		dbt_dialect_kind kind, int transactional)
{
	char text[4096];
	dbt_lint_opts o;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	snprintf(text, sizeof(text),
		 "-- id: a\n-- parent:\n%s\n-- migrate:upgrade\n%s\n-- migrate:downgrade\n%s\n",
		 transactional ? "-- message: m" : "-- transaction: false", up, down);
	assert_int_equal(dbt_revision_parse(rev, PATH, text, strlen(text)), 0);
	memset(rep, 0, sizeof(*rep));
	return dbt_lint_revision(rep, rev, &o);
}

/* The findings as "CODE@line:col" joined by blanks. */
static char *codes(const dbt_lint_report *rep)
{
	static char out[1024];
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < rep->n; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s@%d:%d", i ? " " : "",
				      rep->v[i].rule->code, rep->v[i].line, rep->v[i].col);
	return out;
}

static void expect(const char *up, const char *down, dbt_dialect_kind kind, const char *want)
{
	dbt_lint_report rep;
	dbt_revision rev;

	assert_int_equal(lint(&rep, &rev, up, down, kind, 1), 0);
	assert_string_equal(codes(&rep), want);
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
}

/* DBT_LINT_OPTS_INIT carries the current version and lints as a zeroed
 * struct does (programs written before the field); a later version is
 * refused, adding nothing. */
static void lint_opts_of_an_unknown_version_are_refused(void **state)
{
	const char *text = "-- id: a\n-- parent:\n\n-- migrate:upgrade\nDROP TABLE t;\n"
			   "-- migrate:downgrade\nCREATE TABLE t (id INT);\n";
	dbt_lint_opts o = DBT_LINT_OPTS_INIT;
	dbt_lint_report rep;
	dbt_revision rev;

	(void)state;
	assert_int_equal(o.version, DBT_LINT_OPTS_VERSION);
	assert_int_equal(dbt_revision_parse(&rev, PATH, text, strlen(text)), 0);
	memset(&rep, 0, sizeof(rep));
	assert_int_equal(dbt_lint_revision(&rep, &rev, &o), 0);
	assert_string_equal(codes(&rep), "L001@5:12");
	dbt_lint_report_release(&rep);
	memset(&rep, 0, sizeof(rep));
	o.version = DBT_LINT_OPTS_VERSION + 1;
	assert_int_equal(dbt_lint_revision(&rep, &rev, &o), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "unknown version 2 of the lint options");
	assert_int_equal(rep.n, 0);
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
}

static void rules_are_numbered_and_documented(void **state)
{
	const dbt_lint_rule *r;
	size_t i, n;
	char code[32];

	(void)state;
	r = dbt_lint_rules(&n);
	assert_int_equal(n, 12);
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof(code), "L%03zu", i + 1);
		assert_string_equal(r[i].code, code);
		assert_true(strlen(r[i].summary) && strlen(r[i].reason) && strlen(r[i].fix));
		assert_ptr_equal(dbt_lint_rule_find(r[i].name), &r[i]);
		assert_ptr_equal(dbt_lint_rule_find(code), &r[i]);
	}
	assert_ptr_equal(dbt_lint_rule_find("l007"), &r[6]);
	assert_null(dbt_lint_rule_find("L013"));
}

static void destructive_changes(void **state)
{
	(void)state;
	expect("DROP TABLE users;", "SELECT 1;", DBT_DIALECT_SQLITE, "L001@5:12");
	expect("DROP TABLE IF EXISTS a, \"B\";", "SELECT 1;", DBT_DIALECT_SQLITE,
	       "L001@5:22 L001@5:25");
	expect("CREATE TABLE t (a INT);\nDROP TABLE t;", "SELECT 1;", DBT_DIALECT_SQLITE, "");
	expect("ALTER TABLE app.users DROP COLUMN age, DROP CONSTRAINT c;", "SELECT 1;",
	       DBT_DIALECT_SQLITE, "L002@5:23");
	expect("ALTER TABLE users DROP age;", "SELECT 1;", DBT_DIALECT_SQLITE, "L002@5:19");
	expect("ALTER TABLE users ALTER COLUMN a DROP DEFAULT, ALTER a DROP NOT NULL;", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "");
}

static void narrowing_is_judged_against_the_downgrade(void **state)
{
	(void)state;
	expect("ALTER TABLE t ALTER COLUMN a TYPE varchar(10);",
	       "ALTER TABLE t ALTER COLUMN a TYPE varchar(50);", DBT_DIALECT_SQLITE, "L003@5:15");
	expect("ALTER TABLE t ALTER COLUMN a TYPE varchar(10);",
	       "ALTER TABLE t ALTER COLUMN a TYPE text;", DBT_DIALECT_SQLITE, "L003@5:15");
	expect("ALTER TABLE t ALTER COLUMN a TYPE text;",
	       "ALTER TABLE t ALTER COLUMN a TYPE varchar(9);", DBT_DIALECT_SQLITE, "");
	expect("ALTER TABLE t ALTER a SET DATA TYPE numeric(10,2);",
	       "ALTER TABLE t ALTER a TYPE numeric(12,2);", DBT_DIALECT_SQLITE, "L003@5:15");
	expect("ALTER TABLE t ALTER a TYPE numeric(12,1);",
	       "ALTER TABLE t ALTER a TYPE numeric(12,2);", DBT_DIALECT_SQLITE, "L003@5:15");
	expect("ALTER TABLE t ALTER a TYPE integer USING a::integer;",
	       "ALTER TABLE t ALTER a TYPE bigint;", DBT_DIALECT_SQLITE, "L003@5:15");
	expect("ALTER TABLE t ALTER a TYPE bigint;", "ALTER TABLE t ALTER a TYPE integer;",
	       DBT_DIALECT_SQLITE, "");
	expect("ALTER TABLE t ALTER a TYPE real;", "ALTER TABLE t ALTER a TYPE double precision;",
	       DBT_DIALECT_SQLITE, "L003@5:15");
	/* another column's inverse says nothing about this one */
	expect("ALTER TABLE t ALTER a TYPE varchar(1);", "ALTER TABLE t ALTER b TYPE varchar(9);",
	       DBT_DIALECT_SQLITE, "");
	/* on PostgreSQL a type change is also a rewrite */
	expect("ALTER TABLE t ALTER a TYPE varchar(1);", "ALTER TABLE t ALTER a TYPE varchar(9);",
	       DBT_DIALECT_POSTGRES, "L003@5:15 L004@5:15");
}

static void postgres_locking_rules(void **state)
{
	(void)state;
	expect("ALTER TABLE t ALTER a SET NOT NULL;", "SELECT 1;", DBT_DIALECT_POSTGRES,
	       "L005@5:15");
	expect("ALTER TABLE t ALTER a SET NOT NULL;", "SELECT 1;", DBT_DIALECT_SQLITE, "");
	/* nor on MariaDB, whose locking differs; the general rules still apply */
	expect("ALTER TABLE t ALTER a SET NOT NULL;", "SELECT 1;", DBT_DIALECT_MYSQL, "");
	expect("CREATE INDEX i ON t (a);", "SELECT 1;", DBT_DIALECT_MYSQL, "");
	expect("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u (id);", "SELECT 1;",
	       DBT_DIALECT_MYSQL, "");
	expect("ALTER TABLE t DROP COLUMN a;", "SELECT 1;", DBT_DIALECT_MYSQL, "L002@5:15");
	/* MariaDB's MODIFY COLUMN, which restates the column, narrows too */
	expect("ALTER TABLE t MODIFY COLUMN a VARCHAR(20) NOT NULL;",
	       "ALTER TABLE t MODIFY COLUMN a VARCHAR(100) NOT NULL;", DBT_DIALECT_MYSQL,
	       "L003@5:15");
	expect("ALTER TABLE t MODIFY a VARCHAR(200) DEFAULT 'x';",
	       "ALTER TABLE t MODIFY a VARCHAR(100);", DBT_DIALECT_MYSQL, "");
	expect("ALTER TABLE t MODIFY COLUMN n int(11) AUTO_INCREMENT NOT NULL;",
	       "ALTER TABLE t MODIFY COLUMN n bigint(20) NOT NULL;", DBT_DIALECT_MYSQL,
	       "L003@5:15");
	expect("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;\n"
	       "ALTER TABLE t VALIDATE CONSTRAINT c;\nALTER TABLE t ALTER a SET NOT NULL;",
	       "SELECT 1;", DBT_DIALECT_POSTGRES, "");
	/* a check that is never validated proves nothing */
	expect("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID;\n"
	       "ALTER TABLE t ALTER a SET NOT NULL;",
	       "SELECT 1;", DBT_DIALECT_POSTGRES, "L005@6:15");
	expect("ALTER TABLE t ADD COLUMN u uuid NOT NULL DEFAULT gen_random_uuid();", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "L006@5:15");
	expect("ALTER TABLE t ADD u int GENERATED ALWAYS AS IDENTITY;", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "L006@5:15");
	expect("ALTER TABLE t ADD u int DEFAULT 0, ADD v timestamptz DEFAULT now();", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "");
	expect("CREATE UNIQUE INDEX i ON ONLY s.t (a);", "SELECT 1;", DBT_DIALECT_POSTGRES,
	       "L007@5:1");
	expect("CREATE TABLE t (a int);\nCREATE INDEX ON t (a);", "SELECT 1;", DBT_DIALECT_POSTGRES,
	       "");
	expect("ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES u (id);", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "L008@5:15");
	expect("ALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID;", "SELECT 1;",
	       DBT_DIALECT_POSTGRES, "");
	expect("ALTER TABLE t ADD CONSTRAINT k UNIQUE (a);", "SELECT 1;", DBT_DIALECT_POSTGRES, "");
	expect("CREATE INDEX CONCURRENTLY i ON t (a);", "SELECT 1;", DBT_DIALECT_POSTGRES,
	       "L009@5:14");
	/* an unknown dialect gets every rule */
	expect("CREATE INDEX i ON t (a);", "SELECT 1;", 0, "L007@5:1");
}

static void concurrently_outside_a_transaction(void **state)
{
	dbt_lint_report rep;
	dbt_revision rev;

	(void)state;
	assert_int_equal(lint(&rep, &rev, "CREATE INDEX CONCURRENTLY i ON t (a);", "SELECT 1;",
			      DBT_DIALECT_POSTGRES, 0),
			 0);
	assert_string_equal(codes(&rep), "");
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
}

static void downgrade_and_renames(void **state)
{
	(void)state;
	expect("CREATE TABLE t (a int);", "-- nothing to do", DBT_DIALECT_SQLITE, "L010@6:1");
	expect("-- only a comment", "", DBT_DIALECT_SQLITE, "");
	expect("ALTER TABLE t RENAME TO u;", "ALTER TABLE u RENAME TO t;", DBT_DIALECT_SQLITE,
	       "L011@5:15");
	expect("ALTER TABLE t RENAME COLUMN a TO b;", "SELECT 1;", DBT_DIALECT_SQLITE, "L011@5:15");
	expect("ALTER TABLE t RENAME a TO b;", "SELECT 1;", DBT_DIALECT_SQLITE, "L011@5:15");
	expect("ALTER TABLE t RENAME CONSTRAINT a TO b;", "SELECT 1;", DBT_DIALECT_SQLITE, "");
	/* a table created here, renamed here, is still new */
	expect("CREATE TABLE t (a int);\nALTER TABLE t RENAME TO u;\nCREATE INDEX i ON u (a);",
	       "SELECT 1;", DBT_DIALECT_POSTGRES, "L011@6:15");
}

/* The live database of the rebuild test: `rows` rows in table big. */
static dbt_conn *open_big(void *arg)
{
	dbt_conn **conn = arg;
	dbt_url url;

	if (*conn)
		return *conn;
	assert_int_equal(dbt_url_parse(&url, "sqlite://"), 0);
	assert_int_equal(dbt_conn_open(conn, &url), 0);
	dbt_url_release(&url);
	assert_int_equal((*conn)->dialect->exec(*conn,
						"CREATE TABLE big (id INTEGER PRIMARY KEY);"
						"INSERT INTO big VALUES (1), (2), (3), (4);"),
			 0);
	return *conn;
}

static void rebuild_counts_rows_of_the_live_table(void **state)
{
	static const char up[] =
		"CREATE TABLE \"_dbtool_new_big\" (id INTEGER PRIMARY KEY, v INT);\n"
		"INSERT INTO \"_dbtool_new_big\" (id) SELECT id FROM big;\n"
		"DROP TABLE big;\n"
		"ALTER TABLE \"_dbtool_new_big\" RENAME TO big;";
	char text[1024];
	dbt_conn *conn = NULL;
	dbt_lint_report rep;
	dbt_lint_opts o;
	dbt_revision rev;

	(void)state;
	snprintf(text, sizeof(text),
		 "-- id: a\n-- parent:\n\n-- migrate:upgrade\n%s\n-- migrate:downgrade\nSELECT "
		 "1;\n",
		 up);
	assert_int_equal(dbt_revision_parse(&rev, PATH, text, strlen(text)), 0);
	memset(&o, 0, sizeof(o));
	o.kind = DBT_DIALECT_SQLITE;
	o.connect = open_big;
	o.connect_arg = &conn;
	o.rebuild_rows = 3;
	memset(&rep, 0, sizeof(rep));
	assert_int_equal(dbt_lint_revision(&rep, &rev, &o), 0);
	assert_string_equal(codes(&rep), "L012@5:1");
	dbt_lint_report_release(&rep);
	o.rebuild_rows = 4;
	assert_int_equal(dbt_lint_revision(&rep, &rev, &o), 0);
	assert_string_equal(codes(&rep), "");
	dbt_lint_report_release(&rep);
	/* without a database the rule stays silent; the rebuild's own DROP
	 * and RENAME are never findings */
	o.connect = NULL;
	o.rebuild_rows = 1;
	assert_int_equal(dbt_lint_revision(&rep, &rev, &o), 0);
	assert_string_equal(codes(&rep), "");
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
	dbt_conn_close(conn);
}

static void ignore_needs_a_known_rule_and_a_reason(void **state)
{
	dbt_lint_report rep;
	dbt_revision rev;

	(void)state;
	assert_int_equal(lint(&rep, &rev, "-- lint:ignore L001 emptied last release\nDROP TABLE t;",
			      "SELECT 1;", DBT_DIALECT_SQLITE, 1),
			 0);
	assert_string_equal(codes(&rep), "");
	assert_int_equal(rep.suppressed, 1);
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);

	/* one statement only: the next DROP is reported */
	expect("  -- lint:ignore drop-table,L002 both rules\nDROP TABLE t;\nDROP TABLE u;",
	       "SELECT 1;", DBT_DIALECT_SQLITE, "L001@7:12");
	/* an ignore after the last statement covers the empty downgrade */
	expect("CREATE TABLE t (a int);\n-- lint:ignore L010 nothing to undo", "",
	       DBT_DIALECT_SQLITE, "");

	assert_int_equal(lint(&rep, &rev, "-- lint:ignore L001\nDROP TABLE t;", "SELECT 1;",
			      DBT_DIALECT_SQLITE, 1),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), PATH ":5: lint:ignore needs a reason after the rule");
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
	assert_int_equal(lint(&rep, &rev, "SELECT 1;\n\n-- lint:ignore nope why\nDROP TABLE t;",
			      "SELECT 1;", DBT_DIALECT_SQLITE, 1),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), PATH
			    ":7: lint:ignore names no rule 'nope' (see 'dbtool lint --rules')");
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
	assert_int_equal(lint(&rep, &rev, "-- lint:ignore\nDROP TABLE t;", "SELECT 1;",
			      DBT_DIALECT_SQLITE, 1),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), PATH ":5: lint:ignore needs a rule and a reason");
	dbt_lint_report_release(&rep);
	dbt_revision_release(&rev);
}

static void strange_text_is_no_failure(void **state)
{
	(void)state;
	/* statements lint does not know, dollar quotes, characters the
	 * tokenizer refuses, an unterminated statement */
	expect("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"
	       "UPDATE t SET a = 1 WHERE b ~ '\\d';\nALTER TABLE;\nALTER TABLE t ADD;\nDROP TABLE",
	       "SELECT 1;", DBT_DIALECT_POSTGRES, "");
	expect("ALTER TABLE t ALTER", "SELECT 1;", DBT_DIALECT_POSTGRES, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_are_numbered_and_documented),
		cmocka_unit_test(lint_opts_of_an_unknown_version_are_refused),
		cmocka_unit_test(destructive_changes),
		cmocka_unit_test(narrowing_is_judged_against_the_downgrade),
		cmocka_unit_test(postgres_locking_rules),
		cmocka_unit_test(concurrently_outside_a_transaction),
		cmocka_unit_test(downgrade_and_renames),
		cmocka_unit_test(rebuild_counts_rows_of_the_live_table),
		cmocka_unit_test(ignore_needs_a_known_rule_and_a_reason),
		cmocka_unit_test(strange_text_is_no_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
