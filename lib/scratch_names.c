/*
 * scratch_names.c - the model's names as the scratch database holds them,
 * and back (scratch_int.h): the SQL of a statement, table or index with
 * the managed schema's qualifier made the scratch schema's and a name of
 * another schema held flat as one name, and in what the scratch's
 * reflection reads, the model's names again.  Apart from scratch.c and
 * scratch_objects.c, which both build through it: text work alone, on
 * the scratch's names, that touches no database.
 */
#include "scratch_int.h"

#include "error.h"
#include "ident.h"
#include "lex.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

/* CREATE INDEX for the scratch database, as a revision writes it: an index
 * the database cannot have (MariaDB's partial and expression indexes) is
 * refused in the renderer's words rather than the database's. */
int dbt_scratch_render_index(dbt_buf *out, const struct scratch *s, const dbt_index *ix)
{
	dbt_index flat;
	dbt_op op;
	size_t n;
	int rc;

	memset(&op, 0, sizeof(op));
	op.kind = DBT_OP_ADD_INDEX;
	op.index = ix;
	if (!dbt_ident_is_qualified(ix->name))
		return dbt_render_op(out, s->kind, &op);
	/* The index of a table held flat is flat too, beside those of the
	 * managed schema's tables: CREATE INDEX writes the name after its
	 * first qualifier, here SCHEMA.NAME, which dbt_scratch_rendered makes
	 * the one name SCHEMA\x1fNAME. */
	flat = *ix;
	n = (size_t)(dbt_ident_base(ix->name) - ix->name);
	if (!(flat.name = malloc(n + strlen(ix->name) + 1)))
		return dbt_error_oom();
	memcpy(flat.name, ix->name, n);
	strcpy(flat.name + n, ix->name);
	op.index = &flat;
	rc = dbt_render_op(out, s->kind, &op);
	free(flat.name);
	return rc;
}

/* 1 when one of the model's tables, enums or domains is in schema
 * `name`. */
static int model_has_schema(const dbt_schema *model, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; model && i < model->ntables; i++) {
		const char *t = model->tables[i]->name;

		if (!strncmp(t, name, n) && t[n] == DBT_QUALIFIER)
			return 1;
	}
	/* An enum or domain of that schema, which the scratch builds flat
	 * too. */
	for (i = 0; model && i < model->nstatements; i++) {
		const dbt_statement *st = model->statements[i];

		if (st->name && (!strcmp(st->kind, "type") || !strcmp(st->kind, "domain")) &&
		    !strncmp(st->name, name, n) && st->name[n] == DBT_QUALIFIER)
			return 1;
	}
	return 0;
}

/* `schema`, DBT_QUALIFIER, `name` as one quoted identifier. */
static void put_flat(dbt_buf *out, const char *schema, const char *name)
{
	const char *p;

	dbt_ident_quote(out, schema);
	out->len--; /* its closing quote */
	dbt_buf_putc(out, DBT_QUALIFIER);
	for (p = name; *p; p++) {
		if (*p == '"')
			dbt_buf_putc(out, '"');
		dbt_buf_putc(out, *p);
	}
	dbt_buf_putc(out, '"');
}

/*
 * At `schema` '.' in `sql` (`qualifier` is the schema's token, `lx` just
 * past the '.'): when the model holds tables of that schema, the scratch
 * holds them flat, in its own schema (scratch_int.h), and the qualified
 * name becomes that one name.  1 when it did so (`lx`, `*copied` past the
 * name), 0 when it left the text, DBT_ERROR when out of memory.
 */
static int flatten(dbt_buf *out, const struct scratch *s, const char *sql, dbt_lexer *lx,
		   const dbt_token *qualifier, const char *schema, size_t *copied)
{
	dbt_lexer la = *lx;
	dbt_token tok;
	char *name;

	if (!model_has_schema(s->model, schema) || dbt_lex_next(&la, &tok) != 0 ||
	    (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED))
		return 0;
	if (!(name = dbt_token_name(sql, &tok)))
		return dbt_error_oom();
	dbt_buf_put(out, sql + *copied, qualifier->start - *copied);
	put_flat(out, schema, name);
	free(name);
	*copied = tok.start + tok.len;
	*lx = la;
	return out->oom ? dbt_error_oom() : 1;
}

/*
 * The statement as the scratch database runs it.  PostgreSQL: the
 * managed schema's qualifier (public.users, as pg_dump writes it) names
 * the scratch schema instead, token by token; CREATE EXTENSION and CREATE
 * SCHEMA, which concern the whole database, get IF NOT EXISTS, so that
 * one that the live database has does not fail (everything is rolled
 * back).  SQLite runs it as written.
 */
static int scratch_text(dbt_buf *out, const struct scratch *s, const char *sql)
{
	const char *live = s->live_schema ? s->live_schema : "public";
	const struct dbt_dialect *d = s->conn->dialect;
	dbt_lexer lx;
	dbt_token tok, first, second, last;
	size_t copied = 0;
	int ntok = 0;

	dbt_buf_clear(out);
	/* Only where tables live in schemas is the scratch a schema. */
	if (!(d->caps & DBT_CAP_SCHEMAS)) {
		dbt_buf_puts(out, sql);
		return out->oom ? dbt_error_oom() : 0;
	}
	memset(&first, 0, sizeof(first));
	second = last = first;
	dbt_lex_init(&lx, sql, strlen(sql));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		if (++ntok == 1)
			first = tok;
		else if (ntok == 2)
			second = tok;
		if (ntok == 3 && dbt_token_is(sql, &first, "create") &&
		    (dbt_token_is(sql, &second, "extension") ||
		     dbt_token_is(sql, &second, "schema")) &&
		    !dbt_token_is(sql, &tok, "if")) {
			dbt_buf_put(out, sql + copied, tok.start - copied);
			dbt_buf_puts(out, "IF NOT EXISTS ");
			copied = tok.start;
		}
		if (dbt_token_is(sql, &tok, ".") && ntok > 1 && last.start >= copied &&
		    (last.kind == DBT_TOK_WORD || last.kind == DBT_TOK_QUOTED)) {
			char *name = dbt_token_name(sql, &last);
			int rc;

			if (!name)
				return dbt_error_oom();
			if (!strcmp(name, live)) {
				dbt_buf_put(out, sql + copied, last.start - copied);
				d->quote_ident(out, s->schema);
				copied = last.start + last.len;
			} else if ((rc = flatten(out, s, sql, &lx, &last, name, &copied)) != 0) {
				free(name);
				if (rc < 0)
					return rc;
				continue;
			}
			free(name);
		}
		last = tok;
	}
	dbt_buf_puts(out, sql + copied);
	return out->oom ? dbt_error_oom() : 0;
}

int dbt_scratch_sql(dbt_buf *out, const struct scratch *s, const dbt_statement *st)
{
	return scratch_text(out, s, st->sql);
}

/* A table or index rendered from the model, in `sql`, as the scratch
 * database runs it: its expressions may name the managed schema's types
 * and functions by qualifier too ('a'::public.mood, as pg_dump writes a
 * CHECK), which are the scratch schema's own there, as its columns'. */
int dbt_scratch_rendered(dbt_buf *sql, const struct scratch *s)
{
	char *copy;
	int rc;

	if (!(s->conn->dialect->caps & DBT_CAP_SCHEMAS) || sql->oom)
		return sql->oom ? dbt_error_oom() : 0;
	if (!(copy = strdup(dbt_buf_str(sql))))
		return dbt_error_oom();
	rc = scratch_text(sql, s, copy);
	free(copy);
	return rc;
}

/* `*str` replaced by the text of `b` (released either way); DBT_ERROR
 * when `b` or a buffer it was made with (`oom`) ran out of memory, `*str`
 * then unchanged. */
static int take_text(char **str, dbt_buf *b, int oom)
{
	char *text;

	if (b->oom || oom) {
		dbt_buf_release(b);
		return dbt_error_oom();
	}
	if (!(text = dbt_buf_detach(b)))
		return dbt_error_oom();
	free(*str);
	*str = text;
	return 0;
}

/* Replaces, in `*str`, the scratch schema's qualifier by nothing and its
 * name elsewhere by the managed schema's (quoted as SQL needs; on
 * MariaDB/MySQL, whose scratch is a database, a name in backticks, and
 * an unqualified mention is left as it is).  The scratch's connection may
 * be closed by now: the dialect is the scratch's kind's. */
int dbt_scratch_unscratch(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	const char *live = s->live_schema ? s->live_schema : "public";
	char q;
	size_t len = strlen(s->schema);
	dbt_buf b = DBT_BUF_INIT;
	const char *p, *hit;

	if (!*str || !d || !(hit = strstr(*str, s->schema)))
		return 0;
	q = (d->caps & DBT_CAP_BACKTICK_NAMES) ? '`' : '"';
	for (p = *str; (hit = strstr(p, s->schema)); p = hit + len) {
		int quoted = hit > p && hit[-1] == q && hit[len] == q;

		/* Without schemas, the scratch is a database: only its
		 * qualifier goes. */
		if (!(d->caps & DBT_CAP_SCHEMAS) && hit[len + quoted] != '.') {
			dbt_buf_put(&b, p, (size_t)(hit - p) + len);
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(hit - p) - (quoted ? 1 : 0));
		if (quoted)
			hit++;
		if (hit[len] == '.')
			hit++;
		else
			d->quote_ident(&b, live);
	}
	dbt_buf_puts(&b, p);
	return take_text(str, &b, 0);
}

/*
 * Replaces, in `*str`, each flat name of the scratch (put_flat:
 * "SCHEMA\x1fNAME" in double quotes) by the qualified name it stands for,
 * each part quoted as PostgreSQL prints it.
 */
int dbt_scratch_unflatten(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	dbt_buf b = DBT_BUF_INIT, part = DBT_BUF_INIT;
	const char *p, *sep, *open, *close;

	if (!*str || !d || !strchr(*str, DBT_QUALIFIER))
		return 0;
	for (p = *str; (sep = strchr(p, DBT_QUALIFIER)); p = close + 1) {
		/* The quotes around it: the name holds no other. */
		for (open = sep; open > p && open[-1] != '"'; open--)
			;
		for (close = sep; *close && *close != '"'; close++)
			;
		if (open == p || !*close) {
			dbt_buf_put(&b, p, (size_t)(sep - p) + 1);
			close = sep;
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(open - 1 - p));
		dbt_buf_clear(&part);
		dbt_buf_put(&part, open, (size_t)(sep - open));
		d->quote_ident(&b, dbt_buf_str(&part));
		dbt_buf_putc(&b, '.');
		dbt_buf_clear(&part);
		dbt_buf_put(&part, sep + 1, (size_t)(close - sep - 1));
		d->quote_ident(&b, dbt_buf_str(&part));
	}
	dbt_buf_puts(&b, p);
	dbt_buf_release(&part);
	return take_text(str, &b, part.oom);
}

/*
 * Replaces, in `*str` (a domain's definition or statements), each
 * "CONSTRAINT <flat name>" by the name alone: PostgreSQL names a check
 * it was not given a name for after its domain, which the scratch holds
 * flat ("S\x1fD_check"), and after the domain's own name in its schema
 * (D_check).
 */
int dbt_scratch_unflatten_constraints(char **str, const struct scratch *s)
{
	const struct dbt_dialect *d = dbt_dialect_for(s->kind);
	static const char word[] = "CONSTRAINT \"";
	dbt_buf b = DBT_BUF_INIT, part = DBT_BUF_INIT;
	const char *p, *hit, *sep, *close;

	if (!*str || !d || !strchr(*str, DBT_QUALIFIER))
		return 0;
	for (p = *str; (hit = strstr(p, word)); p = close + 1) {
		const char *open = hit + sizeof(word) - 1;

		for (close = open; *close && *close != '"'; close++)
			;
		sep = memchr(open, DBT_QUALIFIER, (size_t)(close - open));
		if (!*close || !sep) {
			dbt_buf_put(&b, p, (size_t)(open - p));
			close = open - 1;
			continue;
		}
		dbt_buf_put(&b, p, (size_t)(open - 1 - p));
		dbt_buf_clear(&part);
		dbt_buf_put(&part, sep + 1, (size_t)(close - sep - 1));
		d->quote_ident(&b, dbt_buf_str(&part));
	}
	dbt_buf_puts(&b, p);
	dbt_buf_release(&part);
	return take_text(str, &b, part.oom);
}
