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
	int nargs, rc, status = EXIT_FAIL;
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn = NULL;
	dbt_run_opts ro;

	if ((rc = cmd_parse(argc, argv, usage, NULL, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	ro = cmd_run_opts();
	if (!nargs)
		return cmd_usage_error("stamp", "a target is required (head, base, an id)");
	if (cmd_load_config(&cfg))
		return EXIT_FAIL;
	if (cmd_load_chain(&chain, &cfg, 0))
		goto cleanup_cfg;
	if (cmd_connect(&conn, &url, &cfg))
		goto cleanup_chain;
	ro.arg = (void *)"stamp";
	status = dbt_run_stamp(conn, &chain, args[0], &ro) < 0 ? cmd_fail() : EXIT_OK;
	dbt_conn_close(conn);
	dbt_url_release(&url);
cleanup_chain:
	dbt_chain_release(&chain);
cleanup_cfg:
	dbt_config_release(&cfg);
	return status;
}
