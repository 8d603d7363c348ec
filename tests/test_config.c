/*
 * test_config.c - dbtool.ini: defaults, paths relative to the file's
 * folder, ${VAR} expansion, comments, other tools' sections, every error
 * with its line, and the order in which the database URL is picked.
 *
 * Each test runs inside a fresh temporary folder, so that the paths in
 * messages read as the user would see them ("dbtool.ini:3: ...").
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
#include "exclude.h"
#include "schema.h"
#include "testutil.h"

struct fixture {
	char cwd[PATH_MAX];
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx || !getcwd(fx->cwd, sizeof(fx->cwd)))
		return -1;
	if (!test_mkdtemp(fx->dir, sizeof(fx->dir), "config") || chdir(fx->dir) < 0)
		return -1;
	unsetenv("DATABASE_URL");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	int rc = 0;

	if (chdir(fx->cwd) < 0 || test_rmtree(fx->dir) < 0)
		rc = -1;
	free(fx);
	return rc;
}

/* Loads `text` written to dbtool.ini, which must succeed. */
static void load_ok(dbt_config *cfg, const char *text)
{
	test_write_file("dbtool.ini", text);
	if (dbt_config_load(cfg, "dbtool.ini", 0))
		fail_msg("dbtool.ini did not load: %s", dbt_error_last());
}

/* Loads `text` written to dbtool.ini, which must fail with `code` and
 * exactly `msg`, leaving nothing in the out-parameter. */
static void load_fails(const char *text, int code, const char *msg)
{
	dbt_config cfg;

	test_write_file("dbtool.ini", text);
	memset(&cfg, 0x5a, sizeof(cfg));
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 0), code);
	assert_string_equal(dbt_error_last(), msg);
	assert_null(cfg.path);
	assert_null(cfg.dir);
	assert_null(cfg.url);
	assert_null(cfg.script_location);
	assert_null(cfg.model);
	assert_null(cfg.schema);
}

/* ----------------------------------------------------------- defaults */

static void missing_file_with_missing_ok_gives_defaults(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 1), 0);
	assert_null(cfg.path);
	assert_string_equal(cfg.dir, ".");
	assert_null(cfg.url);
	assert_string_equal(cfg.script_location, "migrations");
	assert_string_equal(cfg.model, "schema.sql");
	assert_string_equal(cfg.schema, "public");
	dbt_config_release(&cfg);
}

static void missing_file_is_an_error_otherwise(void **state)
{
	dbt_config cfg;

	(void)state;
	memset(&cfg, 0x5a, sizeof(cfg));
	assert_int_equal(dbt_config_load(&cfg, "x.ini", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "cannot open config file 'x.ini': no such file");
	assert_null(cfg.path);
	assert_null(cfg.script_location);
}

static void missing_folder_counts_as_missing_file(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(dbt_config_load(&cfg, "nowhere/dbtool.ini", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot open config file 'nowhere/dbtool.ini': no such file");
	assert_int_equal(dbt_config_load(&cfg, "nowhere/dbtool.ini", 1), 0);
	assert_null(cfg.path);
	assert_string_equal(cfg.dir, ".");
	dbt_config_release(&cfg);
}

static void folder_instead_of_file_is_an_error(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(mkdir("conf.ini", 0755), 0);
	assert_int_equal(dbt_config_load(&cfg, "conf.ini", 1), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "cannot read config file 'conf.ini': is a directory");
}

static void unreadable_file_is_an_error_even_with_missing_ok(void **state)
{
	dbt_config cfg;

	(void)state;
	if (geteuid() == 0)
		skip(); /* permissions do not stop root */
	test_write_file("dbtool.ini", "[dbtool]\n");
	assert_int_equal(chmod("dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 1), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "cannot open config file 'dbtool.ini': permission denied");
}

static void empty_file_gives_defaults(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "");
	assert_string_equal(cfg.path, "dbtool.ini");
	assert_string_equal(cfg.dir, ".");
	assert_null(cfg.url);
	assert_string_equal(cfg.script_location, "migrations");
	assert_string_equal(cfg.model, "schema.sql");
	assert_string_equal(cfg.schema, "public");
	dbt_config_release(&cfg);
}

static void reads_every_key(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\n"
		      "url = postgresql://u:p@h/d\n"
		      "script_location = db/migrations\n"
		      "model = db/model.sql\n"
		      "schema = app\n"
		      "dev_url = postgresql://u:p@h/scratch\n");
	assert_string_equal(cfg.url, "postgresql://u:p@h/d");
	assert_string_equal(cfg.script_location, "db/migrations");
	assert_string_equal(cfg.model, "db/model.sql");
	assert_string_equal(cfg.schema, "app");
	assert_string_equal(cfg.dev_url, "postgresql://u:p@h/scratch");
	dbt_config_release(&cfg);
}

static void empty_values_mean_defaults(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl =\nscript_location =\nmodel =\nschema =\ndev_url =\n");
	assert_null(cfg.url);
	assert_null(cfg.dev_url);
	assert_string_equal(cfg.script_location, "migrations");
	assert_string_equal(cfg.model, "schema.sql");
	assert_string_equal(cfg.schema, "public");
	dbt_config_release(&cfg);
}

/* -------------------------------------------------------------- paths */

static void paths_are_relative_to_the_config_folder(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(mkdir("sub", 0755), 0);
	test_write_file("sub/dbtool.ini",
			"[dbtool]\nscript_location = mig\nmodel = m/schema.sql\n");
	assert_int_equal(dbt_config_load(&cfg, "sub/dbtool.ini", 0), 0);
	assert_string_equal(cfg.path, "sub/dbtool.ini");
	assert_string_equal(cfg.dir, "sub");
	assert_string_equal(cfg.script_location, "sub/mig");
	assert_string_equal(cfg.model, "sub/m/schema.sql");
	dbt_config_release(&cfg);
}

static void defaults_are_relative_to_the_config_folder(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(mkdir("sub", 0755), 0);
	test_write_file("sub/dbtool.ini", "[dbtool]\n");
	assert_int_equal(dbt_config_load(&cfg, "sub/dbtool.ini", 0), 0);
	assert_string_equal(cfg.script_location, "sub/migrations");
	assert_string_equal(cfg.model, "sub/schema.sql");
	dbt_config_release(&cfg);
}

static void absolute_paths_are_kept(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(mkdir("sub", 0755), 0);
	test_write_file("sub/dbtool.ini",
			"[dbtool]\nscript_location = /srv/mig\nmodel = /srv/s.sql\n");
	assert_int_equal(dbt_config_load(&cfg, "sub/dbtool.ini", 0), 0);
	assert_string_equal(cfg.script_location, "/srv/mig");
	assert_string_equal(cfg.model, "/srv/s.sql");
	dbt_config_release(&cfg);
}

static void current_folder_paths_stay_short(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nscript_location = db/mig\n");
	assert_string_equal(cfg.dir, ".");
	assert_string_equal(cfg.script_location, "db/mig");
	assert_string_equal(cfg.model, "schema.sql");
	dbt_config_release(&cfg);
}

static void sqlite_url_is_not_rewritten(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(mkdir("sub", 0755), 0);
	test_write_file("sub/dbtool.ini", "[dbtool]\nurl = sqlite:///app.db\n");
	assert_int_equal(dbt_config_load(&cfg, "sub/dbtool.ini", 0), 0);
	assert_string_equal(cfg.url, "sqlite:///app.db");
	dbt_config_release(&cfg);
}

/* ---------------------------------------------------------- expansion */

static void expands_braced_variables(void **state)
{
	dbt_config cfg;

	(void)state;
	setenv("DBT_TEST_USER", "alice", 1);
	setenv("DBT_TEST_PASS", "s3cr%40t", 1);
	setenv("DBT_TEST_EMPTY", "", 1);
	load_ok(&cfg, "[dbtool]\n"
		      "url = postgresql://${DBT_TEST_USER}:${DBT_TEST_PASS}@h/d${DBT_TEST_EMPTY}\n"
		      "schema = ${DBT_TEST_USER}\n");
	assert_string_equal(cfg.url, "postgresql://alice:s3cr%40t@h/d");
	assert_string_equal(cfg.schema, "alice");
	dbt_config_release(&cfg);
	unsetenv("DBT_TEST_USER");
	unsetenv("DBT_TEST_PASS");
	unsetenv("DBT_TEST_EMPTY");
}

static void expands_variables_in_paths_before_resolving(void **state)
{
	dbt_config cfg;

	(void)state;
	setenv("DBT_TEST_DIR", "generated", 1);
	assert_int_equal(mkdir("sub", 0755), 0);
	test_write_file("sub/dbtool.ini", "[dbtool]\nscript_location = ${DBT_TEST_DIR}/mig\n");
	assert_int_equal(dbt_config_load(&cfg, "sub/dbtool.ini", 0), 0);
	assert_string_equal(cfg.script_location, "sub/generated/mig");
	dbt_config_release(&cfg);
	unsetenv("DBT_TEST_DIR");
}

static void double_dollar_is_a_literal_dollar(void **state)
{
	dbt_config cfg;

	(void)state;
	setenv("DBT_TEST_X", "expanded", 1);
	load_ok(&cfg, "[dbtool]\nurl = postgresql://u:pa$$w$${DBT_TEST_X}@h/d\n");
	assert_string_equal(cfg.url, "postgresql://u:pa$w${DBT_TEST_X}@h/d");
	dbt_config_release(&cfg);
	unsetenv("DBT_TEST_X");
}

static void unbraced_dollar_is_kept(void **state)
{
	dbt_config cfg;

	(void)state;
	setenv("DBT_TEST_X", "expanded", 1);
	load_ok(&cfg, "[dbtool]\nurl = postgresql://u:$DBT_TEST_X$@h/d$\n");
	assert_string_equal(cfg.url, "postgresql://u:$DBT_TEST_X$@h/d$");
	dbt_config_release(&cfg);
	unsetenv("DBT_TEST_X");
}

static void unset_variable_fails_only_where_the_value_is_used(void **state)
{
	dbt_config cfg;

	(void)state;
	unsetenv("DB_PASS");
	unsetenv("DBT_TEST_DIR");
	load_ok(&cfg,
		"[dbtool]\nurl = postgresql://u:${DB_PASS}@h/d\n\nmodel = ${DBT_TEST_DIR}/m.sql\n");
	assert_null(cfg.url);
	assert_null(cfg.model);
	assert_string_equal(cfg.script_location, "migrations");
	assert_int_equal(dbt_config_need(&cfg, "script_location"), 0);
	assert_int_equal(dbt_config_need(&cfg, "schema"), 0);
	assert_int_equal(dbt_config_need(&cfg, "url"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "dbtool.ini:2: environment variable 'DB_PASS' is not set");
	assert_int_equal(dbt_config_need(&cfg, "model"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "dbtool.ini:4: environment variable 'DBT_TEST_DIR' is not set");
	dbt_config_release(&cfg);
	assert_int_equal(cfg.nunset, 0);
}

static void unset_variable_in_url_fails_only_when_the_file_url_is_picked(void **state)
{
	dbt_config cfg;

	(void)state;
	unsetenv("DB_PASS");
	load_ok(&cfg, "[dbtool]\nurl = postgresql://u:${DB_PASS}@h/d\n");
	assert_string_equal(dbt_config_pick_url(&cfg, "sqlite:///cli.db"), "sqlite:///cli.db");
	setenv("DATABASE_URL", "sqlite:///env.db", 1);
	assert_string_equal(dbt_config_pick_url(&cfg, NULL), "sqlite:///env.db");
	unsetenv("DATABASE_URL");
	assert_null(dbt_config_pick_url(&cfg, NULL));
	assert_string_equal(dbt_error_last(),
			    "dbtool.ini:2: environment variable 'DB_PASS' is not set");
	dbt_config_release(&cfg);
}

static void unset_variable_does_not_hide_a_mistake_later_in_the_value(void **state)
{
	(void)state;
	unsetenv("DB_PASS");
	load_fails("[dbtool]\nurl = postgresql://u:${DB_PASS}@h/${DB\n", DBT_EPARSE,
		   "dbtool.ini:2: missing '}' after '${' in the value of 'url'");
}

static void unterminated_variable_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\n\nmodel = ${HOME/x.sql\n", DBT_EPARSE,
		   "dbtool.ini:3: missing '}' after '${' in the value of 'model'");
}

static void invalid_variable_name_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\nschema = ${}\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid environment variable name '' in '${...}'");
	load_fails("[dbtool]\nschema = ${A-B}\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid environment variable name 'A-B' in '${...}'");
	load_fails("[dbtool]\nschema = ${1X}\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid environment variable name '1X' in '${...}'");
}

/* ------------------------------------------------- syntax and comments */

static void unknown_key_is_an_error_with_its_line(void **state)
{
	(void)state;
	load_fails("; settings\n[dbtool]\nurl = sqlite:///a.db\nscrpt_location = migrations\n",
		   DBT_EPARSE, "dbtool.ini:4: unknown key 'scrpt_location' in [dbtool]");
}

static void keys_are_case_sensitive(void **state)
{
	(void)state;
	load_fails("[dbtool]\nURL = sqlite:///a.db\n", DBT_EPARSE,
		   "dbtool.ini:2: unknown key 'URL' in [dbtool]");
}

static void duplicate_key_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\nurl = sqlite:///a.db\nmodel = m.sql\nurl = sqlite:///b.db\n",
		   DBT_EPARSE,
		   "dbtool.ini:4: duplicate key 'url' in [dbtool] (first set on line 2)");
}

static void indented_continuation_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\nurl = postgresql://u@h\n    /d\n", DBT_EPARSE,
		   "dbtool.ini:3: indented line continues the value of 'url' (write it on one "
		   "line)");
}

static void indented_first_key_is_accepted(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\n  schema = app\n");
	assert_string_equal(cfg.schema, "app");
	dbt_config_release(&cfg);
}

static void other_sections_are_ignored(void **state)
{
	dbt_config cfg;
	char text[1024];

	(void)state;
	unsetenv("DBT_TEST_UNSET");
	snprintf(text, sizeof(text),
		 "top = level\n"
		 "[alembic]\n"
		 "script_location = elsewhere\n"
		 "sqlalchemy.url = ${DBT_TEST_UNSET}\n"
		 "[loggers]\n"
		 "keys = root\n"
		 "  more\n"
		 "format = %%(levelname)-5.5s [%%(name)s] %%(message)s %s\n"
		 "[dbtool]\n"
		 "url = sqlite:///a.db\n"
		 "[tool:pytest]\n"
		 "url = ignored\n",
		 "0123456789012345678901234567890123456789012345678901234567890123456789"
		 "0123456789012345678901234567890123456789012345678901234567890123456789"
		 "0123456789012345678901234567890123456789012345678901234567890123456789");
	load_ok(&cfg, text);
	assert_string_equal(cfg.url, "sqlite:///a.db");
	assert_string_equal(cfg.script_location, "migrations");
	dbt_config_release(&cfg);
}

static void section_may_be_reopened(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite:///a.db\n[other]\nx = 1\n[dbtool]\nschema = s\n");
	assert_string_equal(cfg.url, "sqlite:///a.db");
	assert_string_equal(cfg.schema, "s");
	dbt_config_release(&cfg);
}

static void comments_are_skipped(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "# a comment\n"
		      "; another\n"
		      "[dbtool] ; the tool's own section\n"
		      "url = sqlite:///app.db            ; or postgresql://...\n"
		      "  # indented comment\n"
		      "script_location = migrations      ; holds versions/\n"
		      "model = schema.sql;not-a-comment\n");
	assert_string_equal(cfg.url, "sqlite:///app.db");
	assert_string_equal(cfg.script_location, "migrations");
	assert_string_equal(cfg.model, "schema.sql;not-a-comment");
	dbt_config_release(&cfg);
}

static void colon_separator_and_blank_space_are_accepted(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "\xEF\xBB\xBF[dbtool]\r\n\r\nschema: app  \r\nurl=sqlite://  \r\n");
	assert_string_equal(cfg.schema, "app");
	assert_string_equal(cfg.url, "sqlite://");
	dbt_config_release(&cfg);
}

static void malformed_line_is_an_error_with_its_line(void **state)
{
	(void)state;
	load_fails("[dbtool]\nurl = sqlite:///a.db\nthis line has no equals sign\n", DBT_EPARSE,
		   "dbtool.ini:3: malformed line (expected '[section]' or 'key = value')");
	load_fails("[dbtool\nurl = sqlite:///a.db\n", DBT_EPARSE,
		   "dbtool.ini:1: malformed line (expected '[section]' or 'key = value')");
}

static void first_of_several_errors_is_reported(void **state)
{
	(void)state;
	load_fails("[dbtool]\nbroken\nnope = 1\n", DBT_EPARSE,
		   "dbtool.ini:2: malformed line (expected '[section]' or 'key = value')");
	load_fails("[dbtool]\nnope = 1\nbroken\n", DBT_EPARSE,
		   "dbtool.ini:2: unknown key 'nope' in [dbtool]");
}

static void overlong_line_in_section_is_an_error(void **state)
{
	char text[1024];

	(void)state;
	snprintf(text, sizeof(text), "[dbtool]\nschema = app\nurl = postgresql://h/%0300d\n", 0);
	load_fails(text, DBT_EPARSE, "dbtool.ini:3: line is too long (more than 199 characters)");
}

static void line_of_exactly_the_limit_is_accepted(void **state)
{
	dbt_config cfg;
	char text[1024], want[256];

	(void)state;
	/* 199 characters, then the newline. */
	snprintf(want, sizeof(want), "%0193d", 7);
	snprintf(text, sizeof(text), "[dbtool]\nurl = %s\nschema = after\n", want);
	load_ok(&cfg, text);
	assert_string_equal(cfg.url, want);
	assert_string_equal(cfg.schema, "after");
	dbt_config_release(&cfg);
}

static void line_numbers_count_past_an_overlong_foreign_line(void **state)
{
	char text[1024];

	(void)state;
	snprintf(text, sizeof(text), "[other]\nx = %0300d\n[dbtool]\nbad = 1\n", 0);
	load_fails(text, DBT_EPARSE, "dbtool.ini:4: unknown key 'bad' in [dbtool]");
}

/* ------------------------------------------------------------ pick_url */

static void pick_url_prefers_the_command_line(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite:///file.db\n");
	setenv("DATABASE_URL", "sqlite:///env.db", 1);
	assert_string_equal(dbt_config_pick_url(&cfg, "sqlite:///cli.db"), "sqlite:///cli.db");
	unsetenv("DATABASE_URL");
	dbt_config_release(&cfg);
}

static void pick_url_takes_the_environment_next(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite:///file.db\n");
	setenv("DATABASE_URL", "sqlite:///env.db", 1);
	assert_string_equal(dbt_config_pick_url(&cfg, NULL), "sqlite:///env.db");
	/* An empty --url is a mistake, not a request for the default. */
	assert_null(dbt_config_pick_url(&cfg, ""));
	assert_string_equal(dbt_error_last(), "the url given with --url is empty");
	unsetenv("DATABASE_URL");
	dbt_config_release(&cfg);
}

static void pick_url_falls_back_to_the_file(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite:///file.db\n");
	setenv("DATABASE_URL", "", 1);
	/* Not a copy: the caller can tell the file's URL by its address. */
	assert_ptr_equal(dbt_config_pick_url(&cfg, NULL), cfg.url);
	unsetenv("DATABASE_URL");
	assert_ptr_equal(dbt_config_pick_url(&cfg, NULL), cfg.url);
	dbt_config_release(&cfg);
}

static void our_key_outside_any_section_is_an_error(void **state)
{
	dbt_config cfg;

	(void)state;
	test_write_file("dbtool.ini", "url = sqlite:///x.db\n[dbtool]\n");
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 0), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "dbtool.ini:1: key 'url' is outside any section: put "
					      "it under [dbtool]");
}

static void pick_url_without_any_is_an_error(void **state)
{
	dbt_config cfg;

	(void)state;
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 1), 0);
	assert_null(dbt_config_pick_url(&cfg, NULL));
	assert_string_equal(dbt_error_last(),
			    "no database url: set url in dbtool.ini, DATABASE_URL or --url");
	setenv("DATABASE_URL", "", 1);
	assert_null(dbt_config_pick_url(&cfg, ""));
	unsetenv("DATABASE_URL");
	dbt_config_release(&cfg);
}

/* ------------------------------------------------------------ config_url */

/* A relative SQLite path in the config file's url is relative to the
 * file's folder, as the command has always opened it: an embedding
 * program that calls dbt_config_url() opens the same file. */
static void config_url_resolves_a_relative_sqlite_path_against_the_file(void **state)
{
	dbt_config cfg;
	dbt_url url;

	(void)state;
	assert_int_equal(mkdir("proj", 0755), 0);
	test_write_file("proj/dbtool.ini", "[dbtool]\nurl = sqlite:///data/app.db?mode=rw\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_int_equal(url.kind, DBT_DIALECT_SQLITE);
	assert_string_equal(url.database, "proj/data/app.db");
	assert_int_equal(url.nparams, 1);
	dbt_url_release(&url);
	dbt_config_release(&cfg);

	/* An absolute path, a file in the current folder's config, and
	 * memory stay as written. */
	test_write_file("proj/dbtool.ini", "[dbtool]\nurl = sqlite:////abs/app.db\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_string_equal(url.database, "/abs/app.db");
	dbt_url_release(&url);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nurl = sqlite:///app.db\n");
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_string_equal(url.database, "app.db");
	dbt_url_release(&url);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nurl = sqlite://\n");
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_null(url.database);
	dbt_url_release(&url);
	dbt_config_release(&cfg);
}

/* A URL from the command line or DATABASE_URL is the user's own, given
 * from the current folder: its relative path stays as written. */
static void config_url_keeps_a_relative_path_from_outside_the_file(void **state)
{
	dbt_config cfg;
	dbt_url url;

	(void)state;
	assert_int_equal(mkdir("proj", 0755), 0);
	test_write_file("proj/dbtool.ini", "[dbtool]\nurl = sqlite:///file.db\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_url(&url, &cfg, "sqlite:///cli.db"), 0);
	assert_string_equal(url.database, "cli.db");
	dbt_url_release(&url);
	setenv("DATABASE_URL", "sqlite:///env.db", 1);
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_string_equal(url.database, "env.db");
	dbt_url_release(&url);
	unsetenv("DATABASE_URL");
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), 0);
	assert_string_equal(url.database, "proj/file.db");
	dbt_url_release(&url);
	dbt_config_release(&cfg);
}

/* The errors: no URL at all, an empty --url, and a malformed URL in the
 * file, named with the file; nothing to release after them. */
static void config_url_errors_name_where_the_url_came_from(void **state)
{
	dbt_config cfg;
	dbt_url url;

	(void)state;
	assert_int_equal(dbt_config_load(&cfg, "dbtool.ini", 1), 0);
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "no database url: set url in dbtool.ini, DATABASE_URL or --url");
	assert_null(url.database);
	assert_int_equal(dbt_config_url(&url, &cfg, ""), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "the url given with --url is empty");
	dbt_config_release(&cfg);
	assert_int_equal(mkdir("proj", 0755), 0);
	test_write_file("proj/dbtool.ini", "[dbtool]\nurl = nosuch://x\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_url(&url, &cfg, NULL), DBT_EPARSE);
	assert_true(!strncmp(dbt_error_last(), "proj/dbtool.ini: url: ", 22));
	assert_null(url.scheme);
	assert_int_equal(dbt_config_url(&url, &cfg, "nosuch://x"), DBT_EPARSE);
	assert_true(strncmp(dbt_error_last(), "proj/dbtool.ini", 15));
	dbt_config_release(&cfg);
}

/* The scratch database's URL: the config file's relative SQLite path is
 * relative to its folder; --dev-url's and one with a query stay as
 * written; none is NULL. */
static void config_dev_url_resolves_as_the_url_does(void **state)
{
	dbt_config cfg;
	char *dev = NULL;

	(void)state;
	assert_int_equal(mkdir("proj", 0755), 0);
	test_write_file("proj/dbtool.ini", "[dbtool]\ndev_url = sqlite:///scratch.db\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_dev_url(&dev, &cfg, NULL), 0);
	assert_string_equal(dev, "sqlite:///proj/scratch.db");
	free(dev);
	assert_int_equal(dbt_config_dev_url(&dev, &cfg, "sqlite:///mine.db"), 0);
	assert_string_equal(dev, "sqlite:///mine.db");
	free(dev);
	dbt_config_release(&cfg);
	test_write_file("proj/dbtool.ini", "[dbtool]\ndev_url = sqlite:///s.db?mode=rwc\n");
	assert_int_equal(dbt_config_load(&cfg, "proj/dbtool.ini", 0), 0);
	assert_int_equal(dbt_config_dev_url(&dev, &cfg, NULL), 0);
	assert_string_equal(dev, "sqlite:///s.db?mode=rwc");
	free(dev);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\n");
	assert_int_equal(dbt_config_dev_url(&dev, &cfg, NULL), 0);
	assert_null(dev);
	dbt_config_release(&cfg);
}

static void version_schema_and_statement_lock_timeout(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\n");
	assert_string_equal(cfg.version_schema, "public");
	assert_int_equal(cfg.statement_lock_timeout_s, -1);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nversion_schema = meta\nstatement_lock_timeout = 0\n");
	assert_string_equal(cfg.version_schema, "meta");
	assert_int_equal(cfg.statement_lock_timeout_s, 0);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nstatement_lock_timeout = 86400\n");
	assert_int_equal(cfg.statement_lock_timeout_s, 86400);
	dbt_config_release(&cfg);
	load_fails("[dbtool]\n\nstatement_lock_timeout = 5s\n", DBT_EPARSE,
		   "dbtool.ini:3: invalid statement_lock_timeout '5s': use a number of seconds "
		   "from 0 (no limit) to 86400");
	load_fails("[dbtool]\nstatement_lock_timeout = 86401\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid statement_lock_timeout '86401': use a number of seconds "
		   "from 0 (no limit) to 86400");
	load_fails("[dbtool]\nstatement_lock_timeout = -1\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid statement_lock_timeout '-1': use a number of seconds "
		   "from 0 (no limit) to 86400");
}

static void single_transaction_is_a_boolean(void **state)
{
	static const char *const yes[] = {"true", "TRUE", "yes", "on", "1"};
	static const char *const no[] = {"false", "No", "off", "0"};
	char text[100];
	dbt_config cfg;
	size_t i;

	(void)state;
	load_ok(&cfg, "[dbtool]\n");
	assert_int_equal(cfg.single_transaction, -1);
	dbt_config_release(&cfg);
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		snprintf(text, sizeof(text), "[dbtool]\nsingle_transaction = %s\n", yes[i]);
		load_ok(&cfg, text);
		assert_int_equal(cfg.single_transaction, 1);
		dbt_config_release(&cfg);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		snprintf(text, sizeof(text), "[dbtool]\nsingle_transaction = %s\n", no[i]);
		load_ok(&cfg, text);
		assert_int_equal(cfg.single_transaction, 0);
		dbt_config_release(&cfg);
	}
	load_fails("[dbtool]\n\nsingle_transaction = sometimes\n", DBT_EPARSE,
		   "dbtool.ini:3: invalid single_transaction 'sometimes': use true or false");
	load_fails("[dbtool]\nsingle_transaction =\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid single_transaction '': use true or false");
}

static void safe_is_a_boolean(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\n");
	assert_int_equal(cfg.safe, -1);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nsafe = True\n");
	assert_int_equal(cfg.safe, 1);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nsafe = off\n");
	assert_int_equal(cfg.safe, 0);
	dbt_config_release(&cfg);
	load_fails("[dbtool]\n\nsafe = maybe\n", DBT_EPARSE,
		   "dbtool.ini:3: invalid safe 'maybe': use true or false");
}

/* ------------------------------------------------------------ exclude */

static void exclude_is_a_list_of_patterns(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nexclude = alembic_version,  spatial_ref_sys ,tmp_*\n");
	assert_int_equal(cfg.nexclude, 3);
	assert_string_equal(cfg.exclude[0], "alembic_version");
	assert_string_equal(cfg.exclude[1], "spatial_ref_sys");
	assert_string_equal(cfg.exclude[2], "tmp_*");
	dbt_config_release(&cfg);
	assert_null(cfg.exclude);
	assert_int_equal(cfg.nexclude, 0);
}

static void exclude_absent_or_empty_excludes_nothing(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite://\n");
	assert_null(cfg.exclude);
	assert_int_equal(cfg.nexclude, 0);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\nexclude =\n");
	assert_int_equal(cfg.nexclude, 0);
	dbt_config_release(&cfg);
}

static void exclude_empty_pattern_is_an_error_with_its_line(void **state)
{
	(void)state;
	load_fails("[dbtool]\n\nexclude = a,, b\n", DBT_EPARSE,
		   "dbtool.ini:3: pattern 2 of exclude is empty");
	load_fails("[dbtool]\nexclude = a, b,\n", DBT_EPARSE,
		   "dbtool.ini:2: pattern 3 of exclude is empty");
	load_fails("[dbtool]\nexclude = , a\n", DBT_EPARSE,
		   "dbtool.ini:2: pattern 1 of exclude is empty");
}

static void roles_is_a_list_of_patterns_like_exclude(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nroles = app_reader, app_* \n");
	assert_int_equal(cfg.nroles, 2);
	assert_string_equal(cfg.roles[0], "app_reader");
	assert_string_equal(cfg.roles[1], "app_*");
	dbt_config_release(&cfg);
	assert_null(cfg.roles);
	load_ok(&cfg, "[dbtool]\nurl = sqlite://\n");
	assert_int_equal(cfg.nroles, 0);
	dbt_config_release(&cfg);
	load_fails("[dbtool]\nroles = a,, b\n", DBT_EPARSE,
		   "dbtool.ini:2: pattern 2 of roles is empty");
}

static void exclude_with_unset_variable_fails_only_where_used(void **state)
{
	dbt_config cfg;

	(void)state;
	unsetenv("DBTOOL_TEST_NOPE");
	load_ok(&cfg, "[dbtool]\nexclude = a, ${DBTOOL_TEST_NOPE}\n");
	assert_int_equal(cfg.nexclude, 0);
	assert_int_equal(dbt_config_need(&cfg, "url"), 0);
	assert_int_equal(dbt_config_need(&cfg, "exclude"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "dbtool.ini:2: environment variable 'DBTOOL_TEST_NOPE' is not set");
	dbt_config_release(&cfg);
}

static void exclude_matches_names_and_globs(void **state)
{
	char *p[] = {"alembic_version", "tmp_*", "log_20[0-9][0-9]", "v?"};

	(void)state;
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "alembic_version"), 1);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "alembic_versions"), 0);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "tmp_x"), 1);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "tmp_"), 1);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "x_tmp_x"), 0);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "log_2024"), 1);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "log_20x4"), 0);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "v1"), 1);
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "v12"), 0);
	/* Names are compared as the database stores them: case counts. */
	assert_int_equal(dbt_exclude_match(p, 4, NULL, "TMP_x"), 0);
	assert_int_equal(dbt_exclude_match(p, 0, NULL, "tmp_x"), 0);
}

static void exclude_matches_qualified_names_in_the_managed_schema(void **state)
{
	char *p[] = {"public.tmp_*", "audit.*"};
	char longname[600];

	(void)state;
	assert_int_equal(dbt_exclude_match(p, 2, "public", "tmp_x"), 1);
	assert_int_equal(dbt_exclude_match(p, 2, "app", "tmp_x"), 0);
	assert_int_equal(dbt_exclude_match(p, 2, NULL, "tmp_x"), 0);
	assert_int_equal(dbt_exclude_match(p, 2, "audit", "anything"), 1);
	/* A name longer than any buffer on the stack. */
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memcpy(longname, "tmp_", 4);
	assert_int_equal(dbt_exclude_match(p, 2, "public", longname), 1);
}

/* A schema with the tables, indexes and objects the filter tests use. */
static dbt_schema *exclude_fixture(void)
{
	dbt_schema *s;
	dbt_table *t;
	dbt_index *ix;
	dbt_object *o;

	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "users", 0), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "tmp_x", 0), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "logs", 0), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "logs_2024", 0), 0);
	assert_non_null(t->partition_of = strdup("logs"));
	assert_int_equal(dbt_schema_add_index(&ix, s, "users_name_idx", 0, "users", 0), 0);
	assert_int_equal(dbt_schema_add_index(&ix, s, "tmp_x_a_idx", 0, "tmp_x", 0), 0);
	assert_int_equal(dbt_schema_add_index(&ix, s, "tmp_users_idx", 0, "users", 0), 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_FUNCTION, "tmp_f(integer)", NULL, "d",
					       "c", "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_FUNCTION, "f(integer)", NULL, "d",
					       "c", "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_VIEW, "v", NULL, "d", "c", "x", NULL),
			 0);
	assert_int_equal(dbt_object_add_dep(o, "tmp_x"), 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_VIEW, "w", NULL, "d", "c", "x", NULL),
			 0);
	assert_int_equal(dbt_object_add_dep(o, "view v"), 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_VIEW, "\"tmp_View\"", NULL, "d", "c",
					       "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_VIEW, "users_v", NULL, "d", "c", "x",
					       NULL),
			 0);
	assert_int_equal(dbt_object_add_dep(o, "users"), 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_TRIGGER, "trg ON tmp_x", "tmp_x", "d",
					       "c", "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_TRIGGER, "tmp_trg ON users", "users",
					       "d", "c", "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_COMMENT, "TABLE tmp_x", "tmp_x", "d",
					       "c", "x", NULL),
			 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_COMMENT, "FUNCTION tmp_f(integer)",
					       NULL, "d", "c", "x", NULL),
			 0);
	assert_int_equal(dbt_object_add_dep(o, "function tmp_f(integer)"), 0);
	assert_int_equal(dbt_schema_add_object(&o, s, DBT_OBJ_COMMENT, "TABLE users", "users", "d",
					       "c", "x", NULL),
			 0);
	return s;
}

/* The names left in `s`, tables, indexes and objects, blank-separated. */
static void assert_left(const dbt_schema *s, const char *want)
{
	char got[1024] = "";
	size_t i;

	for (i = 0; i < s->ntables; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s ", s->tables[i]->name);
	for (i = 0; i < s->nindexes; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s ", s->indexes[i]->name);
	for (i = 0; i < s->nobjects; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s ", s->objects[i]->name);
	assert_string_equal(got, want);
}

static void exclude_filter_takes_what_stands_on_an_excluded_table(void **state)
{
	char *p[] = {"tmp_*", "logs"};
	dbt_schema *s = exclude_fixture();

	(void)state;
	assert_int_equal(dbt_exclude_filter(s, p, 2, "public"), 0);
	/* Gone: tables tmp_x and logs, the partition logs_2024, the indexes
	 * on tmp_x and named tmp_*, the function tmp_f and its comment, the
	 * view v on tmp_x and the view w on v, the view "tmp_View", the
	 * triggers on tmp_x and named tmp_*, the comment on tmp_x. */
	assert_left(s, "users users_name_idx f(integer) users_v TABLE users ");
	dbt_schema_free(s);
}

static void exclude_filter_without_patterns_keeps_everything(void **state)
{
	dbt_schema *s = exclude_fixture();

	(void)state;
	assert_int_equal(dbt_exclude_filter(s, NULL, 0, "public"), 0);
	assert_int_equal(s->ntables, 4);
	assert_int_equal(s->nindexes, 3);
	assert_int_equal(s->nobjects, 11);
	dbt_schema_free(s);
}

static void exclude_filter_matches_qualified_names(void **state)
{
	char *p[] = {"public.tmp_x"};
	dbt_schema *s = exclude_fixture();

	(void)state;
	assert_int_equal(dbt_exclude_filter(s, p, 1, "public"), 0);
	assert_left(s,
		    "users logs logs_2024 users_name_idx tmp_users_idx tmp_f(integer) f(integer) "
		    "\"tmp_View\" users_v tmp_trg ON users FUNCTION tmp_f(integer) TABLE users ");
	dbt_schema_free(s);
}

static void release_twice_is_harmless(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nurl = sqlite://\n");
	dbt_config_release(&cfg);
	assert_null(cfg.url);
	dbt_config_release(&cfg);
	dbt_config_release(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

static void model_command_replaces_the_model_file(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\nmodel_command = python3 -m dbtool_sqlalchemy app:db\n");
	assert_string_equal(cfg.model_command, "python3 -m dbtool_sqlalchemy app:db");
	assert_string_equal(cfg.model, "model_command");
	dbt_config_release(&cfg);
	assert_null(cfg.model_command);
	load_ok(&cfg, "[dbtool]\n");
	assert_null(cfg.model_command);
	assert_string_equal(cfg.model, "schema.sql");
	dbt_config_release(&cfg);
}

static void model_command_expands_variables_and_needs_them(void **state)
{
	dbt_config cfg;

	(void)state;
	setenv("DBT_TEST_PY", "/usr/bin/python3", 1);
	load_ok(&cfg, "[dbtool]\nmodel_command = ${DBT_TEST_PY} models.py\n");
	assert_string_equal(cfg.model_command, "/usr/bin/python3 models.py");
	assert_int_equal(dbt_config_need(&cfg, "model_command"), 0);
	dbt_config_release(&cfg);
	unsetenv("DBT_TEST_PY");
	load_ok(&cfg, "[dbtool]\nmodel_command = ${DBT_TEST_PY} models.py\n");
	assert_null(cfg.model_command);
	assert_int_equal(dbt_config_need(&cfg, "model_command"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "dbtool.ini:2: environment variable 'DBT_TEST_PY' is not set");
	dbt_config_release(&cfg);
}

static void model_and_model_command_together_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\nmodel = schema.sql\n\nmodel_command = cat schema.sql\n", DBT_EPARSE,
		   "dbtool.ini:2: 'model' and 'model_command' (line 4) are both set: keep one");
	load_fails("[dbtool]\nmodel_command = cat schema.sql\nmodel =\n", DBT_EPARSE,
		   "dbtool.ini:3: 'model' and 'model_command' (line 2) are both set: keep one");
}

static void empty_model_command_is_an_error(void **state)
{
	(void)state;
	load_fails("[dbtool]\nmodel_command =\n", DBT_EPARSE,
		   "dbtool.ini:2: model_command is empty");
}

static void dialects_lists_sqlite_and_postgresql(void **state)
{
	dbt_config cfg;

	(void)state;
	load_ok(&cfg, "[dbtool]\n");
	assert_int_equal(cfg.ndialects, 0);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\ndialects = sqlite, postgresql\n");
	assert_int_equal(cfg.ndialects, 2);
	assert_int_equal(cfg.dialects[0], DBT_DIALECT_SQLITE);
	assert_int_equal(cfg.dialects[1], DBT_DIALECT_POSTGRES);
	dbt_config_release(&cfg);
	load_ok(&cfg, "[dbtool]\ndialects = postgres,sqlite\n");
	assert_int_equal(cfg.ndialects, 2);
	assert_int_equal(cfg.dialects[0], DBT_DIALECT_POSTGRES);
	assert_int_equal(cfg.dialects[1], DBT_DIALECT_SQLITE);
	dbt_config_release(&cfg);
	load_fails("[dbtool]\ndialects = sqlite, oracle\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid dialects 'sqlite, oracle': unknown dialect 'oracle': use "
		   "a comma-separated list of sqlite, postgresql and mysql");
	load_ok(&cfg, "[dbtool]\ndialects = mariadb, sqlite\n");
	assert_int_equal(cfg.ndialects, 2);
	assert_int_equal(cfg.dialects[0], DBT_DIALECT_MYSQL);
	dbt_config_release(&cfg);
	load_fails("[dbtool]\ndialects = sqlite, sqlite\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid dialects 'sqlite, sqlite': 'sqlite' is listed twice");
	load_fails("[dbtool]\ndialects =\n", DBT_EPARSE,
		   "dbtool.ini:2: invalid dialects '': unknown dialect '': use a comma-separated "
		   "list of sqlite, postgresql and mysql");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(missing_file_with_missing_ok_gives_defaults),
		T(version_schema_and_statement_lock_timeout),
		T(single_transaction_is_a_boolean),
		T(safe_is_a_boolean),
		T(missing_file_is_an_error_otherwise),
		T(missing_folder_counts_as_missing_file),
		T(folder_instead_of_file_is_an_error),
		T(unreadable_file_is_an_error_even_with_missing_ok),
		T(empty_file_gives_defaults),
		T(reads_every_key),
		T(empty_values_mean_defaults),
		T(paths_are_relative_to_the_config_folder),
		T(defaults_are_relative_to_the_config_folder),
		T(absolute_paths_are_kept),
		T(current_folder_paths_stay_short),
		T(sqlite_url_is_not_rewritten),
		T(expands_braced_variables),
		T(expands_variables_in_paths_before_resolving),
		T(double_dollar_is_a_literal_dollar),
		T(unbraced_dollar_is_kept),
		T(unset_variable_fails_only_where_the_value_is_used),
		T(unset_variable_in_url_fails_only_when_the_file_url_is_picked),
		T(unset_variable_does_not_hide_a_mistake_later_in_the_value),
		T(unterminated_variable_is_an_error),
		T(invalid_variable_name_is_an_error),
		T(unknown_key_is_an_error_with_its_line),
		T(keys_are_case_sensitive),
		T(duplicate_key_is_an_error),
		T(indented_continuation_is_an_error),
		T(indented_first_key_is_accepted),
		T(other_sections_are_ignored),
		T(section_may_be_reopened),
		T(comments_are_skipped),
		T(colon_separator_and_blank_space_are_accepted),
		T(malformed_line_is_an_error_with_its_line),
		T(first_of_several_errors_is_reported),
		T(overlong_line_in_section_is_an_error),
		T(line_of_exactly_the_limit_is_accepted),
		T(line_numbers_count_past_an_overlong_foreign_line),
		T(pick_url_prefers_the_command_line),
		T(pick_url_takes_the_environment_next),
		T(pick_url_falls_back_to_the_file),
		T(our_key_outside_any_section_is_an_error),
		T(pick_url_without_any_is_an_error),
		T(config_url_resolves_a_relative_sqlite_path_against_the_file),
		T(config_url_keeps_a_relative_path_from_outside_the_file),
		T(config_url_errors_name_where_the_url_came_from),
		T(config_dev_url_resolves_as_the_url_does),
		T(release_twice_is_harmless),
		T(exclude_is_a_list_of_patterns),
		T(exclude_absent_or_empty_excludes_nothing),
		T(exclude_empty_pattern_is_an_error_with_its_line),
		T(roles_is_a_list_of_patterns_like_exclude),
		T(exclude_with_unset_variable_fails_only_where_used),
		T(exclude_matches_names_and_globs),
		T(exclude_matches_qualified_names_in_the_managed_schema),
		T(exclude_filter_takes_what_stands_on_an_excluded_table),
		T(exclude_filter_without_patterns_keeps_everything),
		T(exclude_filter_matches_qualified_names),
		T(model_command_replaces_the_model_file),
		T(model_command_expands_variables_and_needs_them),
		T(model_and_model_command_together_is_an_error),
		T(empty_model_command_is_an_error),
		T(dialects_lists_sqlite_and_postgresql),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
