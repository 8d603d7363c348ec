/*
 * corpus_run_migrate.c - the change pairs of tests/corpus/changes/ (and
 * the pairs of tests/corpus/pairs/ that hold data.sql) in the in-process
 * corpus runner: what tests/e2e/test_migrate.sh asserts of each pair,
 * step for step.
 *
 * On an empty database and with no revision, for each pair NNN_name/
 * (a.sql, b.sql, data.sql, optionally keep.sql):
 *
 *   model a: migrate, upgrade, check finds nothing; load data.sql
 *   model b: migrate writes one revision (its path on stdout, each change
 *            `check` finds on stderr, SQL and comment lines in both
 *            sections, a warning for a drop), upgrade; then check finds
 *            nothing and migrate has nothing to do
 *   downgrade -1: with model a (and b's revision set aside, so that the
 *            database is at head) check finds nothing
 *   upgrade: with model b check finds nothing
 *
 * After each of the last three steps the rows must have survived: every
 * table that a and b both have holds as many rows as data.sql loaded, and
 * every column they both have holds the values loaded (when the pair has
 * keep.sql, its queries must print what they printed before the change
 * instead); and the database must be sound: on SQLite `PRAGMA
 * integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing,
 * on PostgreSQL no constraint is left NOT VALID.  The rows are read as the
 * script reads them, as "t|TABLE", "h|COLUMN|..." and "r|VALUE|..." lines,
 * on the worker's plain connection.
 *
 * The refusals of test_migrate.sh (a handful of commands, each about what
 * the binary prints) stay in the script.
 */
#define _GNU_SOURCE
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus_run.h"

/* The corpus must not shrink unnoticed: test_migrate.sh's count, of the
 * change pairs of both folders (changes/, and pairs/ with data.sql). */
#define MIN_CHANGE_PAIRS 85

#define NOTHING_TO_DO "dbtool: nothing to do: the database matches the model"

int migrate_min_pairs(void)
{
	return MIN_CHANGE_PAIRS;
}

/* What a pair keeps between its steps. */
struct pair {
	const char *dir;
	int has_keep;
	struct strlist data_dump, data_keep;
	struct strlist common, data_rows; /* fixed at the first comparison */
	int have_common;
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The revision files, sorted. */
static void list_revisions(struct worker *w, struct strlist *out)
{
	char *pat;
	glob_t g;
	size_t i;

	sl_clear(out);
	if (asprintf(&pat, "%s/versions/*.sql", w->cfg.script_location) < 0)
		return;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			sl_push(out, g.gl_pathv[i]);
		globfree(&g);
	}
	free(pat);
	sl_sort(out);
}

/* A line of `text` that starts with `prefix` and, when `more`, goes on
 * past it (the globs 'PREFIX*' and 'PREFIX?*'). */
static int has_line(const char *text, const char *prefix, int more)
{
	struct strlist l = {0};
	size_t i, n = strlen(prefix);
	int found = 0;

	sl_lines(&l, text);
	for (i = 0; i < l.n && !found; i++)
		found = !strncmp(l.v[i], prefix, n) && (!more || l.v[i][n]);
	sl_clear(&l);
	return found;
}

static int has_exact_line(const char *text, const char *line)
{
	struct strlist l = {0};
	size_t i;
	int found = 0;

	sl_lines(&l, text);
	for (i = 0; i < l.n && !found; i++)
		found = !strcmp(l.v[i], line);
	sl_clear(&l);
	return found;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* --------------------------------------------------------------- rows */

/* The SQL that lists the user tables: the name, the query of its
 * columns in order, the query of its rows. */
static const char *tables_sql(const struct worker *w)
{
	if (w->mysql)
		return "SELECT table_name, CONCAT('SELECT column_name FROM "
		       "information_schema.columns WHERE table_schema = DATABASE() AND "
		       "table_name = ', QUOTE(table_name), ' ORDER BY ordinal_position'), "
		       "CONCAT('SELECT * FROM `', REPLACE(table_name, '`', '``'), '`') FROM "
		       "information_schema.tables WHERE table_schema = DATABASE() AND table_type "
		       "= 'BASE TABLE' AND table_name NOT IN ('dbtool_version', "
		       "'dbtool_history', 'dbtool_journal') ORDER BY table_name";
	return w->postgres
		       ? "SELECT c.relname, format('SELECT attname FROM pg_attribute WHERE "
			 "attrelid = %s "
			 "AND attnum > 0 AND NOT attisdropped ORDER BY attnum', c.oid), "
			 "format('SELECT * FROM public.%I', c.relname) "
			 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
			 "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT "
			 "IN "
			 "('dbtool_version', 'dbtool_history') ORDER BY c.relname"
		       : "SELECT name, 'SELECT name FROM pragma_table_info(' || quote(name) || ') "
			 "ORDER BY cid', 'SELECT * FROM \"' || replace(name, '\"', '\"\"') || '\"' "
			 "FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
			 "ESCAPE "
			 "'\\' AND name NOT IN ('dbtool_version', 'dbtool_history') ORDER BY name";
}

/* Splits "a|b|c" in place into at most `max` fields. */
static size_t split3(char *s, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = s;
		s = strchr(s, '|');
		if (!s)
			break;
		*s++ = 0;
	}
	return n;
}

/*
 * record_rows: loads `data` when given (SQLite with foreign keys
 * enforced), then reads every user table into `dump` and the output of
 * keep.sql into `keep`; fails the case when anything fails or the
 * database is not sound.
 */
static int record_rows(struct worker *w, struct pair *p, const char *what, const char *data,
		       struct strlist *dump, struct strlist *keep)
{
	struct strlist tabs = {0}, part = {0}, sound = {0}, lines = {0};
	char *err = NULL, *text = NULL, *s, *f[3];
	const char *want_sound = w->postgres || w->mysql ? "" : "ok";
	int sqlite = !w->postgres && !w->mysql;
	size_t i, k;
	int rc = -1;

	if (!ok(w))
		return -1;
	if (data) {
		char *script = slurp(data);

		if (!script) {
			err = strdup("cannot read data.sql");
			goto fail;
		}
		if (sqlite && raw_script(w, "PRAGMA foreign_keys = ON", &err) < 0) {
			free(script);
			goto fail;
		}
		k = raw_script(w, script, &err) < 0;
		free(script);
		if (sqlite) {
			char *e2 = NULL;

			raw_script(w, "PRAGMA foreign_keys = OFF", &e2);
			free(e2);
		}
		if (k)
			goto fail;
	}
	if (raw_query(w, tables_sql(w), &tabs, &err) < 0)
		goto fail;
	for (i = 0; i < tabs.n; i++) {
		if (split3(tabs.v[i], f, 3) != 3) {
			err = strdup("a table name holds '|'");
			goto fail;
		}
		sl_pushf(dump, "t|%s", f[0]);
		if (raw_query(w, f[1], &part, &err) < 0)
			goto fail;
		s = sl_join(&part, "|");
		sl_pushf(dump, "h|%s", s);
		free(s);
		sl_clear(&part);
		if (raw_query(w, f[2], &part, &err) < 0)
			goto fail;
		for (k = 0; k < part.n; k++)
			sl_pushf(dump, "r|%s", part.v[k]);
		sl_clear(&part);
	}
	if (w->postgres) {
		if (raw_query(w,
			      "SELECT 'constraint not validated: ' || conname FROM pg_constraint "
			      "WHERE "
			      "NOT convalidated",
			      &sound, &err) < 0)
			goto fail;
	} else if (w->mysql) {
		/* MariaDB checks every constraint as rows come: none is left
		 * unchecked. */
	} else if (raw_query(w, "PRAGMA integrity_check", &sound, &err) < 0 ||
		   raw_query(w, "PRAGMA foreign_key_check", &sound, &err) < 0) {
		goto fail;
	}
	if (p->has_keep) {
		char *path, *q;

		if (asprintf(&path, "%s/keep.sql", p->dir) < 0)
			goto fail;
		text = slurp(path);
		free(path);
		sl_lines(&lines, text ? text : "");
		for (i = 0; i < lines.n; i++) {
			/* sed -e '/^[[:space:]]*$/d' -e 's/;*[[:space:]]*$/;/' */
			size_t n = strlen(lines.v[i]);

			while (n && strchr(" \t\r\v\f", lines.v[i][n - 1]))
				n--;
			if (!n)
				continue;
			while (n && lines.v[i][n - 1] == ';')
				n--;
			if (asprintf(&q, "%.*s;", (int)n, lines.v[i]) < 0)
				goto fail;
			k = raw_query(w, q, keep, &err) < 0;
			free(q);
			if (k)
				goto fail;
		}
	}
	s = sl_join(&sound, "\n");
	if (strcmp(s, want_sound))
		why(w, "after %s the database is not sound (expected '%s'):\n%s", what, want_sound,
		    s);
	else
		rc = 0;
	free(s);
	goto cleanup;
fail:
	why(w, "after %s the rows cannot be read%s:\n%s", what,
	    data ? " (or data.sql does not load)" : "", err ? err : "");
cleanup:
	free(err);
	free(text);
	sl_clear(&tabs);
	sl_clear(&part);
	sl_clear(&sound);
	sl_clear(&lines);
	return rc;
}

/* "TABLE|COLUMN" for each column that both dumps have, in the order of
 * dump `a`. */
static void common_columns(const struct strlist *a, const struct strlist *b, struct strlist *out)
{
	struct strlist both = {0};
	const struct strlist *d[2] = {b, a};
	const char *t = "";
	size_t i, k, m;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < d[pass]->n; i++) {
			const char *line = d[pass]->v[i];

			if (!strncmp(line, "t|", 2)) {
				t = line + 2;
			} else if (!strncmp(line, "h|", 2)) {
				struct strlist cols = {0};
				char *c = strdup(line + 2), *save = c, *tok;

				while ((tok = strsep(&c, "|")) != NULL)
					sl_push(&cols, tok);
				free(save);
				for (k = 0; k < cols.n; k++) {
					char *tc;

					if (asprintf(&tc, "%s|%s", t, cols.v[k]) < 0)
						continue;
					if (pass == 0) {
						sl_push(&both, tc);
					} else {
						for (m = 0; m < both.n && strcmp(both.v[m], tc);
						     m++)
							;
						if (m < both.n)
							sl_push(out, tc);
					}
					free(tc);
				}
				sl_clear(&cols);
			}
		}
	}
	sl_clear(&both);
}

/*
 * project: one "TABLE|N rows" line per table of `common`, then, unless
 * `counts`, the rows of `dump`'s tables reduced to the columns of
 * `common`, one "TABLE|VALUE|..." line per row; sorted.  A column of
 * `common` that the dump lacks shows as "<no COLUMN>".
 */
static void project(const struct strlist *common, const struct strlist *dump, int counts,
		    struct strlist *out)
{
	struct strlist tabs = {0}; /* the tables of common, once each */
	size_t *nrows, i, j, k, cur = (size_t)-1;
	struct strlist fields = {0}, cols = {0}; /* of the current table */
	size_t *colidx = NULL;

	for (i = 0; i < common->n; i++) {
		size_t tl = strcspn(common->v[i], "|");

		for (k = 0; k < tabs.n &&
			    (strlen(tabs.v[k]) != tl || strncmp(tabs.v[k], common->v[i], tl));
		     k++)
			;
		if (k == tabs.n) {
			char *t = strndup(common->v[i], tl);

			sl_push(&tabs, t);
			free(t);
		}
	}
	nrows = calloc(tabs.n + 1, sizeof(*nrows));
	for (i = 0; i < dump->n; i++) {
		const char *line = dump->v[i];

		if (!strncmp(line, "t|", 2)) {
			for (cur = 0; cur < tabs.n && strcmp(tabs.v[cur], line + 2); cur++)
				;
			if (cur == tabs.n)
				cur = (size_t)-1;
			/* The columns of common for this table, in order. */
			sl_clear(&cols);
			for (k = 0; cur != (size_t)-1 && k < common->n; k++) {
				size_t tl = strcspn(common->v[k], "|");

				if (tl == strlen(tabs.v[cur]) &&
				    !strncmp(common->v[k], tabs.v[cur], tl))
					sl_push(&cols, common->v[k] + tl + 1);
			}
			free(colidx);
			colidx = calloc(cols.n + 1, sizeof(*colidx));
		} else if (!strncmp(line, "h|", 2) && cur != (size_t)-1) {
			char *c = strdup(line), *save = c, *tok;

			sl_clear(&fields);
			while ((tok = strsep(&c, "|")) != NULL)
				sl_push(&fields, tok);
			free(save);
			/* The field of each column (1-based past the "h"),
			 * 0 when the table lacks it. */
			for (j = 0; j < cols.n; j++) {
				colidx[j] = 0;
				for (k = 1; k < fields.n; k++)
					if (!strcmp(fields.v[k], cols.v[j]))
						colidx[j] = k; /* awk keeps the last */
			}
		} else if (!strncmp(line, "r|", 2) && cur != (size_t)-1) {
			char *c, *save, *tok, *buf = NULL;
			size_t len = 0;
			FILE *f;

			nrows[cur]++;
			if (counts)
				continue;
			c = save = strdup(line);
			sl_clear(&fields);
			while ((tok = strsep(&c, "|")) != NULL)
				sl_push(&fields, tok);
			free(save);
			f = open_memstream(&buf, &len);
			fputs(tabs.v[cur], f);
			for (j = 0; j < cols.n; j++) {
				if (!colidx[j])
					fprintf(f, "|<no %s>", cols.v[j]);
				else
					fprintf(f, "|%s",
						colidx[j] < fields.n ? fields.v[colidx[j]] : "");
			}
			fclose(f);
			sl_push(out, buf);
			free(buf);
		}
	}
	for (k = 0; k < tabs.n; k++)
		sl_pushf(out, "%s|%zu rows", tabs.v[k], nrows[k]);
	sl_sort(out);
	free(nrows);
	free(colidx);
	sl_clear(&tabs);
	sl_clear(&fields);
	sl_clear(&cols);
}

/* The lines only in `a` ("< ") and only in `b` ("> "), both sorted. */
static char *diff_lines(const struct strlist *a, const struct strlist *b)
{
	char *buf = NULL;
	size_t len = 0, i = 0, j = 0;
	FILE *f = open_memstream(&buf, &len);

	while (i < a->n || j < b->n) {
		int c = i == a->n ? 1 : j == b->n ? -1 : strcmp(a->v[i], b->v[j]);

		if (c == 0) {
			i++;
			j++;
		} else if (c < 0) {
			fprintf(f, "< %s\n", a->v[i++]);
		} else {
			fprintf(f, "> %s\n", b->v[j++]);
		}
	}
	fclose(f);
	return buf;
}

/* The rows now are the ones loaded, in the tables and columns that a and
 * b both have (fixed from the dumps after data.sql and after the first
 * upgrade to b), and keep.sql prints what it printed then. */
static void rows_survived(struct worker *w, struct pair *p, const char *what)
{
	struct strlist dump = {0}, keep = {0}, rows = {0};
	char *d;

	if (!ok(w) || record_rows(w, p, what, NULL, &dump, &keep) < 0)
		goto cleanup;
	if (!p->have_common) {
		common_columns(&p->data_dump, &dump, &p->common);
		project(&p->common, &p->data_dump, p->has_keep, &p->data_rows);
		p->have_common = 1;
	}
	project(&p->common, &dump, p->has_keep, &rows);
	if (!sl_eq(&p->data_rows, &rows)) {
		d = diff_lines(&p->data_rows, &rows);
		why(w,
		    "after %s the rows differ from the ones loaded, in the tables and columns both "
		    "models have:\n%s",
		    what, d);
		free(d);
	} else if (!sl_eq(&p->data_keep, &keep)) {
		d = diff_lines(&p->data_keep, &keep);
		why(w, "after %s keep.sql prints something else:\n%s", what, d);
		free(d);
	}
cleanup:
	sl_clear(&dump);
	sl_clear(&keep);
	sl_clear(&rows);
}

/* check exits 0 and prints no finding. */
static void model_agrees(struct worker *w, const char *what)
{
	struct res r = {0};
	char *d, *s;

	if (asprintf(&d, "check %s", what) < 0)
		return;
	if (step(w, &r, 0, d, cmd_check_, NULL) == 0 && *r.out) {
		s = show_output(&r);
		why(w, "check %s printed findings:\n%s", what, s);
		free(s);
	}
	free(d);
	res_clear(&r);
}

/* The upgrade and downgrade sections of a revision, and how many
 * section markers it has. */
static void read_sections(const char *rev, char **up, char **down, int *markers)
{
	char *text = slurp(rev);
	struct strlist l = {0};
	char *ub = NULL, *db = NULL;
	size_t ul = 0, dl = 0, i;
	FILE *uf = open_memstream(&ub, &ul), *df = open_memstream(&db, &dl);
	int where = 0;

	*markers = 0;
	sl_lines(&l, text ? text : "");
	for (i = 0; i < l.n; i++) {
		if (!strcmp(l.v[i], "-- migrate:upgrade")) {
			where = 1;
			(*markers)++;
		} else if (!strcmp(l.v[i], "-- migrate:downgrade")) {
			where = 2;
			(*markers)++;
		} else if (where) {
			fprintf(where == 1 ? uf : df, "%s\n", l.v[i]);
		}
	}
	fclose(uf);
	fclose(df);
	*up = ub;
	*down = db;
	free(text);
	sl_clear(&l);
}

/* What migrate wrote and printed (`r`) for the change from a to b,
 * `findings` being what check found. */
static void check_revision(struct worker *w, const char *rev, const char *findings,
			   const struct res *r)
{
	struct strlist lines = {0};
	char *up = NULL, *down = NULL, *s, *text = slurp(rev);
	size_t i, n = strlen(r->out);
	int markers, part, only_adds = 1;

	if (!(n && r->out[n - 1] == '\n' && !memchr(r->out, '\n', n - 1))) {
		s = show_output(r);
		why(w, "migrate should print the path of '%s' on stdout:\n%s", rev, s);
		free(s);
	} else {
		char *path = strndup(r->out, n - 1);

		if (!same_file(path, rev)) {
			s = show_output(r);
			why(w, "migrate should print the path of '%s' on stdout:\n%s", rev, s);
			free(s);
		}
		free(path);
	}
	sl_lines(&lines, findings);
	for (i = 0; i < lines.n && ok(w); i++) {
		if (!has_exact_line(r->err, lines.v[i])) {
			s = show_output(r);
			why(w, "migrate should print the change '%s' on stderr:\n%s", lines.v[i],
			    s);
			free(s);
		}
		if (lines.v[i][0] && lines.v[i][0] != '+')
			only_adds = 0;
	}
	read_sections(rev, &up, &down, &markers);
	if (ok(w) && markers != 2)
		why(w, "the revision should have the two section markers:\n%s", text ? text : "");
	/* Each section holds SQL and comment lines. */
	for (part = 0; part < 2 && ok(w); part++) {
		const char *t = part ? down : up;
		struct strlist tl = {0};
		int sql = 0;

		sl_lines(&tl, t);
		for (i = 0; i < tl.n; i++)
			if ((tl.v[i][0] >= 'A' && tl.v[i][0] <= 'Z') ||
			    (tl.v[i][0] >= 'a' && tl.v[i][0] <= 'z'))
				sql = 1;
		sl_clear(&tl);
		if (!(has_line(t, "-- ", 1) && sql))
			why(w,
			    "the %s section should hold SQL, with a comment line before each "
			    "change:\n%s",
			    part ? "downgrade" : "upgrade", text ? text : "");
	}
	/* Drops destroy data: a warning on stderr and in the file.  A change
	 * that only adds warns of nothing, and its downgrade, which drops
	 * what it added, is marked. */
	if (has_line(findings, "- table ", 0) || has_line(findings, "- column ", 0)) {
		if (ok(w) &&
		    !(has_line(r->err, "warning: ", 1) && has_line(up, "-- WARNING: ", 1))) {
			s = show_output(r);
			why(w,
			    "a drop should be printed as a warning and marked '-- WARNING:' in the "
			    "upgrade:\n%s\n%s",
			    s, text ? text : "");
			free(s);
		}
	} else if (only_adds) {
		if (ok(w) && (strstr(r->err, "warning") || has_line(up, "-- WARNING", 0))) {
			s = show_output(r);
			why(w, "a change that only adds should warn of nothing:\n%s\n%s", s,
			    text ? text : "");
			free(s);
		}
	}
	if ((has_line(findings, "+ table ", 0) || has_line(findings, "+ column ", 0)) && ok(w) &&
	    !has_line(down, "-- WARNING: ", 1))
		why(w,
		    "the downgrade drops what the upgrade added: it should be marked '-- "
		    "WARNING:':\n%s",
		    text ? text : "");
	sl_clear(&lines);
	free(up);
	free(down);
	free(text);
}

static void copy_model(struct worker *w, const char *dir, const char *name)
{
	char *from;

	if (asprintf(&from, "%s/%s", dir, name) < 0)
		return;
	if (copy_file(from, "schema.sql") < 0)
		why(w, "cannot copy '%s' to schema.sql", from);
	free(from);
}

void migrate_pair(struct worker *w, const char *dir)
{
	struct pair p = {.dir = dir};
	struct res r = {0};
	struct strlist revs = {0};
	char *rev_a = NULL, *rev_b = NULL, *findings = NULL, *data = NULL, *keep = NULL, *held, *s,
	     *joined;
	size_t i;

	if (asprintf(&data, "%s/data.sql", dir) < 0 || asprintf(&keep, "%s/keep.sql", dir) < 0)
		return;
	p.has_keep = file_exists(keep);

	/* A fresh database and no revision. */
	step(w, &r, 0, "drop-all", cmd_drop_all_, NULL);
	list_revisions(w, &revs);
	for (i = 0; i < revs.n; i++)
		unlink(revs.v[i]);

	/* Model a, with its rows. */
	copy_model(w, dir, "a.sql");
	step(w, &r, 0, "migrate with model a", cmd_migrate_, "a");
	list_revisions(w, &revs);
	if (ok(w) && revs.n != 1) {
		joined = sl_join(&revs, " ");
		why(w, "migrate with model a should write one revision, wrote: %s", joined);
		free(joined);
	}
	rev_a = strdup(revs.n ? revs.v[0] : "");
	step(w, &r, 0, "upgrade to a", cmd_upgrade_, NULL);
	model_agrees(w, "after the upgrade to a");
	record_rows(w, &p, "data.sql", data, &p.data_dump, &p.data_keep);

	/* The findings migrate must report: what check sees. */
	copy_model(w, dir, "b.sql");
	if (step(w, &r, 1, "check with model b before migrate", cmd_check_, NULL) == 0) {
		findings = strdup(r.out);
		if (!*findings) {
			s = show_output(&r);
			why(w, "check with model b found nothing:\n%s", s);
			free(s);
		}
	}

	/* Model b: one revision written and reported. */
	step(w, &r, 0, "migrate with model b", cmd_migrate_, "b");
	list_revisions(w, &revs);
	if (ok(w)) {
		if (revs.n == 2) {
			rev_b = strdup(strcmp(revs.v[0], rev_a) ? revs.v[0] : revs.v[1]);
			check_revision(w, rev_b, findings ? findings : "", &r);
		} else {
			joined = sl_join(&revs, " ");
			s = show_output(&r);
			why(w,
			    "migrate with model b should write one revision, the folder holds: "
			    "%s\n%s",
			    joined, s);
			free(joined);
			free(s);
		}
	}
	step(w, &r, 0, "upgrade to b", cmd_upgrade_, NULL);
	model_agrees(w, "after the upgrade to b");
	if (step(w, &r, 0, "migrate again after the upgrade to b", cmd_migrate_, "again") == 0) {
		list_revisions(w, &revs);
		if (*r.out || strcmp(r.err, NOTHING_TO_DO "\n") || revs.n != 2) {
			joined = sl_join(&revs, " ");
			s = show_output(&r);
			why(w,
			    "migrate right after the upgrade should say '" NOTHING_TO_DO
			    "' and write nothing:\n%s\nrevisions: %s",
			    s, joined);
			free(joined);
			free(s);
		}
	}
	rows_survived(w, &p, "the upgrade to b");

	/* Back to a: b's revision set aside so that the database is at head. */
	step(w, &r, 0, "downgrade -1", cmd_downgrade_, "-1");
	rows_survived(w, &p, "the downgrade to a");
	if (ok(w) && rev_b) {
		copy_model(w, dir, "a.sql");
		if (asprintf(&held, "%s/%s", w->held, base_name(rev_b)) >= 0) {
			if (rename(rev_b, held) < 0)
				why(w, "cannot set '%s' aside", rev_b);
			model_agrees(w, "with model a after the downgrade");
			rename(held, rev_b);
			free(held);
		}
	}

	/* And up to b once more. */
	step(w, &r, 0, "upgrade to b again", cmd_upgrade_, NULL);
	rows_survived(w, &p, "the second upgrade to b");
	copy_model(w, dir, "b.sql");
	model_agrees(w, "after the second upgrade to b");

	res_clear(&r);
	sl_clear(&revs);
	sl_clear(&p.data_dump);
	sl_clear(&p.data_keep);
	sl_clear(&p.common);
	sl_clear(&p.data_rows);
	free(rev_a);
	free(rev_b);
	free(findings);
	free(data);
	free(keep);
}
