/*
 * corpus_run_cmd.c - the dbtool commands as the in-process corpus runner
 * runs them: each one the library calls its cmd/cmd_*.c file makes, its
 * exit status and what it prints on stdout and stderr, through the CLI's
 * own formatting (cmd/common.c), the line naming the database left out;
 * and the bookkeeping of a case: the first failure, with the step and the
 * command's output, as the shell tests report it.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cmd/cmd.h"
#include "corpus_run.h"

/* -------------------------------------------------------- the outcome */

int ok(const struct worker *w)
{
	return w->why == NULL;
}

int why(struct worker *w, const char *f, ...)
{
	va_list ap;

	if (w->why)
		return -1;
	va_start(ap, f);
	w->why = vfmt(f, ap);
	va_end(ap);
	return -1;
}

void res_clear(struct res *r)
{
	free(r->out);
	free(r->err);
	free(r->cmd);
	memset(r, 0, sizeof(*r));
}

static void put_indented(FILE *f, const char *text)
{
	struct strlist l = {0};
	size_t i;

	sl_lines(&l, text);
	for (i = 0; i < l.n; i++)
		fprintf(f, "  | %s\n", l.v[i]);
	sl_clear(&l);
}

char *show_output(const struct res *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fprintf(f, "exit status %d\nstdout:\n", r->status);
	put_indented(f, r->out ? r->out : "");
	fputs("stderr:\n", f);
	put_indented(f, r->err ? r->err : "");
	fclose(f);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = 0;
	return buf;
}

static int has_password(const char *s)
{
	return s && ((g_pg_password && *g_pg_password && strstr(s, g_pg_password)) ||
		     (g_pg_password_raw && *g_pg_password_raw && strstr(s, g_pg_password_raw)));
}

int step(struct worker *w, struct res *r, int want, const char *what, cmd_fn fn, const char *arg)
{
	char *shown;

	res_clear(r);
	if (!ok(w))
		return -1;
	fn(w, r, arg);
	if (has_password(r->out) || has_password(r->err)) {
		why(w, "%s: %s printed the password of the test cluster", what, r->cmd);
		return -1;
	}
	if (r->status != want) {
		shown = show_output(r);
		why(w, "%s: %s exited %d, expected %d\n%s", what, r->cmd, r->status, want, shown);
		free(shown);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------- the commands, emulated */

/* The streams a command prints on. */
struct io {
	FILE *out, *err;
	size_t olen, elen;
};

static void io_open(struct io *io, struct res *r, const char *cmd)
{
	res_clear(r);
	r->cmd = xstrdup(cmd);
	io->out = open_memstream(&r->out, &io->olen);
	io->err = open_memstream(&r->err, &io->elen);
}

static void io_close(struct io *io, struct res *r, int status)
{
	fclose(io->out);
	fclose(io->err);
	r->status = status;
}

/* cmd_fail(): "dbtool: error: " and the library's message. */
static int io_fail(struct io *io)
{
	fputs("dbtool: error: ", io->err);
	cmd_put_term(io->err, dbt_error_last(), NULL);
	fputc('\n', io->err);
	return EXIT_FAIL;
}

/* create-all's and drop-all's print_object(). */
static void print_object(const char *verb, const char *kind, const char *name, void *arg)
{
	struct io *io = arg;
	char *line = fmt("%s %s %s", verb, kind, name);

	cmd_put_term(io->err, line, NULL);
	fputc('\n', io->err);
	free(line);
}

static int load_chain(struct io *io, dbt_chain *chain, const dbt_config *cfg, int flags)
{
	char *dir = fmt("%s/versions", cfg->script_location);
	int rc = dbt_chain_load(chain, dir, flags);

	free(dir);
	return rc < 0 ? io_fail(io) : 0;
}

/* As cmd_check(): the revision files' findings, then the model's. */
void cmd_check_(struct worker *w, struct res *r, const char *arg)
{
	struct io io;
	dbt_chain chain;
	dbt_findings findings = {NULL, 0}, revs = {NULL, 0};
	size_t unverified = 0, i;
	int status = EXIT_FAIL;

	(void)arg;
	io_open(&io, r, "dbtool check");
	memset(&chain, 0, sizeof(chain));
	if (load_chain(&io, &chain, &w->cfg, 0))
		goto cleanup;
	if (dbt_run_verify(&revs, &unverified, w->conn, &chain) < 0) {
		io_fail(&io);
		goto cleanup;
	}
	for (i = 0; i < revs.n; i++)
		cmd_put_change(io.out, revs.v[i].text);
	/* Not at head: the corpus never gets there; the library's message
	 * stands for the one cmd_check() builds. */
	if (dbt_run_require_head(w->conn, &chain) < 0) {
		io_fail(&io);
		goto cleanup;
	}
	if (dbt_model_compare(&findings, w->conn, w->cfg.model, w->cfg.schema) < 0) {
		io_fail(&io);
		goto cleanup;
	}
	for (i = 0; i < findings.n; i++)
		cmd_put_change(io.out, findings.v[i].text);
	if (!findings.n && !revs.n)
		fputs("model, revisions and database agree\n", io.err);
	status = findings.n || revs.n ? EXIT_FAIL : EXIT_OK;
cleanup:
	dbt_findings_release(&findings);
	dbt_findings_release(&revs);
	dbt_chain_release(&chain);
	io_close(&io, r, status);
}

void cmd_create_all_(struct worker *w, struct res *r, const char *arg)
{
	struct io io;
	int status;

	(void)arg;
	io_open(&io, r, "dbtool create-all");
	status = dbt_model_create_all(w->conn, w->cfg.model, w->cfg.schema, 60000, print_object,
				      &io) < 0
			 ? io_fail(&io)
			 : EXIT_OK;
	io_close(&io, r, status);
}

void cmd_drop_all_(struct worker *w, struct res *r, const char *arg)
{
	struct io io;
	int status;

	(void)arg;
	io_open(&io, r, "dbtool drop-all --yes");
	status = dbt_model_drop_all(w->conn, w->cfg.schema, 60000, print_object, &io) < 0
			 ? io_fail(&io)
			 : EXIT_OK;
	io_close(&io, r, status);
}

/* As cmd_autogenerate(): the path on stdout, the changes and the
 * warnings on stderr. */
void cmd_migrate_(struct worker *w, struct res *r, const char *message)
{
	struct io io;
	dbt_chain chain;
	dbt_autogen ag;
	char *cmd = fmt("dbtool migrate -m %s", message);
	size_t i;
	int status = EXIT_FAIL;

	io_open(&io, r, cmd);
	free(cmd);
	memset(&chain, 0, sizeof(chain));
	if (load_chain(&io, &chain, &w->cfg, 0))
		goto cleanup;
	if (dbt_autogenerate_dialects(&ag, w->conn, &chain, w->cfg.script_location, w->cfg.model,
				      w->cfg.schema, message, NULL, w->cfg.dialects,
				      w->cfg.ndialects) < 0) {
		io_fail(&io);
	} else if (!ag.path) {
		fputs("dbtool: nothing to do: the database matches the model\n", io.err);
		status = EXIT_OK;
	} else {
		for (i = 0; i < ag.changes.n; i++)
			cmd_put_change(io.err, ag.changes.v[i].text);
		for (i = 0; i < ag.warnings.n; i++) {
			fputs("warning: ", io.err);
			cmd_put_term(io.err, ag.warnings.v[i].text, NULL);
			fputc('\n', io.err);
		}
		cmd_put_term(io.out, ag.path, NULL);
		fputc('\n', io.out);
		status = EXIT_OK;
	}
	dbt_autogen_release(&ag);
cleanup:
	dbt_chain_release(&chain);
	io_close(&io, r, status);
}

/* As cmd_upgrade() and cmd_downgrade(), without the progress lines. */
static void run(struct worker *w, struct res *r, const char *target, int up)
{
	struct io io;
	dbt_chain chain;
	dbt_run_opts ro = {.lock_timeout_ms = 60000};
	char *cmd = fmt("dbtool %s%s%s", up ? "upgrade" : "downgrade", target ? " " : "",
			target ? target : "");
	int status = EXIT_FAIL;

	io_open(&io, r, cmd);
	free(cmd);
	memset(&chain, 0, sizeof(chain));
	if (load_chain(&io, &chain, &w->cfg, up ? 0 : DBT_CHAIN_LENIENT))
		goto cleanup;
	if (chain.broken && !chain.diverged) {
		io_fail(&io);
		goto cleanup;
	}
	ro.single_transaction = w->cfg.single_transaction == 1;
	if ((up ? dbt_run_upgrade(w->conn, &chain, target ? target : "head", &ro)
		: dbt_run_downgrade(w->conn, &chain, target, &ro)) < 0)
		io_fail(&io);
	else
		status = EXIT_OK;
cleanup:
	dbt_chain_release(&chain);
	io_close(&io, r, status);
}

void cmd_upgrade_(struct worker *w, struct res *r, const char *target)
{
	run(w, r, target, 1);
}

void cmd_downgrade_(struct worker *w, struct res *r, const char *target)
{
	run(w, r, target, 0);
}
