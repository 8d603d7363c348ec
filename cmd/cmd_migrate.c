/*
 * cmd_migrate.c - `dbtool migrate -m MSG`: write the next revision from
 * the difference between the model and the database (also reached as
 * `dbtool revision --autogenerate`).
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
	"usage: dbtool migrate -m MESSAGE [--rev-id ID] [--no-input] [--safe | --no-safe]\n"
	"\n"
	"Compares the model (model = in dbtool.ini) with the database, which must\n"
	"be at the head revision, and writes a revision whose upgrade makes the\n"
	"database match the model and whose downgrade reverts that.  Prints the\n"
	"file's path on stdout and each change on stderr; writes nothing when the\n"
	"database already matches.  Changes that lose data are marked WARNING in\n"
	"the file and printed as warnings.  Same as 'revision --autogenerate'.\n"
	"A column or table that the model renames carries '-- renamed from: OLD'\n"
	"on the line before it.  On a terminal, a table that loses one column and\n"
	"gains one of a compatible type (or a table dropped and one with the same\n"
	"columns created) brings the question whether it is a rename; elsewhere,\n"
	"and with --no-input, a warning says which hint would make it one.\n"
	"With --format json, prints {\"path\", \"changes\", \"warnings\"} instead of\n"
	"the path (path null when nothing changed).\n"
	"With --safe, the PostgreSQL sections take lock-friendly forms: indexes on\n"
	"existing tables built CONCURRENTLY, foreign keys and checks added NOT VALID\n"
	"then validated, SET NOT NULL proven by a validated check first.  Those go\n"
	"into a second revision marked 'transaction: false', after the one with the\n"
	"other changes, and both paths are printed (in JSON, the second as\n"
	"\"next_path\").  SQLite sections do not change.\n"
	"\n"
	"  -m, --message MESSAGE   what the revision does (one line)\n"
	"      --rev-id ID         use ID ([0-9a-z_]+) instead of a random one\n"
	"      --no-input          never ask; warn of likely renames instead\n"
	"      --safe              lock-friendly PostgreSQL forms (or 'safe = true' in\n"
	"                          dbtool.ini)\n"
	"      --no-safe           the ordinary forms, whatever dbtool.ini says\n";

/* Asks on the terminal whether the change is a rename; 1 for yes. */
static int ask_rename(const char *table, const char *old_name, const char *new_name, void *arg)
{
	char line[16];

	(void)arg;
	fputs(table ? "rename column " : "rename table ", stderr);
	if (table) {
		cmd_put_term(stderr, table, NULL);
		fputc('.', stderr);
	}
	cmd_put_term(stderr, old_name, NULL);
	fputs(" \u2192 ", stderr);
	cmd_put_term(stderr, new_name, NULL);
	fputs("? [y/N] ", stderr);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/* Findings as a JSON array of their texts. */
static void json_texts(const dbt_findings *f)
{
	size_t i;

	fputc('[', stdout);
	for (i = 0; i < f->n; i++) {
		if (i)
			fputs(", ", stdout);
		cmd_json_str(stdout, f->v[i].text);
	}
	fputc(']', stdout);
}

/* --format json: the file written (null when nothing changed), each
 * change and each warning. */
static void print_json(const dbt_autogen *ag)
{
	fputs("{\"path\": ", stdout);
	cmd_json_str(stdout, ag->path);
	if (ag->next_path) {
		fputs(", \"next_path\": ", stdout);
		cmd_json_str(stdout, ag->next_path);
	}
	fputs(", \"changes\": ", stdout);
	json_texts(&ag->changes);
	fputs(", \"warnings\": ", stdout);
	json_texts(&ag->warnings);
	fputs("}\n", stdout);
}

int cmd_autogenerate(const char *message, const char *rev_id, int no_input)
{
	return cmd_autogenerate_safe(message, rev_id, no_input, -1);
}

int cmd_autogenerate_safe(const char *message, const char *rev_id, int no_input, int safe)
{
	dbt_autogen_opts opts = DBT_AUTOGEN_OPTS_INIT;
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_autogen ag;
	size_t i;
	int status = EXIT_FAIL;

	memset(&ag, 0, sizeof(ag));
	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 1) ||
	    cmd_load_chain(&c.chain, &c.cfg, 0))
		goto cleanup;
	/* The first revision may come before the database: with no revision
	 * yet, a database that does not exist is an empty one. */
	if (cmd_connect_for_model(&c.conn, &c.url, &c.cfg, c.chain.n == 0))
		goto cleanup;
	if (!no_input && isatty(STDIN_FILENO))
		dbt_conn_set_rename_question(c.conn, ask_rename, NULL);
	opts.dialects = c.cfg.dialects;
	opts.ndialects = c.cfg.ndialects;
	opts.safe = safe >= 0 ? safe : c.cfg.safe > 0;
	if (dbt_autogenerate_opts(&ag, c.conn, &c.chain, c.cfg.script_location, c.cfg.model,
				  c.cfg.schema, message, rev_id, &opts) < 0) {
		cmd_fail();
	} else if (!ag.path) {
		cmd_info("dbtool: nothing to do: the database matches the model");
		if (g_opts.json)
			print_json(&ag);
		status = EXIT_OK;
	} else {
		for (i = 0; i < ag.changes.n && !g_opts.quiet; i++)
			cmd_put_change(stderr, ag.changes.v[i].text);
		for (i = 0; i < ag.warnings.n; i++) {
			int on = cmd_color(stderr, "33");

			fputs("warning:", stderr);
			cmd_color_end(stderr, on);
			fputc(' ', stderr);
			cmd_put_term(stderr, ag.warnings.v[i].text, NULL);
			fputc('\n', stderr);
		}
		if (g_opts.json)
			print_json(&ag);
		else
			cmd_out("%s", ag.path);
		if (ag.next_path && !g_opts.json)
			cmd_out("%s", ag.next_path);
		status = EXIT_OK;
	}
cleanup:
	dbt_autogen_release(&ag);
	cmd_ctx_release(&c);
	return status;
}

int cmd_migrate(int argc, char **argv)
{
	const char *message = NULL, *rev_id = NULL;
	int no_input = 0, safe = 0, no_safe = 0;
	const struct cmd_option opts[] = {
		{"message", 'm', &message, NULL}, {"rev-id", 0, &rev_id, NULL},
		{"no-input", 0, NULL, &no_input}, {"safe", 0, NULL, &safe},
		{"no-safe", 0, NULL, &no_safe},	  {NULL, 0, NULL, NULL},
	};
	int nargs, rc;

	if ((rc = cmd_parse(argc, argv, usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (!message || cmd_blank(message))
		return cmd_usage_error("migrate", "a message is required: -m MESSAGE");
	if (safe && no_safe)
		return cmd_usage_error("migrate",
				       "--safe and --no-safe contradict each other: give one");
	return cmd_autogenerate_safe(message, rev_id, no_input, safe ? 1 : no_safe ? 0 : -1);
}
