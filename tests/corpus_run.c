/*
 * corpus_run.c - the corpus-wide tests in one process: the cases of
 * tests/e2e/test_corpus.sh (mode "corpus"), of test_migrate.sh's change
 * pairs (mode "migrate", in corpus_run_migrate.c), of test_dump.sh (mode
 * "dump") and test_inspect_corpus.sh (mode "inspect", both in
 * corpus_run_dump.c), with the assertions of those scripts, run through
 * the library calls the dbtool commands make (corpus_run_cmd.c) instead
 * of one dbtool process per step.
 *
 *   corpus_run corpus|migrate|dump|inspect sqlite|postgres [CORPUS_DIR]
 *   corpus_run corpus|migrate mariadb [CORPUS_DIR]
 *
 * CORPUS_DIR defaults to $DBTOOL_SOURCE_ROOT/tests/corpus.  PostgreSQL
 * runs need DBTOOL_TEST_PG_URL, MariaDB runs DBTOOL_TEST_MYSQL_URL: each
 * worker makes a database of its own there and drops it at the end.
 * The corpus files name MariaDB/MySQL "mysql" (their `-- dialect:`
 * headers, expected.mysql); its plain connection quotes names with "..."
 * (ANSI_QUOTES), as the portable data.sql and keep.sql of the pairs do.  The dumps run pg_dump (DBTOOL_PG_DUMP,
 * else the one of the folder `scripts/pg-cluster bindir` prints, else the
 * one in PATH) or sqlite3.  DBTOOL_CORPUS_ONLY (the other modes) and
 * DBTOOL_MIGRATE_ONLY (migrate) select the cases whose path or
 * pair name (migrate) matches the extended regular expression, as in the
 * scripts; DBTOOL_E2E_JOBS sets the number of workers (default 2).  Each
 * case is one "ok N - ..." or "not ok N - ..." line, the latter with the
 * step that failed and the command's output; the run fails when a case
 * failed, when no case ran, or, unfiltered, when the corpus holds fewer
 * cases than the scripts require.
 *
 * The workers are processes (fork), each in its own project folder with
 * its own database; the cases are shared out by index and each case's
 * report goes to a file of its own, which the parent prints in order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "../cmd/cmd.h"
#include "buf.h"
#include "corpus_run.h"
#include "mysql.h"
#include "pq.h"

/* The corpus must not shrink unnoticed: test_corpus.sh's counts. */
#define MIN_SCHEMAS 85
#define MIN_PAIRS 65
#define MIN_BAD 32

const char *g_pg_password;     /* decoded, NULL when none */
const char *g_pg_password_raw; /* as written in the URL */

/* ------------------------------------------------------------ strings */

char *xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (!p) {
		fputs("Bail out! out of memory\n", stdout);
		exit(1);
	}
	return p;
}

char *vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("Bail out! out of memory\n", stdout);
		exit(1);
	}
	return s;
}

char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = vfmt(f, ap);
	va_end(ap);
	return s;
}

void sl_push(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v) {
			fputs("Bail out! out of memory\n", stdout);
			exit(1);
		}
	}
	l->v[l->n++] = xstrdup(s);
}

void sl_pushf(struct strlist *l, const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = vfmt(f, ap);
	va_end(ap);
	sl_push(l, s);
	free(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Byte order, as LC_ALL=C sort. */
void sl_sort(struct strlist *l)
{
	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_str);
}

void sl_clear(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void sl_lines(struct strlist *l, const char *text)
{
	const char *p = text, *nl;

	while (p && *p) {
		char *line;

		nl = strchr(p, '\n');
		line = nl ? strndup(p, (size_t)(nl - p)) : xstrdup(p);
		sl_push(l, line);
		free(line);
		p = nl ? nl + 1 : NULL;
	}
}

char *sl_join(const struct strlist *l, const char *sep)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	for (i = 0; i < l->n; i++)
		fprintf(f, "%s%s", i ? sep : "", l->v[i]);
	fclose(f);
	return buf;
}

int sl_eq(const struct strlist *a, const struct strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]))
			return 0;
	return 1;
}

/* -------------------------------------------------------------- files */

char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, n;
	char chunk[8192];
	FILE *m;

	if (!f)
		return NULL;
	m = open_memstream(&buf, &len);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, n, m);
	fclose(f);
	fclose(m);
	return buf;
}

int copy_file(const char *from, const char *to)
{
	char *text = slurp(from);
	FILE *f;
	int rc = -1;

	if (!text)
		return -1;
	if ((f = fopen(to, "wb")) != NULL) {
		rc = fputs(text, f) < 0 ? -1 : 0;
		if (fclose(f))
			rc = -1;
	}
	free(text);
	return rc;
}

int file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

const char *w_dialect(const struct worker *w)
{
	return w->postgres ? "postgres" : w->mysql ? "mysql" : "sqlite";
}

char *for_dialect(const struct worker *w, const char *file)
{
	char *p = fmt("%s.%s", file, w_dialect(w));

	if (file_exists(p))
		return p;
	free(p);
	return xstrdup(file);
}

/* 1 when the blank-separated `list` (up to a '(' that opens a reason)
 * names `dialect`. */
static int names_dialect(const char *list, const char *dialect)
{
	size_t n = strlen(dialect), k;

	while (*list && *list != '(') {
		k = strcspn(list, " \t(");
		if (k == n && !strncmp(list, dialect, n))
			return 1;
		list += k;
		list += strspn(list, " \t");
	}
	return 0;
}

int for_this_dialect(const char *dialect, const char *model)
{
	char line[512] = "";
	FILE *f = fopen(model, "r");

	if (!f)
		return 1;
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	if (!strncmp(line, "-- dialect: ", 12))
		return names_dialect(line + 12, dialect);
	if (!strncmp(line, "-- only: ", 9))
		return names_dialect(line + 9, dialect);
	if (!strncmp(line, "-- not-dialect: ", 16))
		return !names_dialect(line + 16, dialect);
	return 1;
}

/* -------------------------------------------------- the plain connection */

static int raw_sqlite(struct worker *w, const char *sql, struct strlist *rows, char **err,
		      int script)
{
	sqlite3 *db = w->raw;
	sqlite3_stmt *st = NULL;
	const char *tail = sql;
	int rc = 0, i, n;

	*err = NULL;
	/* This connection's picture of the schema may be of the pair before
	 * (the library's connection changed it since): a statement that reads
	 * the schema makes SQLite check its cookie and read it again, where a
	 * statement prepared against the old picture may fail at once ("cannot
	 * INSERT into generated column" of a table of that name before). */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema LIMIT 1", -1, &st, NULL) ==
	    SQLITE_OK)
		sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	while (tail && *tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
			*err = xstrdup(sqlite3_errmsg(db));
			return -1;
		}
		if (!st)
			continue; /* blanks or a comment */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct strlist vals = {0};
			char *line;

			n = sqlite3_column_count(st);
			for (i = 0; i < n; i++) {
				const unsigned char *v = sqlite3_column_text(st, i);

				sl_push(&vals, v ? (const char *)v : "");
			}
			line = sl_join(&vals, "|");
			if (rows)
				sl_push(rows, line);
			free(line);
			sl_clear(&vals);
		}
		if (rc != SQLITE_DONE) {
			*err = xstrdup(sqlite3_errmsg(db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		st = NULL;
		if (!script)
			break;
	}
	return 0;
}

static int raw_pg(struct worker *w, const char *sql, struct strlist *rows, char **err)
{
	PGresult *res = PQexec(w->raw, sql);
	ExecStatusType st = PQresultStatus(res);
	int i, j;

	*err = NULL;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		*err = xstrdup(res ? PQresultErrorMessage(res) : PQerrorMessage(w->raw));
		(*err)[strcspn(*err, "\n")] = 0;
		PQclear(res);
		return -1;
	}
	for (i = 0; rows && st == PGRES_TUPLES_OK && i < PQntuples(res); i++) {
		struct strlist vals = {0};
		char *line;

		for (j = 0; j < PQnfields(res); j++)
			sl_push(&vals, PQgetisnull(res, i, j) ? "" : PQgetvalue(res, i, j));
		line = sl_join(&vals, "|");
		sl_push(rows, line);
		free(line);
		sl_clear(&vals);
	}
	PQclear(res);
	return 0;
}

static int raw_mysql(struct worker *w, const char *sql, struct strlist *rows, char **err)
{
	dbt_mysql_rows res;
	size_t i, j;

	*err = NULL;
	if (dbt_mysql_query(&res, w->raw, sql) < 0) {
		*err = xstrdup(dbt_error_last());
		return -1;
	}
	for (i = 0; rows && i < res.nrows; i++) {
		struct strlist vals = {0};
		char *line;

		for (j = 0; j < res.ncols; j++) {
			const char *v = dbt_mysql_cell(&res, i, j);

			sl_push(&vals, v ? v : "");
		}
		line = sl_join(&vals, "|");
		sl_push(rows, line);
		free(line);
		sl_clear(&vals);
	}
	dbt_mysql_rows_release(&res);
	return 0;
}

int raw_query(struct worker *w, const char *sql, struct strlist *rows, char **err)
{
	if (w->mysql)
		return raw_mysql(w, sql, rows, err);
	return w->postgres ? raw_pg(w, sql, rows, err) : raw_sqlite(w, sql, rows, err, 0);
}

int raw_script(struct worker *w, const char *sql, char **err)
{
	if (w->mysql) {
		*err = NULL;
		if (dbt_mysql_exec_script(w->raw, sql, NULL, 1) < 0) {
			*err = xstrdup(dbt_error_last());
			return -1;
		}
		return 0;
	}
	return w->postgres ? raw_pg(w, sql, NULL, err) : raw_sqlite(w, sql, NULL, err, 1);
}

int db_tables(struct worker *w, struct strlist *out)
{
	char *err = NULL;
	int rc = raw_query(
		w,
		w->postgres ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
			      "tablename <> 'dbtool_history'"
		: w->mysql
			? "SELECT table_name FROM information_schema.tables WHERE table_schema = "
			  "DATABASE() AND table_type = 'BASE TABLE' AND table_name NOT IN "
			  "('dbtool_history', 'dbtool_journal')"
			: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
			  "'sqlite_%' AND name <> 'dbtool_history'",
		out, &err);

	if (rc < 0)
		why(w, "cannot list the tables: %s", err);
	free(err);
	sl_sort(out);
	return rc;
}

/* ------------------------------------------------- workers and databases */

static int open_conns(struct worker *w)
{
	dbt_url url;

	if (dbt_url_parse(&url, w->url) < 0 || dbt_conn_open(&w->conn, &url) < 0) {
		printf("Bail out! cannot connect the library to the test database: %s\n",
		       dbt_error_last());
		return -1;
	}
	dbt_url_release(&url);
	if (dbt_conn_set_version_schema(w->conn, w->cfg.version_schema) < 0 ||
	    dbt_conn_set_exclude(w->conn, w->cfg.exclude, w->cfg.nexclude) < 0) {
		printf("Bail out! %s\n", dbt_error_last());
		return -1;
	}
	if (w->mysql) {
		dbt_conn *raw = NULL;

		if (dbt_url_parse_mysql(&url, w->url) < 0 || dbt_mysql_open(&raw, &url, 0) < 0) {
			printf("Bail out! cannot connect to the test database: %s\n",
			       dbt_error_last());
			return -1;
		}
		dbt_url_release(&url);
		w->raw = raw;
		if (dbt_mysql_exec(raw, "SET SESSION sql_mode = CONCAT(@@sql_mode, "
					"',ANSI_QUOTES')") < 0) {
			printf("Bail out! %s\n", dbt_error_last());
			return -1;
		}
	} else if (w->postgres) {
		const char *keys[] = {"dbname", NULL}, *vals[] = {w->url, NULL};

		w->raw = PQconnectdbParams(keys, vals, 1);
		if (PQstatus(w->raw) != CONNECTION_OK) {
			printf("Bail out! cannot connect to the test database\n");
			return -1;
		}
		PQclear(PQexec(w->raw, "SET client_min_messages = warning"));
	} else {
		if (sqlite3_open(w->db_file, (sqlite3 **)&w->raw) != SQLITE_OK) {
			printf("Bail out! cannot open '%s'\n", w->db_file);
			return -1;
		}
		sqlite3_busy_timeout(w->raw, 10000);
	}
	return 0;
}

static void close_conns(struct worker *w)
{
	dbt_conn_close(w->conn);
	w->conn = NULL;
	if (w->mysql)
		dbt_mysql_close(w->raw);
	else if (w->postgres)
		PQfinish(w->raw);
	else
		sqlite3_close(w->raw);
	w->raw = NULL;
}

/* PostgreSQL: drops the schemas other than public that a case made (the
 * pairs 1000 and later), which drop-all leaves. */
static void drop_other_schemas(struct worker *w)
{
	char *err = NULL;

	raw_script(w,
		   "DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace "
		   "WHERE nspname !~ '^pg_' AND nspname NOT IN ('public', 'information_schema') "
		   "LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$",
		   &err);
	free(err);
}

void force_empty(struct worker *w)
{
	char *err = NULL;
	glob_t g;
	size_t i;
	char *pat;

	for (i = 0; i < 2; i++) {
		pat = i ? fmt("%s/*.sql", w->held)
			: fmt("%s/versions/*.sql", w->cfg.script_location);
		if (glob(pat, 0, NULL, &g) == 0) {
			size_t k;

			for (k = 0; k < g.gl_pathc; k++)
				unlink(g.gl_pathv[k]);
			globfree(&g);
		}
		free(pat);
	}
	if (w->postgres) {
		drop_other_schemas(w);
		raw_script(w, "DROP SCHEMA public CASCADE; CREATE SCHEMA public", &err);
		free(err);
		return;
	}
	if (w->mysql) {
		dbt_buf q = DBT_BUF_INIT;
		const char *db = dbt_mysql_database(w->raw);

		dbt_buf_puts(&q, "DROP DATABASE ");
		dbt_mysql_quote_ident(&q, db);
		dbt_buf_puts(&q, "; CREATE DATABASE ");
		dbt_mysql_quote_ident(&q, db);
		if (dbt_mysql_exec_script(w->raw, dbt_buf_str(&q), NULL, 1) < 0) {
			printf("Bail out! cannot empty the test database: %s\n", dbt_error_last());
			exit(1);
		}
		dbt_buf_release(&q);
		/* Both sessions used the database dropped. */
		close_conns(w);
		if (open_conns(w) < 0)
			exit(1);
		return;
	}
	close_conns(w);
	unlink(w->db_file);
	if (open_conns(w) < 0)
		exit(1);
}

/* A name as an SQL identifier, quoted (a worker's database name). */
static char *quote_ident(const char *name)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fputc('"', f);
	for (; *name; name++) {
		if (*name == '"')
			fputc('"', f);
		fputc(*name, f);
	}
	fputc('"', f);
	fclose(f);
	return buf;
}

/* The cluster's URL with another database: scheme://authority/NAME?query. */
static char *pg_url_for(const char *base, const char *name)
{
	regex_t re;
	regmatch_t m[4];
	char *url = NULL;

	if (regcomp(&re, "^([A-Za-z0-9+.-]+://[^/?]*)(/[^?]*)?(\\?.*)?$", REG_EXTENDED))
		return NULL;
	if (regexec(&re, base, 4, m, 0) == 0)
		url = fmt("%.*s/%s%s", (int)(m[1].rm_eo - m[1].rm_so), base + m[1].rm_so, name,
			  m[3].rm_so >= 0 ? base + m[3].rm_so : "");
	regfree(&re);
	return url;
}

static int admin_exec(const char *base, const char *sql)
{
	const char *keys[] = {"dbname", NULL}, *vals[] = {base, NULL};
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	PGresult *res;
	int rc = -1;

	if (PQstatus(c) == CONNECTION_OK) {
		res = PQexec(c, sql);
		rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
		if (rc < 0)
			printf("# %s", PQresultErrorMessage(res));
		PQclear(res);
	} else {
		printf("# cannot connect to the test cluster\n");
	}
	PQfinish(c);
	return rc;
}

/* Runs `sql` on the MariaDB server of `base` (its URL's database). */
static int my_admin_exec(const char *base, const char *sql)
{
	dbt_conn *c = NULL;
	dbt_url url;
	int rc = -1;

	if (dbt_url_parse_mysql(&url, base) == 0) {
		if (dbt_mysql_open(&c, &url, 0) == 0)
			rc = dbt_mysql_exec_script(c, sql, NULL, 1);
		dbt_url_release(&url);
	}
	if (rc < 0)
		printf("# %s\n", dbt_error_last());
	dbt_mysql_close(c);
	return rc < 0 ? -1 : 0;
}

/* A database name for the MariaDB server, quoted; caller frees. */
static char *my_quote_ident(const char *name)
{
	dbt_buf b = DBT_BUF_INIT;
	char *q;

	dbt_mysql_quote_ident(&b, name);
	q = xstrdup(dbt_buf_str(&b));
	dbt_buf_release(&b);
	return q;
}

/* The password of the cluster's URL, as written and decoded. */
static void find_password(const char *url)
{
	const char *p = strstr(url, "://"), *at, *colon;
	char *raw, *dec, *d;

	if (!p)
		return;
	p += 3;
	at = p + strcspn(p, "@/");
	if (*at != '@')
		return;
	colon = memchr(p, ':', (size_t)(at - p));
	if (!colon)
		return;
	raw = strndup(colon + 1, (size_t)(at - colon - 1));
	dec = xstrdup(raw);
	for (p = raw, d = dec; *p; p++) {
		unsigned v;

		if (*p == '%' && sscanf(p + 1, "%2x", &v) == 1) {
			*d++ = (char)v;
			p += 2;
		} else {
			*d++ = *p;
		}
	}
	*d = 0;
	g_pg_password_raw = raw;
	g_pg_password = dec;
}

/* Sets up worker `w`'s project in `root`/wN: dbtool init, the config,
 * the connections. */
static int worker_start(struct worker *w, const char *root, int n, int postgres, int mysql)
{
	w->postgres = postgres;
	w->mysql = mysql;
	w->dir = fmt("%s/w%d", root, n);
	w->held = fmt("%s/held%d", root, n);
	if (mkdir(w->dir, 0700) < 0 || mkdir(w->held, 0700) < 0 || chdir(w->dir) < 0) {
		printf("Bail out! cannot make '%s': %s\n", w->dir, strerror(errno));
		return -1;
	}
	if (dbt_project_init("migrations", NULL) < 0 ||
	    dbt_config_load(&w->cfg, "dbtool.ini", 0) < 0) {
		printf("Bail out! dbtool init: %s\n", dbt_error_last());
		return -1;
	}
	if (!postgres && !mysql) {
		w->db_file = fmt("%s/app.db", w->dir);
		w->url = fmt("sqlite:///%s", w->db_file);
	}
	return open_conns(w);
}

/* --------------------------------------------------------- the corpus */

static regex_t g_only;
static int g_has_only;

static int selected(const char *s)
{
	return !g_has_only || regexec(&g_only, s, 0, NULL, 0) == 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* A case's folder and name, as the reports give it: "changes/NNN_name". */
static const char *corpus_name(const char *path)
{
	const char *s = base_name(path);

	while (s > path && s[-1] == '/')
		s--;
	while (s > path && s[-1] != '/')
		s--;
	return s;
}

/* A name as `check` prints it, unquoted: "a ""b""" becomes a "b". */
static char *unquote(const char *s)
{
	size_t n = strlen(s);
	char *out, *d;

	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return xstrdup(s);
	out = d = strndup(s + 1, n - 2);
	for (s = out; *s; s++) {
		*d++ = *s;
		if (s[0] == '"' && s[1] == '"')
			s++;
	}
	*d = 0;
	return out;
}

static void schema_case(struct worker *w, const char *f, struct strlist *report)
{
	static const char *const allowed[] = {"+ table ",	 "+ index ",
					      "+ unique index ", "+ foreign key ",
					      "+ schema ",	 "+ extension ",
					      "+ enum ",	 "+ type ",
					      "+ domain ",	 "+ sequence ",
					      "+ function ",	 "+ procedure ",
					      "+ view ",	 "+ materialized view ",
					      "+ statistics ",	 "+ collation ",
					      "+ trigger ",	 "+ row level security ",
					      "+ policy ",	 "+ comment ",
					      "+ grant ",	 NULL};
	struct res r = {0};
	struct strlist created = {0}, left = {0}, lines = {0}, listed = {0}, others = {0};
	char *s, *t;
	size_t i, k;

	if (copy_file(f, "schema.sql") < 0)
		why(w, "cannot copy '%s' to schema.sql", f);
	step(w, &r, 0, "create-all", cmd_create_all_, NULL);
	if (ok(w) && db_tables(w, &created) == 0) {
		for (i = 0; i < created.n; i++)
			if (!strcmp(created.v[i], "dbtool_version")) {
				free(created.v[i]);
				memmove(created.v + i, created.v + i + 1,
					(created.n - i - 1) * sizeof(char *));
				created.n--;
				break;
			}
		if (!created.n)
			why(w, "create-all created no table");
	}
	/* The round trip: what was created is what the model says. */
	if (step(w, &r, 0, "check after create-all", cmd_check_, NULL) == 0 && *r.out) {
		s = show_output(&r);
		why(w, "check after create-all printed findings:\n%s", s);
		free(s);
	}
	if (step(w, &r, 0, "drop-all", cmd_drop_all_, NULL) == 0 && db_tables(w, &left) == 0 &&
	    left.n) {
		s = sl_join(&left, " ");
		why(w, "drop-all left tables: %s", s);
		free(s);
	}
	/* Now the model is all missing: one "+ table" per table, and only
	 * the model's indexes besides (and, for a foreign-key cycle, the
	 * foreign keys added after both tables, and the model's objects). */
	if (step(w, &r, 1, "check after drop-all", cmd_check_, NULL) == 0) {
		sl_lines(&lines, r.out);
		for (i = 0; i < lines.n; i++) {
			if (!strncmp(lines.v[i], "+ table ", 8)) {
				t = unquote(lines.v[i] + 8);
				sl_push(&listed, t);
				free(t);
			}
			for (k = 0;
			     allowed[k] && strncmp(lines.v[i], allowed[k], strlen(allowed[k])); k++)
				;
			if (!allowed[k])
				sl_push(&others, lines.v[i]);
		}
		sl_sort(&listed);
		if (!sl_eq(&listed, &created) || others.n) {
			s = show_output(&r);
			t = sl_join(&created, " ");
			why(w,
			    "check after drop-all should list the tables '%s' and their "
			    "indexes:\n%s",
			    t, s);
			free(s);
			free(t);
		}
	}
	sl_pushf(report, "schemas/%s: create-all, check finds nothing, drop-all leaves nothing",
		 base_name(f));
	res_clear(&r);
	sl_clear(&created);
	sl_clear(&left);
	sl_clear(&lines);
	sl_clear(&listed);
	sl_clear(&others);
}

/* create_all WHAT: create-all of a pair's model, in the database that
 * drop-all emptied, so that it must create every table; its output says
 * so without a query of the database. */
static void pair_create_all(struct worker *w, struct res *r, const char *what)
{
	char *d = fmt("create-all of %s", what), *s;

	if (step(w, r, 0, d, cmd_create_all_, NULL) == 0 && strncmp(r->err, "create table ", 13) &&
	    !strstr(r->err, "\ncreate table ")) {
		s = show_output(r);
		why(w, "create-all of %s created no table:\n%s", what, s);
		free(s);
	}
	free(d);
}

/* check prints exactly the file `expected`: a failure shows both. */
static void check_prints(struct worker *w, struct res *r, const char *what, const char *file)
{
	char *want = slurp(file), *s;

	if (!want || strcmp(want, r->out)) {
		s = show_output(r);
		why(w, "%s should print exactly:\n%s%s", what,
		    want ? want : "(cannot read the file)\n", s);
		free(s);
	}
	free(want);
}

static void pair_case(struct worker *w, const char *d, struct strlist *report)
{
	struct res r = {0};
	char *a = fmt("%s/a.sql", d), *b = fmt("%s/b.sql", d), *e = fmt("%s/expected", d),
	     *rv = fmt("%s/reverse", d), *expected = for_dialect(w, e), *reverse = NULL, *s;

	/* Database from a, model b: exactly the expected findings. */
	copy_file(a, "schema.sql");
	pair_create_all(w, &r, "a.sql");
	copy_file(b, "schema.sql");
	if (step(w, &r, 1, "check of b.sql against a.sql", cmd_check_, NULL) == 0)
		check_prints(w, &r, "check of b.sql against a.sql", expected);
	step(w, &r, 0, "drop-all", cmd_drop_all_, NULL);

	/* The other way round: exactly `reverse` when the pair has one, else
	 * anything. */
	pair_create_all(w, &r, "b.sql");
	copy_file(a, "schema.sql");
	if (step(w, &r, 1, "check of a.sql against b.sql", cmd_check_, NULL) == 0) {
		if (file_exists(rv)) {
			reverse = for_dialect(w, rv);
			check_prints(w, &r, "check of a.sql against b.sql", reverse);
		} else if (!*r.out) {
			s = show_output(&r);
			why(w, "check of a.sql against b.sql printed no finding:\n%s", s);
			free(s);
		}
	}
	step(w, &r, 0, "drop-all", cmd_drop_all_, NULL);
	sl_pushf(report, "pairs/%s: check prints exactly the difference, both ways", base_name(d));
	res_clear(&r);
	free(a);
	free(b);
	free(e);
	free(rv);
	free(expected);
	free(reverse);
}

/* A database with tables and rows, which no bad model may touch: every
 * object of it and its row counts, in one query. */
static char *fingerprint(struct worker *w)
{
	struct strlist rows = {0};
	char *err = NULL, *s;

	if (raw_query(w,
		      w->mysql ? "SELECT CONCAT_WS(' ', (SELECT GROUP_CONCAT(CONCAT(table_type, "
				 "':', table_name) ORDER BY table_type, table_name SEPARATOR ' ') "
				 "FROM information_schema.tables WHERE table_schema = DATABASE()), "
				 "(SELECT GROUP_CONCAT(CONCAT(table_name, '.', index_name, '.', "
				 "column_name) ORDER BY 1 SEPARATOR ' ') FROM "
				 "information_schema.statistics WHERE table_schema = DATABASE())), "
				 "(SELECT count(*) FROM users), (SELECT count(*) FROM characters)"
		      : w->postgres
			      ? "SELECT (SELECT string_agg(c.relkind::text || ':' || "
				"c.relname, ' ' ORDER BY "
				"c.relkind, c.relname) FROM pg_class c JOIN pg_namespace n ON "
				"n.oid = "
				"c.relnamespace WHERE n.nspname = 'public'), (SELECT count(*) "
				"FROM users), "
				"(SELECT count(*) FROM characters)"
			      : "SELECT (SELECT group_concat(x, ' ') FROM (SELECT type || ':' "
				"|| name AS x "
				"FROM sqlite_master ORDER BY 1)), (SELECT count(*) FROM "
				"users), (SELECT "
				"count(*) FROM characters)",
		      &rows, &err) < 0) {
		s = fmt("(cannot read: %s)", err);
		free(err);
		return s;
	}
	s = sl_join(&rows, "\n");
	sl_clear(&rows);
	return s;
}

static char *g_bad_before;

static int bad_setup(struct worker *w, const char *corpus)
{
	struct res r = {0};
	char *f = fmt("%s/schemas/001_users_characters.sql", corpus), *err = NULL;
	const char *p;
	int rc = 0;

	force_empty(w);
	copy_file(f, "schema.sql");
	free(f);
	cmd_create_all_(w, &r, NULL);
	if (r.status != 0 ||
	    raw_script(w,
		       "INSERT INTO users (id, name, email) VALUES (1, 'ann', 'ann@example.com')",
		       &err) < 0) {
		printf("# create-all of the database for the bad models failed: %s\n",
		       err ? err : r.err);
		rc = -1;
	}
	g_bad_before = fingerprint(w);
	p = strchr(g_bad_before, '|');
	if (!rc && (!p || strcmp(p, "|1|0"))) {
		printf("# the database for the bad models should hold tables and a row: %s\n",
		       g_bad_before);
		rc = -1;
	}
	free(err);
	res_clear(&r);
	return rc;
}

static void bad_case(struct worker *w, const char *f, struct strlist *report)
{
	static const char *const commands[] = {"check", "create-all"};
	struct res r = {0};
	char *stem = strndup(f, strlen(f) - 4), *e = fmt("%s.expected", stem),
	     *expected = for_dialect(w, e), *text = slurp(expected), *want, *after, *s;
	size_t n;
	int i;

	if (!text)
		text = xstrdup("");
	n = strlen(text);
	while (n && text[n - 1] == '\n')
		text[--n] = 0;
	want = fmt("dbtool: error: %s\n", text);
	copy_file(f, "schema.sql");
	for (i = 0; i < 2; i++) {
		if (step(w, &r, 1, commands[i], i ? cmd_create_all_ : cmd_check_, NULL) == 0 &&
		    (strcmp(r.err, want) || *r.out)) {
			s = show_output(&r);
			why(w,
			    "%s should print exactly '%.*s' on stderr and nothing on stdout:\n%s",
			    commands[i], (int)strlen(want) - 1, want, s);
			free(s);
		}
	}
	after = fingerprint(w);
	if (ok(w) && strcmp(after, g_bad_before))
		why(w, "the database changed:\nbefore:\n%s\nafter:\n%s", g_bad_before, after);
	sl_pushf(report,
		 "bad/%s: check and create-all reject it with its place, database untouched",
		 base_name(f));
	res_clear(&r);
	free(stem);
	free(e);
	free(expected);
	free(text);
	free(want);
	free(after);
}

/* ---------------------------------------------------------------- main */

/*
 * The cases a dialect runs that fail there because of dbtool, not the
 * database: tests/corpus/<dialect>.todo, one "MODE NAME REASON" line each
 * (MODE corpus or migrate; NAME as the reports give it:
 * schemas/NNN_name.sql, pairs/NNN_name, changes/NNN_name), '#' lines and
 * blank ones aside; only the lines of the run's mode are kept.  They still run: a
 * failure is reported "# TODO" and does not fail the run, a success does
 * (the line must go, so that the list only shrinks).
 */
static struct strlist g_todo;

static void load_todo(const char *corpus, const char *dialect, const char *mode)
{
	size_t m = strlen(mode);
	char *path = fmt("%s/%s.todo", corpus, dialect), *text = slurp(path);
	struct strlist lines = {0};
	size_t i;

	sl_lines(&lines, text ? text : "");
	for (i = 0; i < lines.n; i++)
		if (!strncmp(lines.v[i], mode, m) && lines.v[i][m] == ' ')
			sl_push(&g_todo, lines.v[i] + m + 1);
	sl_clear(&lines);
	free(text);
	free(path);
}

/* The reason the case `name` is on the todo list, or NULL. */
static const char *todo_reason(const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < g_todo.n; i++)
		if (!strncmp(g_todo.v[i], name, n) &&
		    (g_todo.v[i][n] == ' ' || g_todo.v[i][n] == '\t'))
			return g_todo.v[i] + n + strspn(g_todo.v[i] + n, " \t");
	return NULL;
}

enum kind { SCHEMA, PAIR, BAD, CHANGE, DUMP, INSPECT };

struct item {
	enum kind kind;
	char *path;
};

static struct item *g_items;
static size_t g_nitems;

static void add_item(enum kind kind, const char *path)
{
	g_items = realloc(g_items, (g_nitems + 1) * sizeof(*g_items));
	if (!g_items)
		exit(1);
	g_items[g_nitems].kind = kind;
	g_items[g_nitems].path = xstrdup(path);
	g_nitems++;
}

/* Collects the cases of `pat` (under `corpus`) as the scripts glob them;
 * with `need`, only the folders that hold that file.  Returns how many
 * were taken. */
static size_t collect_glob(enum kind kind, const char *corpus, const char *dialect, const char *pat,
			   const char *need)
{
	char *p = fmt("%s/%s", corpus, pat);
	size_t i, n = 0;
	glob_t g;

	if (glob(p, kind == PAIR || kind == CHANGE ? GLOB_MARK | GLOB_ONLYDIR : 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++) {
			char *path = xstrdup(g.gl_pathv[i]), *model, *e;
			size_t len = strlen(path);
			int take;

			if (len && path[len - 1] == '/')
				path[--len] = 0;
			if (kind == PAIR || kind == CHANGE)
				model = fmt("%s/a.sql", path);
			else
				model = xstrdup(path);
			take = selected(kind == CHANGE ? base_name(path) : path) &&
			       for_this_dialect(dialect, model);
			if (take && need) {
				e = fmt("%s/%s", path, need);
				take = file_exists(e);
				free(e);
			}
			if (take && kind == BAD) {
				/* A model only one database refuses has only
				 * .expected.<dialect>. */
				e = fmt("%.*s.expected", (int)len - 4, path);
				free(model);
				model = fmt("%s.%s", e, dialect);
				take = file_exists(e) || file_exists(model);
				free(e);
			}
			if (take) {
				add_item(kind, path);
				n++;
			}
			free(model);
			free(path);
		}
		globfree(&g);
	}
	free(p);
	return n;
}

/* Collects the cases of `kind`; returns how many were taken.  Each pair
 * lives once: the change pairs are those of changes/ and the pairs of
 * pairs/ that hold rows (data.sql), the latter first. */
static size_t collect(enum kind kind, const char *corpus, const char *dialect)
{
	switch (kind) {
	case PAIR:
		return collect_glob(kind, corpus, dialect, "pairs/*/", NULL);
	case BAD:
		return collect_glob(kind, corpus, dialect, "bad/*.sql", NULL);
	case CHANGE:
		return collect_glob(kind, corpus, dialect, "pairs/*/", "data.sql") +
		       collect_glob(kind, corpus, dialect, "changes/*/", NULL);
	default:
		return collect_glob(kind, corpus, dialect, "schemas/*.sql", NULL);
	}
}

/* The models of a pair folder, a.sql then b.sql, in one string; NULL
 * when one cannot be read. */
static char *pair_models(const char *dir)
{
	char *a = fmt("%s/a.sql", dir), *b = fmt("%s/b.sql", dir), *ta = slurp(a), *tb = slurp(b),
	     *s = ta && tb ? fmt("%s\001%s", ta, tb) : NULL;

	free(a);
	free(b);
	free(ta);
	free(tb);
	return s;
}

/* Each pair lives once: how many folders of changes/ hold the very
 * models (a.sql and b.sql, byte for byte) of a folder of pairs/, which
 * would run the same change twice; each is named on a comment line. */
static size_t pairs_held_twice(const char *corpus)
{
	char *pp = fmt("%s/pairs/*/", corpus), *cp = fmt("%s/changes/*/", corpus);
	struct strlist models = {0};
	size_t i, j, n = 0;
	glob_t gp, gc;

	if (glob(pp, GLOB_MARK | GLOB_ONLYDIR, NULL, &gp) == 0) {
		for (i = 0; i < gp.gl_pathc; i++) {
			char *m = pair_models(gp.gl_pathv[i]);

			sl_push(&models, m ? m : "");
			free(m);
		}
		if (glob(cp, GLOB_MARK | GLOB_ONLYDIR, NULL, &gc) == 0) {
			for (i = 0; i < gc.gl_pathc; i++) {
				char *m = pair_models(gc.gl_pathv[i]);

				for (j = 0; m && j < models.n; j++) {
					if (!strcmp(m, models.v[j])) {
						printf("# %s holds the models of %s\n",
						       gc.gl_pathv[i], gp.gl_pathv[j]);
						n++;
						break;
					}
				}
				free(m);
			}
			globfree(&gc);
		}
		globfree(&gp);
	}
	sl_clear(&models);
	free(pp);
	free(cp);
	return n;
}

/* Runs the worker's share of the items (every jobs-th from `w_index`),
 * each report in `results`/NNNNNN. */
static int worker_run(struct worker *w, int w_index, int jobs, const char *results,
		      const char *corpus)
{
	size_t i;
	int bad_ready = 0;

	for (i = (size_t)w_index; i < g_nitems; i += (size_t)jobs) {
		struct strlist report = {0};
		char *path = fmt("%s/%06zu", results, i);
		FILE *f;

		if (g_items[i].kind == BAD && !bad_ready) {
			if (bad_setup(w, corpus) < 0)
				return 1;
			bad_ready = 1;
		}
		switch (g_items[i].kind) {
		case SCHEMA:
			schema_case(w, g_items[i].path, &report);
			break;
		case PAIR:
			pair_case(w, g_items[i].path, &report);
			break;
		case BAD:
			bad_case(w, g_items[i].path, &report);
			break;
		case DUMP:
			dump_case(w, g_items[i].path, &report);
			break;
		case INSPECT:
			inspect_case(w, g_items[i].path, &report);
			break;
		case CHANGE:
			migrate_pair(w, g_items[i].path);
			sl_pushf(&report,
				 "%s: migrate, upgrade, downgrade -1, upgrade keep the "
				 "model "
				 "and the rows",
				 corpus_name(g_items[i].path));
			break;
		}
		f = fopen(path, "w");
		if (f) {
			fprintf(f, "%s\t%s\n%s", ok(w) ? "ok" : "not ok", report.v[0],
				w->why ? w->why : "");
			fclose(f);
		}
		/* The dump and inspect cases leave the database as it is. */
		if ((!ok(w) && g_items[i].kind != BAD) || g_items[i].kind == DUMP ||
		    g_items[i].kind == INSPECT)
			force_empty(w);
		else if (w->postgres)
			drop_other_schemas(w);
		free(w->why);
		w->why = NULL;
		free(path);
		sl_clear(&report);
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

static void usage(void)
{
	fputs("usage: corpus_run corpus|migrate|dump|inspect sqlite|postgres [CORPUS_DIR]\n"
	      "       corpus_run corpus|migrate mariadb [CORPUS_DIR]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mode, *dialect, *src = getenv("DBTOOL_SOURCE_ROOT"), *only, *jobs_env,
				    *pg_base = getenv("DBTOOL_TEST_PG_URL"),
				    *my_base = getenv("DBTOOL_TEST_MYSQL_URL"), *base;
	const char *tmpdir = getenv("TMPDIR");
	char *corpus, *root, *results;
	struct strlist dbnames = {0};
	size_t nschemas = 0, npairs = 0, nbad = 0, nchanges = 0, i, passed = 0, failed = 0,
	       todo = 0;
	int postgres, mysql, jobs, w, status, bailed = 0;
	pid_t *pids;

	if (argc < 3 || argc > 4)
		usage();
	mode = argv[1];
	dialect = argv[2];
	if ((strcmp(mode, "corpus") && strcmp(mode, "migrate") && strcmp(mode, "dump") &&
	     strcmp(mode, "inspect")) ||
	    (strcmp(dialect, "sqlite") && strcmp(dialect, "postgres") &&
	     strcmp(dialect, "mariadb")))
		usage();
	postgres = !strcmp(dialect, "postgres");
	mysql = !strcmp(dialect, "mariadb");
	/* No dump nor inspect mode on MariaDB yet. */
	if (mysql && strcmp(mode, "corpus") && strcmp(mode, "migrate"))
		usage();
	/* The corpus files name the dialect "mysql". */
	if (mysql)
		dialect = "mysql";
	base = mysql ? my_base : pg_base;
	corpus = argc == 4 ? xstrdup(argv[3]) : fmt("%s/tests/corpus", src ? src : ".");
	if (corpus[0] != '/') {
		char *cwd = getcwd(NULL, 0), *abs = fmt("%s/%s", cwd, corpus);

		free(cwd);
		free(corpus);
		corpus = abs;
	}
	/* The CLI's output never coloured: files and pipes. */
	g_opts.color = -1;
	setvbuf(stdout, NULL, _IOLBF, 0);

	only = getenv(strcmp(mode, "migrate") ? "DBTOOL_CORPUS_ONLY" : "DBTOOL_MIGRATE_ONLY");
	if (only && *only) {
		if (regcomp(&g_only, only, REG_EXTENDED | REG_NOSUB)) {
			printf("Bail out! bad regular expression '%s'\n", only);
			return 1;
		}
		g_has_only = 1;
	}
	load_todo(corpus, dialect, mode);
	if (!strcmp(mode, "corpus")) {
		nschemas = collect(SCHEMA, corpus, dialect);
		npairs = collect(PAIR, corpus, dialect);
		nbad = collect(BAD, corpus, dialect);
	} else if (!strcmp(mode, "migrate")) {
		nchanges = collect(CHANGE, corpus, dialect);
	} else {
		nschemas = collect(strcmp(mode, "dump") ? INSPECT : DUMP, corpus, dialect);
	}

	jobs_env = getenv("DBTOOL_E2E_JOBS");
	jobs = jobs_env && atoi(jobs_env) > 0 ? atoi(jobs_env) : 2;
	if ((size_t)jobs > g_nitems)
		jobs = g_nitems ? (int)g_nitems : 1;

	root = fmt("%s/dbtool-corpus.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(root)) {
		printf("Bail out! cannot make a temporary folder: %s\n", strerror(errno));
		return 1;
	}
	results = fmt("%s/results", root);
	mkdir(results, 0700);

	if (postgres) {
		if (!pg_base || !*pg_base) {
			printf("not ok 1 - DBTOOL_TEST_PG_URL is not set: run the tests with "
			       "scripts/test, which starts a throwaway PostgreSQL\n");
			return 1;
		}
		if (dbt_pq_load() < 0) {
			printf("Bail out! %s\n", dbt_error_last());
			return 1;
		}
		find_password(pg_base);
		if (!strcmp(mode, "dump") && !getenv("DBTOOL_PG_DUMP"))
			dump_use_pg_bindir(src ? src : ".", root);
	}
	if (mysql) {
		if (!my_base || !*my_base) {
			printf("not ok 1 - DBTOOL_TEST_MYSQL_URL is not set: run the tests with "
			       "scripts/test, which starts a throwaway MariaDB\n");
			return 1;
		}
		if (dbt_mysql_load() < 0) {
			printf("Bail out! %s\n", dbt_error_last());
			return 1;
		}
		find_password(my_base);
	}

	pids = calloc((size_t)jobs, sizeof(*pids));
	for (w = 0; w < jobs; w++) {
		struct worker wk;

		memset(&wk, 0, sizeof(wk));
		if (postgres || mysql) {
			char *name = fmt("dbtool_corpus_%s_%d_%d", mode, (int)getpid(), w),
			     *q = mysql ? my_quote_ident(name) : quote_ident(name),
			     *sql = fmt("CREATE DATABASE %s", q);

			if ((mysql ? my_admin_exec(base, sql) : admin_exec(base, sql)) < 0) {
				printf("Bail out! cannot create database '%s' on the test "
				       "cluster\n",
				       name);
				bailed = 1;
			} else {
				sl_push(&dbnames, q);
			}
			wk.url = pg_url_for(base, name);
			free(name);
			free(q);
			free(sql);
			if (bailed)
				break;
		}
		fflush(stdout);
		pids[w] = fork();
		if (pids[w] == 0) {
			int rc = worker_start(&wk, root, w, postgres, mysql) < 0 ||
				 worker_run(&wk, w, jobs, results, corpus);

			fflush(stdout);
			_exit(rc);
		}
		free(wk.url);
	}
	for (w = 0; w < jobs; w++) {
		if (pids[w] > 0 && (waitpid(pids[w], &status, 0) < 0 || !WIFEXITED(status) ||
				    WEXITSTATUS(status) != 0)) {
			printf("# worker %d ended with status %d\n", w, status);
			bailed = 1;
		}
	}

	/* The reports in order; a case without one failed. */
	for (i = 0; i < g_nitems; i++) {
		char *path = fmt("%s/%06zu", results, i), *text = slurp(path), *tab, *nl;
		const char *reason = todo_reason(corpus_name(g_items[i].path));
		struct strlist detail = {0};
		size_t k;

		if (!text) {
			failed++;
			printf("not ok %zu - %s: no report (its worker ended early)\n", i + 1,
			       g_items[i].path);
		} else {
			tab = strchr(text, '\t');
			nl = strchr(text, '\n');
			if (!tab || !nl || tab > nl) {
				failed++;
				printf("not ok %zu - %s: a malformed report\n", i + 1,
				       g_items[i].path);
			} else {
				*tab = *nl = 0;
				if (reason && !strcmp(text, "ok")) {
					failed++;
					printf("not ok %zu - %s: passes now, take it off "
					       "tests/corpus/%s.todo\n",
					       i + 1, tab + 1, dialect);
				} else if (reason) {
					todo++;
					printf("not ok %zu - %s # TODO %s\n", i + 1, tab + 1,
					       reason);
				} else if (!strcmp(text, "ok")) {
					passed++;
					printf("%s %zu - %s\n", text, i + 1, tab + 1);
				} else {
					failed++;
					printf("%s %zu - %s\n", text, i + 1, tab + 1);
				}
				sl_lines(&detail, nl + 1);
				for (k = 0; k < detail.n; k++)
					printf("#   %s\n", detail.v[k]);
				sl_clear(&detail);
			}
		}
		unlink(path);
		free(path);
		free(text);
	}
	if (!g_has_only) {
		int enough =
			!strcmp(mode, "corpus")
				? nschemas >= MIN_SCHEMAS && npairs >= MIN_PAIRS && nbad >= MIN_BAD
			: !strcmp(mode, "migrate") ? (int)nchanges >= migrate_min_pairs()
						   : nschemas >= MIN_SCHEMAS;

		if (enough)
			passed++;
		else
			failed++;
		if (!strcmp(mode, "corpus"))
			printf("%s %zu - the corpus holds at least %d schemas (%zu), %d pairs "
			       "(%zu) "
			       "and %d bad models (%zu)\n",
			       enough ? "ok" : "not ok", g_nitems + 1, MIN_SCHEMAS, nschemas,
			       MIN_PAIRS, npairs, MIN_BAD, nbad);
		else if (!strcmp(mode, "migrate"))
			printf("%s %zu - the corpus holds at least %d change pairs (%zu)\n",
			       enough ? "ok" : "not ok", g_nitems + 1, migrate_min_pairs(),
			       nchanges);
		else
			printf("%s %zu - at least %d corpus schemas were %s (%zu)\n",
			       enough ? "ok" : "not ok", g_nitems + 1, MIN_SCHEMAS,
			       strcmp(mode, "dump") ? "inspected" : "dumped", nschemas);
	}
	if (!g_has_only && !strcmp(mode, "migrate")) {
		size_t twice = pairs_held_twice(corpus);

		if (twice)
			failed++;
		else
			passed++;
		printf("%s %zu - no pair is held twice, in pairs/ and in changes/ (%zu are)\n",
		       twice ? "not ok" : "ok", g_nitems + 2, twice);
	}

	for (i = 0; i < dbnames.n; i++) {
		char *sql = fmt(mysql ? "DROP DATABASE IF EXISTS %s"
				      : "DROP DATABASE IF EXISTS %s WITH (FORCE)",
				dbnames.v[i]);

		if (mysql)
			my_admin_exec(base, sql);
		else
			admin_exec(base, sql);
		free(sql);
	}
	if (!getenv("DBTOOL_E2E_KEEP") && nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		printf("# cannot remove '%s'\n", root);
	if (todo)
		printf("# %zu cases fail on %s because of dbtool (tests/corpus/%s.todo)\n", todo,
		       dialect, dialect);
	printf("%zu passed, %zu failed\n", passed, failed);
	sl_clear(&dbnames);
	sl_clear(&g_todo);
	free(pids);
	free(results);
	free(root);
	free(corpus);
	return failed || bailed || !passed ? 1 : 0;
}
