/*
 * cmd_revision.c - `dbtool revision -m MSG [--rev-id ID]`: write a new,
 * empty revision file after the head and print its path.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: dbtool revision -m MESSAGE [--rev-id ID] [--autogenerate]\n"
	"\n"
	"Writes <script_location>/versions/<id>_<slug>.sql from script.sql.tmpl, with\n"
	"the current head as its parent, and prints its path.  Fill in its\n"
	"'-- migrate:upgrade' and '-- migrate:downgrade' sections by hand.\n"
	"\n"
	"  -m, --message MESSAGE   what the revision does (one line)\n"
	"      --rev-id ID         use ID ([0-9a-z_]+) instead of a random one\n"
	"      --autogenerate      fill both sections from the difference between\n"
	"                          the model and the database (as 'dbtool migrate')\n"
	"      --no-input          with --autogenerate: never ask whether a column\n"
	"                          or table dropped and another added is a rename\n";

int cmd_revision(int argc, char **argv)
{
	const char *message = NULL, *rev_id = NULL;
	int autogenerate = 0, no_input = 0;
	const struct cmd_option opts[] = {
		{"message", 'm', &message, NULL},
		{"rev-id", 0, &rev_id, NULL},
		{"autogenerate", 0, NULL, &autogenerate},
		{"no-input", 0, NULL, &no_input},
		{NULL, 0, NULL, NULL},
	};
	struct cmd_ctx c = CMD_CTX_INIT;
	char *path = NULL;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (!message || cmd_blank(message))
		return cmd_usage_error("revision", "a message is required: -m MESSAGE");
	if (autogenerate)
		return cmd_autogenerate(message, rev_id, no_input);
	if (cmd_load_config(&c.cfg))
		goto cleanup;
	if (dbt_config_need(&c.cfg, "script_location") < 0 ||
	    dbt_project_new_revision(&path, c.cfg.script_location, message, rev_id, NULL, NULL) <
		    0) {
		cmd_fail();
		goto cleanup;
	}
	cmd_out("%s", path);
	status = EXIT_OK;
cleanup:
	free(path);
	cmd_ctx_release(&c);
	return status;
}
