/*
 * cmd_init.c - `dbtool init [DIR] [--from-database]`: lay down a
 * migrations folder, or adopt a database that already has a schema.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: dbtool init [DIR] [--from-database]\n"
	"\n"
	"Creates DIR (default 'migrations') with versions/ and script.sql.tmpl, and\n"
	"dbtool.ini and an empty schema.sql in the current folder when they are\n"
	"absent.  Where dbtool.ini exists, DIR defaults to its script_location,\n"
	"and the model file made is the one it names.  Refuses a DIR that exists\n"
	"and is not empty.\n"
	"\n"
	"      --from-database  adopt the database (--url, DATABASE_URL or\n"
	"                       dbtool.ini): write the model file as 'dbtool\n"
	"                       inspect' prints it, a baseline revision that\n"
	"                       creates that schema (and whose downgrade drops\n"
	"                       it), and stamp the database at the baseline\n"
	"                       without running it.  Refuses a model file that is\n"
	"                       not empty and a database that is at a revision.\n"
	"                       With 'dialects =' in dbtool.ini, the baseline has\n"
	"                       a section per dialect, or is refused, naming what\n"
	"                       the other dialect cannot take.\n";

static void print_created(char *created)
{
	char *line, *save = NULL;

	for (line = strtok_r(created, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cmd_info("  created %s", line);
}

/* --from-database: everything happens in dbt_inspect_adopt(). */
static int from_database(const char *dir)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_run_opts ro = cmd_run_opts();
	char *created = NULL, *id = NULL;
	int status = EXIT_FAIL;

	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 1) ||
	    cmd_connect_existing(&c.conn, &c.url, &c.cfg, 0))
		goto cleanup;
	/* The stamp is reported below, with the files. */
	ro.on_step = NULL;
	if (dbt_inspect_adopt_dialects(&created, &id, c.conn, dir ? dir : c.cfg.script_location,
				       c.cfg.model, c.cfg.schema, &ro, c.cfg.dialects,
				       c.cfg.ndialects) < 0) {
		cmd_fail();
		goto cleanup;
	}
	print_created(created);
	cmd_info("stamped the database at the baseline revision %s (nothing was run)", id);
	if (!c.cfg.path)
		cmd_info("note: the url in the new dbtool.ini is the template's: set it to this "
			 "database, or keep giving it with DATABASE_URL or --url");
	cmd_info("next: 'dbtool check'; then edit the model and 'dbtool migrate -m MESSAGE'");
	status = EXIT_OK;
cleanup:
	free(created);
	free(id);
	cmd_ctx_release(&c);
	return status;
}

int cmd_init(int argc, char **argv)
{
	const char *args[1];
	char *created = NULL;
	int nargs, rc, adopt = 0;
	const struct cmd_option opts[] = {
		{"from-database", 0, NULL, &adopt},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cmd_parse(argc, argv, usage, opts, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (adopt)
		return from_database(nargs ? args[0] : NULL);
	if (dbt_project_init(nargs ? args[0] : NULL, &created) < 0)
		return cmd_fail();
	print_created(created);
	free(created);
	cmd_info("next: declare tables in the model file, then 'dbtool migrate -m MESSAGE'");
	return EXIT_OK;
}
