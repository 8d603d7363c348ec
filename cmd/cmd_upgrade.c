/*
 * cmd_upgrade.c - `dbtool upgrade [TARGET] [--sql [--dialect D]]` and
 * `dbtool downgrade TARGET [--sql [--dialect D]]`.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char upgrade_usage[] =
	"usage: dbtool upgrade [TARGET] [--sql [--dialect D]] [--apply-missing]\n"
	"                      [--single-transaction]\n"
	"\n"
	"Applies the revisions after the database's current one, up to TARGET:\n"
	"'head' (the default), a revision id or unique prefix, or +N.  Each revision\n"
	"runs in one transaction together with the update of the version table\n"
	"(except revisions marked '-- transaction: false'); on an error it is rolled\n"
	"back and the run stops, leaving the revisions before it applied.\n"
	"\n"
	"      --sql             print the SQL that would run instead of running it;\n"
	"                        TARGET may be FROM:TO, a script from FROM\n"
	"      --dialect D       with --sql: connect to no database and write the\n"
	"                        script for D (sqlite, postgresql) from base, or\n"
	"                        from FROM; applied revisions are not verified\n"
	"      --apply-missing   first apply the revisions that lie below the current\n"
	"                        one but were never applied (re-parented under an\n"
	"                        applied revision), in chain order, each in its own\n"
	"                        transaction; without it, upgrade refuses to run\n"
	"      --single-transaction\n"
	"                        run every revision in one transaction, committed at\n"
	"                        the end: a failure leaves nothing applied (also\n"
	"                        'single_transaction = true' in dbtool.ini)\n";

static const char downgrade_usage[] =
	"usage: dbtool downgrade TARGET [--sql [--dialect D]] [--single-transaction]\n"
	"\n"
	"Reverts revisions down to TARGET: 'base' (nothing applied), a revision id\n"
	"or unique prefix (which stays applied), or -N.  Each revision is reverted\n"
	"in one transaction together with the version update.  When the chain has\n"
	"several heads, the revisions below the database's own run down as usual,\n"
	"so that a branch can be backed out before 'dbtool rebase' moves it.\n"
	"\n"
	"      --sql                  print the SQL that would run instead of running it;\n"
	"                             TARGET may be FROM:TO, a script from FROM\n"
	"      --dialect D            with --sql and FROM:TO: connect to no database\n"
	"                             and write the script for D (sqlite, postgresql)\n"
	"      --single-transaction   revert every revision in one transaction, committed\n"
	"                             at the end: a failure leaves nothing reverted (also\n"
	"                             'single_transaction = true' in dbtool.ini)\n";

/* What a run reports as it goes: the steps (kept for --format json), a
 * progress line on a terminal, and each statement with -v. */
struct report {
	struct done {
		const dbt_revision *rev;
		const char *from, *to;
		double ms;
	} * v;
	size_t n;
	int oom;
	size_t total; /* the run's length, from the first revision reported */
	int tty;      /* stderr is a terminal and -q is not given */
	int shown;    /* a progress line is on the terminal */
};

/* Clears the progress line, before anything else is printed. */
static void clear_progress(struct report *r)
{
	if (r->shown) {
		fputs("\r\033[K", stderr);
		r->shown = 0;
	}
}

static void on_step(const dbt_step *step, void *arg)
{
	struct report *r = arg;
	struct done *v;

	clear_progress(r);
	cmd_print_step(step, NULL);
	if (!(v = realloc(r->v, (r->n + 1) * sizeof(*v)))) {
		r->oom = 1;
		return;
	}
	r->v = v;
	v[r->n++] = (struct done){step->rev, step->from, step->to, step->ms};
}

/* "resuming upgrade a003 at its statement 3 of 5", or, when every
 * statement ran and only the version is left to record, "resuming upgrade
 * a003 after its last statement (5 of 5 ran)". */
static void on_resume(const dbt_revision *rev, int upgrade, size_t next, size_t total, void *arg)
{
	const char *dir = upgrade ? "upgrade" : "downgrade";

	clear_progress(arg);
	if (next > total)
		cmd_info("resuming %s %s after its last statement (%zu of %zu ran)", dir, rev->id,
			 total, total);
	else
		cmd_info("resuming %s %s at its statement %zu of %zu", dir, rev->id, next, total);
}

/* "[37/1000] 3c4d5e6f7a8b add users", rewritten in place. */
static void on_revision(const dbt_revision *rev, int upgrade, size_t left, void *arg)
{
	struct report *r = arg;

	(void)upgrade;
	if (!r->total)
		r->total = left;
	if (!r->tty)
		return;
	clear_progress(r);
	fprintf(stderr, "[%zu/%zu] ", left <= r->total ? r->total - left + 1 : 1, r->total);
	cmd_put_term(stderr, rev->id, NULL);
	fputc(' ', stderr);
	cmd_put_term(stderr, rev->message, NULL);
	fflush(stderr);
	r->shown = 1;
}

static void on_statement(const dbt_run_statement *st, void *arg)
{
	clear_progress(arg);
	cmd_info("  %.1f ms  %s", st->ms, st->text);
}

/* The run as one JSON object on stdout: the database, the versions
 * before and after, each revision run, and the error when it failed. */
static void print_json(const struct report *r, const dbt_url *url, dbt_conn *conn, int failed)
{
	char *where = dbt_url_redact(url), *cur = NULL, *err = NULL;
	size_t i;

	if (failed && !(err = strdup(dbt_error_last())))
		err = NULL;
	if (dbt_conn_current(&cur, conn) < 0)
		cur = NULL;
	fputs("{\"database\": ", stdout);
	cmd_json_str(stdout, where);
	fputs(", \"from\": ", stdout);
	cmd_json_str(stdout, r->n ? r->v[0].from : cur);
	fputs(", \"to\": ", stdout);
	cmd_json_str(stdout, r->n ? r->v[r->n - 1].to : cur);
	fputs(", \"revisions\": [", stdout);
	for (i = 0; i < r->n; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
		cmd_json_str(stdout, r->v[i].rev->id);
		fputs(", \"message\": ", stdout);
		cmd_json_str(stdout, r->v[i].rev->message);
		printf(", \"ms\": %.1f}", r->v[i].ms);
	}
	fputs("]", stdout);
	if (failed) {
		fputs(", \"error\": ", stdout);
		cmd_json_str(stdout, err ? err : "out of memory");
	}
	fputs("}\n", stdout);
	free(where);
	free(cur);
	free(err);
}

/*
 * --sql without a database: for the dialect `kind` that --dialect named
 * (`dialect`), or, without it, for FROM:TO in the dialect of the URL
 * (parsed, never connected to).
 */
static int offline(const dbt_config *cfg, const dbt_chain *chain, const char *dialect,
		   dbt_dialect_kind kind, const char *range, int up)
{
	char *script = NULL;
	dbt_url url;

	if (!dialect) {
		const char *text = dbt_config_pick_url(cfg, g_opts.url);

		if (!text || dbt_url_parse(&url, text) < 0)
			return cmd_error("%s (or give the dialect with --dialect)",
					 dbt_error_last());
		kind = url.kind;
		dbt_url_release(&url);
	}
	if (dbt_config_need(cfg, "version_schema") < 0 ||
	    dbt_run_script_offline(&script, kind, cfg->version_schema, chain, range, up) < 0)
		return cmd_fail();
	fputs(script, stdout);
	free(script);
	return EXIT_OK;
}

static int run(int argc, char **argv, int up)
{
	struct report report = {0};
	const char *args[1], *dialect = NULL;
	int sql = 0, apply_missing = 0, single = 0, nargs, rc, status = EXIT_FAIL;
	const struct cmd_option up_opts[] = {
		{"sql", 0, NULL, &sql},
		{"dialect", 0, &dialect, NULL},
		{"apply-missing", 0, NULL, &apply_missing},
		{"single-transaction", 0, NULL, &single},
		{NULL, 0, NULL, NULL},
	};
	const struct cmd_option down_opts[] = {
		{"sql", 0, NULL, &sql},
		{"dialect", 0, &dialect, NULL},
		{"single-transaction", 0, NULL, &single},
		{NULL, 0, NULL, NULL},
	};
	const struct cmd_option *opts = up ? up_opts : down_opts;
	const char *name = up ? "upgrade" : "downgrade";
	dbt_dialect_kind kind = (dbt_dialect_kind)0; /* --dialect, or the URL's (offline()) */
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_run_opts ro;
	const char *target;

	if ((rc = cmd_parse(argc, argv, up ? upgrade_usage : downgrade_usage, opts, args, 1,
			    &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (apply_missing && sql)
		return cmd_usage_error("upgrade",
				       "--apply-missing needs the database's history: it cannot be "
				       "combined with --sql");
	if (single && sql)
		return cmd_usage_error(name, "--single-transaction is for running revisions: the "
					     "script of "
					     "--sql gives each revision its own transaction");
	if (dialect && !sql)
		return cmd_usage_error(name, "--dialect is for --sql: the script of a dialect");
	if (dialect && dbt_dialect_parse(&kind, dialect) < 0)
		return cmd_usage_error(name, "%s", dbt_error_last());
	if (sql && g_opts.json)
		return cmd_usage_error(name, "--format json does not apply to --sql, which prints "
					     "the script");
	ro = cmd_run_opts();
	if (!up && !nargs)
		return cmd_usage_error("downgrade", "a target is required (base, an id, or -N)");
	target = nargs ? args[0] : "head";
	if (!sql && strchr(target, ':'))
		return cmd_usage_error(name, "a range FROM:TO is for --sql");
	if (cmd_load_config(&c.cfg))
		goto cleanup;
	if (!single && !sql && c.cfg.single_transaction < 0 &&
	    dbt_config_need(&c.cfg, "single_transaction") < 0) {
		cmd_fail();
		goto cleanup;
	}
	/* A downgrade may walk down a chain with several heads: the line the
	 * database stands on is one line, whatever lies beside it.  Every
	 * run verifies or records the checksums. */
	if (cmd_load_chain(&c.chain, &c.cfg, DBT_CHAIN_CHECKSUMS | (up ? 0 : DBT_CHAIN_LENIENT)))
		goto cleanup;
	if (c.chain.broken && !c.chain.diverged) {
		cmd_fail();
		goto cleanup;
	}
	/* Offline: the script from base or FROM, without a database. */
	if (sql && (dialect || strchr(target, ':'))) {
		status = offline(&c.cfg, &c.chain, dialect, kind, target, up);
		goto cleanup;
	}
	/* --sql only reads the version: it must not create or change anything;
	 * a downgrade has nothing to revert in a database that does not exist. */
	if (sql	 ? cmd_connect_readonly(&c.conn, &c.url, &c.cfg)
	    : up ? cmd_connect(&c.conn, &c.url, &c.cfg)
		 : cmd_connect_existing(&c.conn, &c.url, &c.cfg, 0))
		goto cleanup;
	if (c.chain.diverged) {
		char *id = NULL;

		if (dbt_conn_current(&id, c.conn) < 0) {
			cmd_fail();
			goto cleanup;
		}
		/* A version that no file defines: the runner says so. */
		rc = dbt_chain_select_line(&c.chain, id);
		free(id);
		if (rc == DBT_ENOTFOUND)
			rc = dbt_chain_select_line(&c.chain, NULL);
		if (rc < 0) {
			cmd_fail();
			goto cleanup;
		}
	}

	if (sql) {
		char *script = NULL;

		if (dbt_run_script_for(&script, c.conn, &c.chain, target, up) < 0) {
			cmd_fail();
			goto cleanup;
		}
		fputs(script, stdout);
		free(script);
		status = EXIT_OK;
		goto cleanup;
	}
	report.tty = !g_opts.quiet && isatty(fileno(stderr));
	ro.apply_missing = apply_missing;
	ro.single_transaction = single || c.cfg.single_transaction == 1;
	ro.on_step = on_step;
	ro.on_revision = on_revision;
	ro.on_resume = on_resume;
	ro.on_statement = g_opts.verbose ? on_statement : NULL;
	ro.arg = &report;
	rc = up ? dbt_run_upgrade(c.conn, &c.chain, target, &ro)
		: dbt_run_downgrade(c.conn, &c.chain, target, &ro);
	clear_progress(&report);
	status = rc < 0 ? cmd_fail() : report.oom ? cmd_error("out of memory") : EXIT_OK;
	if (g_opts.json)
		print_json(&report, &c.url, c.conn, rc < 0);
	if (rc == 0 && !report.n) {
		if (up && !strcmp(target, "head"))
			cmd_info("already at head: nothing to upgrade");
		else
			cmd_info("already at %s: nothing to %s", target,
				 up ? "upgrade" : "downgrade");
	}
cleanup:
	free(report.v);
	cmd_ctx_release(&c);
	return status;
}

int cmd_upgrade(int argc, char **argv)
{
	return run(argc, argv, 1);
}

int cmd_downgrade(int argc, char **argv)
{
	return run(argc, argv, 0);
}
