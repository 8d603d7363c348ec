/*
 * main.c - the dbtool executable: global options, then dispatch to one
 * command from the table below.
 */
#include "cmd.h"

#include <stdlib.h>
#include <string.h>

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{"init", cmd_init, "create a migrations folder, dbtool.ini and schema.sql"},
	{"revision", cmd_revision, "write a new, empty revision file after the head"},
	{"migrate", cmd_migrate, "write the next revision from the model (autogenerate)"},
	{"upgrade", cmd_upgrade, "apply revisions up to a target (default head)"},
	{"downgrade", cmd_downgrade, "revert revisions down to a target"},
	{"current", cmd_current, "print the database's revision"},
	{"heads", cmd_heads, "print the head revision(s) of the chain"},
	{"history", cmd_history, "list the revisions, newest first"},
	{"show", cmd_show, "print one revision"},
	{"stamp", cmd_stamp, "set the database's revision without running anything"},
	{"repair", cmd_repair, "accept an edited revision file: record its checksum"},
	{"rebase", cmd_rebase, "move an unapplied branch onto the other head"},
	{"check", cmd_check, "fail when model, revisions and database disagree"},
	{"lint", cmd_lint, "check revision files against safety rules"},
	{"create-all", cmd_create_all, "create the model's tables that the database lacks"},
	{"drop-all", cmd_drop_all, "drop every table of the database"},
	{"inspect", cmd_inspect, "print the database's schema as a model file"},
};

static const char main_usage[] =
	"usage: dbtool [OPTIONS] COMMAND [ARGS]\n"
	"\n"
	"Schema migrations for SQLite and PostgreSQL.\n"
	"\n"
	"Options (before or after COMMAND):\n"
	"  -c, --config FILE        configuration file (default ./dbtool.ini)\n"
	"  -u, --url URL            database URL; overrides DATABASE_URL and the config\n"
	"      --dev-url URL        empty scratch database that normalizes the model;\n"
	"                           overrides dev_url in the config\n"
	"  -q, --quiet              print only results and errors\n"
	"  -v, --verbose            print more\n"
	"      --format text|json   output of current, heads, history, show, check,\n"
	"                           upgrade, downgrade, migrate\n"
	"      --color auto|always|never\n"
	"                           colour on a terminal (auto; NO_COLOR turns it off)\n"
	"      --lock-timeout SECS  how long to wait for another migration (default 60)\n"
	"      --statement-lock-timeout SECS\n"
	"                           how long each statement may wait for a table lock\n"
	"                           (default 5, 0 for no limit)\n"
	"  -h, --help               this help; 'dbtool COMMAND --help' for a command\n"
	"      --version            print the version\n"
	"\n"
	"Commands:\n";

static void print_help(FILE *f)
{
	size_t i;

	fputs(main_usage, f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
	fputs("\nExit status: 0 success, 1 failure, 2 usage error.\n", f);
}

static int unknown_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	const char *near;
	size_t k;

	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		names[k] = commands[k].name;
	near = cmd_suggest(name, names, k);
	if (near)
		return cmd_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", name,
				       near);
	return cmd_usage_error(NULL, "unknown command '%s'", name);
}

int main(int argc, char **argv)
{
	int i = 1;
	size_t k;

	/* The command is SQLite's only user in its process: no memory
	 * statistics, and no mutex for them at every allocation. */
	dbt_global_init();
	g_opts.lock_timeout_s = 60;
	g_opts.statement_lock_timeout_s = -1;
	/* Global options before the command; cmd_parse takes the ones after. */
	while (i < argc && argv[i][0] == '-') {
		int rc;

		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_help(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("dbtool %s\n", dbt_version());
			return EXIT_OK;
		}
		rc = cmd_global_option(argc, argv, &i, NULL);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0)
			return cmd_unknown_option(NULL, argv[i], NULL);
	}
	if (i >= argc) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	/* ./.env fills in what the environment lacks (DATABASE_URL, or a
	 * variable that dbtool.ini names as ${VAR}), never overriding it. */
	if (dbt_env_load(".env") < 0)
		return cmd_fail();
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (!strcmp(argv[i], commands[k].name))
			return commands[k].fn(argc - i, argv + i);
	if (!strcmp(argv[i], "help")) {
		print_help(stdout);
		return EXIT_OK;
	}
	return unknown_command(argv[i]);
}
