/*
 * common.c - option parsing and the set-up steps shared by the commands
 * (see cmd.h).
 */
#include "cmd.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct global_opts g_opts;

/* The length of the well-formed UTF-8 character at `s` (1 to 4), or 0
 * when the bytes there are no UTF-8: a stray continuation byte, an
 * overlong form, a surrogate, past U+10FFFF, or cut short. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void cmd_put_term(FILE *f, const char *text, const char *keep)
{
	const unsigned char *s = (const unsigned char *)text, *run = s;

	while (*s) {
		size_t n = utf8_len(s);

		/* Printable ASCII goes out in runs, one fwrite for each. */
		if (n == 1 && *s >= 0x20 && *s != 0x7f) {
			s++;
			continue;
		}
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), f);
		if (n == 0) {
			fprintf(f, "\\x%02x", *s);
			s++;
		} else if (n == 1 && (*s < 0x20 || *s == 0x7f) && !(keep && strchr(keep, *s))) {
			fprintf(f, "\\x%02x", *s);
			s++;
		} else if (n == 2 && s[0] == 0xc2 && s[1] < 0xa0) {
			/* C1 controls, such as U+009B, which some terminals take
			 * for the start of an escape sequence. */
			fprintf(f, "\\u%04x", s[1]);
			s += 2;
		} else {
			fwrite(s, 1, n, f);
			s += n;
		}
		run = s;
	}
	if (s > run)
		fwrite(run, 1, (size_t)(s - run), f);
}

/* Formats like vprintf and writes the result with cmd_put_term(). */
static void put_formatted(FILE *f, const char *fmt, va_list ap)
{
	char small[512], *big = NULL;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n >= (int)sizeof(small) && (big = malloc((size_t)n + 1)) != NULL)
		vsnprintf(big, (size_t)n + 1, fmt, ap);
	if (n >= 0)
		cmd_put_term(f, big ? big : small, NULL);
	free(big);
}

void cmd_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_formatted(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

int cmd_color(FILE *f, const char *sgr)
{
	const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
	int on = g_opts.color > 0;

	if (g_opts.color == 0)
		on = isatty(fileno(f)) && !(no_color && *no_color) &&
		     !(term && !strcmp(term, "dumb"));
	if (on)
		fprintf(f, "\033[%sm", sgr);
	return on;
}

void cmd_color_end(FILE *f, int on)
{
	if (on)
		fputs("\033[0m", f);
}

void cmd_put_change(FILE *f, const char *line)
{
	const char *sgr = line[0] == '+'   ? "32"
			  : line[0] == '-' ? "31"
			  : line[0] == '~' ? "33"
			  : line[0] == '!' ? "1;31"
					   : NULL;
	int on = sgr ? cmd_color(f, sgr) : 0;

	cmd_put_term(f, line, NULL);
	cmd_color_end(f, on);
	fputc('\n', f);
}

/* "dbtool: error: " or "dbtool: warning: ", the word coloured. */
static void put_label(const char *word, const char *sgr)
{
	int on;

	fputs("dbtool: ", stderr);
	on = cmd_color(stderr, sgr);
	fputs(word, stderr);
	cmd_color_end(stderr, on);
	fputs(": ", stderr);
}

void cmd_warning(const char *fmt, ...)
{
	va_list ap;

	put_label("warning", "33");
	va_start(ap, fmt);
	put_formatted(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cmd_error(const char *fmt, ...)
{
	va_list ap;

	put_label("error", "1;31");
	va_start(ap, fmt);
	put_formatted(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

int cmd_fail(void)
{
	return cmd_error("%s", dbt_error_last());
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	put_label("error", "1;31");
	va_start(ap, fmt);
	put_formatted(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'dbtool %s%s--help')\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

void cmd_info(const char *fmt, ...)
{
	va_list ap;

	if (g_opts.quiet)
		return;
	va_start(ap, fmt);
	put_formatted(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Splits "--name=value"; `*value` is NULL when there is no "=". */
static size_t option_name_len(const char *arg, const char **value)
{
	const char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;

	*value = eq ? eq + 1 : NULL;
	return eq ? (size_t)(eq - arg) : strlen(arg);
}

static int matches(const char *arg, size_t n, const char *lng, char shrt)
{
	if (arg[1] == '-')
		return lng && strlen(lng) == n - 2 && !strncmp(arg + 2, lng, n - 2);
	return shrt && n == 2 && arg[1] == shrt;
}

/* The value of the option at argv[*i]: after "=", or the next argument. */
static int take_value(int argc, char **argv, int *i, const char *inline_value, const char **out,
		      const char *cmd)
{
	if (inline_value) {
		*out = inline_value;
	} else if (*i + 1 < argc) {
		*out = argv[++*i];
	} else {
		cmd_usage_error(cmd, "option '%s' needs a value", argv[*i]);
		return -1;
	}
	return 0;
}

int cmd_global_option(int argc, char **argv, int *i, const char *cmd)
{
	const char *arg = argv[*i], *inline_value, *v = NULL;
	size_t n = option_name_len(arg, &inline_value);

	if (matches(arg, n, "quiet", 'q') || matches(arg, n, "verbose", 'v')) {
		if (inline_value) {
			cmd_usage_error(cmd, "option '%.*s' takes no value", (int)n, arg);
			return -1;
		}
		if (arg[1] == 'q' || arg[2] == 'q')
			g_opts.quiet = 1;
		else
			g_opts.verbose = 1;
	} else if (matches(arg, n, "config", 'c')) {
		if (take_value(argc, argv, i, inline_value, &g_opts.config, cmd) < 0)
			return -1;
	} else if (matches(arg, n, "url", 'u')) {
		if (take_value(argc, argv, i, inline_value, &g_opts.url, cmd) < 0)
			return -1;
	} else if (matches(arg, n, "dev-url", 0)) {
		if (take_value(argc, argv, i, inline_value, &g_opts.dev_url, cmd) < 0)
			return -1;
	} else if (matches(arg, n, "format", 0)) {
		if (take_value(argc, argv, i, inline_value, &v, cmd) < 0)
			return -1;
		if (strcmp(v, "text") && strcmp(v, "json")) {
			cmd_usage_error(cmd, "unknown format '%s' (expected text or json)", v);
			return -1;
		}
		g_opts.json = !strcmp(v, "json");
	} else if (matches(arg, n, "color", 0) || matches(arg, n, "colour", 0)) {
		if (take_value(argc, argv, i, inline_value, &v, cmd) < 0)
			return -1;
		if (!strcmp(v, "auto")) {
			g_opts.color = 0;
		} else if (!strcmp(v, "always")) {
			g_opts.color = 1;
		} else if (!strcmp(v, "never")) {
			g_opts.color = -1;
		} else {
			cmd_usage_error(cmd,
					"unknown --color value '%s' (expected auto, always or "
					"never)",
					v);
			return -1;
		}
	} else if (matches(arg, n, "lock-timeout", 0)) {
		char *end;
		long s;

		if (take_value(argc, argv, i, inline_value, &v, cmd) < 0)
			return -1;
		s = strtol(v, &end, 10);
		if (!*v || *end || s < 1 || s > 86400) {
			cmd_usage_error(cmd,
					"--lock-timeout needs a number of seconds from 1 to 86400, "
					"not '%s'",
					v);
			return -1;
		}
		g_opts.lock_timeout_s = (int)s;
	} else if (matches(arg, n, "statement-lock-timeout", 0)) {
		char *end;
		long s;

		if (take_value(argc, argv, i, inline_value, &v, cmd) < 0)
			return -1;
		s = strtol(v, &end, 10);
		if (!*v || *end || s < 0 || s > 86400) {
			cmd_usage_error(cmd,
					"--statement-lock-timeout needs a number of seconds from 0 "
					"(no "
					"limit) to 86400, not '%s'",
					v);
			return -1;
		}
		g_opts.statement_lock_timeout_s = (int)s;
	} else {
		return 0;
	}
	(*i)++;
	return 1;
}

int cmd_unknown_option(const char *cmd, const char *arg, const struct cmd_option *opts)
{
	static const char *const globals[] = {"config", "url",		"dev-url",
					      "quiet",	"verbose",	"format",
					      "color",	"lock-timeout", "statement-lock-timeout",
					      "help",	"version"};
	const char *names[64], *near = NULL, *name = arg;
	size_t n = 0, len;
	char word[64];

	for (; opts && opts->name && n < 48; opts++)
		names[n++] = opts->name;
	memcpy(names + n, globals, sizeof(globals));
	n += sizeof(globals) / sizeof(globals[0]);
	if (arg[0] == '-' && arg[1] == '-') {
		name = arg + 2;
		len = strcspn(name, "=");
		if (len < sizeof(word)) {
			memcpy(word, name, len);
			word[len] = '\0';
			near = cmd_suggest(word, names, n);
		}
	}
	if (near)
		return cmd_usage_error(cmd, "unknown option '%s'; did you mean '--%s'?", arg, near);
	return cmd_usage_error(cmd, "unknown option '%s'", arg);
}

static int is_relative_target(const char *arg)
{
	const char *p = arg + 1;

	if ((arg[0] != '-' && arg[0] != '+') || !*p)
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

int cmd_parse(int argc, char **argv, const char *usage, const struct cmd_option *opts,
	      const char **args, int max_args, int *nargs)
{
	const char *cmd = argv[0];
	int i = 1, only_args = 0;

	*nargs = 0;
	while (i < argc) {
		const char *arg = argv[i], *inline_value;
		const struct cmd_option *o;
		size_t n;
		int rc;

		if (only_args || arg[0] != '-' || arg[1] == '\0' || is_relative_target(arg)) {
			if (*nargs >= max_args)
				return cmd_usage_error(cmd, "unexpected argument '%s'", arg);
			args[(*nargs)++] = arg;
			i++;
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_args = 1;
			i++;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, stdout);
			return 1;
		}
		if (!strcmp(arg, "--version")) {
			printf("dbtool %s\n", dbt_version());
			return 1;
		}
		n = option_name_len(arg, &inline_value);
		for (o = opts; o && o->name; o++) {
			if (!matches(arg, n, o->name, o->short_name))
				continue;
			if (o->value) {
				if (take_value(argc, argv, &i, inline_value, o->value, cmd) < 0)
					return EXIT_USAGE;
			} else {
				if (inline_value)
					return cmd_usage_error(cmd, "option '--%s' takes no value",
							       o->name);
				*o->flag = 1;
			}
			i++;
			break;
		}
		if (o && o->name)
			continue;
		rc = cmd_global_option(argc, argv, &i, cmd);
		if (rc < 0)
			return EXIT_USAGE;
		if (rc == 0)
			return cmd_unknown_option(cmd, arg, opts);
	}
	return 0;
}

void cmd_ctx_release(struct cmd_ctx *ctx)
{
	dbt_conn_close(ctx->conn);
	ctx->conn = NULL;
	dbt_url_release(&ctx->url);
	dbt_chain_release(&ctx->chain);
	dbt_config_release(&ctx->cfg);
}

int cmd_load_config(dbt_config *cfg)
{
	int explicit_path = g_opts.config != NULL;

	if (dbt_config_load(cfg, explicit_path ? g_opts.config : "dbtool.ini", !explicit_path) < 0)
		return cmd_fail();
	return 0;
}

int cmd_config_need(const dbt_config *cfg, int model)
{
	if ((model && dbt_config_need(cfg, "model") < 0) ||
	    (model && dbt_config_need(cfg, "model_command") < 0) ||
	    dbt_config_need(cfg, "schema") < 0 || dbt_config_need(cfg, "exclude") < 0 ||
	    dbt_config_need(cfg, "roles") < 0)
		return cmd_fail();
	if (model && cfg->model_command && dbt_model_set_command(cfg->model_command, cfg->dir) < 0)
		return cmd_fail();
	return 0;
}

int cmd_load_chain(dbt_chain *chain, const dbt_config *cfg, int flags)
{
	char *dir;

	memset(chain, 0, sizeof(*chain));
	if (dbt_config_need(cfg, "script_location") < 0)
		return cmd_fail();
	dir = malloc(strlen(cfg->script_location) + sizeof("/versions"));
	if (!dir)
		return cmd_error("out of memory");
	sprintf(dir, "%s/versions", cfg->script_location);
	if (dbt_chain_load(chain, dir, flags) < 0) {
		free(dir);
		return cmd_fail();
	}
	free(dir);
	return 0;
}

enum { OPEN_CREATE, OPEN_READONLY, OPEN_EXISTING, OPEN_EXISTING_OR_EMPTY };

/* `why` (may be NULL) follows the message when the database cannot be
 * opened: what the command needs it for.  The library resolves the URL
 * (a relative SQLite path in the config file is relative to its folder)
 * and applies the config file's settings, as for any embedding program. */
/* `compare`: the command's first use of the connection is a comparison
 * with the model (dbt_conn_open_to_compare); `model`: the model file it
 * compares with, parsed while the connection is made
 * (dbt_model_preload_start); NULL for none. */
static int connect_db(dbt_conn **conn, dbt_url *url, const dbt_config *cfg, int mode,
		      const char *why, int compare, const char *model)
{
	dbt_model_preload *pre = NULL;

	*conn = NULL;
	if (dbt_config_url(url, cfg, g_opts.url) < 0)
		return cmd_fail();
	if (model)
		pre = dbt_model_preload_start(url->kind, model);
	if ((mode == OPEN_READONLY ? dbt_conn_open_readonly(conn, url)
	     : mode == OPEN_CREATE ? dbt_conn_open(conn, url)
	     : compare ? dbt_conn_open_to_compare(conn, url, mode == OPEN_EXISTING_OR_EMPTY)
		       : dbt_conn_open_existing(conn, url, mode == OPEN_EXISTING_OR_EMPTY)) < 0) {
		dbt_model_preload_free(pre);
		dbt_url_release(url);
		return why ? cmd_error("%s: %s", dbt_error_last(), why) : cmd_fail();
	}
	dbt_conn_set_model_preload(*conn, pre);
	if (dbt_config_apply(*conn, cfg, g_opts.dev_url,
			     g_opts.statement_lock_timeout_s >= 0
				     ? g_opts.statement_lock_timeout_s * 1000
				     : -1) < 0) {
		dbt_conn_close(*conn);
		*conn = NULL;
		dbt_url_release(url);
		return cmd_fail();
	}
	cmd_print_database(url);
	return 0;
}

static int range_end(size_t *out, const dbt_chain *chain, const char *text, size_t len, size_t dflt)
{
	char buf[128];

	if (!len) {
		*out = dflt;
		return 0;
	}
	if (len >= sizeof(buf))
		return cmd_error("revision range side '%.*s' is too long", (int)len, text);
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (dbt_chain_resolve(out, chain, buf, chain->n) < 0)
		return cmd_fail();
	return 0;
}

int cmd_rev_range(size_t *lo, size_t *hi, const dbt_chain *chain, const char *range,
		  const char *cmd)
{
	const char *colon = strchr(range, ':');

	if (!colon)
		return cmd_usage_error(cmd, "a revision range is A:B, not '%s'", range);
	if (range_end(lo, chain, range, (size_t)(colon - range), 1) ||
	    range_end(hi, chain, colon + 1, strlen(colon + 1), chain->n))
		return EXIT_FAIL;
	if (*lo == 0)
		*lo = 1; /* "base" as a start means from the first revision */
	return 0;
}

void cmd_print_database(const dbt_url *url)
{
	char *where;

	if (g_opts.quiet)
		return;
	where = dbt_url_redact(url);
	cmd_info("dbtool: database %s", where ? where : "(out of memory)");
	free(where);
}

int cmd_blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

int cmd_connect(dbt_conn **conn, dbt_url *url, const dbt_config *cfg)
{
	return connect_db(conn, url, cfg, OPEN_CREATE, NULL, 0, NULL);
}

int cmd_connect_readonly(dbt_conn **conn, dbt_url *url, const dbt_config *cfg)
{
	return connect_db(conn, url, cfg, OPEN_READONLY, NULL, 0, NULL);
}

int cmd_connect_existing(dbt_conn **conn, dbt_url *url, const dbt_config *cfg, int missing_is_empty)
{
	return connect_db(conn, url, cfg, missing_is_empty ? OPEN_EXISTING_OR_EMPTY : OPEN_EXISTING,
			  NULL, 0, NULL);
}

int cmd_connect_for_model(dbt_conn **conn, dbt_url *url, const dbt_config *cfg,
			  int missing_is_empty)
{
	return connect_db(conn, url, cfg, missing_is_empty ? OPEN_EXISTING_OR_EMPTY : OPEN_EXISTING,
			  NULL, 1, cfg->model);
}

int cmd_connect_needed(dbt_conn **conn, dbt_url *url, const dbt_config *cfg, const char *why)
{
	return connect_db(conn, url, cfg, OPEN_EXISTING, why, 0, NULL);
}

void cmd_json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t n = utf8_len((const unsigned char *)s);

		if (n != 1) {
			/* JSON is UTF-8: a byte that is not becomes U+FFFD. */
			if (n == 0)
				fputs("\\ufffd", f);
			else
				fwrite(s, 1, n, f);
			s += n ? n - 1 : 0;
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

void cmd_print_step(const dbt_step *step, void *arg)
{
	const char *verb = arg ? (const char *)arg : step->upgrade ? "upgrade" : "downgrade";

	if (!strcmp(verb, "stamp")) {
		cmd_info("stamp %s -> %s", step->from ? step->from : "<base>",
			 step->to ? step->to : "<base>");
		return;
	}
	if (step->missing) {
		cmd_info("upgrade %s (missing below %s), %s (%.0f ms)", step->rev->id,
			 step->to ? step->to : "<base>", step->rev->message, step->ms);
		return;
	}
	cmd_info("%s %s -> %s, %s (%.0f ms)", verb, step->from ? step->from : "<base>",
		 step->to ? step->to : "<base>", step->rev->message, step->ms);
}

dbt_run_opts cmd_run_opts(void)
{
	dbt_run_opts o = {
		.version = DBT_RUN_OPTS_VERSION,
		.lock_timeout_ms = g_opts.lock_timeout_s * 1000,
		.on_step = cmd_print_step,
		.arg = NULL,
	};
	return o;
}
