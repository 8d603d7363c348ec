/*
 * cmd_check.c - `dbtool check`: the CI gate.  Fails when the chain is
 * broken, when an applied revision's file changed since it was applied or
 * is gone, when the database is not at head, or when the model and the
 * database differ, printing one line per difference.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
	"usage: dbtool check [--roundtrip [--scratch-url URL]]\n"
	"\n"
	"Exits 1 when the revision chain is broken (missing parent, cycle, duplicate\n"
	"id, several heads), when an applied revision's file changed since it was\n"
	"applied or no file defines it anymore, when the database is not at the head\n"
	"revision, or when the model (model = in dbtool.ini) and the database differ.\n"
	"Each finding is one line on stdout:\n"
	"  ! ...   an applied revision's file changed or is gone (see 'dbtool repair')\n"
	"  + ...   the model has it, the database does not\n"
	"  - ...   the database has it, the model does not\n"
	"  ~ ...   both have it, differently\n"
	"With --format json: {\"ok\": true|false, \"findings\": [{\"kind\", \"text\"}]}.\n"
	"\n"
	"      --roundtrip        instead, on a scratch database, apply every revision\n"
	"                         up from base, down again and up again, and fail,\n"
	"                         naming the revision, when a downgrade does not\n"
	"                         restore the previous schema or the head differs\n"
	"                         from the model\n"
	"      --scratch-url URL  the scratch database: must be empty; SQLite\n"
	"                         projects default to an in-memory one\n";

/* The findings of the revision files (`revs`), then of the model. */
static void print_json(const dbt_findings *revs, const dbt_findings *f)
{
	const dbt_findings *lists[2] = {revs, f};
	size_t i, k, n = 0;

	printf("{\"ok\": %s, \"findings\": [", revs->n || f->n ? "false" : "true");
	for (k = 0; k < 2; k++) {
		for (i = 0; i < lists[k]->n; i++, n++) {
			fputs(n ? ", {\"kind\": " : "{\"kind\": ", stdout);
			cmd_json_str(stdout, dbt_finding_kind_name(lists[k]->v[i].kind));
			fputs(", \"text\": ", stdout);
			cmd_json_str(stdout, lists[k]->v[i].text);
			fputc('}', stdout);
		}
	}
	fputs("]}\n", stdout);
}

static void print_text(const dbt_findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		cmd_put_change(stdout, f->v[i].text);
}

/*
 * The database is not at head (or its position is unknown, which
 * dbt_run_require_head() explained): a finding, which says what to run.
 * A database at base that matches the model already, as create-all
 * leaves it, needs a stamp rather than an upgrade, which would create its
 * tables again.  Returns the exit status.
 */
static int not_at_head(dbt_conn *conn, const dbt_chain *chain, const dbt_config *cfg,
		       const dbt_findings *revs)
{
	dbt_findings model = {NULL, 0};
	dbt_finding f = {DBT_FINDING_NOT_AT_HEAD, NULL};
	dbt_findings one = {&f, 1};
	char *id = NULL, *text = NULL;
	const char *what, *head;
	size_t pos;
	int n;

	if (dbt_conn_current(&id, conn) < 0 || dbt_chain_position(&pos, chain, id) < 0 ||
	    pos == chain->n) {
		/* No position to report: the library's message says why. */
		free(id);
		if (!g_opts.json)
			print_text(revs);
		return cmd_fail();
	}
	if (dbt_model_compare(&model, conn, cfg->model, cfg->schema) < 0) {
		free(id);
		return cmd_fail();
	}
	what = id || model.n
		       ? "run 'dbtool upgrade' first"
		       : "its schema already matches the model (as after 'dbtool create-all'): "
			 "run 'dbtool stamp head'";
	head = chain->revs[chain->n - 1]->id;
	n = snprintf(NULL, 0, "database is at %s, not at head %s: %s", id ? id : "base", head,
		     what);
	text = n < 0 ? NULL : malloc((size_t)n + 1);
	if (text)
		snprintf(text, (size_t)n + 1, "database is at %s, not at head %s: %s",
			 id ? id : "base", head, what);
	free(id);
	dbt_findings_release(&model);
	if (!text)
		return cmd_error("out of memory");
	f.text = text;
	if (g_opts.json) {
		print_json(revs, &one);
	} else {
		/* The files that changed explain why an upgrade would refuse. */
		print_text(revs);
		cmd_error("%s", text);
	}
	free(text);
	return EXIT_FAIL;
}

int cmd_check(int argc, char **argv)
{
	struct cmd_ctx c = CMD_CTX_INIT;
	dbt_findings findings = {NULL, 0}, revs = {NULL, 0};
	size_t unverified = 0;
	int nargs, rc, status = EXIT_FAIL;

	int roundtrip = 0;
	const char *scratch_url = NULL;
	const struct cmd_option opts[] = {
		{"roundtrip", 0, NULL, &roundtrip},
		{"scratch-url", 0, &scratch_url, NULL},
		{NULL, 0, NULL, NULL},
	};

	if ((rc = cmd_parse(argc, argv, usage, opts, NULL, 0, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if (scratch_url && !roundtrip)
		return cmd_usage_error("check", "--scratch-url goes with --roundtrip");
	if (roundtrip)
		return cmd_check_roundtrip(scratch_url);
	if (cmd_load_config(&c.cfg) || cmd_config_need(&c.cfg, 1) ||
	    cmd_load_chain(&c.chain, &c.cfg, 0) ||
	    cmd_connect_for_model(&c.conn, &c.url, &c.cfg, 0))
		goto cleanup;
	if (dbt_run_verify(&revs, &unverified, c.conn, &c.chain) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (dbt_run_require_head(c.conn, &c.chain) < 0) {
		status = not_at_head(c.conn, &c.chain, &c.cfg, &revs);
		goto cleanup;
	}
	if (dbt_model_compare(&findings, c.conn, c.cfg.model, c.cfg.schema) < 0) {
		cmd_fail();
		goto cleanup;
	}
	if (g_opts.json) {
		print_json(&revs, &findings);
	} else {
		print_text(&revs);
		print_text(&findings);
		if (!findings.n && !revs.n)
			cmd_info("model, revisions and database agree");
	}
	if (unverified)
		cmd_info("note: %zu applied revision%s no recorded checksum (applied before dbtool "
			 "kept a history): 'dbtool repair' records them",
			 unverified, unverified == 1 ? " has" : "s have");
	status = findings.n || revs.n ? EXIT_FAIL : EXIT_OK;
cleanup:
	dbt_findings_release(&findings);
	dbt_findings_release(&revs);
	cmd_ctx_release(&c);
	return status;
}
