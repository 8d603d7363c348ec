/*
 * cmd_current.c - `dbtool current`: print the database's revision.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: dbtool current\n"
	"\n"
	"Prints the id of the database's current revision, or nothing when no\n"
	"revision is applied.  With -v, also the message and whether it is the head.\n"
	"With --format json: {\"current\": \"<id>\"} or {\"current\": null}.\n"
	"Fails, naming it, when a revision below the current one was never applied\n"
	"(see 'dbtool upgrade --apply-missing').\n";

/*
 * Fails when a revision below the current one was never applied, so that
 * the id printed never hides a gap.  Without a chain to compare with (no
 * versions folder, a broken chain) there is nothing to say.
 */
static int require_applied(const dbt_config *cfg, dbt_conn *conn)
{
	dbt_chain chain;
	char *dir = malloc(strlen(cfg->script_location) + sizeof("/versions"));
	int rc = 0;

	if (!dir)
		return 0;
	sprintf(dir, "%s/versions", cfg->script_location);
	if (dbt_chain_load(&chain, dir, 0) == 0) {
		rc = dbt_run_require_applied(conn, &chain);
		dbt_chain_release(&chain);
	}
	free(dir);
	return rc;
}

int cmd_current(int argc, char **argv)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	int nargs, rc, status = EXIT_FAIL;
	char *id = NULL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&c.cfg) || cmd_connect_readonly(&c.conn, &c.url, &c.cfg))
		goto cleanup;
	if (dbt_conn_current(&id, c.conn) < 0 || (id && require_applied(&c.cfg, c.conn) < 0)) {
		cmd_fail();
		goto cleanup;
	}
	if (g_opts.json) {
		fputs("{\"current\": ", stdout);
		cmd_json_str(stdout, id);
		fputs("}\n", stdout);
	} else if (id) {
		dbt_revision *rev;

		if (!g_opts.verbose) {
			cmd_out("%s", id);
		} else if (cmd_load_chain(&c.chain, &c.cfg, 0) == 0) {
			if (dbt_chain_find(&rev, &c.chain, id) == 0 && !strcmp(rev->id, id))
				cmd_out("%s%s, %s", id, rev->up ? "" : " (head)", rev->message);
			else
				cmd_out("%s (no revision file defines it)", id);
		} else {
			goto cleanup;
		}
	}
	status = EXIT_OK;
cleanup:
	free(id);
	cmd_ctx_release(&c);
	return status;
}
