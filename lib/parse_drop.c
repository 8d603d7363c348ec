/*
 * parse_drop.c - what DROP TABLE in the model takes along with the tables
 * (see parse_internal.h), as the database does: the statements kept as
 * text that are on a dropped table (its triggers, policies, rules,
 * comments, grants, row level security) and the sequences its columns own
 * go with it; a view that reads it stops the DROP, unless CASCADE, which
 * drops the view too (and what is on the view, views on it included).
 */
#include "parse_internal.h"

#include "error.h"
#include "expr.h"

#include <stdlib.h>
#include <string.h>

/* The tables and views being dropped: the tables' names (theirs), then
 * copies of the views' names (drop_dependents frees them). */
struct dropped {
	char **names;
	size_t n;
};

static int dropped_has(const struct dropped *d, const char *name)
{
	size_t i;

	for (i = 0; name && i < d->n; i++)
		if (!strcmp(d->names[i], name))
			return 1;
	return 0;
}

/* The folded name of token `t` of `sql` is one of the dropped; -1 out of
 * memory. */
static int token_dropped(const struct dropped *d, const char *sql, const dbt_token *t)
{
	char *name;
	int hit;

	if (t->kind != DBT_TOK_WORD && t->kind != DBT_TOK_QUOTED)
		return 0;
	if (!(name = dbt_token_name(sql, t)))
		return dbt_error_oom();
	hit = dropped_has(d, name);
	free(name);
	return hit;
}

/* Reads the (maybe qualified) name at `*t`; `*last` is its last part and
 * `*before` the part before that (unset when there is none).  Leaves `*t`
 * at the token after the name. */
static void read_qualified(dbt_lexer *lx, dbt_token *t, dbt_token *last, dbt_token *before)
{
	dbt_lexer ahead;
	dbt_token dot;

	*last = *t;
	*before = *t;
	before->kind = DBT_TOK_END;
	for (;;) {
		ahead = *lx;
		if (dbt_lex_next(&ahead, &dot) < 0 || dot.kind != DBT_TOK_PUNCT || dot.len != 1 ||
		    lx->text[dot.start] != '.' || dbt_lex_next(&ahead, t) < 0) {
			if (dbt_lex_next(lx, t) < 0)
				t->kind = DBT_TOK_END;
			return;
		}
		*lx = ahead;
		*before = *last;
		*last = *t;
	}
}

/*
 * The relation `sql` is on, in `*out`: the name after the first ON of a
 * CREATE TRIGGER, POLICY or INDEX (TO, after ON, for a RULE), after
 * COMMENT ON TABLE, VIEW or COLUMN (the column's table), after the ON of
 * COMMENT ON CONSTRAINT, TRIGGER, POLICY or RULE, and after ON [TABLE] of
 * a GRANT or REVOKE on one object.  Token kind END when none.
 */
static void statement_target(const char *sql, const char *kind, dbt_token *out)
{
	dbt_lexer lx;
	dbt_token t, last, before;
	int comment = !strcmp(kind, "comment"),
	    grant = !strcmp(kind, "grant") || !strcmp(kind, "revoke");
	int rule = !strcmp(kind, "rule"), n = 0;

	out->kind = DBT_TOK_END;
	dbt_lex_init(&lx, sql, strlen(sql));
	while (dbt_lex_next(&lx, &t) == 0 && t.kind != DBT_TOK_END) {
		n++;
		if (!dbt_token_is(sql, &t, "on"))
			continue;
		if (comment && n == 2) {
			/* COMMENT ON kind name */
			if (dbt_lex_next(&lx, &t) < 0)
				return;
			if (dbt_token_is(sql, &t, "table") || dbt_token_is(sql, &t, "view") ||
			    dbt_token_is(sql, &t, "column") ||
			    dbt_token_is(sql, &t, "materialized")) {
				int column = dbt_token_is(sql, &t, "column");

				if (dbt_token_is(sql, &t, "materialized") &&
				    dbt_lex_next(&lx, &t) < 0)
					return;
				if (dbt_lex_next(&lx, &t) < 0)
					return;
				read_qualified(&lx, &t, &last, &before);
				*out = column ? before : last;
				return;
			}
			continue; /* CONSTRAINT c ON t: the next ON */
		}
		if (dbt_lex_next(&lx, &t) < 0)
			return;
		if (rule) {
			/* AS ON event TO t */
			while (t.kind != DBT_TOK_END && !dbt_token_is(sql, &t, "to"))
				if (dbt_lex_next(&lx, &t) < 0)
					return;
			if (t.kind == DBT_TOK_END || dbt_lex_next(&lx, &t) < 0)
				return;
		}
		if (grant && dbt_token_is(sql, &t, "table") && dbt_lex_next(&lx, &t) < 0)
			return;
		if (dbt_token_is(sql, &t, "only") && dbt_lex_next(&lx, &t) < 0)
			return;
		read_qualified(&lx, &t, &last, &before);
		/* A grant on several objects stays: it is not on one table. */
		if (grant && !dbt_token_is(sql, &t, "to") && !dbt_token_is(sql, &t, "from"))
			return;
		*out = last;
		return;
	}
}

/* Whether the view `sql` reads a dropped relation: a name after FROM,
 * JOIN or a ',' of a FROM list (maybe qualified).  1, 0 or -1. */
static int view_reads_std(const struct dropped *d, const char *sql);

static int view_reads(const struct dropped *d, const char *sql)
{
	char *std;
	int rc;

	if ((rc = dbt_expr_std_quotes(&std, sql, strlen(sql))) < 0)
		return rc;
	rc = view_reads_std(d, std ? std : sql);
	free(std);
	return rc;
}

/* view_reads(), of SQL in standard quotes. */
static int view_reads_std(const struct dropped *d, const char *sql)
{
	static const char *const ends[] = {"where",	"group",  "having", "order",
					   "limit",	"window", "union",  "except",
					   "intersect", "on",	  "using",  "select"};
	dbt_lexer lx;
	dbt_token t, last, before;
	int in_from = 0, after = 0, rc;
	size_t i;

	dbt_lex_init(&lx, sql, strlen(sql));
	if (dbt_lex_next(&lx, &t) < 0)
		return 0;
	while (t.kind != DBT_TOK_END) {
		if (dbt_token_is(sql, &t, "from") || dbt_token_is(sql, &t, "join")) {
			in_from = after = 1;
		} else if (after && (t.kind == DBT_TOK_WORD || t.kind == DBT_TOK_QUOTED) &&
			   !dbt_token_is(sql, &t, "lateral") && !dbt_token_is(sql, &t, "only")) {
			read_qualified(&lx, &t, &last, &before);
			if ((rc = token_dropped(d, sql, &last)) != 0)
				return rc;
			after = 0;
			continue;
		} else {
			for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
				if (dbt_token_is(sql, &t, ends[i]))
					in_from = 0;
			after = in_from && dbt_token_is(sql, &t, ",");
			if (dbt_token_is(sql, &t, "lateral") || dbt_token_is(sql, &t, "only"))
				after = in_from;
		}
		if (dbt_lex_next(&lx, &t) < 0)
			return 0;
	}
	return 0;
}

static int is_view(const dbt_statement *st)
{
	return !strcmp(st->kind, "view") || !strcmp(st->kind, "materialized view");
}

/* The kinds of kept statement that are on one relation, which
 * statement_target finds. */
static int is_on_relation(const dbt_statement *st)
{
	static const char *const kinds[] = {"trigger", "policy", "rule",  "index",
					    "comment", "grant",	 "revoke"};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(st->kind, kinds[i]))
			return 1;
	return 0;
}

/* The sequences owned by a column of a dropped table go, with their
 * statements (CREATE and ALTER SEQUENCE). */
static void drop_owned_sequences(struct parser *p, const struct dropped *tables)
{
	dbt_schema *s = p->schema;
	size_t i, j, k = 0;

	for (i = 0; i < p->nseqs; i++) {
		struct seq *sq = &p->seqs[i];

		if (!sq->owned || !dropped_has(tables, sq->owner_table)) {
			p->seqs[k++] = *sq;
			continue;
		}
		for (j = 0; j < s->nstatements;) {
			dbt_statement *st = s->statements[j];

			if (!strcmp(st->kind, "sequence") && st->name &&
			    !strcmp(st->name, sq->name))
				dbt_schema_remove_statement(s, st);
			else
				j++;
		}
		forget_ref(p, sq->owner_table);
		forget_ref(p, sq->owner_column);
		free(sq->name);
		free(sq->owner_table);
		free(sq->owner_column);
	}
	p->nseqs = k;
}

int drop_dependents(struct parser *p, dbt_table *const *tables, const int *lines, const int *cols,
		    size_t ntables, int cascade)
{
	dbt_schema *s = p->schema;
	struct dropped d = {NULL, 0}, only_tables;
	size_t i, j;
	int rc = 0, again;

	if (!(d.names = malloc((ntables + s->nstatements + 1) * sizeof(*d.names))))
		return dbt_error_oom();
	for (i = 0; i < ntables; i++)
		d.names[d.n++] = tables[i]->name;
	only_tables = d;
	do {
		again = 0;
		for (i = 0; i < s->nstatements && !again; i++) {
			dbt_statement *st = s->statements[i];
			dbt_token t;
			char *std;

			if (is_view(st)) {
				if ((rc = view_reads(&d, st->sql)) < 0)
					goto cleanup;
				if (!rc)
					continue;
				rc = 0;
				if (!cascade) {
					/* The first table named in the DROP that it reads. */
					for (j = 0; j + 1 < ntables; j++) {
						struct dropped one = {&d.names[j], 1};

						if (view_reads(&one, st->sql) > 0)
							break;
					}
					rc = fail_at(p, lines[j], cols[j],
						     "cannot drop table '%s': %s '%s' uses it "
						     "(DROP TABLE ... CASCADE drops it too)",
						     tables[j]->name, st->kind,
						     st->name ? st->name : "");
					goto cleanup;
				}
				/* The views on it go too. */
				if (!st->name) {
					dbt_schema_remove_statement(s, st);
					again = 1;
					continue;
				}
				if (!(d.names[d.n] = strdup(st->name))) {
					rc = dbt_error_oom();
					goto cleanup;
				}
				d.n++;
				dbt_schema_remove_statement(s, st);
				again = 1;
				continue;
			}
			if (!strcmp(st->kind, "alter table")) {
				if (dropped_has(&d, st->name)) {
					dbt_schema_remove_statement(s, st);
					again = 1;
				}
				continue;
			}
			if (!is_on_relation(st))
				continue;
			if ((rc = dbt_expr_std_quotes(&std, st->sql, strlen(st->sql))) < 0)
				goto cleanup;
			statement_target(std ? std : st->sql, st->kind, &t);
			rc = token_dropped(&d, std ? std : st->sql, &t);
			free(std);
			if (rc < 0)
				goto cleanup;
			if (rc) {
				rc = 0;
				dbt_schema_remove_statement(s, st);
				again = 1;
			}
		}
	} while (again);
	drop_owned_sequences(p, &only_tables);
cleanup:
	for (i = ntables; i < d.n; i++)
		free(d.names[i]);
	free(d.names);
	return rc;
}
