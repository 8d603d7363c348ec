/*
 * cmd_drop_all.c - `dbtool drop-all [--yes]`: drop every table.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: dbtool drop-all [--yes]\n"
	"\n"
	"Drops every view, trigger, function, type ... and every table in the\n"
	"database (all of them, not only the model's) and the version and history\n"
	"tables, dependents first, in one transaction, and names each one it\n"
	"dropped.  On a terminal it asks first.\n"
	"\n"
	"  -y, --yes   do not ask\n";

static void print_object(const char *verb, const char *kind, const char *name, void *arg)
{
	(void)arg;
	cmd_info("%s %s %s", verb, kind, name);
}

/* Asks on the terminal; 1 when the answer is yes. */
static int confirm(const dbt_url *url)
{
	char line[16];
	char *shown = dbt_url_redact(url);

	fputs("drop every table of ", stderr);
	cmd_put_term(stderr, shown ? shown : "the database", NULL);
	fputs("? [y/N] ", stderr);
	free(shown);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

int cmd_drop_all(int argc, char **argv)
{
	int yes = 0;
	const struct cmd_option opts[] = {
		{"yes", 'y', NULL, &yes},
		{NULL, 0, NULL, NULL},
	};
	struct cmd_ctx c = CMD_CTX_INIT;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	/* Nothing to drop in a database that does not exist. */
	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 0) ||
	    cmd_connect_existing(&c.conn, &c.url, &c.cfg, 1))
		goto cleanup;
	if (!yes && isatty(STDIN_FILENO) && !confirm(&c.url)) {
		cmd_error("nothing dropped");
		goto cleanup;
	}
	status = dbt_model_drop_all(c.conn, c.cfg.schema, g_opts.lock_timeout_s * 1000,
				    print_object, NULL) < 0
			 ? cmd_fail()
			 : EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
