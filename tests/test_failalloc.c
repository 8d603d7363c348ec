/*
 * test_failalloc.c - allocation failure in the library calls of the
 * end-to-end scenario, on SQLite: init, revision, upgrade, check (the model
 * differs), migrate (autogenerate), upgrade, check (all agree), downgrade,
 * downgrade, each made of the library calls
 * that cmd/ makes for that command (config, chain, URL, connection, the
 * command itself, then every release).
 *
 * For each step, and for every N from 1 until the step completes with no
 * failure left to inject, the project folder and the database are put back
 * as they were before the step and the step runs with the library's Nth
 * allocation failing (tests/failalloc/).  Each such run must return a
 * negative code with an "out of memory" message, and leave every file and
 * the database's schema and rows exactly as they were; in a sanitizer build
 * it must not crash or touch freed memory, and LeakSanitizer at exit finds
 * no leak.  The run with nothing left to fail must succeed.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbtool.h"
#include "failalloc.h"
#include "testutil.h"

/* Every finding is printed; the test fails at the end of a step when there
 * was any, so that one run lists them all. */
static int problems;

/* clang-format off */
#define finding(...)                                                                       \
	do {                                                                               \
		problems++;                                                                 \
		print_error(__VA_ARGS__);                                                  \
		print_error("\n");                                                         \
	} while (0)
/* clang-format on */

/* ------------------------------------------------------------ text */

struct text {
	char *s;
	size_t len, cap;
};

static void text_add(struct text *t, const void *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			abort();
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static void text_str(struct text *t, const char *s)
{
	text_add(t, s, strlen(s));
}

/* ------------------------------------------------- the project's state */

static char top[64];   /* the temporary folder */
static char work[128]; /* the project folder, the current folder */

struct file {
	char *path; /* relative to work */
	int dir;
	char *data;
	size_t len;
};

struct state {
	struct file *files;
	size_t n;
	char *db; /* the database's schema and rows, as dump_db gives them */
};

static struct state *walking;

static char *read_all(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct text t = {NULL, 0, 0};
	char buf[8192];
	size_t n;

	assert_non_null(fp);
	text_add(&t, "", 0);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		text_add(&t, buf, n);
	fclose(fp);
	*len = t.len;
	return t.s;
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct file *f;

	(void)st;
	(void)ftw;
	if (!strcmp(path, "."))
		return 0;
	walking->files = realloc(walking->files, (walking->n + 1) * sizeof(*f));
	assert_non_null(walking->files);
	f = &walking->files[walking->n++];
	memset(f, 0, sizeof(*f));
	f->path = strdup(path);
	f->dir = type == FTW_D;
	if (!f->dir)
		f->data = read_all(path, &f->len);
	return 0;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct file *)a)->path, ((const struct file *)b)->path);
}

/* The database's tables, indexes and every row, as text (empty when the
 * file does not exist). */
static char *dump_db(void)
{
	struct text t = {NULL, 0, 0};
	sqlite3 *db;
	sqlite3_stmt *st, *rows;
	char *sql;

	text_add(&t, "", 0);
	if (access("app.db", F_OK) != 0)
		return t.s;
	assert_int_equal(sqlite3_open_v2("app.db", &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT type, name, coalesce(sql, '') FROM "
					    "sqlite_master "
					    "ORDER BY type, name",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);

		text_str(&t, type);
		text_str(&t, " ");
		text_str(&t, name);
		text_str(&t, ": ");
		text_str(&t, (const char *)sqlite3_column_text(st, 2));
		text_str(&t, "\n");
		if (strcmp(type, "table"))
			continue;
		sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY 1", name);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
		sqlite3_free(sql);
		while (sqlite3_step(rows) == SQLITE_ROW) {
			int i;

			text_str(&t, "  row");
			for (i = 0; i < sqlite3_column_count(rows); i++) {
				const char *v = (const char *)sqlite3_column_text(rows, i);

				text_str(&t, " | ");
				/* When a revision was applied differs from run to run. */
				if (v && strlen(v) == 20 && v[4] == '-' && v[10] == 'T' &&
				    v[19] == 'Z')
					v = "<time>";
				text_str(&t, v ? v : "NULL");
			}
			text_str(&t, "\n");
		}
		sqlite3_finalize(rows);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return t.s;
}

static void state_take(struct state *s)
{
	memset(s, 0, sizeof(*s));
	walking = s;
	assert_int_equal(nftw(".", collect, 16, FTW_PHYS), 0);
	if (s->n)
		qsort(s->files, s->n, sizeof(*s->files), by_path);
	s->db = dump_db();
}

static void state_free(struct state *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->files[i].path);
		free(s->files[i].data);
	}
	free(s->files);
	free(s->db);
	memset(s, 0, sizeof(*s));
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (strcmp(path, "."))
		assert_int_equal(remove(path), 0);
	return 0;
}

/* Puts the project folder back as `s` took it (the database file with
 * it, byte for byte). */
static void state_restore(const struct state *s)
{
	size_t i;

	assert_int_equal(nftw(".", remove_one, 16, FTW_PHYS | FTW_DEPTH), 0);
	for (i = 0; i < s->n; i++) {
		const struct file *f = &s->files[i];
		FILE *fp;

		if (f->dir) {
			assert_int_equal(mkdir(f->path, 0755), 0);
			continue;
		}
		fp = fopen(f->path, "wb");
		assert_non_null(fp);
		assert_int_equal(fwrite(f->data, 1, f->len, fp), f->len);
		assert_int_equal(fclose(fp), 0);
	}
}

/* The first difference between the project folder and the database now
 * and `want`, or NULL when there is none (caller frees).  The database
 * counts by its schema and rows, not its bytes, so a database file that
 * was made and holds nothing is no difference. */
static char *difference(const struct state *want)
{
	struct state now;
	char *why = NULL;
	size_t i = 0, j = 0;

	state_take(&now);
	while (!why && (i < want->n || j < now.n)) {
		const struct file *a = i < want->n ? &want->files[i] : NULL;
		const struct file *b = j < now.n ? &now.files[j] : NULL;
		int cmp = !a ? 1 : !b ? -1 : strcmp(a->path, b->path);

		if (a && !strcmp(a->path, "./app.db")) {
			i++;
			continue;
		}
		if (b && !strcmp(b->path, "./app.db")) {
			j++;
			continue;
		}
		if (cmp < 0 && asprintf(&why, "the file '%s' is gone", a->path) < 0)
			abort();
		if (cmp > 0 && asprintf(&why, "the file '%s' was left behind", b->path) < 0)
			abort();
		if (!cmp && (a->len != b->len || (a->len && memcmp(a->data, b->data, a->len))) &&
		    asprintf(&why, "the file '%s' changed", a->path) < 0)
			abort();
		i += cmp <= 0;
		j += cmp >= 0;
	}
	if (!why && strcmp(want->db, now.db) &&
	    asprintf(&why, "the database changed:\nwant:\n%s\nnow:\n%s", want->db, now.db) < 0)
		abort();
	state_free(&now);
	return why;
}

/* ------------------------------------------------------------ the steps */

static const char *const URL = "sqlite:///app.db";

/* As cmd/ does: the config, the chain, the URL, the connection. */
struct session {
	dbt_config cfg;
	dbt_chain chain;
	dbt_url url;
	dbt_conn *conn;
	int have_cfg, have_chain, have_url;
};

static int session_open(struct session *s)
{
	char dir[256];
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = dbt_config_load(&s->cfg, "dbtool.ini", 1)) < 0)
		return rc;
	s->have_cfg = 1;
	snprintf(dir, sizeof(dir), "%s/versions", s->cfg.script_location);
	if ((rc = dbt_chain_load(&s->chain, dir, 0)) < 0)
		return rc;
	s->have_chain = 1;
	if ((rc = dbt_url_parse(&s->url, URL)) < 0)
		return rc;
	s->have_url = 1;
	return dbt_conn_open(&s->conn, &s->url);
}

static void session_close(struct session *s)
{
	if (s->conn)
		dbt_conn_close(s->conn);
	if (s->have_url)
		dbt_url_release(&s->url);
	if (s->have_chain)
		dbt_chain_release(&s->chain);
	if (s->have_cfg)
		dbt_config_release(&s->cfg);
}

static int step_init(void)
{
	char *created = NULL;
	int rc = dbt_project_init("migrations", &created);

	free(created);
	return rc;
}

static int step_revision(void)
{
	dbt_config cfg;
	char *path = NULL;
	int rc;

	if ((rc = dbt_config_load(&cfg, "dbtool.ini", 1)) < 0)
		return rc;
	rc = dbt_project_new_revision(&path, cfg.script_location, "create users", "a1a1a1a1a1a1",
				      "CREATE TABLE users (id INTEGER PRIMARY KEY, name "
				      "VARCHAR(50) "
				      "NOT NULL);\nINSERT INTO users (id, name) VALUES (1, 'ann');",
				      "DROP TABLE users;");
	free(path);
	dbt_config_release(&cfg);
	return rc;
}

/* Set when a run reports a revision done: from then on a failure leaves
 * that revision applied, as dbtool.h says. */
static int reported;

static void on_step(const dbt_step *step, void *arg)
{
	(void)step;
	(void)arg;
	reported = 1;
}

static int step_upgrade(void)
{
	struct session s;
	dbt_run_opts ro = {.lock_timeout_ms = 1000, .on_step = on_step};
	int rc = session_open(&s);

	if (rc >= 0)
		rc = dbt_run_upgrade(s.conn, &s.chain, "+1", &ro);
	session_close(&s);
	return rc;
}

static int step_downgrade(void)
{
	struct session s;
	dbt_run_opts ro = {.lock_timeout_ms = 1000, .on_step = on_step};
	int rc = session_open(&s);

	if (rc >= 0)
		rc = dbt_run_downgrade(s.conn, &s.chain, "-1", &ro);
	session_close(&s);
	return rc;
}

static int step_migrate(void)
{
	struct session s;
	dbt_autogen ag;
	int rc = session_open(&s);

	memset(&ag, 0, sizeof(ag));
	if (rc >= 0)
		rc = dbt_autogenerate(&ag, s.conn, &s.chain, s.cfg.script_location, s.cfg.model,
				      s.cfg.schema, "add posts", "b2b2b2b2b2b2");
	dbt_autogen_release(&ag);
	session_close(&s);
	return rc;
}

/* check: the model and the database agree (`differ` 0), or differ. */
static int check(int differ)
{
	struct session s;
	dbt_findings revs = {NULL, 0}, findings = {NULL, 0};
	size_t unverified = 0;
	int rc = session_open(&s);

	if (rc >= 0)
		rc = dbt_run_verify(&revs, &unverified, s.conn, &s.chain);
	if (rc >= 0)
		rc = dbt_run_require_head(s.conn, &s.chain);
	if (rc >= 0)
		rc = dbt_model_compare(&findings, s.conn, s.cfg.model, s.cfg.schema);
	if (rc >= 0 && (revs.n || !findings.n != !differ))
		finding("check found %zu revision and %zu model differences, expected %s", revs.n,
			findings.n, differ ? "model differences" : "none");
	dbt_findings_release(&findings);
	dbt_findings_release(&revs);
	session_close(&s);
	return rc;
}

static int step_check(void)
{
	return check(0);
}

static int step_check_differs(void)
{
	return check(1);
}

/*
 * Runs `step` once as it is, then again from the same state with the 1st,
 * 2nd, ... allocation failing, up to the last one the step makes.  Each
 * failing run must return an error that says "out of memory" and leave
 * the project as it was before, or, when it reported its revision done
 * (upgrade and downgrade move one revision, and the run's last check for
 * more work can still fail), as the run that succeeded left it.  The next
 * step starts from what the successful run left.
 */
static void torture(const char *name, int (*step)(void))
{
	struct state before, after;
	long n, total;
	int rc;

	state_take(&before);
	failalloc_start(0);
	rc = step();
	total = failalloc_stop();
	if (rc < 0)
		fail_msg("%s with no allocation failing: %s", name, dbt_error_last());
	state_take(&after);
	for (n = 1; n <= total; n++) {
		char *why;

		state_restore(&before);
		reported = 0;
		failalloc_start(n);
		rc = step();
		failalloc_stop();
		if (!failalloc_injected()) {
			finding("%s: allocation %ld of %ld was not reached this time", name, n,
				total);
			continue;
		}
		if (rc >= 0)
			finding("%s, allocation %ld of %ld failing: returned %d, not an error",
				name, n, total, rc);
		else if (!strstr(dbt_error_last(), "out of memory"))
			finding("%s, allocation %ld of %ld failing: the message should say 'out of "
				"memory', not '%s'",
				name, n, total, dbt_error_last());
		why = difference(&before);
		if (why && reported) {
			free(why);
			why = difference(&after);
		}
		if (why)
			finding("%s, allocation %ld of %ld failing: %s", name, n, total, why);
		free(why);
	}
	state_restore(&after);
	print_message("%s: %ld allocations, each failed once\n", name, total);
	state_free(&before);
	state_free(&after);
}

static int setup(void **state)
{
	(void)state;
	if (!test_mkdtemp(top, sizeof(top), "failalloc"))
		return -1;
	snprintf(work, sizeof(work), "%s/project", top);
	if (mkdir(work, 0755) || chdir(work))
		return -1;
	unsetenv("DATABASE_URL");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (chdir("/"))
		return -1;
	return test_rmtree(top);
}

static void every_allocation_failure_in_the_scenario_is_an_error_that_changes_nothing(void **state)
{
	(void)state;
	torture("init", step_init);
	test_write_file("dbtool.ini", "[dbtool]\nurl = sqlite:///app.db\n");
	torture("revision", step_revision);
	torture("upgrade", step_upgrade);
	test_write_file("schema.sql",
			"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
			"CREATE TABLE posts (id INTEGER PRIMARY KEY,\n"
			"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
			"  title VARCHAR(200) DEFAULT 'untitled', body TEXT);\n"
			"CREATE INDEX ix_posts_user ON posts (user_id);\n");
	torture("check", step_check_differs);
	torture("migrate", step_migrate);
	torture("upgrade", step_upgrade);
	torture("check", step_check);
	torture("downgrade", step_downgrade);
	torture("downgrade", step_downgrade);
	if (problems)
		fail_msg("%d problems (above)", problems);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			every_allocation_failure_in_the_scenario_is_an_error_that_changes_nothing,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
