/*
 * parse_column.c - a column definition for the model parser (see
 * parse_internal.h): its name and type, and its constraints (NOT NULL,
 * NULL, PRIMARY KEY, UNIQUE, CHECK, REFERENCES, COLLATE, GENERATED ... AS
 * IDENTITY or AS (expr)).  Its DEFAULT is read in parse_default.c, and the
 * hints in comments around it ("-- renamed from: OLD", "-- dbtool:
 * no-autoincrement") in parse_hint.c.
 */
#include "parse_internal.h"

#include "error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What generates the column's values so far, for messages; NULL if none. */
static const char *generator(const struct coldef *d)
{
	if (d->c->identity == DBT_IDENTITY_SERIAL)
		return "SERIAL";
	if (d->c->identity != DBT_IDENTITY_NONE)
		return "GENERATED AS IDENTITY";
	if (d->c->autoincrement)
		return "AUTOINCREMENT";
	if (d->has_default)
		return "DEFAULT";
	if (d->c->generated_expr)
		return "GENERATED";
	return NULL;
}

/* A column gets its values from one source at most. */
int check_generator(struct parser *p, const struct coldef *d, const char *what, int line, int col)
{
	const char *g = generator(d);

	if (!g)
		return 0;
	return fail_at(p, line, col, "column '%s' of table '%s' cannot have both %s and %s",
		       d->c->name, d->t->name, g, what);
}

static int fail_null(struct parser *p, const struct coldef *d)
{
	return fail_at(p, d->line, d->col,
		       "column '%s' of table '%s' is declared both NULL and NOT NULL", d->c->name,
		       d->t->name);
}

/* The type's canonical name, for messages. */
static const char *type_name(dbt_buf *b, const dbt_type *type)
{
	dbt_type_format(b, type);
	return b->oom ? "?" : b->ptr;
}

/* SQLite's ON CONFLICT after the column's NOT NULL, PRIMARY KEY or
 * UNIQUE, into `*out`; the column keeps where the first one stands. */
static int column_conflict(struct parser *p, struct coldef *d, dbt_conflict *out)
{
	int line = 0, col = 0, rc;

	if ((rc = parse_conflict(p, out, &line, &col)) < 0)
		return rc;
	if (*out != DBT_CONFLICT_NONE && !dbt_column_places_get(d->c)->conflict_line) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
			return rc;
		at->conflict_line = line;
		at->conflict_col = col;
	}
	return 0;
}

int column_not_null(struct parser *p, struct coldef *d)
{
	int rc;

	if ((rc = next(p)) < 0 || (rc = expect(p, "null", "NULL")) < 0)
		return rc;
	if (d->said_null)
		return fail_null(p, d);
	d->said_not_null = 1;
	d->c->not_null = 1;
	return 0;
}

static int column_null(struct parser *p, struct coldef *d)
{
	if (d->said_not_null || d->in_pk || d->c->identity != DBT_IDENTITY_NONE)
		return fail_null(p, d);
	d->said_null = 1;
	return next(p);
}

/* PRIMARY KEY [AUTOINCREMENT] */
static int column_primary_key(struct parser *p, struct coldef *d)
{
	dbt_unique *pk;
	int rc;

	if (d->t->pk)
		return fail_two_pks(p, d->t, d->line, d->col);
	if (d->said_null)
		return fail_null(p, d);
	if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
	    (rc = dbt_table_set_pk(&pk, d->t, d->cname)) < 0 ||
	    (rc = dbt_unique_add_column(pk, d->c->name)) < 0)
		return rc;
	pk->line = d->line;
	pk->col = d->col;
	d->in_pk = 1;
	/* SQLite's PRIMARY KEY ASC is its PRIMARY KEY; PRIMARY KEY DESC is
	 * kept: an INTEGER PRIMARY KEY DESC is no rowid alias, as SQLite
	 * has it (which also takes no AUTOINCREMENT). */
	pk->column_desc = is(p, "desc");
	if ((is(p, "asc") || is(p, "desc")) && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_key_storage(p, pk)) < 0 ||
	    (rc = column_conflict(p, d, &pk->conflict)) < 0 || (rc = parse_key_deferral(p, pk)) < 0)
		return rc;
	if (!is(p, "autoincrement"))
		return 0;
	if (d->c->type.kind != DBT_TYPE_INTEGER || pk->column_desc)
		return fail_autoincrement(p, p->cur.tok.line, p->cur.tok.col);
	if ((rc = check_generator(p, d, "AUTOINCREMENT", p->cur.tok.line, p->cur.tok.col)) < 0)
		return rc;
	d->c->autoincrement = 1;
	return next(p);
}

/*
 * MariaDB/MySQL's AUTO_INCREMENT (as `inspect`, mariadb-dump and
 * SQLAlchemy's MySQL DDL write it): the database generates the column's
 * values, as SERIAL or an identity says elsewhere; MariaDB's adaptation
 * requires the column to lead a key.
 */
static int column_auto_increment(struct parser *p, struct coldef *d)
{
	int rc;

	if ((rc = check_generator(p, d, "AUTO_INCREMENT", d->line, d->col)) < 0)
		return rc;
	d->c->autoincrement = 1;
	return next(p);
}

static int column_unique(struct parser *p, struct coldef *d)
{
	dbt_unique *u;
	int rc;

	if ((rc = next(p)) < 0 || (rc = dbt_table_add_unique(&u, d->t, d->cname)) < 0 ||
	    (rc = dbt_unique_add_column(u, d->c->name)) < 0 ||
	    (rc = parse_nulls_distinct(p, &u->nulls_not_distinct, &u->pg_line, &u->pg_col)) < 0)
		return rc;
	u->line = d->line;
	u->col = d->col;
	if ((rc = parse_key_storage(p, u)) < 0 || (rc = column_conflict(p, d, &u->conflict)) < 0)
		return rc;
	return parse_key_deferral(p, u);
}

static int column_check(struct parser *p, struct coldef *d)
{
	dbt_token la;
	int rc = next(p);

	if (rc < 0 || (rc = parse_check(p, d->t, d->cname, d->line, d->col)) < 0)
		return rc;
	peek(p, &la);
	if (is(p, "on") && dbt_token_is(p->text, &la, "conflict"))
		return fail_at(p, p->cur.tok.line, p->cur.tok.col,
			       "ON CONFLICT after the CHECK of column '%s' of table '%s', which "
			       "SQLite does not take: write the CHECK as a table constraint",
			       d->c->name, d->t->name);
	return 0;
}

static int column_references(struct parser *p, struct coldef *d)
{
	dbt_fk *fk;
	int rc;

	if ((rc = next(p)) < 0 || (rc = dbt_table_add_fk(&fk, d->t, d->cname, NULL)) < 0 ||
	    (rc = dbt_fk_add_column(fk, d->c->name)) < 0)
		return rc;
	fk->line = d->line;
	fk->col = d->col;
	return parse_references(p, fk);
}

int column_collate(struct parser *p, struct coldef *d)
{
	struct name coll = {NULL, 0, 0, 0};
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	if (d->c->collation) {
		rc = fail_at(p, d->line, d->col,
			     "column '%s' of table '%s' has more than one collation", d->c->name,
			     d->t->name);
	} else if (dbt_type_is_portable(d->c->type.kind) && !dbt_type_is_text(d->c->type.kind)) {
		rc = fail_at(p, d->line, d->col, "column '%s' of type %s cannot have a collation",
			     d->c->name, type_name(&b, &d->c->type));
	} else if ((rc = next(p)) == 0 && (rc = parse_collation_name(p, &coll, NULL)) == 0) {
		rc = dbt_column_set_collation(d->c, coll.s);
	}
	name_release(&coll);
	dbt_buf_release(&b);
	return rc;
}

/* The generation expression: "AS" has been read, '(' is next; then
 * STORED or VIRTUAL (VIRTUAL when neither is written, as SQLite reads it;
 * PostgreSQL wants STORED: see dbt_schema_adapt). */
static int column_generated_expr(struct parser *p, struct coldef *d, int line, int col)
{
	dbt_column_places *at;
	char *text;
	size_t from, to;
	int stored = 0, rc;

	if (d->c->generated_expr)
		return fail_at(p, line, col, "column '%s' of table '%s' is generated twice",
			       d->c->name, d->t->name);
	if ((rc = check_generator(p, d, "GENERATED", line, col)) < 0 ||
	    (rc = parse_parens(p, &from, &to, 0)) < 0 ||
	    (rc = typed_literals(&text, p->text + from, to - from)) < 0)
		return rc;
	if (is(p, "stored") || is(p, "virtual")) {
		stored = is(p, "stored");
		if ((rc = next(p)) < 0) {
			free(text);
			return rc;
		}
	}
	rc = dbt_column_set_generated(d->c, text, strlen(text), stored);
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
		return rc;
	at->generated_line = line;
	at->generated_col = col;
	return 0;
}

/* AS (expr) [STORED | VIRTUAL], SQLite's short form. */
static int column_as(struct parser *p, struct coldef *d)
{
	int rc = next(p);

	return rc < 0 ? rc : column_generated_expr(p, d, d->line, d->col);
}

/* A signed whole number of an identity option, in `*out`. */
static int seq_number(struct parser *p, long long *out)
{
	char buf[32], *end;
	int neg = 0, rc;

	if (p->cur.tok.kind == DBT_TOK_OP && (is(p, "-") || is(p, "+"))) {
		neg = is(p, "-");
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (p->cur.tok.kind != DBT_TOK_NUMBER || p->cur.tok.len >= sizeof(buf) - 1)
		return expected(p, "a whole number");
	buf[0] = '-';
	memcpy(buf + 1, p->text + p->cur.tok.start, p->cur.tok.len);
	buf[p->cur.tok.len + 1] = '\0';
	errno = 0;
	*out = strtoll(neg ? buf : buf + 1, &end, 10);
	if (errno || *end)
		return expected(p, "a whole number");
	return next(p);
}

/* The integer type words of AS in an identity's options. */
static dbt_type_kind seq_type_word(const struct parser *p)
{
	if (is(p, "smallint") || is(p, "int2"))
		return DBT_TYPE_SMALLINT;
	if (is(p, "integer") || is(p, "int") || is(p, "int4"))
		return DBT_TYPE_INTEGER;
	if (is(p, "bigint") || is(p, "int8"))
		return DBT_TYPE_BIGINT;
	return DBT_TYPE_OTHER;
}

/* One option of an identity's sequence; `seq` notes it. */
static int seq_option(struct parser *p, dbt_column *c, struct dbt_identity_seq *seq)
{
	int rc;

	if (is(p, "sequence")) {
		struct name n = {NULL, 0, 0, 0};

		if ((rc = next(p)) < 0 || (rc = expect(p, "name", "NAME")) < 0 ||
		    (rc = parse_managed_name(p, &n, "a sequence name")) < 0)
			return rc;
		name_release(&n);
		return 0;
	}
	if (is(p, "as")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (seq_type_word(p) != c->type.kind)
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "the sequence of identity column '%s' must have the "
				       "column's type",
				       c->name);
		return next(p);
	}
	if (is(p, "start") || is(p, "increment")) {
		int start = is(p, "start");

		if ((rc = next(p)) < 0 || ((is(p, start ? "with" : "by")) && (rc = next(p)) < 0))
			return rc;
		*(start ? &seq->has_start : &seq->has_increment) = 1;
		return seq_number(p, start ? &seq->start : &seq->increment);
	}
	if (is(p, "minvalue") || is(p, "maxvalue") || is(p, "cache")) {
		int which = is(p, "minvalue") ? 0 : is(p, "maxvalue") ? 1 : 2;

		if ((rc = next(p)) < 0)
			return rc;
		*(which == 0   ? &seq->has_minvalue
		  : which == 1 ? &seq->has_maxvalue
			       : &seq->has_cache) = 1;
		return seq_number(p, which == 0	  ? &seq->minvalue
				     : which == 1 ? &seq->maxvalue
						  : &seq->cache);
	}
	if (is(p, "cycle")) {
		seq->cycle = 1;
		return next(p);
	}
	if (is(p, "no")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "minvalue"))
			seq->has_minvalue = 0;
		else if (is(p, "maxvalue"))
			seq->has_maxvalue = 0;
		else if (is(p, "cycle"))
			seq->cycle = 0;
		else
			return expected(p, "MINVALUE, MAXVALUE or CYCLE");
		return next(p);
	}
	return expected(p, "a sequence option or ')'");
}

/*
 * The options of an identity's sequence in parentheses after AS IDENTITY
 * (CREATE TABLE, ALTER COLUMN ... ADD GENERATED), if any: kept in the
 * column as dbt_identity_options_canon gives them.
 */
int parse_identity_options(struct parser *p, dbt_column *c)
{
	struct dbt_identity_seq seq;
	dbt_column_places *at;
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;

	if (!is(p, "("))
		return 0;
	memset(&seq, 0, sizeof(seq));
	if ((rc = next(p)) < 0)
		return rc;
	while (!is(p, ")"))
		if ((rc = seq_option(p, c, &seq)) < 0)
			return rc;
	free(c->identity_options);
	c->identity_options = NULL;
	if ((rc = dbt_identity_options_canon(&c->identity_options, &c->type, &seq)) < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	if ((rc = dbt_column_places_edit(&at, c)) < 0)
		return rc;
	at->identity_options_line = line;
	at->identity_options_col = col;
	return next(p);
}

/* GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY, or
 * GENERATED ALWAYS AS (expr) [STORED | VIRTUAL] */
int column_generated(struct parser *p, struct coldef *d)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_identity kind;
	int rc;

	if ((rc = next(p)) < 0)
		goto cleanup;
	if (is(p, "always")) {
		kind = DBT_IDENTITY_ALWAYS;
	} else if (is(p, "by")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "default")) {
			rc = expected(p, "DEFAULT");
			goto cleanup;
		}
		kind = DBT_IDENTITY_BY_DEFAULT;
	} else {
		rc = expected(p, "ALWAYS or BY DEFAULT");
		goto cleanup;
	}
	if ((rc = next(p)) < 0 || (rc = expect(p, "as", "AS")) < 0)
		goto cleanup;
	if (kind == DBT_IDENTITY_ALWAYS && is(p, "(")) {
		rc = column_generated_expr(p, d, d->line, d->col);
		goto cleanup;
	}
	if (!is(p, "identity")) {
		rc = expected(p, kind == DBT_IDENTITY_ALWAYS ? "IDENTITY or '('" : "IDENTITY");
		goto cleanup;
	}
	if (!dbt_type_is_integer(d->c->type.kind)) {
		rc = fail_at(p, d->line, d->col,
			     "identity column '%s' must be SMALLINT, INTEGER or BIGINT, not %s",
			     d->c->name, type_name(&b, &d->c->type));
		goto cleanup;
	}
	if (d->said_null) {
		rc = fail_null(p, d);
		goto cleanup;
	}
	if ((rc = check_generator(p, d, "GENERATED AS IDENTITY", d->line, d->col)) < 0)
		goto cleanup;
	d->c->identity = kind;
	d->c->autoincrement = 1;
	d->c->not_null = 1;
	if ((rc = next(p)) < 0)
		goto cleanup;
	rc = parse_identity_options(p, d->c);
cleanup:
	dbt_buf_release(&b);
	return rc;
}

/* One column constraint at the current token; 1 when there is none. */
static int parse_column_constraint(struct parser *p, struct coldef *d)
{
	struct name cn = {NULL, 0, 0, 0};
	int rc;

	d->line = p->cur.tok.line;
	d->col = p->cur.tok.col;
	d->cname = NULL;
	if (is(p, "constraint")) {
		if ((rc = next(p)) < 0 || (rc = parse_name(p, &cn, "a constraint name")) < 0)
			goto cleanup;
		/* A name before NOT NULL, NULL, DEFAULT or COLLATE, which SQLite
		 * takes, names nothing either database keeps. */
		if (!is(p, "primary") && !is(p, "unique") && !is(p, "check") &&
		    !is(p, "references") && !is(p, "not") && !is(p, "null") && !is(p, "default") &&
		    !is(p, "collate")) {
			rc = expected(p,
				      "PRIMARY KEY, UNIQUE, CHECK, REFERENCES, NOT NULL, DEFAULT "
				      "or COLLATE");
			goto cleanup;
		}
		d->cname = cn.s;
	}
	if (is(p, "not")) {
		dbt_conflict conflict = d->c->not_null_conflict;

		if ((rc = column_not_null(p, d)) == 0)
			rc = column_conflict(p, d, &conflict);
		d->c->not_null_conflict = conflict;
	} else if (is(p, "null")) {
		/* SQLite takes NULL ON CONFLICT ... too, which does nothing. */
		dbt_conflict ignored;

		if ((rc = column_null(p, d)) == 0)
			rc = column_conflict(p, d, &ignored);
	} else if (is(p, "primary"))
		rc = column_primary_key(p, d);
	else if (is(p, "autoincrement"))
		rc = fail_autoincrement(p, d->line, d->col);
	else if (is(p, "auto_increment"))
		rc = column_auto_increment(p, d);
	else if (is(p, "unique"))
		rc = column_unique(p, d);
	else if (is(p, "check"))
		rc = column_check(p, d);
	else if (is(p, "references"))
		rc = column_references(p, d);
	else if (is(p, "default"))
		rc = column_default(p, d);
	else if (is(p, "collate"))
		rc = column_collate(p, d);
	else if (is(p, "generated"))
		rc = column_generated(p, d);
	else if (is(p, "as"))
		rc = column_as(p, d);
	else
		rc = parse_mysql_column_attr(p, d);
cleanup:
	name_release(&cn);
	d->cname = NULL;
	return rc;
}

/* A column definition: name, type, column constraints; in ALTER TABLE's
 * ADD COLUMN (`alter`), it ends at ',' or ';'. */
int parse_column(struct parser *p, dbt_table *t, int alter)
{
	struct name n = {NULL, 0, 0, 0};
	struct coldef d;
	dbt_type type;
	size_t i, name_off, name_end;
	int serial, renamed_line = 0, renamed_col = 0, rc;

	memset(&d, 0, sizeof(d));
	d.t = t;
	name_off = p->cur.tok.start;
	if ((rc = parse_name(p, &n, "a column name or table constraint")) < 0)
		goto cleanup;
	name_end = p->cur.prev_end;
	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *o = t->columns[i];

		if (!strcmp(o->name, n.s)) {
			dbt_buf b = DBT_BUF_INIT;

			put_first(&b, n.s, o->name, o->line);
			rc = b.oom ? dbt_error_oom()
				   : fail_at(p, n.line, n.col,
					     "duplicate column '%s' in table '%s'%s", n.s, t->name,
					     b.ptr);
			dbt_buf_release(&b);
			goto cleanup;
		}
	}
	if ((rc = parse_type(p, &type, &serial)) < 0)
		goto cleanup;
	rc = dbt_table_add_column_take(&d.c, t, &n.s, n.quoted, &type);
	dbt_type_release(&type);
	if (rc < 0)
		goto cleanup;
	d.c->line = n.line;
	d.c->col = n.col;
	if ((rc = take_hint(p, name_off, n.line, &d.c->renamed_from, &renamed_line, &renamed_col)) <
	    0)
		goto cleanup;
	if (serial) {
		d.c->not_null = 1;
		d.c->autoincrement = 1;
		d.c->identity = DBT_IDENTITY_SERIAL;
	}
	while ((rc = parse_column_constraint(p, &d)) == 0)
		;
	/* The hint on the column's own line is in a comment, which
	 * column_line_end() (a look at the token after a comma) is not needed
	 * to rule out. */
	if (rc < 0 || (rc = column_hint(p, d.c)) < 0 ||
	    (next_comment(p, name_end) < line_end(p, p->cur.prev_end) &&
	     (rc = take_trailing_hint(p, name_end, column_line_end(p), &d.c->renamed_from,
				      &renamed_line, &renamed_col)) < 0))
		goto cleanup;
	if (renamed_line) {
		dbt_column_places *at;

		if ((rc = dbt_column_places_edit(&at, d.c)) < 0)
			goto cleanup;
		at->renamed_line = renamed_line;
		at->renamed_col = renamed_col;
	}
	if (alter)
		rc = is(p, ",") || is(p, ";") || p->cur.tok.kind == DBT_TOK_END
			     ? 0
			     : expected(p, "a column constraint, ',' or ';'");
	else
		rc = is(p, ",") || is(p, ")") ? 0 : expected(p, "a column constraint, ',' or ')'");
cleanup:
	name_release(&n);
	return rc;
}
