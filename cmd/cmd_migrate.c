/*
 * cmd_migrate.c - `dbtool migrate -m MSG`: write the next revision from
 * the difference between the model and the database (also reached as
 * `dbtool revision --autogenerate`).
 */
#include "cmd.h"

#include <stdio.h>

static const char usage[] =
	"usage: dbtool migrate -m MESSAGE [--rev-id ID]\n"
	"\n"
	"Compares the model (model = in dbtool.ini) with the database, which must\n"
	"be at the head revision, and writes a revision whose upgrade makes the\n"
	"database match the model and whose downgrade reverts that.  Prints the\n"
	"file's path on stdout and each change on stderr; writes nothing when the\n"
	"database already matches.  Changes that lose data are marked WARNING in\n"
	"the file and printed as warnings.  Same as 'revision --autogenerate'.\n"
	"\n"
	"  -m, --message MESSAGE   what the revision does (one line)\n"
	"      --rev-id ID         use ID ([0-9a-z_]+) instead of a random one\n";

int cmd_autogenerate(const char *message, const char *rev_id)
{
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn = NULL;
	dbt_autogen ag;
	size_t i;
	int rc, status = EXIT_FAIL;

	if (cmd_load_config(&cfg))
		return EXIT_FAIL;
	if (cmd_config_need(&cfg, 1) || cmd_load_chain(&chain, &cfg, 0))
		goto cleanup_cfg;
	/* The first revision may come before the database: with no revision
	 * yet, a database that does not exist is an empty one. */
	if (cmd_connect_existing(&conn, &url, &cfg, chain.n == 0))
		goto cleanup_chain;
	rc = dbt_autogenerate_dialects(&ag, conn, &chain, cfg.script_location, cfg.model,
				       cfg.schema, message, rev_id, cfg.dialects, cfg.ndialects);
	if (rc < 0) {
		cmd_fail();
	} else if (!ag.path) {
		cmd_info("dbtool: nothing to do: the database matches the model");
		status = EXIT_OK;
	} else {
		for (i = 0; i < ag.changes.n; i++)
			cmd_info("%s", ag.changes.v[i].text);
		for (i = 0; i < ag.warnings.n; i++) {
			fputs("warning: ", stderr);
			cmd_put_term(stderr, ag.warnings.v[i].text, NULL);
			fputc('\n', stderr);
		}
		cmd_out("%s", ag.path);
		status = EXIT_OK;
	}
	dbt_autogen_release(&ag);
	dbt_conn_close(conn);
	dbt_url_release(&url);
cleanup_chain:
	dbt_chain_release(&chain);
cleanup_cfg:
	dbt_config_release(&cfg);
	return status;
}

int cmd_migrate(int argc, char **argv)
{
	const char *message = NULL, *rev_id = NULL;
	const struct cmd_option opts[] = {
		{"message", 'm', &message, NULL},
		{"rev-id", 0, &rev_id, NULL},
		{NULL, 0, NULL, NULL},
	};
	int nargs, rc;

	if ((rc = cmd_parse(argc, argv, usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (!message || cmd_blank(message))
		return cmd_usage_error("migrate", "a message is required: -m MESSAGE");
	return cmd_autogenerate(message, rev_id);
}
