/*
 * cmd_lint.c - `dbtool lint [REV|A:B]`: the safety rules of lib/lint.c over
 * revision files, printed as text, JSON or SARIF.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: dbtool lint [REV | A:B] [--format text|json|sarif] [--rebuild-rows N]\n"
	"       dbtool lint --rules\n"
	"\n"
	"Checks the upgrade SQL of revision files against numbered safety rules:\n"
	"destructive changes, PostgreSQL statements that lock an existing table\n"
	"for long, CONCURRENTLY in a transaction, a missing downgrade, renames,\n"
	"and SQLite rebuilds of large tables.  Without an argument, every revision\n"
	"of the chain; REV is one revision, A:B the revisions from A to B.\n"
	"\n"
	"The rules that concern PostgreSQL apply when the database URL is a\n"
	"PostgreSQL one, or when no URL is set.  The row count of rule L012 is\n"
	"read from the database when a URL is set and a rebuild is found.\n"
	"\n"
	"A line '-- lint:ignore RULE[,RULE] REASON' above a statement suppresses\n"
	"those rules for it (RULE: a code such as L007 or a name); the reason is\n"
	"required.\n"
	"\n"
	"Options:\n"
	"      --format text|json|sarif  output (SARIF 2.1.0 for code-scanning tools)\n"
	"      --rebuild-rows N          L012's threshold (default 10000)\n"
	"      --rules                   list the rules, their reasons and fixes\n"
	"\n"
	"Exit status: 0 when no error-level rule fired, 1 otherwise or on failure.\n";

enum format { TEXT, JSON, SARIF };

/* The live database, opened read-only into the command's context the
 * first time rule L012 asks. */
struct connector {
	struct cmd_ctx *ctx;
	int tried, failed;
};

static dbt_conn *open_db(void *arg)
{
	struct connector *c = arg;

	if (!c->tried) {
		c->tried = 1;
		if (cmd_connect_readonly(&c->ctx->conn, &c->ctx->url, &c->ctx->cfg)) {
			c->ctx->conn = NULL;
			c->failed = 1;
		}
	}
	return c->ctx->conn;
}

static const char *level_name(dbt_lint_level level)
{
	return level == DBT_LINT_ERROR ? "error" : "warning";
}

static void print_rules(enum format format)
{
	const dbt_lint_rule *rules;
	size_t i, n;

	rules = dbt_lint_rules(&n);
	if (format != TEXT)
		fputs("{\"rules\": [", stdout);
	for (i = 0; i < n; i++) {
		const dbt_lint_rule *r = &rules[i];

		if (format == TEXT) {
			cmd_out("%s %s (%s%s): %s", r->code, r->name, level_name(r->level),
				r->postgres_only ? ", PostgreSQL" : "", r->summary);
			cmd_out("    why: %s", r->reason);
			cmd_out("    fix: %s", r->fix);
			continue;
		}
		fputs(i ? ", {\"code\": " : "{\"code\": ", stdout);
		cmd_json_str(stdout, r->code);
		fputs(", \"name\": ", stdout);
		cmd_json_str(stdout, r->name);
		printf(", \"level\": \"%s\", \"postgres_only\": %s, \"summary\": ",
		       level_name(r->level), r->postgres_only ? "true" : "false");
		cmd_json_str(stdout, r->summary);
		fputs(", \"reason\": ", stdout);
		cmd_json_str(stdout, r->reason);
		fputs(", \"fix\": ", stdout);
		cmd_json_str(stdout, r->fix);
		fputs("}", stdout);
	}
	if (format != TEXT)
		fputs("]}\n", stdout);
}

static void print_json(const dbt_lint_report *rep, size_t errors, size_t warnings)
{
	size_t i;

	fputs("{\"findings\": [", stdout);
	for (i = 0; i < rep->n; i++) {
		const dbt_lint_finding *f = &rep->v[i];

		fputs(i ? ", {\"rule\": " : "{\"rule\": ", stdout);
		cmd_json_str(stdout, f->rule->code);
		fputs(", \"name\": ", stdout);
		cmd_json_str(stdout, f->rule->name);
		printf(", \"level\": \"%s\", \"revision\": ", level_name(f->rule->level));
		cmd_json_str(stdout, f->rev->id);
		fputs(", \"path\": ", stdout);
		cmd_json_str(stdout, f->rev->path);
		printf(", \"line\": %d, \"column\": %d, \"message\": ", f->line, f->col);
		cmd_json_str(stdout, f->message);
		fputs("}", stdout);
	}
	printf("], \"errors\": %zu, \"warnings\": %zu, \"suppressed\": %zu}\n", errors, warnings,
	       rep->suppressed);
}

/* SARIF 2.1.0: one run, the rules in the driver, one result per finding. */
static void print_sarif(const dbt_lint_report *rep)
{
	const dbt_lint_rule *rules;
	size_t i, n;

	rules = dbt_lint_rules(&n);
	fputs("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": "
	      "\"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"dbtool\", \"version\": ",
	      stdout);
	cmd_json_str(stdout, dbt_version());
	fputs(", \"rules\": [", stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
		cmd_json_str(stdout, rules[i].code);
		fputs(", \"name\": ", stdout);
		cmd_json_str(stdout, rules[i].name);
		fputs(", \"shortDescription\": {\"text\": ", stdout);
		cmd_json_str(stdout, rules[i].summary);
		fputs("}, \"fullDescription\": {\"text\": ", stdout);
		cmd_json_str(stdout, rules[i].reason);
		fputs("}, \"help\": {\"text\": ", stdout);
		cmd_json_str(stdout, rules[i].fix);
		printf("}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
		       level_name(rules[i].level));
	}
	fputs("]}}, \"results\": [", stdout);
	for (i = 0; i < rep->n; i++) {
		const dbt_lint_finding *f = &rep->v[i];

		fputs(i ? ", {\"ruleId\": " : "{\"ruleId\": ", stdout);
		cmd_json_str(stdout, f->rule->code);
		printf(", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
		       (size_t)(f->rule - rules), level_name(f->rule->level));
		cmd_json_str(stdout, f->message);
		fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ",
		      stdout);
		cmd_json_str(stdout, f->rev->path);
		printf("}, \"region\": {\"startLine\": %d, \"startColumn\": %d}}}]}", f->line,
		       f->col);
	}
	fputs("]}]}\n", stdout);
}

static int parse_format(enum format *out, const char *text)
{
	if (!text) {
		*out = g_opts.json ? JSON : TEXT;
		return 0;
	}
	if (!strcmp(text, "text"))
		*out = TEXT;
	else if (!strcmp(text, "json"))
		*out = JSON;
	else if (!strcmp(text, "sarif"))
		*out = SARIF;
	else
		return cmd_usage_error("lint", "unknown format '%s' (expected text, json or sarif)",
				       text);
	return 0;
}

/* The dialect of the URL in use, 0 when none is set (the PostgreSQL
 * rules then apply too); -1 after printing why the URL is wrong. */
static int url_kind(const dbt_config *cfg)
{
	const char *text = dbt_config_pick_url(cfg, g_opts.url);
	dbt_url url;
	int kind;

	if (!text)
		return 0;
	if (dbt_url_parse(&url, text) < 0) {
		cmd_fail();
		return -1;
	}
	kind = url.kind;
	dbt_url_release(&url);
	return kind;
}

int cmd_lint(int argc, char **argv)
{
	const char *args[1], *format_text = NULL, *rows_text = NULL;
	int rules_only = 0;
	const struct cmd_option opts[] = {
		{"format", 0, &format_text, NULL},
		{"rebuild-rows", 0, &rows_text, NULL},
		{"rules", 0, NULL, &rules_only},
		{NULL, 0, NULL, NULL},
	};
	struct connector connector;
	dbt_lint_opts lo = DBT_LINT_OPTS_INIT;
	dbt_lint_report rep;
	struct cmd_ctx c = CMD_CTX_INIT;
	enum format format = TEXT;
	size_t lo_pos = 1, hi_pos, pos, i, errors = 0, warnings = 0;
	int nargs, rc, kind, status = EXIT_FAIL;

	memset(&connector, 0, sizeof(connector));
	memset(&rep, 0, sizeof(rep));
	if ((rc = cmd_parse(argc, argv, usage, opts, args, 1, &nargs)) != 0)
		return rc == 1 ? EXIT_OK : rc;
	if ((rc = parse_format(&format, format_text)) != 0)
		return rc;
	if (rows_text) {
		char *end;

		lo.rebuild_rows = strtol(rows_text, &end, 10);
		if (!*rows_text || *end || lo.rebuild_rows < 1)
			return cmd_usage_error("lint",
					       "--rebuild-rows needs a positive number, not '%s'",
					       rows_text);
	}
	if (rules_only) {
		print_rules(format);
		return EXIT_OK;
	}
	if (cmd_load_config(&c.cfg) || cmd_load_chain(&c.chain, &c.cfg, 0))
		goto cleanup;
	hi_pos = c.chain.n;
	if (nargs && strchr(args[0], ':')) {
		if ((rc = cmd_rev_range(&lo_pos, &hi_pos, &c.chain, args[0], "lint")) != 0) {
			status = rc;
			goto cleanup;
		}
	} else if (nargs) {
		if (dbt_chain_resolve(&pos, &c.chain, args[0], c.chain.n) < 0) {
			cmd_fail();
			goto cleanup;
		}
		if (pos == 0) {
			cmd_error("'%s' is the base, which is not a revision", args[0]);
			goto cleanup;
		}
		lo_pos = hi_pos = pos;
	}
	if ((kind = url_kind(&c.cfg)) < 0)
		goto cleanup;
	connector.ctx = &c;
	lo.kind = (dbt_dialect_kind)kind;
	if (kind) {
		lo.connect = open_db;
		lo.connect_arg = &connector;
	}
	for (pos = lo_pos; pos <= hi_pos && pos > 0; pos++) {
		if (dbt_lint_revision(&rep, c.chain.revs[pos - 1], &lo) < 0) {
			cmd_fail();
			goto cleanup;
		}
		if (connector.failed)
			goto cleanup;
	}
	for (i = 0; i < rep.n; i++) {
		if (rep.v[i].rule->level == DBT_LINT_ERROR)
			errors++;
		else
			warnings++;
	}
	if (format == JSON) {
		print_json(&rep, errors, warnings);
	} else if (format == SARIF) {
		print_sarif(&rep);
	} else {
		for (i = 0; i < rep.n; i++) {
			const dbt_lint_finding *f = &rep.v[i];

			int on;

			cmd_put_term(stdout, f->rev->path, NULL);
			printf(":%d:%d: ", f->line, f->col);
			on = cmd_color(stdout, f->rule->level == DBT_LINT_ERROR ? "1;31" : "33");
			fputs(level_name(f->rule->level), stdout);
			cmd_color_end(stdout, on);
			printf(": %s %s: ", f->rule->code, f->rule->name);
			cmd_put_term(stdout, f->message, NULL);
			fputc('\n', stdout);
		}
		cmd_info("lint: %zu revision(s), %zu error(s), %zu warning(s), %zu suppressed",
			 hi_pos >= lo_pos && hi_pos ? hi_pos - lo_pos + 1 : 0, errors, warnings,
			 rep.suppressed);
	}
	status = errors ? EXIT_FAIL : EXIT_OK;
cleanup:
	dbt_lint_report_release(&rep);
	cmd_ctx_release(&c);
	return status;
}
