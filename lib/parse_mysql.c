/*
 * parse_mysql.c - what mariadb-dump writes inside and after CREATE TABLE
 * that the other databases do not have, for the model parser (see
 * parse_internal.h): the index lines `KEY name (...)`, `UNIQUE KEY`,
 * `FULLTEXT KEY`, `SPATIAL KEY` (and INDEX for KEY), a column's COMMENT
 * and ON UPDATE CURRENT_TIMESTAMP, and the table options after the
 * closing parenthesis (COMMENT=, and ENGINE=, AUTO_INCREMENT=, DEFAULT
 * CHARSET=, COLLATE= as MariaDB's defaults; the others are refused at
 * their place).
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

/* Whether `a` and `b` are USING BTREE or USING HASH. */
static int is_index_type(const struct parser *p, const dbt_token *a, const dbt_token *b)
{
	return a->kind == DBT_TOK_WORD && dbt_token_is(p->text, a, "using") &&
	       (dbt_token_is(p->text, b, "btree") || dbt_token_is(p->text, b, "hash"));
}

/* Whether `a`, `b` and `c` are USING, a word and '('. */
static int is_method(const struct parser *p, const dbt_token *a, const dbt_token *b,
		     const dbt_token *c)
{
	return a->kind == DBT_TOK_WORD && dbt_token_is(p->text, a, "using") &&
	       b->kind == DBT_TOK_WORD && dbt_token_is(p->text, c, "(");
}

int is_mysql_key_line(const struct parser *p)
{
	dbt_cursor c = p->cur;
	dbt_token t[4];
	int i;

	if (p->cur.tok.kind != DBT_TOK_WORD)
		return 0;
	if (!is(p, "fulltext") && !is(p, "spatial") && !is(p, "key") && !is(p, "index"))
		return 0;
	for (i = 0; i < 4; i++) {
		if (dbt_cursor_next(&c) < 0)
			return 0;
		t[i] = c.tok;
	}
	if (is(p, "fulltext") || is(p, "spatial"))
		return dbt_token_is(p->text, &t[0], "key") || dbt_token_is(p->text, &t[0], "index");
	/* KEY (a), KEY USING method (a), KEY name (a ... or KEY name USING
	 * method (a): never a column named key, whose type's parenthesis
	 * would hold a number or a string, and no type is USING. */
	if (dbt_token_is(p->text, &t[0], "(") || is_method(p, &t[0], &t[1], &t[2]))
		return 1;
	return (t[0].kind == DBT_TOK_WORD || t[0].kind == DBT_TOK_QUOTED) &&
	       ((dbt_token_is(p->text, &t[1], "(") &&
		 (t[2].kind == DBT_TOK_WORD || t[2].kind == DBT_TOK_QUOTED ||
		  dbt_token_is(p->text, &t[2], "("))) ||
		is_method(p, &t[1], &t[2], &t[3]));
}

int skip_mysql_index_type(struct parser *p)
{
	dbt_cursor c = p->cur;
	int rc;

	if (!is(p, "using") || dbt_cursor_next(&c) < 0 || !is_index_type(p, &p->cur.tok, &c.tok))
		return 0;
	if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
		return rc;
	return 1;
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
	if (!is(p, "(") && !is(p, "using") &&
	    (rc = parse_name_as(p, &n, "an index name or '('", 1)) < 0)
		goto cleanup;
	if ((rc = skip_mysql_index_type(p)) < 0)
		goto cleanup;
	if (is(p, "using")) {
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "an index method other than MariaDB's BTREE or HASH is not read in a "
			     "key of CREATE TABLE: write CREATE INDEX ... USING");
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
	if ((rc = parse_index_elems(p, ix)) < 0 || (rc = skip_mysql_index_type(p)) < 0)
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

/*
 * The string literal at the cursor, as MariaDB reads it, into `*out`
 * (caller frees): '' a quote, and the backslash escapes of its default
 * SQL mode (\n, \t, \r, \b, \Z, \0 refused, \% and \_ kept with their
 * backslash, any other character for itself).  Moves past it.
 */
static int mysql_string(struct parser *p, char **out, const char *what)
{
	const char *s = p->text + p->cur.tok.start;
	size_t n = p->cur.tok.len, i;
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	*out = NULL;
	if (p->cur.tok.kind != DBT_TOK_STRING || s[0] != '\'')
		return expected(p, what);
	for (i = 1; i + 1 < n; i++) {
		char ch = s[i];

		if (ch == '\'' && s[i + 1] == '\'') {
			i++;
		} else if (ch == '\\' && i + 2 < n) {
			static const char from[] = "ntrbZ", to[] = "\n\t\r\b\x1a";
			const char *k = strchr(from, s[++i]);

			if (s[i] == '0') {
				dbt_buf_release(&b);
				return fail_at(p, p->cur.tok.line, p->cur.tok.col,
					       "%s holds \\0, a NUL character, which dbtool "
					       "does not keep",
					       what);
			}
			if (s[i] == '%' || s[i] == '_')
				dbt_buf_putc(&b, '\\');
			ch = k ? to[k - from] : s[i];
		}
		dbt_buf_putc(&b, ch);
	}
	if (!(*out = dbt_buf_detach(&b)))
		return dbt_error_oom();
	if ((rc = next(p)) < 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* Notes where the column's first MariaDB attribute stands. */
static int mysql_place(struct coldef *d, int line, int col, dbt_column_mysql **m)
{
	dbt_column_places *at;
	int rc;

	if ((rc = dbt_column_mysql_edit(m, d->c)) < 0)
		return rc;
	if (dbt_column_places_get(d->c)->mysql_line)
		return 0;
	if ((rc = dbt_column_places_edit(&at, d->c)) < 0)
		return rc;
	at->mysql_line = line;
	at->mysql_col = col;
	return 0;
}

/* COMMENT 'text': '' is no comment, as MariaDB keeps it. */
static int column_comment(struct parser *p, struct coldef *d, int line, int col)
{
	dbt_column_mysql *m;
	char *text;
	int rc;

	if (d->said_comment)
		return fail_at(p, line, col, "column '%s.%s' has a second COMMENT", d->t->name,
			       d->c->name);
	d->said_comment = 1;
	if ((rc = next(p)) < 0 ||
	    (rc = mysql_string(p, &text, "the COMMENT's text in single quotes")) < 0)
		return rc;
	if (!*text) {
		free(text);
		return 0;
	}
	if ((rc = mysql_place(d, line, col, &m)) < 0) {
		free(text);
		return rc;
	}
	m->comment = text;
	return 0;
}

/*
 * ON UPDATE CURRENT_TIMESTAMP, with its synonyms NOW(), LOCALTIME and
 * LOCALTIMESTAMP and a precision in parentheses, as MariaDB prints it:
 * "current_timestamp()" or "current_timestamp(6)".  MariaDB takes it on
 * a TIMESTAMP or DATETIME column only.
 */
static int column_on_update(struct parser *p, struct coldef *d, int line, int col)
{
	dbt_column_mysql *m;
	char buf[32];
	long fsp = -1;
	int rc, call;

	if (dbt_column_on_update(d->c))
		return fail_at(p, line, col, "column '%s.%s' has a second ON UPDATE", d->t->name,
			       d->c->name);
	if (d->c->type.kind != DBT_TYPE_TIMESTAMP && d->c->type.kind != DBT_TYPE_TIMESTAMPTZ)
		return fail_at(p, line, col,
			       "column '%s.%s' has ON UPDATE, which MariaDB takes on a "
			       "TIMESTAMP or DATETIME column only",
			       d->t->name, d->c->name);
	if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
		return rc;
	call = is(p, "now");
	if (!call && !is(p, "current_timestamp") && !is(p, "localtime") && !is(p, "localtimestamp"))
		return expected(p, "CURRENT_TIMESTAMP after ON UPDATE");
	if ((rc = next(p)) < 0)
		return rc;
	if (call && !is(p, "("))
		return expected(p, "'(' after NOW");
	if (is(p, "(")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (p->cur.tok.kind == DBT_TOK_NUMBER) {
			fsp = strtol(p->text + p->cur.tok.start, NULL, 10);
			if (fsp < 0 || fsp > 6 || p->cur.tok.len > 1)
				return fail_at(p, p->cur.tok.line, p->cur.tok.col,
					       "ON UPDATE's precision is 0 to 6");
			if ((rc = next(p)) < 0)
				return rc;
		}
		if ((rc = expect(p, ")", "')'")) < 0)
			return rc;
	}
	if (fsp > 0)
		snprintf(buf, sizeof(buf), "current_timestamp(%ld)", fsp);
	else
		snprintf(buf, sizeof(buf), "current_timestamp()");
	if ((rc = mysql_place(d, line, col, &m)) < 0)
		return rc;
	if (!(m->on_update = strdup(buf)))
		return dbt_error_oom();
	return 0;
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
		return column_comment(p, d, line, col);
	if (is(p, "on") && dbt_token_is(p->text, &la, "update"))
		return column_on_update(p, d, line, col);
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
static int mysql_table_option(struct parser *p, dbt_table *t)
{
	struct name v = {NULL, 0, 0, 0};
	int line = p->cur.tok.line, col = p->cur.tok.col, rc, ok;
	const char *what, *want = NULL;

	if (is(p, "comment")) {
		char *text;

		if (t->comment_line)
			return fail_at(p, line, col, "table '%s' has a second COMMENT", t->name);
		if ((rc = next(p)) < 0 || (is(p, "=") && (rc = next(p)) < 0) ||
		    (rc = mysql_string(p, &text, "the COMMENT's text in single quotes")) < 0)
			return rc;
		t->comment_line = line;
		t->comment_col = col;
		if (*text)
			t->comment = text;
		else
			free(text);
		return 0;
	}
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
		/* A comment alone is no sign of MariaDB's printing. */
		if (!is(p, "comment"))
			seen = 1;
		if ((rc = mysql_table_option(p, t)) < 0)
			return rc;
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
