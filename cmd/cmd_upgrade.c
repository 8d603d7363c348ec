/*
 * cmd_upgrade.c - `dbtool upgrade [TARGET] [--sql]` and
 * `dbtool downgrade TARGET [--sql]`.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char upgrade_usage[] =
	"usage: dbtool upgrade [TARGET] [--sql] [--apply-missing] [--single-transaction]\n"
	"\n"
	"Applies the revisions after the database's current one, up to TARGET:\n"
	"'head' (the default), a revision id or unique prefix, or +N.  Each revision\n"
	"runs in one transaction together with the update of the version table\n"
	"(except revisions marked '-- transaction: false'); on an error it is rolled\n"
	"back and the run stops, leaving the revisions before it applied.\n"
	"\n"
	"      --sql             print the SQL that would run instead of running it\n"
	"      --apply-missing   first apply the revisions that lie below the current\n"
	"                        one but were never applied (re-parented under an\n"
	"                        applied revision), in chain order, each in its own\n"
	"                        transaction; without it, upgrade refuses to run\n"
	"      --single-transaction\n"
	"                        run every revision in one transaction, committed at\n"
	"                        the end: a failure leaves nothing applied (also\n"
	"                        'single_transaction = true' in dbtool.ini)\n";

static const char downgrade_usage[] =
	"usage: dbtool downgrade TARGET [--sql] [--single-transaction]\n"
	"\n"
	"Reverts revisions down to TARGET: 'base' (nothing applied), a revision id\n"
	"or unique prefix (which stays applied), or -N.  Each revision is reverted\n"
	"in one transaction together with the version update.  When the chain has\n"
	"several heads, the revisions below the database's own run down as usual,\n"
	"so that a branch can be backed out before 'dbtool rebase' moves it.\n"
	"\n"
	"      --sql                  print the SQL that would run instead of running it\n"
	"      --single-transaction   revert every revision in one transaction, committed\n"
	"                             at the end: a failure leaves nothing reverted (also\n"
	"                             'single_transaction = true' in dbtool.ini)\n";

/* Prints each step as every command does, and counts them. */
struct counted {
	size_t steps;
};

static void print_and_count(const dbt_step *step, void *arg)
{
	((struct counted *)arg)->steps++;
	cmd_print_step(step, NULL);
}

static int run(int argc, char **argv, int up)
{
	struct counted counted = {0};
	const char *args[1];
	int sql = 0, apply_missing = 0, single = 0, nargs, rc, status = EXIT_FAIL;
	const struct cmd_option up_opts[] = {
		{"sql", 0, NULL, &sql},
		{"apply-missing", 0, NULL, &apply_missing},
		{"single-transaction", 0, NULL, &single},
		{NULL, 0, NULL, NULL},
	};
	const struct cmd_option down_opts[] = {
		{"sql", 0, NULL, &sql},
		{"single-transaction", 0, NULL, &single},
		{NULL, 0, NULL, NULL},
	};
	const struct cmd_option *opts = up ? up_opts : down_opts;
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn = NULL;
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
		return cmd_usage_error(up ? "upgrade" : "downgrade",
				       "--single-transaction is for running revisions: the script of "
				       "--sql gives each revision its own transaction");
	ro = cmd_run_opts();
	if (!up && !nargs)
		return cmd_usage_error("downgrade", "a target is required (base, an id, or -N)");
	target = nargs ? args[0] : "head";
	if (cmd_load_config(&cfg))
		return EXIT_FAIL;
	if (!single && !sql && cfg.single_transaction < 0 &&
	    dbt_config_need(&cfg, "single_transaction") < 0) {
		cmd_fail();
		goto cleanup_cfg;
	}
	/* A downgrade may walk down a chain with several heads: the line the
	 * database stands on is one line, whatever lies beside it. */
	if (cmd_load_chain(&chain, &cfg, up ? 0 : DBT_CHAIN_LENIENT))
		goto cleanup_cfg;
	if (chain.broken && !chain.diverged) {
		cmd_fail();
		goto cleanup_chain;
	}
	/* --sql only reads the version: it must not create or change anything;
	 * a downgrade has nothing to revert in a database that does not exist. */
	if (sql ? cmd_connect_readonly(&conn, &url, &cfg)
		: up ? cmd_connect(&conn, &url, &cfg) : cmd_connect_existing(&conn, &url, &cfg, 0))
		goto cleanup_chain;
	if (chain.diverged) {
		char *id = NULL;

		if (dbt_conn_current(&id, conn) < 0) {
			cmd_fail();
			goto cleanup;
		}
		/* A version that no file defines: the runner says so. */
		rc = dbt_chain_select_line(&chain, id);
		free(id);
		if (rc == DBT_ENOTFOUND)
			rc = dbt_chain_select_line(&chain, NULL);
		if (rc < 0) {
			cmd_fail();
			goto cleanup;
		}
	}

	if (sql) {
		char *script = NULL;

		if (dbt_run_script_for(&script, conn, &chain, target, up) < 0) {
			cmd_fail();
			goto cleanup;
		}
		fputs(script, stdout);
		free(script);
		status = EXIT_OK;
		goto cleanup;
	}
	ro.apply_missing = apply_missing;
	ro.single_transaction = single || cfg.single_transaction == 1;
	ro.on_step = print_and_count;
	ro.arg = &counted;
	rc = up ? dbt_run_upgrade(conn, &chain, target, &ro)
		: dbt_run_downgrade(conn, &chain, target, &ro);
	status = rc < 0 ? cmd_fail() : EXIT_OK;
	if (rc == 0 && !counted.steps) {
		if (up && !strcmp(target, "head"))
			cmd_info("already at head: nothing to upgrade");
		else
			cmd_info("already at %s: nothing to %s", target, up ? "upgrade" : "downgrade");
	}
cleanup:
	dbt_conn_close(conn);
	dbt_url_release(&url);
cleanup_chain:
	dbt_chain_release(&chain);
cleanup_cfg:
	dbt_config_release(&cfg);
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
