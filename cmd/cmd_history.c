/*
 * cmd_history.c - `dbtool history [-r A:B]` and `dbtool heads`: inspect
 * the revision chain without touching the database.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char history_usage[] =
	"usage: dbtool history [-r A:B]\n"
	"\n"
	"Lists the revisions, newest first, as '<parent> -> <id> (head), <message>'.\n"
	"\n"
	"  -r, --rev-range A:B   only revisions from A to B, both included; either\n"
	"                        side may be empty, 'base', 'head', an id or prefix\n";

static const char heads_usage[] =
	"usage: dbtool heads\n"
	"\n"
	"Prints the head revision of the chain.  When the chain has several heads\n"
	"(two revisions with the same parent), prints each of them.\n";

static void print_json_rev(const dbt_revision *r, int head)
{
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
	printf(", \"head\": %s}", head ? "true" : "false");
}

int cmd_history(int argc, char **argv)
{
	const char *range = NULL;
	const struct cmd_option opts[] = {
		{"rev-range", 'r', &range, NULL},
		{NULL, 0, NULL, NULL},
	};
	struct cmd_ctx c = CMD_CTX_INIT;
	size_t lo = 1, hi, pos;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, history_usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, 0))
		goto cleanup;
	hi = c.chain.n;
	if (range && (rc = cmd_rev_range(&lo, &hi, &c.chain, range, "history")) != 0) {
		status = rc;
		goto cleanup;
	}
	if (g_opts.json)
		fputs("{\"revisions\": [", stdout);
	for (pos = hi; pos >= lo && pos > 0; pos--) {
		const dbt_revision *r = c.chain.revs[pos - 1];

		if (g_opts.json) {
			if (pos != hi)
				fputs(", ", stdout);
			print_json_rev(r, pos == c.chain.n);
		} else {
			cmd_out("%s -> %s%s, %s", r->parent ? r->parent : "<base>", r->id,
				pos == c.chain.n ? " (head)" : "", r->message);
		}
	}
	if (g_opts.json)
		fputs("]}\n", stdout);
	status = EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}

int cmd_heads(int argc, char **argv)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	size_t i;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, heads_usage, NULL, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, DBT_CHAIN_LENIENT))
		goto cleanup;
	if (c.chain.broken)
		cmd_warning("%s", dbt_error_last());
	if (g_opts.json)
		fputs("{\"heads\": [", stdout);
	for (i = 0; i < c.chain.nheads; i++) {
		if (g_opts.json) {
			if (i)
				fputs(", ", stdout);
			cmd_json_str(stdout, c.chain.heads[i]->id);
		} else {
			cmd_out("%s", c.chain.heads[i]->id);
		}
	}
	if (g_opts.json)
		fputs("]}\n", stdout);
	status = EXIT_OK;
cleanup:
	cmd_ctx_release(&c);
	return status;
}
