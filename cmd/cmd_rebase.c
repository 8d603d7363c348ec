/*
 * cmd_rebase.c - `dbtool rebase [REV] [--onto HEAD]`: make a chain with
 * two heads one line again by moving the branch that the database has
 * not applied onto the other head.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: dbtool rebase [REV] [--onto HEAD]\n"
	"\n"
	"When two revisions have the same parent (two developers each added one),\n"
	"the chain has two heads, and upgrade, migrate, revision and check refuse\n"
	"it.  rebase makes it one line again: it moves one branch (the revisions\n"
	"above the point where the heads part, up to one head) onto the other\n"
	"head, by rewriting the '-- parent:' line of the branch's first revision.\n"
	"Nothing else in the file changes.\n"
	"\n"
	"  REV           a revision of the branch to move (an id or unique prefix)\n"
	"  --onto HEAD   the head to move it onto\n"
	"\n"
	"Without REV and --onto, the branch that the database has not applied goes\n"
	"onto the one it has; when the database has applied neither (it is at or\n"
	"below the point where they part), rebase moves nothing and prints both\n"
	"commands to choose from.  With one of them, the other is the second head.\n"
	"With more than two heads, give both, and rebase one branch at a time.\n"
	"\n"
	"A revision that the database has applied (its version, or a row of its\n"
	"history) is never moved: rebase refuses, and 'dbtool downgrade' below the\n"
	"branch first is the way to move it.  rebase reads the database to tell,\n"
	"and refuses when it cannot reach it.  Prints\n"
	"'rebase <first>: parent <old> -> <new> (N revisions, head <head>)'; with one\n"
	"head, says that there is nothing to rebase and exits 0.\n";

int cmd_rebase(int argc, char **argv)
{
	const char *args[1], *onto = NULL;
	const struct cmd_option opts[] = {
		{"onto", 0, &onto, NULL},
		{NULL, 0, NULL, NULL},
	};
	int nargs, rc, status = EXIT_FAIL;
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_rebase rb;
	char *dir = NULL;

	memset(&rb, 0, sizeof(rb));
	if ((rc = cmd_parse(argc, argv, usage, opts, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (onto && !*onto)
		return cmd_usage_error("rebase", "--onto needs a head revision");
	if (cmd_load_config(&c.cfg))
		goto cleanup;
	if (dbt_config_need(&c.cfg, "script_location") < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (cmd_connect_needed(&c.conn, &c.url, &c.cfg,
			       "rebase reads the database to tell which revisions were applied, "
			       "and moves nothing without it"))
		goto cleanup;
	if (!(dir = malloc(strlen(c.cfg.script_location) + sizeof("/versions")))) {
		cmd_error("out of memory");
		goto cleanup;
	}
	sprintf(dir, "%s/versions", c.cfg.script_location);
	if (dbt_rebase_run(&rb, c.conn, dir, nargs ? args[0] : NULL, onto) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (!rb.first) {
		if (rb.only_head)
			cmd_info("nothing to rebase: the chain has one head, %s", rb.only_head);
		else
			cmd_info("nothing to rebase: the chain has no revision");
	} else {
		cmd_out("rebase %s: parent %s -> %s (%zu revision%s, head %s)", rb.first,
			rb.old_parent ? rb.old_parent : "<base>", rb.onto, rb.n,
			rb.n == 1 ? "" : "s", rb.head);
	}
	status = EXIT_OK;
cleanup:
	free(dir);
	dbt_rebase_release(&rb);
	cmd_ctx_release(&c);
	return status;
}
