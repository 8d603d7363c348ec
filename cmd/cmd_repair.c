/*
 * cmd_repair.c - `dbtool repair [REV]`: accept an intended edit of an
 * applied revision file by recording its current checksum in the history
 * table, or forget the history row of a revision whose file is gone.
 */
#include "cmd.h"

#include <stdio.h>

static const char usage[] =
	"usage: dbtool repair [REV]\n"
	"\n"
	"The history table records the checksum of each revision file when it is\n"
	"applied; upgrade, downgrade and check refuse to go on when an applied\n"
	"file has changed since.  When the edit is intended (a comment, a fix to\n"
	"the downgrade section), repair accepts it:\n"
	"\n"
	"  REV         record the current checksum of the applied revision REV (an\n"
	"              id or unique prefix); for a revision that no file defines\n"
	"              anymore, give its whole id to forget its history row\n"
	"  (no REV)    record the checksum of every applied revision, including\n"
	"              those applied before dbtool kept a history, and forget every\n"
	"              row that no applied revision matches\n"
	"\n"
	"Prints 'repair <id>: checksum updated' (or recorded, forgotten, unchanged)\n"
	"for each row it touched.  Runs in one transaction under the migration lock;\n"
	"nothing is run and the schema is not looked at: make sure the database\n"
	"really matches the edited file first.\n";

static void print_repair(const char *id, const char *what, void *arg)
{
	int *count = arg;

	(*count)++;
	cmd_out("repair %s: %s", id, what);
}

int cmd_repair(int argc, char **argv)
{
	const char *args[1];
	struct cmd_ctx c = CMD_CTX_INIT;
	int nargs, rc, count = 0, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, 0) ||
	    cmd_connect_existing(&c.conn, &c.url, &c.cfg, 0))
		goto cleanup;
	if (dbt_run_repair(c.conn, &c.chain, nargs ? args[0] : NULL, g_opts.lock_timeout_s * 1000,
			   print_repair, &count) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (!count)
		cmd_info("nothing to repair: the history matches the revision files");
	status = EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
