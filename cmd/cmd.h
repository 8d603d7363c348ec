/*
 * cmd.h - what the commands of the dbtool executable share: the global
 * options, option parsing, and the steps most commands begin with (load
 * the config, the chain, connect).  Commands parse, call the library,
 * print; nothing here touches SQL.
 */
#ifndef DBT_CMD_H
#define DBT_CMD_H

#include "dbtool.h"

#include <stdio.h>

/* Exit statuses. */
#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

struct global_opts {
	const char *config;	      /* -c; NULL: ./dbtool.ini, which may be absent */
	const char *url;	      /* -u */
	const char *dev_url;	      /* --dev-url */
	int quiet;		      /* -q */
	int verbose;		      /* -v */
	int json;		      /* --format json */
	int lock_timeout_s;	      /* --lock-timeout */
	int statement_lock_timeout_s; /* --statement-lock-timeout; -1 when not given */
	int color;		      /* --color: 0 auto, 1 always, -1 never */
};

extern struct global_opts g_opts;

/*
 * Takes the global option at argv[*i], if it is one, advancing *i past it
 * and its value.  Returns 1 when taken, 0 when argv[*i] is not a global
 * option, -1 after printing a usage error (`cmd` names the command).
 */
int cmd_global_option(int argc, char **argv, int *i, const char *cmd);

/* One option a command accepts.  `value` receives the argument of an
 * option that takes one; `flag` is set to 1 for one that does not. */
struct cmd_option {
	const char *name; /* long name without "--" */
	char short_name;  /* 0 for none */
	const char **value;
	int *flag;
};

/* Prints the usage error for the unknown option `arg` of `cmd` (NULL
 * before the command), with the closest of `opts` and the global options
 * when one is close; returns EXIT_USAGE. */
int cmd_unknown_option(const char *cmd, const char *arg, const struct cmd_option *opts);

/*
 * Parses argv[1..] of a command: its own options, the global ones, and up
 * to `max_args` positional arguments into `args` (their number in
 * `*nargs`).  "+N" and "-N" are positional (revision targets), so are all
 * arguments after "--".  Returns 0, 1 when --help or --version was given
 * (the usage or the version is printed), or EXIT_USAGE after printing the
 * problem.
 */
int cmd_parse(int argc, char **argv, const char *usage, const struct cmd_option *opts,
	      const char **args, int max_args, int *nargs);

/*
 * The one way text reaches the terminal: writes `s` with each control
 * character (C0 but those in `keep`, DEL, C1) and each byte that is not
 * UTF-8 written as \xNN or \u00NN, so that no name or message from a
 * file or a database can move the cursor, clear the screen or end a line.
 */
void cmd_put_term(FILE *f, const char *s, const char *keep);

/*
 * Colour, on a terminal only: --color=always|never|auto (auto: when the
 * stream is a terminal, NO_COLOR is unset or empty, and TERM is not
 * "dumb").  cmd_color() starts the SGR colour `sgr` ("31" red, "32" green,
 * "33" yellow, "1;31" bold red) on `f` when colour is on for it, and
 * returns 1 then; cmd_color_end() ends it.
 */
int cmd_color(FILE *f, const char *sgr);
void cmd_color_end(FILE *f, int on);

/* Writes one line of a difference ("+ ...", "- ...", "~ ...", "! ...")
 * and a newline to `f`, coloured by its first character, the text
 * through cmd_put_term(). */
void cmd_put_change(FILE *f, const char *line);

/* Formats a line for stdout, written with cmd_put_term(), and a newline. */
void cmd_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "dbtool: warning: <message>" on stderr, as cmd_put_term() does. */
void cmd_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "dbtool: error: <message>" on stderr; returns EXIT_FAIL. */
int cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the library's last error as above; returns EXIT_FAIL. */
int cmd_fail(void);

/* Prints a usage problem and the hint to --help; returns EXIT_USAGE. */
int cmd_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Progress on stderr unless -q. */
void cmd_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * What a command works with, released in one place.  A command starts
 * from CMD_CTX_INIT, fills what it needs with the steps below
 * (cmd_load_config(&ctx.cfg), cmd_load_chain(&ctx.chain, &ctx.cfg, ...),
 * cmd_connect(&ctx.conn, &ctx.url, &ctx.cfg), ...), and ends at its one
 * `cleanup:` label with cmd_ctx_release(), which releases whatever was
 * filled: a member left zeroed, or that a failed step left so, holds
 * nothing to release.
 */
struct cmd_ctx {
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn;
};

#define CMD_CTX_INIT \
	{            \
		0    \
	}

/* Closes the connection and releases the URL, the chain and the config. */
void cmd_ctx_release(struct cmd_ctx *ctx);

/* Loads the config named by -c, or ./dbtool.ini when it exists. */
int cmd_load_config(dbt_config *cfg);

/* Fails, printing why, when a value the command is about to use names an
 * unset ${VAR}: the schema and exclude, and the model when `model` is set.  (The url
 * is checked when it is picked, script_location when the chain loads.) */
int cmd_config_need(const dbt_config *cfg, int model);

/* Loads the chain of cfg's script_location/versions. */
int cmd_load_chain(dbt_chain *chain, const dbt_config *cfg, int flags);

/* Connects to the URL picked by --url > $DATABASE_URL > config.  A relative
 * SQLite path from the config file is relative to the config's folder.
 * The connection gets the config's version schema and the statement lock
 * timeout of --statement-lock-timeout > config > the library's default. */
int cmd_connect(dbt_conn **conn, dbt_url *url, const dbt_config *cfg);

/* The same, for commands that only read: nothing is written or created. */
int cmd_connect_readonly(dbt_conn **conn, dbt_url *url, const dbt_config *cfg);

/* The same, for commands that write but must not create the database
 * (only upgrade, stamp and create-all do): see dbt_conn_open_existing(). */
int cmd_connect_existing(dbt_conn **conn, dbt_url *url, const dbt_config *cfg,
			 int missing_is_empty);

/* cmd_connect_existing() for a command that compares the model with the
 * database (check, migrate): the model file is parsed on a second thread
 * while the connection is made (dbt_model_preload_start). */
int cmd_connect_for_model(dbt_conn **conn, dbt_url *url, const dbt_config *cfg,
			  int missing_is_empty);

/* Resolves "A:B" (either side may be empty; both ends included; base as
 * A means the first revision) to chain positions; 0, or the exit status
 * after printing the problem. */
int cmd_rev_range(size_t *lo, size_t *hi, const dbt_chain *chain, const char *range,
		  const char *cmd);

/* The candidate closest to the mistyped `word` (one or two edits away,
 * or the only one that `word` begins), NULL when none is close. */
const char *cmd_suggest(const char *word, const char *const *cands, size_t n);
/* As cmd_connect_existing() (no database is created), for a command that
 * cannot go on without the database: the error says `why` it is needed. */
int cmd_connect_needed(dbt_conn **conn, dbt_url *url, const dbt_config *cfg, const char *why);
/* "dbtool: database URL" on stderr, the password shown as "***", unless
 * -q: every command that connects says where it works. */
void cmd_print_database(const dbt_url *url);

/* 1 when `s` is empty or only blanks. */
int cmd_blank(const char *s);

/* Writes `s` as a JSON string literal; a byte that is not UTF-8 becomes
 * \ufffd, so the output is always valid JSON. */
void cmd_json_str(FILE *f, const char *s);

/* The step printer used by upgrade, downgrade and stamp. */
void cmd_print_step(const dbt_step *step, void *arg);

/* Run options from the global options: call it after cmd_parse(), which
 * takes the global options written after the command. */
dbt_run_opts cmd_run_opts(void);

int cmd_init(int argc, char **argv);
int cmd_revision(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_downgrade(int argc, char **argv);
int cmd_current(int argc, char **argv);
int cmd_heads(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_stamp(int argc, char **argv);
int cmd_repair(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_lint(int argc, char **argv);

/* check --roundtrip, on the scratch database `scratch_url` (NULL: an
 * in-memory SQLite database, for SQLite projects). */
int cmd_check_roundtrip(const char *scratch_url);

/* migrate's work, shared with `revision --autogenerate`; asks about
 * likely renames on a terminal unless `no_input`. */
int cmd_autogenerate(const char *message, const char *rev_id, int no_input);
/* cmd_autogenerate with `safe` 1 (--safe), 0 (--no-safe) or -1 (as
 * dbtool.ini's safe says, off when absent). */
int cmd_autogenerate_safe(const char *message, const char *rev_id, int no_input, int safe);
int cmd_create_all(int argc, char **argv);
int cmd_drop_all(int argc, char **argv);
int cmd_rebase(int argc, char **argv);
int cmd_inspect(int argc, char **argv);

#endif
