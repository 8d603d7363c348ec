/*
 * parse_mysql.c - what mariadb-dump writes inside and after CREATE TABLE
 * that the other databases do not have, for the model parser (see
 * parse_internal.h): the index lines `KEY name (...)`, `UNIQUE KEY`,
 * `FULLTEXT KEY`, `SPATIAL KEY` (and INDEX for KEY), and the table options
 * after the closing parenthesis (ENGINE=, AUTO_INCREMENT=, DEFAULT
 * CHARSET=, COLLATE=; the others are refused at their place).
 */
#include "parse_internal.h"

#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The table options of mariadb-dump that are MariaDB's defaults (or
 * bookkeeping), which the model leaves to the server. */
#define MYSQL_ENGINE "innodb"
#define MYSQL_CHARSET "utf8mb4"
#define MYSQL_COLLATION "utf8mb4_general_ci"

int is_mysql_key_line(const struct parser *p)
{
	dbt_cursor c = p->cur;
	dbt_token t[3];
	int i;

	if (p->cur.tok.kind != DBT_TOK_WORD)
		return 0;
	if (!is(p, "fulltext") && !is(p, "spatial") && !is(p, "key") && !is(p, "index"))
		return 0;
	for (i = 0; i < 3; i++) {
		if (dbt_cursor_next(&c) < 0)
			return 0;
		t[i] = c.tok;
	}
	if (is(p, "fulltext") || is(p, "spatial"))
		return dbt_token_is(p->text, &t[0], "key") || dbt_token_is(p->text, &t[0], "index");
	/* KEY (a) or KEY name (a ...: never a column named key, whose
	 * type's parenthesis would hold a number or a string. */
	if (dbt_token_is(p->text, &t[0], "("))
		return 1;
	return (t[0].kind == DBT_TOK_WORD || t[0].kind == DBT_TOK_QUOTED) &&
	       dbt_token_is(p->text, &t[1], "(") &&
	       (t[2].kind == DBT_TOK_WORD || t[2].kind == DBT_TOK_QUOTED ||
		dbt_token_is(p->text, &t[2], "("));
}

int parse_mysql_key(struct parser *p, dbt_table *t, const char *cname, int unique)
{
	struct name n = {NULL, 0, 0, 0};
	const char *method = NULL;
	dbt_index *ix;
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;

	if (is(p, "fulltext") || is(p, "spatial")) {
		method = is(p, "fulltext") ? "fulltext" : "spatial";
		if ((rc = next(p)) < 0)
			return rc;
	}
	/* KEY or INDEX (UNIQUE's caller is past the UNIQUE). */
	if ((rc = next(p)) < 0)
		return rc;
	if (!is(p, "(") && (rc = parse_name_as(p, &n, "an index name or '('", 1)) < 0)
		goto cleanup;
	if (is(p, "using")) {
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "an index method is not read in a key of CREATE TABLE: write CREATE "
			     "INDEX ... USING");
		goto cleanup;
	}
	if ((rc = dbt_schema_add_index(&ix, p->schema, n.s ? n.s : cname, n.s ? n.quoted : 0,
				       t->name, unique)) < 0)
		goto cleanup;
	ix->line = n.s ? n.line : line;
	ix->col = n.s ? n.col : col;
	ix->table_line = t->line;
	ix->table_col = t->col;
	if (method && !(ix->method = strdup(method))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = parse_index_elems(p, ix)) < 0)
		goto cleanup;
	if (is(p, "using") || is(p, "comment") || is(p, "key_block_size") || is(p, "with") ||
	    is(p, "invisible") || is(p, "ignored")) {
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "index option '%.*s' of MariaDB's is not read in a model",
			     (int)p->cur.tok.len, p->text + p->cur.tok.start);
		goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	return rc;
}

int parse_mysql_column_attr(struct parser *p, struct coldef *d)
{
	struct name cs = {NULL, 0, 0, 0};
	dbt_token la;
	int line = p->cur.tok.line, col = p->cur.tok.col, rc;

	/* Asked at every column constraint: the token after is read only
	 * after one of the words that start an attribute of MariaDB's. */
	if (!is(p, "character") && !is(p, "comment") && !is(p, "on"))
		return 1;
	peek(p, &la);
	if (is(p, "character") && dbt_token_is(p->text, &la, "set")) {
		if ((rc = next(p)) < 0 || (rc = next(p)) < 0 ||
		    (rc = parse_name(p, &cs, "a character set")) < 0)
			return rc;
		name_release(&cs);
		if (!is(p, "collate"))
			return fail_at(p, line, col,
				       "column '%s.%s' has a CHARACTER SET without COLLATE: write "
				       "the "
				       "collation (COLLATE), which names the character set too",
				       d->t->name, d->c->name);
		return 0;
	}
	if (is(p, "comment"))
		return fail_at(p, line, col,
			       "column '%s.%s' has a COMMENT, which the model does not hold: "
			       "remove "
			       "it",
			       d->t->name, d->c->name);
	if (is(p, "on") && dbt_token_is(p->text, &la, "update"))
		return fail_at(p, line, col,
			       "column '%s.%s' has ON UPDATE, which the model does not hold: "
			       "remove "
			       "it (a trigger can set the column instead)",
			       d->t->name, d->c->name);
	return 1;
}

/* The value of a table option: [=] word or 'string'; `*v` (caller frees)
 * is its folded text, NULL for a string. */
static int option_value(struct parser *p, struct name *v)
{
	int rc;

	if (is(p, "=") && (rc = next(p)) < 0)
		return rc;
	if (p->cur.tok.kind == DBT_TOK_STRING || p->cur.tok.kind == DBT_TOK_NUMBER) {
		v->s = NULL;
		v->line = p->cur.tok.line;
		v->col = p->cur.tok.col;
		return next(p);
	}
	return parse_name(p, v, "a table option's value");
}

/* A table option that the model leaves to the server, or an error at its
 * place naming it. */
static int mysql_table_option(struct parser *p, const dbt_table *t)
{
	struct name v = {NULL, 0, 0, 0};
	int line = p->cur.tok.line, col = p->cur.tok.col, rc, ok;
	const char *what, *want = NULL;

	if (is(p, "default") && (rc = next(p)) < 0)
		return rc;
	if (is(p, "engine")) {
		what = "ENGINE";
		want = MYSQL_ENGINE;
	} else if (is(p, "auto_increment")) {
		what = "AUTO_INCREMENT";
	} else if (is(p, "charset")) {
		what = "CHARSET";
		want = MYSQL_CHARSET;
	} else if (is(p, "character")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, "set"))
			return expected(p, "SET");
		what = "CHARACTER SET";
		want = MYSQL_CHARSET;
	} else if (is(p, "collate")) {
		what = "COLLATE";
		want = MYSQL_COLLATION;
	} else {
		return fail_at(p, line, col,
			       "table '%s' has the table option '%.*s', which the model does not "
			       "hold: remove it (the model keeps MariaDB's defaults only)",
			       t->name, (int)p->cur.tok.len, p->text + p->cur.tok.start);
	}
	if ((rc = next(p)) < 0 || (rc = option_value(p, &v)) < 0)
		return rc;
	ok = !want || (v.s && !strcasecmp(v.s, want));
	if (!ok)
		rc = fail_at(p, line, col,
			     "table '%s' has %s=%s, which the model does not hold: it keeps "
			     "MariaDB's ENGINE=InnoDB, CHARSET=utf8mb4 and "
			     "COLLATE=utf8mb4_general_ci "
			     "only (remove the option)",
			     t->name, what, v.s ? v.s : "a string");
	name_release(&v);
	return rc;
}

/* The words that start a table option of MariaDB's (not those that other
 * databases share, such as TABLESPACE or WITH). */
static int mysql_option_word(const struct parser *p)
{
	static const char *const words[] = {"engine",
					    "auto_increment",
					    "default",
					    "charset",
					    "character",
					    "collate",
					    "comment",
					    "row_format",
					    "avg_row_length",
					    "checksum",
					    "connection",
					    "delay_key_write",
					    "encrypted",
					    "encryption_key_id",
					    "insert_method",
					    "key_block_size",
					    "max_rows",
					    "min_rows",
					    "pack_keys",
					    "page_checksum",
					    "page_compressed",
					    "stats_persistent",
					    "stats_auto_recalc",
					    "stats_sample_pages",
					    "transactional",
					    "union"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* A column's type as MariaDB prints it, in MariaDB's meaning: `float` is
 * its single precision (REAL), `timestamp` its time stamp stored in UTC
 * (TIMESTAMP WITH TIME ZONE), where a portable model reads FLOAT as DOUBLE
 * PRECISION and TIMESTAMP as one without a time zone. */
static int mysql_column_type(dbt_column *c)
{
	const char *d = c->type.decl, *with = NULL;
	char buf[64];
	dbt_type ty;
	size_t errpos;
	int rc;

	if (!d)
		return 0;
	if (!strcasecmp(d, "float")) {
		with = "REAL";
	} else if (!strncasecmp(d, "timestamp", 9) &&
		   (d[9] == '\0' || (d[9] == '(' && strchr(d, ')') && !strchr(d, ' ')))) {
		snprintf(buf, sizeof(buf), "TIMESTAMP%s WITH TIME ZONE", d + 9);
		with = buf;
	}
	if (!with)
		return 0;
	if ((rc = dbt_type_declare(&ty, NULL, with, strlen(with), &errpos)) < 0)
		return rc;
	dbt_type_release(&c->type);
	c->type = ty;
	return 0;
}

int parse_mysql_table_options(struct parser *p, dbt_table *t)
{
	size_t i;
	int rc, seen = 0;

	while (p->cur.tok.kind == DBT_TOK_WORD && mysql_option_word(p)) {
		if ((rc = mysql_table_option(p, t)) < 0)
			return rc;
		seen = 1;
		if (is(p, ",") && (rc = next(p)) < 0)
			return rc;
	}
	/* A table as MariaDB prints it (SHOW CREATE TABLE, mariadb-dump),
	 * which its options tell: its types are MariaDB's. */
	for (i = 0; seen && i < t->ncolumns; i++)
		if ((rc = mysql_column_type(t->columns[i])) < 0)
			return rc;
	return 0;
}
