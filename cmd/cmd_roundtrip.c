/*
 * cmd_roundtrip.c - `dbtool check --roundtrip [--scratch-url URL]`: every
 * revision up, down and up again on a scratch database.
 */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

int cmd_check_roundtrip(const char *scratch_url)
{
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url, scratch;
	dbt_conn *conn = NULL;
	dbt_findings findings = {NULL, 0};
	dbt_run_opts ro = cmd_run_opts();
	const char *db_url;
	size_t i;
	int status = EXIT_FAIL;

	if (cmd_load_config(&cfg))
		return EXIT_FAIL;
	if (cmd_config_need(&cfg, 1) || cmd_load_chain(&chain, &cfg, 0))
		goto cleanup_cfg;
	/* The project's database only says which kind of database to use. */
	db_url = dbt_config_pick_url(&cfg, g_opts.url);
	if (!db_url || dbt_url_parse(&url, db_url) < 0) {
		cmd_fail();
		goto cleanup_chain;
	}
	if (!scratch_url && url.kind == DBT_DIALECT_SQLITE)
		scratch_url = "sqlite://";
	dbt_url_release(&url);
	if (!scratch_url) {
		cmd_error("--roundtrip on PostgreSQL needs an empty database to work in: "
			  "give it with --scratch-url URL");
		goto cleanup_chain;
	}
	if (dbt_url_parse(&scratch, scratch_url) < 0) {
		cmd_fail();
		goto cleanup_chain;
	}
	if (dbt_conn_open(&conn, &scratch) < 0) {
		cmd_fail();
		goto cleanup_url;
	}
	cmd_print_database(&scratch);
	/* Laid out as the project's database is. */
	if (dbt_conn_set_version_schema(conn, cfg.version_schema) < 0) {
		cmd_fail();
		goto cleanup_conn;
	}
	if (g_opts.quiet)
		ro.on_step = NULL;
	if (dbt_roundtrip(&findings, conn, &chain, cfg.model, cfg.schema, &ro) < 0) {
		cmd_fail();
		goto cleanup_conn;
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
				 chain.n, chain.n == 1 ? "" : "s");
	}
	status = findings.n ? EXIT_FAIL : EXIT_OK;
	dbt_findings_release(&findings);
cleanup_conn:
	dbt_conn_close(conn);
cleanup_url:
	dbt_url_release(&scratch);
cleanup_chain:
	dbt_chain_release(&chain);
cleanup_cfg:
	dbt_config_release(&cfg);
	return status;
}
