/*
 * cmd_inspect.c - `dbtool inspect`: print the live database as a model
 * file, for `dbtool inspect > schema.sql`.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char usage[] =
	"usage: dbtool inspect\n"
	"\n"
	"Prints the database's schema as a model file: its tables with their\n"
	"columns, constraints and indexes, and its views, functions, triggers,\n"
	"types, sequences, policies, comments and grants, in dependency order.\n"
	"'dbtool inspect > schema.sql' makes a model that 'dbtool check' finds\n"
	"equal to the database.  dbtool's version and history tables, and what\n"
	"'exclude =' in dbtool.ini names, are left out; the PostgreSQL roles that\n"
	"'roles =' names come first.  Reads only.\n";

int cmd_inspect(int argc, char **argv)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	char *text = NULL;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	/* A database file that does not exist is a mistyped path, not an
	 * empty schema to print. */
	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 0) ||
	    cmd_connect_existing(&c.conn, &c.url, &c.cfg, 0))
		goto cleanup;
	if (dbt_inspect(&text, c.conn, c.cfg.schema) < 0) {
		cmd_fail();
		goto cleanup;
	}
	/* Names are SQL here, and the file must hold them as they are; a
	 * terminal gets them escaped, as every other output. */
	if (isatty(STDOUT_FILENO))
		cmd_put_term(stdout, text, "\n\t");
	else
		fputs(text, stdout);
	status = fflush(stdout) == 0 ? EXIT_OK : cmd_error("cannot write the output");
cleanup:
	free(text);
	cmd_ctx_release(&c);
	return status;
}
