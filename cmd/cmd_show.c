/*
 * cmd_show.c - `dbtool show REV`: print one revision.
 */
#include "cmd.h"

#include <stdio.h>

static const char usage[] =
	"usage: dbtool show REV\n"
	"\n"
	"Prints the revision REV ('head', a revision id or unique prefix): its\n"
	"header fields, its file, and its upgrade and downgrade SQL.\n";

int cmd_show(int argc, char **argv)
{
	const char *args[1];
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_revision *r;
	size_t pos;
	int nargs, rc, k, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (!nargs)
		return cmd_usage_error("show", "a revision is required");
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, 0))
		goto cleanup;
	if (dbt_chain_resolve(&pos, &c.chain, args[0], c.chain.n) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (pos == 0) {
		cmd_error("'%s' is the base, which is not a revision", args[0]);
		goto cleanup;
	}
	r = c.chain.revs[pos - 1];
	if (g_opts.json) {
		fputs("{\"id\": ", stdout);
		cmd_json_str(stdout, r->id);
		fputs(", \"parent\": ", stdout);
		cmd_json_str(stdout, r->parent);
		fputs(", \"message\": ", stdout);
		cmd_json_str(stdout, r->message);
		fputs(", \"created\": ", stdout);
		cmd_json_str(stdout, r->created);
		fputs(", \"path\": ", stdout);
		cmd_json_str(stdout, r->path);
		printf(", \"head\": %s, \"transaction\": %s, \"upgrade\": ",
		       r->up ? "false" : "true", r->transactional ? "true" : "false");
		cmd_json_str(stdout, r->upgrade);
		fputs(", \"downgrade\": ", stdout);
		cmd_json_str(stdout, r->downgrade);
		for (k = 1; k <= DBT_DIALECT_MAX; k++) {
			if (!r->dialect_sections[k][0])
				continue;
			printf(", \"upgrade %s\": ", dbt_dialect_label((dbt_dialect_kind)k));
			cmd_json_str(stdout, r->dialect_sections[k][0]);
			printf(", \"downgrade %s\": ", dbt_dialect_label((dbt_dialect_kind)k));
			cmd_json_str(stdout, r->dialect_sections[k][1]);
		}
		fputs("}\n", stdout);
	} else {
		cmd_out("id: %s", r->id);
		cmd_out("parent: %s", r->parent ? r->parent : "");
		cmd_out("message: %s", r->message);
		cmd_out("created: %s", r->created);
		cmd_out("transaction: %s", r->transactional ? "true" : "false");
		cmd_out("path: %s", r->path);
		/* The SQL keeps its line breaks and tabs, nothing else. */
		if (r->upgrade) {
			fputs("\n-- migrate:upgrade\n", stdout);
			cmd_put_term(stdout, r->upgrade, "\n\t");
			fputs("\n-- migrate:downgrade\n", stdout);
			cmd_put_term(stdout, r->downgrade, "\n\t");
		}
		for (k = 1; k <= DBT_DIALECT_MAX; k++) {
			const char *label = dbt_dialect_label((dbt_dialect_kind)k);

			if (!r->dialect_sections[k][0])
				continue;
			printf("\n-- migrate:upgrade %s\n", label);
			cmd_put_term(stdout, r->dialect_sections[k][0], "\n\t");
			printf("\n-- migrate:downgrade %s\n", label);
			cmd_put_term(stdout, r->dialect_sections[k][1], "\n\t");
		}
	}
	status = EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
