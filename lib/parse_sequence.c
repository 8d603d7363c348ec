/*
 * parse_sequence.c - CREATE SEQUENCE and ALTER SEQUENCE for the model
 * parser (see parse_internal.h): the sequences a column's DEFAULT
 * nextval(...) may make a SERIAL column, as pg_dump writes them.
 */
#include "parse_internal.h"

#include "error.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words of a sequence's options that pg_dump writes for a SERIAL's
 * sequence; numbers must be 1. */
int plain_seq_word(const struct parser *p)
{
	static const char *const words[] = {"as",    "start",	"with",	    "increment",
					    "by",    "no",	"minvalue", "maxvalue",
					    "cache", "integer", "bigint",   "smallint",
					    "int",   "int4",	"int8",	    "int2"};
	size_t i;

	if (p->cur.tok.kind == DBT_TOK_NUMBER)
		return p->cur.tok.len == 1 && p->text[p->cur.tok.start] == '1';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* CREATE SEQUENCE has been read: kept as text, and noted so that a
 * column it is owned by and whose default takes nextval() of it is read
 * as SERIAL. */
int parse_sequence(struct parser *p, const dbt_token *first)
{
	struct name n = {NULL, 0, 0, 0};
	struct seq *v;
	int plain = 1, rc;
	size_t i;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "not", "NOT")) < 0 ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if ((rc = parse_managed_name(p, &n, "a sequence name")) < 0)
		return rc;
	for (i = 0; i < p->nseqs; i++) {
		if (!strcmp(p->seqs[i].name, n.s)) {
			rc = fail_at(p, n.line, n.col, "duplicate sequence '%s'", n.s);
			goto cleanup;
		}
	}
	v = realloc(p->seqs, (p->nseqs + 1) * sizeof(*v));
	if (!v) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	p->seqs = v;
	memset(&v[p->nseqs], 0, sizeof(*v));
	v[p->nseqs].name = n.s;
	n.s = NULL;
	p->nseqs++;
	{
		/* Look at the options before keeping the text. */
		dbt_cursor save = p->cur;

		while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";")) {
			if (!plain_seq_word(p))
				plain = 0;
			if ((rc = next(p)) < 0)
				goto cleanup;
		}
		p->cur = save;
	}
	p->seqs[p->nseqs - 1].plain = plain;
	rc = keep_statement(p, first, "sequence", p->seqs[p->nseqs - 1].name,
			    &p->seqs[p->nseqs - 1].st);
cleanup:
	name_release(&n);
	return rc;
}

struct seq *find_seq(const struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nseqs; i++)
		if (!strcmp(p->seqs[i].name, name))
			return &p->seqs[i];
	return NULL;
}

/* OWNER TO role: ownership is not part of the model. */
int skip_owner(struct parser *p)
{
	int rc;

	if ((rc = next(p)) < 0 || (rc = expect(p, "to", "TO")) < 0)
		return rc;
	if (p->cur.tok.kind != DBT_TOK_WORD && p->cur.tok.kind != DBT_TOK_QUOTED)
		return expected(p, "a role name");
	return next(p);
}

/* ALTER SEQUENCE has been read. */
int parse_alter_sequence(struct parser *p, const dbt_token *first)
{
	struct name n = {NULL, 0, 0, 0}, a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	struct seq *sq;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if ((rc = parse_managed_name(p, &n, "a sequence name")) < 0)
		return rc;
	if (is(p, "owner")) {
		rc = skip_owner(p);
		goto cleanup;
	}
	sq = find_seq(p, n.s);
	if (!is(p, "owned")) {
		/* Another change of the sequence: kept, and no longer a
		 * SERIAL's plain sequence. */
		if (sq)
			sq->plain = 0;
		rc = keep_statement(p, first, "sequence", n.s, NULL);
		goto cleanup;
	}
	if (!sq) {
		rc = fail_at(p, n.line, n.col,
			     "unknown sequence '%s' (ALTER SEQUENCE must follow its CREATE "
			     "SEQUENCE)",
			     n.s);
		goto cleanup;
	}
	if ((rc = next(p)) < 0 || (rc = expect(p, "by", "BY")) < 0)
		goto cleanup;
	if (is(p, "none")) {
		sq->owned = 0;
		rc = next(p);
		goto cleanup;
	}
	if (sq->owner_table) {
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "sequence '%s' is already owned by '%s.%s'", sq->name, sq->owner_table,
			     sq->owner_column);
		goto cleanup;
	}
	/* [public.]table.column */
	if ((rc = parse_name(p, &a, "a table name")) < 0 || (rc = expect(p, ".", "'.'")) < 0 ||
	    (rc = parse_name(p, &b, "a column name")) < 0)
		goto cleanup;
	if (is(p, ".")) {
		if (strcmp(a.s, DEFAULT_SCHEMA)) {
			rc = fail_at(p, a.line, a.col,
				     "schema '%s' is not supported (the model holds the objects of "
				     "schema '%s')",
				     a.s, DEFAULT_SCHEMA);
			goto cleanup;
		}
		name_release(&a);
		a = b;
		b.s = NULL;
		if ((rc = next(p)) < 0 || (rc = parse_name(p, &b, "a column name")) < 0)
			goto cleanup;
	}
	if ((rc = add_ref(p, a.s, NULL, a.line, a.col)) < 0)
		goto cleanup;
	sq->owner_table = a.s;
	sq->owner_column = b.s;
	sq->owned = 1;
	a.s = b.s = NULL;
	/* The column is checked at the end, when the table is known. */
	rc = add_ref(p, sq->owner_table, sq->owner_column, b.line, b.col);
cleanup:
	name_release(&n);
	name_release(&a);
	name_release(&b);
	return rc;
}
