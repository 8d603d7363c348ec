/*
 * config.c - dbtool.ini: the [dbtool] section read with inih, ${VAR}
 * expanded from the environment, relative paths resolved against the
 * config file's folder.  Other sections belong to other tools and are
 * ignored.
 *
 * inih is driven through ini_parse_stream() with a line reader of our own,
 * so that every callback knows which line it comes from (the packaged
 * inih is built without INI_HANDLER_LINENO) and so that a line longer than
 * inih's buffer is reported instead of being read as two lines.
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "exclude.h"
#include "fsutil.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SECTION "dbtool"

enum {
	KEY_URL,
	KEY_SCRIPT_LOCATION,
	KEY_MODEL,
	KEY_SCHEMA,
	KEY_VERSION_SCHEMA,
	KEY_STATEMENT_LOCK_TIMEOUT,
	KEY_DEV_URL,
	KEY_SINGLE_TRANSACTION,
	KEY_EXCLUDE,
	KEY_MODEL_COMMAND,
	KEY_DIALECTS,
	KEY_SAFE,
	KEY_ROLES,
	NKEYS
};

static const char *const key_names[NKEYS] = {
	"url",		 "script_location",    "model",
	"schema",	 "version_schema",     "statement_lock_timeout",
	"dev_url",	 "single_transaction", "exclude",
	"model_command", "dialects",	       "safe",
	"roles",
};

/* The largest statement_lock_timeout, in seconds: a day. */
#define LOCK_TIMEOUT_MAX 86400

/* The state shared by the line reader and the value handler. */
struct loader {
	FILE *f;
	const char *path;
	int lineno;	/* the line last handed to inih */
	int indented;	/* that line starts with blank space */
	int in_section; /* the reader's own view: inside [dbtool] */
	int read_errno; /* set when reading failed */
	int rc;		/* the first failure the reader or handler found */
	int errline;	/* and its line */
	char *values[NKEYS];
	int lines[NKEYS];   /* where each key was set, 0 when it was not */
	char *unset[NKEYS]; /* why a value could not be expanded, or NULL */
};

/* A key whose value names an unset ${VAR}: the error its use reports. */
struct dbt_config_unset {
	char *key;
	char *message;
};

/* Sets "path:line: <reason>" for the current line and remembers it; only
 * the first failure counts, as the reader stops right after it. */
__attribute__((format(printf, 3, 4))) static int fail(struct loader *ld, int code, const char *fmt,
						      ...)
{
	dbt_buf b = DBT_BUF_INIT;
	va_list ap;

	if (ld->rc)
		return ld->rc;
	dbt_buf_printf(&b, "%s:%d: ", ld->path, ld->lineno);
	va_start(ap, fmt);
	dbt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom)
		code = dbt_error_oom();
	else
		dbt_error_set(code, "%s", b.ptr);
	dbt_buf_release(&b);
	ld->rc = code;
	ld->errline = ld->lineno;
	return code;
}

/* "no such file" rather than "No such file or directory": messages are
 * lowercase throughout. */
static void describe_errno(char *buf, size_t n, int err)
{
	if (err == ENOENT) {
		snprintf(buf, n, "no such file");
		return;
	}
	snprintf(buf, n, "%s", strerror(err));
	buf[0] = (char)tolower((unsigned char)buf[0]);
}

/* Follows the section headers, as inih reads them, well enough to tell
 * whether an over-long line matters to us. */
static void track_section(struct loader *ld, const char *line)
{
	const char *s = line, *close;

	if (ld->lineno == 1 && !strncmp(s, "\xEF\xBB\xBF", 3))
		s += 3;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '[')
		return;
	close = strchr(s, ']');
	ld->in_section = close && (size_t)(close - s - 1) == strlen(SECTION) &&
			 !strncmp(s + 1, SECTION, strlen(SECTION));
}

/* The ini_reader: fgets() that counts lines and refuses to split one. */
static char *read_line(char *str, int num, void *stream)
{
	struct loader *ld = stream;
	size_t len;
	int c;

	if (ld->rc)
		return NULL;
	errno = 0;
	if (!fgets(str, num, ld->f)) {
		if (ferror(ld->f))
			ld->read_errno = errno ? errno : EIO;
		return NULL;
	}
	ld->lineno++;
	track_section(ld, str);
	len = strlen(str);
	if (len == (size_t)num - 1 && str[len - 1] != '\n') {
		c = getc(ld->f);
		if (c != EOF && c != '\n') {
			while (c != EOF && c != '\n')
				c = getc(ld->f);
			if (ld->in_section) {
				fail(ld, DBT_EPARSE, "line is too long (more than %d characters)",
				     num - 1);
				return NULL;
			}
			/* Another tool's line: inih gets a blank one in its place. */
			strcpy(str, "\n");
		}
	}
	ld->indented = str[0] == ' ' || str[0] == '\t';
	return str;
}

static int var_name_valid(const char *s, size_t n)
{
	size_t i;

	if (!n || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* Expands ${VAR} from the environment and $$ to '$'; any other '$' is
 * kept as written ($VAR is not expanded).  A variable that is not set is
 * no failure yet: `*unset` gets the message its use will report, `*out`
 * stays NULL, and 0 is returned; only a use of the value fails. */
static int expand(struct loader *ld, char **out, char **unset, const char *value, const char *key)
{
	dbt_buf b = DBT_BUF_INIT;
	const char *s = value, *dollar;
	char *name = NULL;
	int rc = 0;

	*out = NULL;
	while ((dollar = strchr(s, '$')) != NULL) {
		const char *close, *env;
		size_t n;

		dbt_buf_put(&b, s, (size_t)(dollar - s));
		if (dollar[1] != '{') {
			/* "$$" is one '$'; a lone '$' stays. */
			dbt_buf_putc(&b, '$');
			s = dollar + (dollar[1] == '$' ? 2 : 1);
			continue;
		}
		close = strchr(dollar + 2, '}');
		if (!close) {
			rc = fail(ld, DBT_EPARSE, "missing '}' after '${' in the value of '%s'",
				  key);
			goto cleanup;
		}
		n = (size_t)(close - dollar - 2);
		if (!var_name_valid(dollar + 2, n)) {
			rc = fail(ld, DBT_EPARSE,
				  "invalid environment variable name '%.*s' in '${...}'", (int)n,
				  dollar + 2);
			goto cleanup;
		}
		name = strndup(dollar + 2, n);
		if (!name) {
			rc = fail(ld, DBT_ERROR, "out of memory");
			goto cleanup;
		}
		env = getenv(name);
		if (!env && !*unset) {
			/* The rest is still checked for mistakes in the file. */
			dbt_buf msg = DBT_BUF_INIT;

			dbt_buf_printf(&msg, "%s:%d: environment variable '%s' is not set",
				       ld->path, ld->lineno, name);
			*unset = dbt_buf_detach(&msg);
			if (!*unset) {
				rc = fail(ld, DBT_ERROR, "out of memory");
				goto cleanup;
			}
		}
		if (env)
			dbt_buf_puts(&b, env);
		free(name);
		name = NULL;
		s = close + 1;
	}
	if (*unset)
		goto cleanup;
	dbt_buf_puts(&b, s);
	*out = dbt_buf_detach(&b);
	if (!*out)
		rc = fail(ld, DBT_ERROR, "out of memory");
cleanup:
	free(name);
	dbt_buf_release(&b);
	return rc;
}

/* The ini_handler: keeps the keys of [dbtool], refuses unknown ones. */
static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct loader *ld = user;
	int k;

	if (ld->rc)
		return 0;
	if (!*section) {
		/* One of our keys before any section: most likely the [dbtool]
		 * line is missing.  Other keys there belong to other tools. */
		for (k = 0; k < NKEYS; k++)
			if (!strcmp(name, key_names[k]))
				break;
		if (k < NKEYS)
			fail(ld, DBT_EPARSE,
			     "key '%s' is outside any section: put it under [" SECTION "]", name);
		return k < NKEYS ? 0 : 1;
	}
	if (strcmp(section, SECTION))
		return 1;
	for (k = 0; k < NKEYS; k++)
		if (!strcmp(name, key_names[k]))
			break;
	if (k == NKEYS) {
		fail(ld, DBT_EPARSE, "unknown key '%s' in [" SECTION "]", name);
		return 0;
	}
	if (ld->lines[k]) {
		/* inih hands an indented line over as more of the previous value
		 * (configparser's multi-line values); ours fit on one line. */
		if (ld->indented)
			fail(ld, DBT_EPARSE,
			     "indented line continues the value of '%s' (write it on one line)",
			     name);
		else
			fail(ld, DBT_EPARSE,
			     "duplicate key '%s' in [" SECTION "] (first set on line %d)", name,
			     ld->lines[k]);
		return 0;
	}
	ld->lines[k] = ld->lineno;
	return expand(ld, &ld->values[k], &ld->unset[k], value, name) == 0;
}

/* `value` relative to `dir`, kept short when `dir` is "."; caller frees. */
static char *resolve(const char *dir, const char *value)
{
	if (value[0] == '/' || !strcmp(dir, "."))
		return strdup(value);
	return dbt_fs_join(dir, value);
}

/* Takes `values` (NULL or empty for a default) into `cfg`, whose dir is set. */
static int fill(dbt_config *cfg, char **values)
{
	const char *v;

	if (values[KEY_URL] && *values[KEY_URL]) {
		cfg->url = values[KEY_URL];
		values[KEY_URL] = NULL;
	}
	if (values[KEY_DEV_URL] && *values[KEY_DEV_URL]) {
		cfg->dev_url = values[KEY_DEV_URL];
		values[KEY_DEV_URL] = NULL;
	}
	v = values[KEY_SCRIPT_LOCATION];
	cfg->script_location = resolve(cfg->dir, v && *v ? v : "migrations");
	v = values[KEY_MODEL];
	cfg->model = resolve(cfg->dir, v && *v ? v : "schema.sql");
	if (values[KEY_SCHEMA] && *values[KEY_SCHEMA]) {
		cfg->schema = values[KEY_SCHEMA];
		values[KEY_SCHEMA] = NULL;
	} else {
		cfg->schema = strdup("public");
	}
	if (values[KEY_VERSION_SCHEMA] && *values[KEY_VERSION_SCHEMA]) {
		cfg->version_schema = values[KEY_VERSION_SCHEMA];
		values[KEY_VERSION_SCHEMA] = NULL;
	} else {
		cfg->version_schema = strdup("public");
	}
	cfg->statement_lock_timeout_s = -1;
	cfg->single_transaction = -1;
	cfg->safe = -1;
	if (!cfg->script_location || !cfg->model || !cfg->schema || !cfg->version_schema)
		return dbt_error_oom();
	return 0;
}

/* statement_lock_timeout: whole seconds, 0 (no limit) to a day. */
static int lock_timeout_value(dbt_config *cfg, const struct loader *ld)
{
	const char *v = ld->values[KEY_STATEMENT_LOCK_TIMEOUT], *p;
	long secs = 0;

	if (!v)
		return 0;
	for (p = v; *p >= '0' && *p <= '9' && secs <= LOCK_TIMEOUT_MAX; p++)
		secs = secs * 10 + (*p - '0');
	if (!*v || *p || secs > LOCK_TIMEOUT_MAX)
		return dbt_error_set(DBT_EPARSE,
				     "%s:%d: invalid statement_lock_timeout '%s': use a number of "
				     "seconds from 0 (no limit) to %d",
				     ld->path, ld->lines[KEY_STATEMENT_LOCK_TIMEOUT], v,
				     LOCK_TIMEOUT_MAX);
	cfg->statement_lock_timeout_s = (int)secs;
	return 0;
}

/* single_transaction: true or false (also yes/no, on/off, 1/0, any case). */
static int single_transaction_value(dbt_config *cfg, const struct loader *ld)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	const char *v = ld->values[KEY_SINGLE_TRANSACTION];
	size_t i;

	if (!v)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(v, yes[i])) {
			cfg->single_transaction = 1;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			cfg->single_transaction = 0;
			return 0;
		}
	}
	return dbt_error_set(DBT_EPARSE,
			     "%s:%d: invalid single_transaction '%s': use true or false", ld->path,
			     ld->lines[KEY_SINGLE_TRANSACTION], v);
}

/* safe: true or false, as single_transaction takes them. */
static int safe_value(dbt_config *cfg, const struct loader *ld)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	const char *v = ld->values[KEY_SAFE];
	size_t i;

	if (!v)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(v, yes[i])) {
			cfg->safe = 1;
			return 0;
		}
		if (!strcasecmp(v, no[i])) {
			cfg->safe = 0;
			return 0;
		}
	}
	return dbt_error_set(DBT_EPARSE, "%s:%d: invalid safe '%s': use true or false", ld->path,
			     ld->lines[KEY_SAFE], v);
}

/* exclude: patterns separated by commas (exclude.h). */
static int exclude_value(dbt_config *cfg, const struct loader *ld)
{
	const char *v = ld->values[KEY_EXCLUDE];
	int rc;

	if (!v)
		return 0;
	rc = dbt_exclude_parse(&cfg->exclude, &cfg->nexclude, v);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "%s:%d", ld->path, ld->lines[KEY_EXCLUDE]);
	return rc;
}

/* roles: patterns separated by commas, as exclude's (role.h). */
static int roles_value(dbt_config *cfg, const struct loader *ld)
{
	const char *v = ld->values[KEY_ROLES];
	int rc;

	if (!v)
		return 0;
	rc = dbt_exclude_parse_key(&cfg->roles, &cfg->nroles, v, "roles");
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "%s:%d", ld->path, ld->lines[KEY_ROLES]);
	return rc;
}

/* model_command: a shell command whose standard output is the model.  It
 * replaces the model file, so naming both is a mistake; `model` then
 * becomes "model_command", the name the model's errors carry. */
static int model_command_value(dbt_config *cfg, const struct loader *ld)
{
	const char *v = ld->values[KEY_MODEL_COMMAND];

	if (!ld->lines[KEY_MODEL_COMMAND])
		return 0;
	if (ld->lines[KEY_MODEL])
		return dbt_error_set(DBT_EPARSE,
				     "%s:%d: 'model' and 'model_command' (line %d) are both set: "
				     "keep "
				     "one",
				     ld->path, ld->lines[KEY_MODEL], ld->lines[KEY_MODEL_COMMAND]);
	if (v && !*v)
		return dbt_error_set(DBT_EPARSE, "%s:%d: model_command is empty", ld->path,
				     ld->lines[KEY_MODEL_COMMAND]);
	if (v) {
		cfg->model_command = strdup(v);
		if (!cfg->model_command)
			return dbt_error_oom();
	}
	free(cfg->model);
	cfg->model = strdup("model_command");
	return cfg->model ? 0 : dbt_error_oom();
}

/* dialects: a comma-separated list of dialect names, each at most once. */
static int dialects_value(dbt_config *cfg, const struct loader *ld)
{
	const char *v = ld->values[KEY_DIALECTS], *p, *e;
	size_t i, n;
	int kind;

	if (!v)
		return 0;
	for (p = v;; p = e + 1) {
		while (*p == ' ' || *p == '\t')
			p++;
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		for (n = (size_t)(e - p); n && (p[n - 1] == ' ' || p[n - 1] == '\t'); n--)
			;
		if (n == 6 && !strncmp(p, "sqlite", 6))
			kind = DBT_DIALECT_SQLITE;
		else if ((n == 10 && !strncmp(p, "postgresql", 10)) ||
			 (n == 8 && !strncmp(p, "postgres", 8)))
			kind = DBT_DIALECT_POSTGRES;
		else if ((n == 5 && !strncmp(p, "mysql", 5)) ||
			 (n == 7 && !strncmp(p, "mariadb", 7)))
			kind = DBT_DIALECT_MYSQL;
		else
			return dbt_error_set(DBT_EPARSE,
					     "%s:%d: invalid dialects '%s': unknown dialect "
					     "'%.*s': "
					     "use a comma-separated list of sqlite, postgresql and "
					     "mysql",
					     ld->path, ld->lines[KEY_DIALECTS], v, (int)n, p);
		for (i = 0; i < cfg->ndialects; i++)
			if (cfg->dialects[i] == (dbt_dialect_kind)kind)
				return dbt_error_set(DBT_EPARSE,
						     "%s:%d: invalid dialects '%s': '%.*s' is "
						     "listed "
						     "twice",
						     ld->path, ld->lines[KEY_DIALECTS], v, (int)n,
						     p);
		cfg->dialects[cfg->ndialects++] = (dbt_dialect_kind)kind;
		if (!*e)
			return 0;
	}
}

/* The field of `cfg` that holds key `k`. */
static char **field(dbt_config *cfg, int k)
{
	switch (k) {
	case KEY_URL:
		return &cfg->url;
	case KEY_SCRIPT_LOCATION:
		return &cfg->script_location;
	case KEY_MODEL:
		return &cfg->model;
	case KEY_SCHEMA:
		return &cfg->schema;
	case KEY_VERSION_SCHEMA:
		return &cfg->version_schema;
	case KEY_DEV_URL:
		return &cfg->dev_url;
	case KEY_MODEL_COMMAND:
		return &cfg->model_command;
	default:
		return NULL; /* not a string: statement_lock_timeout, single_transaction,
			      * exclude, dialects, safe, roles */
	}
}

/* Moves the messages of the values that could not be expanded into `cfg`
 * and clears their fields, which fill() gave defaults. */
static int keep_unset(dbt_config *cfg, struct loader *ld)
{
	int k;

	for (k = 0; k < NKEYS; k++) {
		struct dbt_config_unset *u;

		if (!ld->unset[k])
			continue;
		u = realloc(cfg->unset, (cfg->nunset + 1) * sizeof(*u));
		if (!u)
			return dbt_error_oom();
		cfg->unset = u;
		u += cfg->nunset;
		u->key = strdup(key_names[k]);
		if (!u->key)
			return dbt_error_oom();
		u->message = ld->unset[k];
		ld->unset[k] = NULL;
		cfg->nunset++;
		if (field(cfg, k)) {
			free(*field(cfg, k));
			*field(cfg, k) = NULL;
		}
	}
	return 0;
}

/* Runs inih over the open file; the keys land in ld->values. */
static int parse(struct loader *ld)
{
	char why[128];
	int line;

	line = ini_parse_stream(read_line, ld, on_value, ld);
	if (ld->read_errno) {
		describe_errno(why, sizeof(why), ld->read_errno);
		return dbt_error_set(DBT_ERROR, "cannot read config file '%s': %s", ld->path, why);
	}
	/* inih keeps going past a malformed line and returns the first bad
	 * line, which may come before the failure our handler found. */
	if (line > 0 && (!ld->rc || line < ld->errline))
		return dbt_error_set(DBT_EPARSE,
				     "%s:%d: malformed line (expected '[section]' or 'key = "
				     "value')",
				     ld->path, line);
	if (ld->rc)
		return ld->rc;
	if (line < 0)
		return dbt_error_oom();
	return 0;
}

int dbt_config_load(dbt_config *out, const char *path, int missing_ok)
{
	struct loader ld = {0};
	dbt_config cfg = {0};
	char why[128];
	int rc, k;

	memset(out, 0, sizeof(*out));
	if (!path)
		path = "dbtool.ini";
	ld.path = path;
	ld.f = fopen(path, "r");
	if (!ld.f) {
		int err = errno;

		if (err != ENOENT || !missing_ok) {
			describe_errno(why, sizeof(why), err);
			return dbt_error_set(err == ENOENT ? DBT_ENOTFOUND : DBT_ERROR,
					     "cannot open config file '%s': %s", path, why);
		}
		cfg.dir = strdup(".");
		rc = cfg.dir ? fill(&cfg, ld.values) : dbt_error_oom();
		goto cleanup;
	}
	rc = parse(&ld);
	if (rc)
		goto cleanup;
	cfg.path = strdup(path);
	cfg.dir = dbt_fs_dirname(path);
	if (!cfg.path || !cfg.dir) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	rc = fill(&cfg, ld.values);
	if (rc == 0)
		rc = lock_timeout_value(&cfg, &ld);
	if (rc == 0)
		rc = single_transaction_value(&cfg, &ld);
	if (rc == 0)
		rc = exclude_value(&cfg, &ld);
	if (rc == 0)
		rc = roles_value(&cfg, &ld);
	if (rc == 0)
		rc = model_command_value(&cfg, &ld);
	if (rc == 0)
		rc = dialects_value(&cfg, &ld);
	if (rc == 0)
		rc = safe_value(&cfg, &ld);
	if (!rc)
		rc = keep_unset(&cfg, &ld);
cleanup:
	if (ld.f)
		fclose(ld.f);
	for (k = 0; k < NKEYS; k++) {
		free(ld.values[k]);
		free(ld.unset[k]);
	}
	if (rc)
		dbt_config_release(&cfg);
	else
		*out = cfg;
	return rc;
}

int dbt_config_need(const dbt_config *cfg, const char *key)
{
	size_t i;

	for (i = 0; cfg && i < cfg->nunset; i++)
		if (!strcmp(cfg->unset[i].key, key))
			return dbt_error_set(DBT_EPARSE, "%s", cfg->unset[i].message);
	return 0;
}

const char *dbt_config_pick_url(const dbt_config *cfg, const char *cli_url)
{
	const char *env;

	if (cli_url) {
		if (*cli_url)
			return cli_url;
		dbt_error_set(DBT_EPARSE, "the url given with --url is empty");
		return NULL;
	}
	env = getenv("DATABASE_URL");
	if (env && *env)
		return env;
	if (cfg && cfg->url && *cfg->url)
		return cfg->url;
	if (dbt_config_need(cfg, "url") < 0)
		return NULL;
	dbt_error_set(DBT_ENOTFOUND, "no database url: set url in %s, DATABASE_URL or --url",
		      cfg && cfg->path ? cfg->path : "dbtool.ini");
	return NULL;
}

void dbt_config_release(dbt_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->dir);
	free(cfg->url);
	free(cfg->script_location);
	free(cfg->model);
	free(cfg->schema);
	free(cfg->version_schema);
	free(cfg->dev_url);
	dbt_exclude_free(cfg->exclude, cfg->nexclude);
	dbt_exclude_free(cfg->roles, cfg->nroles);
	free(cfg->model_command);
	for (i = 0; i < cfg->nunset; i++) {
		free(cfg->unset[i].key);
		free(cfg->unset[i].message);
	}
	free(cfg->unset);
	memset(cfg, 0, sizeof(*cfg));
}

/* 1 when `url` names an SQLite file by a relative path that, written in
 * the config file, is relative to the file's folder (when that is not
 * the current one), as the other paths there are. */
static int needs_config_dir(const dbt_config *cfg, const dbt_url *url)
{
	return url->kind == DBT_DIALECT_SQLITE && url->database && url->database[0] != '/' &&
	       cfg->dir && strcmp(cfg->dir, ".");
}

int dbt_config_url(dbt_url *out, const dbt_config *cfg, const char *url)
{
	const char *text = dbt_config_pick_url(cfg, url);
	int from_config = text && cfg && text == cfg->url;
	char *p;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text)
		return url || dbt_config_need(cfg, "url") < 0 ? DBT_EPARSE : DBT_ENOTFOUND;
	if ((rc = dbt_url_parse(out, text)) < 0)
		return from_config ? dbt_error_prefix(rc, "%s: url",
						      cfg->path ? cfg->path : "dbtool.ini")
				   : rc;
	if (!from_config || !needs_config_dir(cfg, out))
		return 0;
	if (!(p = dbt_fs_join(cfg->dir, out->database))) {
		dbt_url_release(out);
		return dbt_error_oom();
	}
	free(out->database);
	out->database = p;
	return 0;
}

int dbt_config_dev_url(char **out, const dbt_config *cfg, const char *dev_url)
{
	const char *text = dev_url ? dev_url : cfg->dev_url;
	dbt_url u;
	char *p = NULL;
	int n;

	*out = NULL;
	if (!dev_url && dbt_config_need(cfg, "dev_url") < 0)
		return DBT_EPARSE;
	if (!text)
		return 0;
	/* Only the config file's is resolved, and only when the URL can be
	 * written again from its parts: it has no query (?mode=...).  One
	 * that does not parse goes as it is, for its first use to report. */
	if (!dev_url && !strchr(text, '?') && dbt_url_parse(&u, text) == 0) {
		if (needs_config_dir(cfg, &u)) {
			n = snprintf(NULL, 0, "sqlite:///%s/%s", cfg->dir, u.database);
			if (n >= 0 && (p = malloc((size_t)n + 1)) != NULL)
				snprintf(p, (size_t)n + 1, "sqlite:///%s/%s", cfg->dir, u.database);
			dbt_url_release(&u);
			if (!p)
				return dbt_error_oom();
			*out = p;
			return 0;
		}
		dbt_url_release(&u);
	}
	if (!(*out = strdup(text)))
		return dbt_error_oom();
	return 0;
}

int dbt_config_apply(dbt_conn *conn, const dbt_config *cfg, const char *dev_url,
		     int statement_lock_timeout_ms)
{
	char *dev = NULL;
	int rc;

	if ((rc = dbt_config_need(cfg, "version_schema")) < 0 ||
	    (statement_lock_timeout_ms < 0 &&
	     (rc = dbt_config_need(cfg, "statement_lock_timeout")) < 0) ||
	    (rc = dbt_config_dev_url(&dev, cfg, dev_url)) < 0)
		return rc;
	rc = dbt_conn_set_dev_url(conn, dev);
	free(dev);
	if (rc < 0)
		return rc;
	if ((rc = dbt_conn_set_version_schema(conn, cfg->version_schema)) < 0)
		return dbt_error_prefix(rc, "%s: version_schema",
					cfg->path ? cfg->path : "dbtool.ini");
	/* Every command that reads the schema leaves out what exclude names. */
	if ((rc = dbt_conn_set_exclude(conn, cfg->exclude, cfg->nexclude)) < 0 ||
	    (rc = dbt_conn_set_roles(conn, cfg->roles, cfg->nroles)) < 0)
		return rc;
	if (statement_lock_timeout_ms >= 0)
		dbt_conn_set_statement_lock_timeout(conn, statement_lock_timeout_ms);
	else if (cfg->statement_lock_timeout_s >= 0)
		dbt_conn_set_statement_lock_timeout(conn, cfg->statement_lock_timeout_s * 1000);
	return 0;
}
