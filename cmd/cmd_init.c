/*
 * cmd_init.c - `dbtool init [DIR]`: lay down a migrations folder.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: dbtool init [DIR]\n"
	"\n"
	"Creates DIR (default 'migrations') with versions/ and script.sql.tmpl, and\n"
	"dbtool.ini and an empty schema.sql in the current folder when they are\n"
	"absent.  Refuses a DIR that exists and is not empty.\n";

int cmd_init(int argc, char **argv)
{
	const char *args[1];
	char *created = NULL, *line, *save = NULL;
	int nargs, rc;

	if ((rc = cmd_parse(argc, argv, usage, NULL, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (dbt_project_init(nargs ? args[0] : "migrations", &created) < 0)
		return cmd_fail();
	for (line = strtok_r(created, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		cmd_info("  created %s", line);
	free(created);
	cmd_info("next: declare tables in the model file, then 'dbtool migrate -m MESSAGE'");
	return EXIT_OK;
}
