/*
 * cmd_create_all.c - `dbtool create-all`: create the model's tables and
 * indexes that the database lacks.
 */
#include "cmd.h"

static const char usage[] =
	"usage: dbtool create-all\n"
	"\n"
	"Creates every table of the model that the database lacks (with its\n"
	"constraints and indexes), every model index missing on an existing\n"
	"table, and every view, trigger, function, type ... of the model that\n"
	"the database lacks, referenced tables first, in one transaction.\n"
	"Existing tables and objects are not altered: use revisions for that.\n";

static void print_object(const char *verb, const char *kind, const char *name, void *arg)
{
	(void)arg;
	cmd_info("%s %s %s", verb, kind, name);
}

int cmd_create_all(int argc, char **argv)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 1) ||
	    cmd_connect(&c.conn, &c.url, &c.cfg))
		goto cleanup;
	status = dbt_model_create_all(c.conn, c.cfg.model, c.cfg.schema,
				      g_opts.lock_timeout_s * 1000, print_object, NULL) < 0
			 ? cmd_fail()
			 : EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
