/*
 * test_project.c - `init` laying down a migrations folder from the built-in
 * template, and new revision files: parent, id, slug, sections, and the
 * ways writing one is refused.  Each test runs in its own temporary folder
 * as the current folder, since init writes dbtool.ini and schema.sql there.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbtool.h"
#include "project.h"
#include "testutil.h"

struct fixture {
	char dir[64];
	char oldcwd[PATH_MAX];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (!getcwd(f->oldcwd, sizeof(f->oldcwd)) ||
	    !test_mkdtemp(f->dir, sizeof(f->dir), "project") || chdir(f->dir) < 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = chdir(f->oldcwd);

	if (test_rmtree(f->dir) < 0)
		rc = -1;
	free(f);
	return rc == 0 ? 0 : -1;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static const struct dbt_template_file *builtin(const char *name)
{
	size_t i;

	for (i = 0; i < dbt_template_nfiles; i++)
		if (!strcmp(dbt_template_files[i].name, name))
			return &dbt_template_files[i];
	fail_msg("no built-in template file '%s'", name);
	return NULL;
}

/* Runs init on "migrations" and returns nothing to free. */
static void init_default(void)
{
	char *created = NULL;

	assert_int_equal(dbt_project_init("migrations", &created), 0);
	free(created);
}

/* Writes a new revision and returns its parsed contents. */
static void new_revision(dbt_revision *rev, const char *message, const char *rev_id,
			 const char *upgrade, const char *downgrade)
{
	char *path = NULL;

	assert_int_equal(dbt_project_new_revision(&path, "migrations", message, rev_id, upgrade,
						  downgrade),
			 0);
	assert_int_equal(dbt_revision_load(rev, path), 0);
	free(path);
}

static void builtin_template_holds_the_three_files(void **state)
{
	(void)state;
	assert_int_equal(dbt_template_nfiles, 3);
	assert_non_null(
		strstr(builtin("script.sql.tmpl")->data, "-- migrate:upgrade\n${upgrade}\n"));
	assert_non_null(strstr(builtin("dbtool.ini")->data, "\n[dbtool]\n"));
	assert_int_equal(strlen(builtin("schema.sql")->data), builtin("schema.sql")->size);
}

static void init_lays_down_a_fresh_project(void **state)
{
	char *created = NULL;
	char *ini;

	(void)state;
	assert_int_equal(dbt_project_init("migrations", &created), 0);
	assert_string_equal(created, "migrations/versions/\nmigrations/script.sql.tmpl\n"
				     "dbtool.ini\nschema.sql\n");
	free(created);
	assert_true(is_dir("migrations/versions"));
	assert_file_equal("migrations/script.sql.tmpl", builtin("script.sql.tmpl")->data);
	assert_file_equal("schema.sql", builtin("schema.sql")->data);
	ini = test_read_file("dbtool.ini");
	assert_non_null(ini);
	assert_string_equal(ini, builtin("dbtool.ini")->data);
	assert_non_null(strstr(ini, "\nurl = sqlite:///app.db\n"));
	assert_non_null(strstr(ini, "\nscript_location = migrations\n"));
	assert_non_null(strstr(ini, "\nmodel = schema.sql\n"));
	free(ini);
}

static void init_accepts_null_created(void **state)
{
	(void)state;
	assert_int_equal(dbt_project_init("migrations", NULL), 0);
	assert_true(is_file("migrations/script.sql.tmpl"));
}

static void init_accepts_an_existing_empty_folder(void **state)
{
	char *created = NULL;

	(void)state;
	assert_int_equal(mkdir("migrations", 0755), 0);
	assert_int_equal(dbt_project_init("migrations", &created), 0);
	assert_true(is_dir("migrations/versions"));
	free(created);
}

/* An existing dbtool.ini decides where the project goes: its
 * script_location when no folder is given, and its model file. */
static void init_follows_an_existing_config(void **state)
{
	char *created = NULL;
	FILE *f;

	(void)state;
	f = fopen("dbtool.ini", "w");
	assert_non_null(f);
	fputs("[dbtool]\nurl = sqlite:///app.db\nscript_location = db/migrations\n"
	      "model = db/model.sql\n",
	      f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(dbt_project_init(NULL, &created), 0);
	assert_string_equal(created, "db/migrations/versions/\ndb/migrations/script.sql.tmpl\n"
				     "db/model.sql\n");
	assert_true(is_dir("db/migrations/versions"));
	assert_file_equal("db/model.sql", builtin("schema.sql")->data);
	assert_false(is_file("schema.sql"));
	assert_false(is_dir("migrations"));
	free(created);
	/* A folder given is made as asked; the model file exists already. */
	assert_int_equal(dbt_project_init("other", &created), 0);
	assert_string_equal(created, "other/versions/\nother/script.sql.tmpl\n");
	free(created);
}

/* A model_command in dbtool.ini means no model file to make; a
 * dbtool.ini that cannot be read stops init before anything is made. */
static void init_with_model_command_or_broken_config(void **state)
{
	char *created = NULL;
	FILE *f;

	(void)state;
	f = fopen("dbtool.ini", "w");
	assert_non_null(f);
	fputs("[dbtool]\nmodel_command = printf ''\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(dbt_project_init(NULL, &created), 0);
	assert_string_equal(created, "migrations/versions/\nmigrations/script.sql.tmpl\n");
	assert_false(is_file("schema.sql"));
	free(created);
	created = NULL;
	assert_int_equal(test_rmtree("migrations"), 0);
	f = fopen("dbtool.ini", "w");
	assert_non_null(f);
	fputs("[dbtool]\nno_such_key = 1\n", f);
	assert_int_equal(fclose(f), 0);
	assert_true(dbt_project_init(NULL, &created) < 0);
	assert_null(created);
	assert_false(is_dir("migrations"));
	assert_false(is_file("schema.sql"));
}

static void init_refuses_a_folder_that_is_not_empty(void **state)
{
	char *created = (char *)"untouched";

	(void)state;
	assert_int_equal(mkdir("migrations", 0755), 0);
	test_write_file("migrations/notes.txt", "mine\n");
	assert_int_equal(dbt_project_init("migrations", &created), DBT_EEXISTS);
	assert_string_equal(dbt_error_last(), "folder 'migrations' exists and is not empty");
	assert_null(created);
	assert_false(is_file("dbtool.ini"));
	assert_false(is_file("schema.sql"));
	assert_false(is_dir("migrations/versions"));
}

static void init_leaves_an_existing_config_and_model_alone(void **state)
{
	char *created = NULL;

	(void)state;
	test_write_file("dbtool.ini", "[dbtool]\nurl = sqlite:///mine.db\n");
	test_write_file("schema.sql", "CREATE TABLE mine (id INTEGER);\n");
	assert_int_equal(dbt_project_init("migrations", &created), 0);
	assert_string_equal(created, "migrations/versions/\nmigrations/script.sql.tmpl\n");
	free(created);
	assert_file_equal("dbtool.ini", "[dbtool]\nurl = sqlite:///mine.db\n");
	assert_file_equal("schema.sql", "CREATE TABLE mine (id INTEGER);\n");
}

static void init_with_another_folder_names_it_in_the_config(void **state)
{
	char *created = NULL;
	char *ini;

	(void)state;
	assert_int_equal(dbt_project_init("db/migs/", &created), 0);
	assert_string_equal(created, "db/migs/versions/\ndb/migs/script.sql.tmpl\n"
				     "dbtool.ini\nschema.sql\n");
	free(created);
	assert_true(is_dir("db/migs/versions"));
	ini = test_read_file("dbtool.ini");
	assert_non_null(ini);
	assert_non_null(strstr(ini, "\nscript_location = db/migs\n"));
	assert_null(strstr(ini, "script_location = migrations"));
	/* The comments are kept. */
	assert_non_null(strstr(ini, "\nurl = sqlite:///app.db\n"));
	assert_non_null(strstr(ini, "\nmodel = schema.sql\n"));
	free(ini);
}

static void init_refuses_an_empty_folder_name(void **state)
{
	char *created = NULL;

	(void)state;
	assert_int_equal(dbt_project_init("", &created), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "invalid folder name ''");
	assert_null(created);
}

static void first_revision_has_an_empty_parent(void **state)
{
	char *path = NULL, want[64];
	dbt_revision rev;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "Add users", NULL, NULL,
						  NULL),
			 0);
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_int_equal(strlen(rev.id), 12);
	snprintf(want, sizeof(want), "migrations/versions/%s_add_users.sql", rev.id);
	assert_string_equal(path, want);
	assert_null(rev.parent);
	assert_string_equal(rev.message, "Add users");
	assert_int_equal(rev.transactional, 1);
	assert_string_equal(rev.upgrade, "\n\n");
	assert_string_equal(rev.downgrade, "\n");
	dbt_revision_release(&rev);
	free(path);
}

static void created_is_utc_iso_8601(void **state)
{
	dbt_revision rev;
	const char *c;
	int i;

	(void)state;
	init_default();
	new_revision(&rev, "x", NULL, NULL, NULL);
	c = rev.created;
	assert_int_equal(strlen(c), 20);
	for (i = 0; i < 20; i++) {
		if (i == 4 || i == 7)
			assert_int_equal(c[i], '-');
		else if (i == 10)
			assert_int_equal(c[i], 'T');
		else if (i == 13 || i == 16)
			assert_int_equal(c[i], ':');
		else if (i == 19)
			assert_int_equal(c[i], 'Z');
		else
			assert_true(c[i] >= '0' && c[i] <= '9');
	}
	dbt_revision_release(&rev);
}

static void next_revision_follows_the_head(void **state)
{
	dbt_revision a, b, c;
	dbt_chain chain;

	(void)state;
	init_default();
	new_revision(&a, "one", NULL, NULL, NULL);
	new_revision(&b, "two", NULL, NULL, NULL);
	new_revision(&c, "three", NULL, NULL, NULL);
	assert_string_equal(b.parent, a.id);
	assert_string_equal(c.parent, b.id);
	assert_int_equal(dbt_chain_load(&chain, "migrations/versions", 0), 0);
	assert_int_equal(chain.n, 3);
	assert_string_equal(chain.revs[2]->id, c.id);
	dbt_chain_release(&chain);
	dbt_revision_release(&a);
	dbt_revision_release(&b);
	dbt_revision_release(&c);
}

static void sections_are_written_and_read_back(void **state)
{
	dbt_revision rev;

	(void)state;
	init_default();
	new_revision(&rev, "users", NULL, "CREATE TABLE users (id INTEGER);\nSELECT 1;\n",
		     "DROP TABLE users;");
	assert_string_equal(rev.upgrade, "CREATE TABLE users (id INTEGER);\nSELECT 1;\n\n");
	assert_int_equal(rev.upgrade_line, 7);
	assert_string_equal(rev.downgrade, "DROP TABLE users;\n");
	assert_int_equal(rev.downgrade_line, 11);
	dbt_revision_release(&rev);
}

static void rev_id_is_used_and_a_duplicate_refused(void **state)
{
	char *path = NULL;
	dbt_revision rev;

	(void)state;
	init_default();
	new_revision(&rev, "first", "add_users_1", NULL, NULL);
	assert_string_equal(rev.id, "add_users_1");
	dbt_revision_release(&rev);
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "again", "add_users_1", NULL,
						  NULL),
			 DBT_EEXISTS);
	assert_string_equal(dbt_error_last(), "revision id 'add_users_1' already exists in "
					      "'migrations/versions/add_users_1_first.sql'");
	assert_null(path);
	/* A prefix of an existing id is a new id. */
	new_revision(&rev, "second", "add", NULL, NULL);
	assert_string_equal(rev.parent, "add_users_1");
	dbt_revision_release(&rev);
}

static void empty_parent_leaves_no_trailing_blank(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "first", "r0", NULL, NULL),
			 0);
	assert_file_contains(path, "\n-- parent:\n");
	free(path);
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "second", "r1", NULL, NULL),
			 0);
	assert_file_contains(path, "\n-- parent: r0\n");
	free(path);
}

static void target_words_are_refused_as_ids(void **state)
{
	static const char *const words[] = {"head", "heads", "base"};
	char *path = NULL, want[128];
	size_t i;

	(void)state;
	init_default();
	for (i = 0; i < 3; i++) {
		assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", words[i], NULL,
							  NULL),
				 DBT_ERROR);
		snprintf(want, sizeof(want),
			 "invalid revision id '%s': 'head', 'heads' and 'base' name targets, not "
			 "revisions",
			 words[i]);
		assert_string_equal(dbt_error_last(), want);
		assert_null(path);
	}
}

static void stale_temporary_files_are_removed(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	/* No process has id 2^22 + 1 (the largest pid_max is 2^22). */
	test_write_file("migrations/versions/x.sql.tmp-4194305", "half a file");
	test_write_file("migrations/versions/y.sql.tmp-1", "init is alive");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", NULL, NULL, NULL), 0);
	free(path);
	assert_false(is_file("migrations/versions/x.sql.tmp-4194305"));
	assert_true(is_file("migrations/versions/y.sql.tmp-1"));
	/* The lock file goes with the lock. */
	assert_false(is_file("migrations/versions/.dbtool.lock"));
}

static void invalid_rev_id_is_refused(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", "Bad-Id", NULL, NULL),
			 DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "invalid revision id 'Bad-Id': use lowercase letters, "
			    "digits and '_', at most 64");
	assert_null(path);
}

static void message_with_a_line_break_is_refused(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "one\ntwo", NULL, NULL,
						  NULL),
			 DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "the message must be one line: it contains a line break");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "one\rtwo", NULL, NULL,
						  NULL),
			 DBT_ERROR);
	assert_null(path);
}

static void message_with_a_control_character_is_refused(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "one\vtwo", NULL, NULL,
						  NULL),
			 DBT_ERROR);
	assert_string_equal(dbt_error_last(), "the message must be one line of text: it contains "
					      "the control character U+000B at byte 4");
	assert_int_equal(dbt_project_new_revision(&path, "migrations",
						  "a\xe2\x80\xa8"
						  "b",
						  NULL, NULL, NULL),
			 DBT_ERROR);
	assert_null(path);
}

static void file_name_slug_comes_from_the_message(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision(&path, "migrations",
						  "  Add Users & Roles!! (v2) ", "r1", NULL, NULL),
			 0);
	assert_string_equal(path, "migrations/versions/r1_add_users_roles_v2.sql");
	free(path);
	assert_int_equal(dbt_project_new_revision(&path, "migrations",
						  "a very long message that goes on and on beyond "
						  "forty",
						  "r2", NULL, NULL),
			 0);
	assert_string_equal(path,
			    "migrations/versions/r2_a_very_long_message_that_goes_on_and_on.sql");
	free(path);
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "--- !!! ---", "r3", NULL,
						  NULL),
			 0);
	assert_string_equal(path, "migrations/versions/r3.sql");
	free(path);
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "caf\xc3\xa9 menu", "r4",
						  NULL, NULL),
			 0);
	assert_string_equal(path, "migrations/versions/r4_caf\xc3\xa9_menu.sql");
	free(path);
}

static void file_name_slug_keeps_utf8_letters(void **state)
{
	static const char *const cases[][2] = {
		{"\xc3\xa9mojis", "e1_\xc3\xa9mojis.sql"},
		{"\xc3\x89"
		 "COLE na\xc3\xaf"
		 "ve",
		 "e2_\xc3\xa9"
		 "cole_na\xc3\xaf"
		 "ve.sql"},
		{"\xe4\xb8\xad\xe6\x96\x87 table", "e3_\xe4\xb8\xad\xe6\x96\x87_table.sql"},
		{"\xd0\xb8\xd0\xbc\xd1\x8f users", "e4_\xd0\xb8\xd0\xbc\xd1\x8f_users.sql"},
		/* An emoji, a dash, a no-break space and bytes that are no UTF-8
		 * separate words. */
		{"a \xf0\x9f\x8e\x89 b\xe2\x80\x94"
		 "c\xc2\xa0"
		 "d\xff\xfe"
		 "e",
		 "e5_a_b_c_d_e.sql"},
		/* 39 letters and a 2-byte one: no character is cut. */
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xc3\xa9",
		 "e6_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.sql"},
	};
	char want[128];
	size_t i;

	(void)state;
	init_default();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = NULL, id[4];

		snprintf(id, sizeof(id), "e%zu", i + 1);
		assert_int_equal(dbt_project_new_revision(&path, "migrations", cases[i][0], id,
							  NULL, NULL),
				 0);
		snprintf(want, sizeof(want), "migrations/versions/%s", cases[i][1]);
		assert_string_equal(path, want);
		free(path);
	}
}

static void message_is_trimmed_in_the_header(void **state)
{
	dbt_revision rev;

	(void)state;
	init_default();
	new_revision(&rev, "  spaced out\t", NULL, NULL, NULL);
	assert_string_equal(rev.message, "spaced out");
	dbt_revision_release(&rev);
}

static void missing_template_is_not_found(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(unlink("migrations/script.sql.tmpl"), 0);
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", NULL, NULL, NULL),
			 DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "cannot open revision template "
					      "'migrations/script.sql.tmpl': no such file");
	assert_null(path);
}

static void missing_versions_folder_is_not_found(void **state)
{
	char *path = NULL;

	(void)state;
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", NULL, NULL, NULL),
			 DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot open versions folder 'migrations/versions': no such file");
}

static void unknown_placeholder_in_template_is_an_error(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	test_write_file("migrations/script.sql.tmpl",
			"-- id: ${id}\n-- parent: ${parent}\n-- author: ${author}\n"
			"-- migrate:upgrade\n${upgrade}\n-- migrate:downgrade\n"
			"${downgrade}\n");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", NULL, NULL, NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "migrations/script.sql.tmpl:3: unknown placeholder '${author}': use "
			    "${id}, ${parent}, ${message}, ${created}, ${upgrade} or ${downgrade}");
	assert_null(path);
}

static void template_notes_and_plain_dollars_are_handled(void **state)
{
	dbt_revision rev;

	(void)state;
	init_default();
	test_write_file("migrations/script.sql.tmpl",
			"## a note about the template\n-- id: ${id}\n"
			"-- parent: ${parent}\n-- message: ${message}\n"
			"-- costs $5, ${ not a placeholder\n"
			"-- migrate:upgrade\n${upgrade}\n-- migrate:downgrade\n"
			"${downgrade}\n");
	new_revision(&rev, "m", "r1", "SELECT '${id}';", NULL);
	/* Values are not scanned for placeholders again. */
	assert_string_equal(rev.upgrade, "SELECT '${id}';\n");
	assert_int_equal(rev.upgrade_line, 6);
	dbt_revision_release(&rev);
}

static void template_that_breaks_the_file_writes_nothing(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	test_write_file("migrations/script.sql.tmpl", "-- id: ${id}\n-- parent: ${parent}\n"
						      "-- migrate:upgrade\n${upgrade}\n");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", "r1", NULL, NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "template 'migrations/script.sql.tmpl' makes a revision file that does "
			    "not "
			    "parse: migrations/versions/r1_x.sql:4: missing '-- migrate:downgrade' "
			    "marker");
	assert_null(path);
	assert_false(is_file("migrations/versions/r1_x.sql"));
}

static void template_that_drops_the_sql_writes_nothing(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	test_write_file("migrations/script.sql.tmpl",
			"-- id: ${id}\n-- parent: ${parent}\n-- message: ${message}\n"
			"-- migrate:upgrade\n-- migrate:downgrade\n${downgrade}\n");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", "r1", "SELECT 1;",
						  NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "template 'migrations/script.sql.tmpl' does not put "
					      "${upgrade} where the revision file needs it");
	assert_false(is_file("migrations/versions/r1_x.sql"));
}

static void revision_outside_a_transaction_ends_its_header_with_the_mark(void **state)
{
	const struct dbt_dialect_sql secs[] = {
		{DBT_DIALECT_POSTGRES, "CREATE INDEX CONCURRENTLY i ON t (v);", "DROP INDEX i;"},
		{DBT_DIALECT_SQLITE, "-- nothing", "-- nothing"},
	};
	dbt_revision rev;
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision_tx(&path, "migrations", "idx", "r1",
						     "CREATE INDEX CONCURRENTLY i ON t (v);",
						     "DROP INDEX i;", NULL, 0, NULL, 0),
			 0);
	assert_file_contains(path, "Z\n-- transaction: false\n\n-- migrate:upgrade\n");
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_int_equal(rev.transactional, 0);
	dbt_revision_release(&rev);
	free(path);
	/* Sections per dialect, after the first one. */
	assert_int_equal(dbt_project_new_revision_tx(&path, "migrations", "idx", "r2", NULL, NULL,
						     secs, 2, "r1", 0),
			 0);
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_int_equal(rev.transactional, 0);
	assert_string_equal(rev.parent, "r1");
	dbt_revision_release(&rev);
	free(path);
	/* And in a transaction, as before. */
	assert_int_equal(dbt_project_new_revision_tx(&path, "migrations", "plain", "r3",
						     "SELECT 1;", NULL, NULL, 0, "r2", 1),
			 0);
	assert_file_lacks(path, "transaction:");
	free(path);
}

static void revision_that_pairs_up_ends_its_header_with_journal_inverse(void **state)
{
	dbt_revision rev;
	char *path = NULL;

	(void)state;
	init_default();
	assert_int_equal(dbt_project_new_revision_hdr(&path, "migrations", "nick", "r1",
						      "ALTER TABLE t ADD COLUMN nick INT;",
						      "ALTER TABLE t DROP COLUMN nick;", NULL, 0,
						      NULL, 1, 1),
			 0);
	assert_file_contains(path, "Z\n-- journal: inverse\n\n-- migrate:upgrade\n");
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_int_equal(rev.inverse, 1);
	assert_int_equal(rev.transactional, 1);
	dbt_revision_release(&rev);
	free(path);
	/* After the transaction mark, when both are written. */
	assert_int_equal(dbt_project_new_revision_hdr(&path, "migrations", "both", "r2",
						      "SELECT 1;", "SELECT 1;", NULL, 0, "r1", 0,
						      1),
			 0);
	assert_file_contains(path, "Z\n-- transaction: false\n-- journal: inverse\n\n");
	free(path);
	/* And not otherwise. */
	assert_int_equal(dbt_project_new_revision_hdr(&path, "migrations", "plain", "r3",
						      "SELECT 1;", NULL, NULL, 0, "r2", 1, 0),
			 0);
	assert_file_lacks(path, "journal:");
	free(path);
}

static void broken_chain_is_refused(void **state)
{
	char *path = NULL;

	(void)state;
	init_default();
	test_write_file("migrations/versions/a1.sql", "-- id: a1\n-- parent:\n-- migrate:upgrade\n"
						      "-- migrate:downgrade\n");
	test_write_file("migrations/versions/b2.sql", "-- id: b2\n-- parent:\n-- migrate:upgrade\n"
						      "-- migrate:downgrade\n");
	assert_int_equal(dbt_project_new_revision(&path, "migrations", "x", NULL, NULL, NULL),
			 DBT_ECHAIN);
	assert_error_contains("several heads: 'a1'");
	assert_null(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_template_holds_the_three_files),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(init_lays_down_a_fresh_project),
		T(init_accepts_null_created),
		T(init_accepts_an_existing_empty_folder),
		T(init_follows_an_existing_config),
		T(init_with_model_command_or_broken_config),
		T(init_refuses_a_folder_that_is_not_empty),
		T(init_leaves_an_existing_config_and_model_alone),
		T(init_with_another_folder_names_it_in_the_config),
		T(init_refuses_an_empty_folder_name),
		T(first_revision_has_an_empty_parent),
		T(created_is_utc_iso_8601),
		T(next_revision_follows_the_head),
		T(sections_are_written_and_read_back),
		T(rev_id_is_used_and_a_duplicate_refused),
		T(invalid_rev_id_is_refused),
		T(empty_parent_leaves_no_trailing_blank),
		T(target_words_are_refused_as_ids),
		T(stale_temporary_files_are_removed),
		T(message_with_a_line_break_is_refused),
		T(message_with_a_control_character_is_refused),
		T(file_name_slug_comes_from_the_message),
		T(file_name_slug_keeps_utf8_letters),
		T(message_is_trimmed_in_the_header),
		T(missing_template_is_not_found),
		T(missing_versions_folder_is_not_found),
		T(unknown_placeholder_in_template_is_an_error),
		T(template_notes_and_plain_dollars_are_handled),
		T(template_that_breaks_the_file_writes_nothing),
		T(template_that_drops_the_sql_writes_nothing),
		T(broken_chain_is_refused),
		T(revision_outside_a_transaction_ends_its_header_with_the_mark),
		T(revision_that_pairs_up_ends_its_header_with_journal_inverse),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
