/*
 * corpus_run_dump.c - the schemas of tests/corpus/schemas read back as
 * models, in the in-process corpus runner: what tests/e2e/test_dump.sh
 * (mode "dump") and test_inspect_corpus.sh (mode "inspect") assert of
 * each schema.
 *
 * dump: a database is made with create-all, dumped as people dump it
 * (PostgreSQL: `pg_dump --schema-only`; SQLite: `sqlite3 .schema`, the one
 * program run per case), and the dump, unchanged, becomes the model:
 * check must exit 0 and find nothing, and migrate must write no revision.
 *
 * inspect: a database is made with create-all, `inspect` prints it
 * (dbt_inspect, as cmd_inspect writes it to a file), and what it printed,
 * as the model, must make check exit 0 and find nothing.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <glob.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "corpus_run.h"

extern char **environ;

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Runs argv with stdout to `out_path` and stderr to `err_path`; its exit
 * status, or -1 when it could not run. */
static int run_program(char *const argv[], const char *out_path, const char *err_path)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = -1;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) == 0 &&
	    waitpid(pid, &status, 0) == pid)
		status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	else
		status = -1;
	posix_spawn_file_actions_destroy(&fa);
	return status;
}

/* The database's schema as its own tool prints it, in `path`. */
static int dump(struct worker *w, const char *path, char **err)
{
	const char *pg_dump = getenv("DBTOOL_PG_DUMP");
	char *dbname = NULL, *err_path = NULL;
	int rc;

	if (asprintf(&err_path, "%s/dump.err", w->held) < 0)
		return -1;
	if (w->postgres) {
		char *argv[] = {(char *)(pg_dump && *pg_dump ? pg_dump : "pg_dump"),
				"--schema-only", NULL, NULL};

		if (asprintf(&dbname, "--dbname=%s", w->url) < 0) {
			free(err_path);
			return -1;
		}
		argv[2] = dbname;
		rc = run_program(argv, path, err_path);
	} else {
		char *argv[] = {"sqlite3", w->db_file, ".schema", NULL};

		rc = run_program(argv, path, err_path);
	}
	*err = slurp(err_path);
	unlink(err_path);
	free(err_path);
	free(dbname);
	return rc == 0 ? 0 : -1;
}

/* Removes the revision files a case wrote. */
static void remove_revisions(struct worker *w)
{
	char *pat;
	glob_t g;
	size_t i;

	if (asprintf(&pat, "%s/versions/*", w->cfg.script_location) < 0)
		return;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	free(pat);
}

static int versions_empty(struct worker *w)
{
	char *pat;
	glob_t g;
	int empty = 1;

	if (asprintf(&pat, "%s/versions/*", w->cfg.script_location) < 0)
		return 0;
	if (glob(pat, 0, NULL, &g) == 0) {
		empty = g.gl_pathc == 0;
		globfree(&g);
	}
	free(pat);
	return empty;
}

void dump_case(struct worker *w, const char *f, struct strlist *report)
{
	struct res r = {0};
	char *path = NULL, *err = NULL, *text = NULL, *s;

	if (copy_file(f, "schema.sql") < 0)
		why(w, "cannot copy '%s' to schema.sql", f);
	step(w, &r, 0, "create-all of the corpus model", cmd_create_all_, NULL);
	if (ok(w) && asprintf(&path, "%s/dump.sql", w->held) >= 0) {
		if (dump(w, path, &err) < 0)
			why(w, "the dump failed: %s", err ? err : "");
		else if (copy_file(path, "schema.sql") < 0)
			why(w, "cannot copy the dump to schema.sql");
	}
	if (step(w, &r, 0, "check with the dump as the model", cmd_check_, NULL) == 0 && *r.out) {
		s = show_output(&r);
		text = slurp(path);
		why(w,
		    "check with the dump as the model should exit 0 and find nothing: %s\nthe "
		    "dump:\n%s",
		    s, text ? text : "");
		free(s);
	}
	if (step(w, &r, 0, "migrate with the dump as the model", cmd_migrate_, "dump") == 0 &&
	    !versions_empty(w)) {
		s = show_output(&r);
		why(w, "migrate with the dump as the model should write nothing: %s", s);
		free(s);
	}
	remove_revisions(w);
	sl_pushf(report,
		 "schemas/%s: its dump is a model that check and migrate find equal to the "
		 "database",
		 base_name(f));
	res_clear(&r);
	free(path);
	free(err);
	free(text);
}

void inspect_case(struct worker *w, const char *f, struct strlist *report)
{
	struct res r = {0};
	char *text = NULL, *s;
	FILE *out;

	if (copy_file(f, "schema.sql") < 0)
		why(w, "cannot copy '%s' to schema.sql", f);
	step(w, &r, 0, "create-all of the corpus model", cmd_create_all_, NULL);
	if (ok(w)) {
		if (dbt_inspect(&text, w->conn, w->cfg.schema) < 0)
			why(w, "inspect failed: dbtool: error: %s", dbt_error_last());
		else if (!(out = fopen("schema.sql", "w")) || fputs(text, out) < 0 || fclose(out))
			why(w, "cannot write what inspect printed to schema.sql");
	}
	if (step(w, &r, 0, "check with the inspected model", cmd_check_, NULL) == 0 && *r.out) {
		s = show_output(&r);
		why(w,
		    "check with the inspected model should exit 0 and find nothing: %s\nwhat "
		    "inspect "
		    "printed:\n%s",
		    s, text ? text : "");
		free(s);
	}
	sl_pushf(report,
		 "schemas/%s: what inspect prints is a model that check finds equal to the "
		 "database",
		 base_name(f));
	res_clear(&r);
	free(text);
}

/* pg_dump of the server's own version, as lib.sh picks it: the folder
 * `scripts/pg-cluster bindir` prints goes first in PATH. */
void dump_use_pg_bindir(const char *src_root, const char *tmp)
{
	char *script = NULL, *out = NULL, *err = NULL, *dir = NULL, *path = NULL;
	const char *old = getenv("PATH");

	if (asprintf(&script, "%s/scripts/pg-cluster", src_root) < 0 ||
	    asprintf(&out, "%s/bindir", tmp) < 0 || asprintf(&err, "%s/bindir.err", tmp) < 0)
		goto cleanup;
	{
		char *argv[] = {script, "bindir", NULL};

		if (run_program(argv, out, err) != 0)
			goto cleanup;
	}
	dir = slurp(out);
	if (dir && *dir) {
		dir[strcspn(dir, "\n")] = 0;
		if (asprintf(&path, "%s:%s", dir, old ? old : "/usr/bin:/bin") >= 0)
			setenv("PATH", path, 1);
	}
cleanup:
	if (out)
		unlink(out);
	if (err)
		unlink(err);
	free(script);
	free(out);
	free(err);
	free(dir);
	free(path);
}
