/*
 * cmd_roundtrip.c - `dbtool check --roundtrip [--scratch-url URL]`: every
 * revision up, down and up again on a scratch database.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

int cmd_check_roundtrip(const char *scratch_url)
{
	/* The connection and URL of the context are the scratch database's. */
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_url url;
	dbt_findings findings = {NULL, 0};
	dbt_run_opts ro = cmd_run_opts();
	const char *db_url;
	size_t i;
	int status = EXIT_FAIL;

	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 1) ||
	    cmd_load_chain(&c.chain, &c.cfg, 0))
		goto cleanup;
	/* The project's database only says which kind of database to use. */
	db_url = dbt_config_pick_url(&c.cfg, g_opts.url);
	if (!db_url || dbt_url_parse(&url, db_url) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (!scratch_url && dbt_roundtrip_scratch_url(&scratch_url, url.kind) < 0) {
		cmd_fail();
		dbt_url_release(&url);
		goto cleanup;
	}
	dbt_url_release(&url);
	if (dbt_url_parse(&c.url, scratch_url) < 0 || dbt_conn_open(&c.conn, &c.url) < 0) {
		cmd_fail();
		goto cleanup;
	}
	cmd_print_database(&c.url);
	/* Laid out as the project's database is. */
	if (dbt_conn_set_version_schema(c.conn, c.cfg.version_schema) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (g_opts.quiet)
		ro.on_step = NULL;
	if (dbt_roundtrip(&findings, c.conn, &c.chain, c.cfg.model, c.cfg.schema, &ro) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (g_opts.json) {
		printf("{\"ok\": %s, \"findings\": [", findings.n ? "false" : "true");
		for (i = 0; i < findings.n; i++) {
			fputs(i ? ", {\"kind\": " : "{\"kind\": ", stdout);
			cmd_json_str(stdout, dbt_finding_kind_name(findings.v[i].kind));
			fputs(", \"text\": ", stdout);
			cmd_json_str(stdout, findings.v[i].text);
			fputc('}', stdout);
		}
		fputs("]}\n", stdout);
	} else {
		for (i = 0; i < findings.n; i++)
			cmd_out("%s", findings.v[i].text);
		if (!findings.n)
			cmd_info("round trip: %zu revision%s up, down and up again; the head "
				 "equals the model",
				 c.chain.n, c.chain.n == 1 ? "" : "s");
	}
	status = findings.n ? EXIT_FAIL : EXIT_OK;
cleanup:
	dbt_findings_release(&findings);
	cmd_ctx_release(&c);
	return status;
}
