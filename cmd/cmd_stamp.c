/*
 * cmd_stamp.c - `dbtool stamp TARGET`: set the database's revision
 * without running any revision's SQL.
 */
#include "cmd.h"

static const char usage[] =
	"usage: dbtool stamp TARGET\n"
	"\n"
	"Records TARGET ('head', 'base', a revision id or unique prefix, +N, -N) as\n"
	"the database's revision without running anything: for a database whose\n"
	"schema was made by other means.\n";

int cmd_stamp(int argc, char **argv)
{
	const char *args[1];
	struct cmd_ctx c = CMD_CTX_INIT;
	int nargs, rc, status = EXIT_FAIL;
	dbt_run_opts ro;

	if ((rc = cmd_parse(argc, argv, usage, NULL, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	ro = cmd_run_opts();
	if (!nargs)
		return cmd_usage_error("stamp", "a target is required (head, base, an id)");
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, 0) ||
	    cmd_connect(&c.conn, &c.url, &c.cfg))
		goto cleanup;
	ro.arg = (void *)"stamp";
	status = dbt_run_stamp(c.conn, &c.chain, args[0], &ro) < 0 ? cmd_fail() : EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
