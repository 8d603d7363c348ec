/*
 * cmd_check.c - `dbtool check`: the CI gate.  Fails when the chain is
 * broken, when the database is not at head, or when the model and the
 * database differ, printing one line per difference.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: dbtool check\n"
	"\n"
	"Exits 1 when the revision chain is broken (missing parent, cycle, duplicate\n"
	"id, several heads), when the database is not at the head revision, or when\n"
	"the model (model = in dbtool.ini) and the database differ.  Each difference\n"
	"is one line on stdout:\n"
	"  + ...   the model has it, the database does not\n"
	"  - ...   the database has it, the model does not\n"
	"  ~ ...   both have it, differently\n"
	"With --format json: {\"ok\": true|false, \"findings\": [{\"kind\", \"text\"}]}.\n";

static void print_json(const dbt_findings *f)
{
	size_t i;

	printf("{\"ok\": %s, \"findings\": [", f->n ? "false" : "true");
	for (i = 0; i < f->n; i++) {
		fputs(i ? ", {\"kind\": " : "{\"kind\": ", stdout);
		cmd_json_str(stdout, f->v[i].kind);
		fputs(", \"text\": ", stdout);
		cmd_json_str(stdout, f->v[i].text);
		fputc('}', stdout);
	}
	fputs("]}\n", stdout);
}

int cmd_check(int argc, char **argv)
{
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn = NULL;
	dbt_findings findings = {NULL, 0};
	size_t i;
	int nargs, rc, status = EXIT_FAIL;

	if ((rc = cmd_parse(argc, argv, usage, NULL, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (cmd_load_config(&cfg))
		return EXIT_FAIL;
	if (cmd_load_chain(&chain, &cfg, 0))
		goto cleanup_cfg;
	if (cmd_connect(&conn, &url, &cfg))
		goto cleanup_chain;
	if (dbt_run_require_head(conn, &chain) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (dbt_model_compare(&findings, conn, cfg.model, cfg.schema) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (g_opts.json) {
		print_json(&findings);
	} else {
		for (i = 0; i < findings.n; i++)
			printf("%s\n", findings.v[i].text);
		if (!findings.n)
			cmd_info("model, revisions and database agree");
	}
	status = findings.n ? EXIT_FAIL : EXIT_OK;
	dbt_findings_release(&findings);
cleanup:
	dbt_conn_close(conn);
	dbt_url_release(&url);
cleanup_chain:
	dbt_chain_release(&chain);
cleanup_cfg:
	dbt_config_release(&cfg);
	return status;
}
