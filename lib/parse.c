/*
 * parse.c - the SQL tokenizer and the model parser (see parse.h).
 *
 * The parser is recursive descent over the DDL subset that one model can
 * state for both SQLite and PostgreSQL: CREATE TABLE with column and table
 * constraints, and CREATE [UNIQUE] INDEX; ALTER TABLE adding constraints,
 * columns and defaults to a table declared before, and sequences owned by
 * a column, as pg_dump writes them.  Other DDL is kept as text with its
 * place, for the scratch database to build.  It stops at the first fault and
 * names its place as path:line:column.  Names that may refer to what is
 * declared later in the file (the table a foreign key references, the table
 * of an index, the columns of table constraints) are recorded with their
 * place as they are read and resolved once the whole file is read.
 */
#include "parse.h"

#include "error.h"
#include "fsutil.h"
#include "ident.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- tokenizer */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_opchar(int c)
{
	return c && strchr("+-*/<>=~!@#%^&|`?", c) != NULL;
}

/* The length of the well-formed UTF-8 character at `s`, 0 when it is not. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > avail)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void dbt_lex_init(dbt_lexer *lx, const char *text, size_t len)
{
	lx->text = text;
	lx->len = len;
	lx->pos = 0;
	lx->line = 1;
	lx->line_start = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		lx->pos = lx->line_start = 3;
}

static int at(const dbt_lexer *lx, size_t off)
{
	return lx->pos + off < lx->len ? (unsigned char)lx->text[lx->pos + off] : 0;
}

/* Moves one byte on, counting lines. */
static void adv(dbt_lexer *lx)
{
	if (lx->text[lx->pos] == '\n') {
		lx->line++;
		lx->line_start = lx->pos + 1;
	}
	lx->pos++;
}

/* Starts a token at the current position. */
static void mark(const dbt_lexer *lx, dbt_token *t)
{
	size_t i;
	int col = 1;

	for (i = lx->line_start; i < lx->pos; i++)
		if (((unsigned char)lx->text[i] & 0xC0) != 0x80)
			col++;
	t->start = lx->pos;
	t->len = 0;
	t->line = lx->line;
	t->col = col;
}

/* DBT_EPARSE, with `t` at the byte, when the byte at the position is a
 * NUL: even in a comment, since the text of an expression or statement
 * is handed on as a C string, which a NUL would cut short. */
static int comment_byte(dbt_lexer *lx, dbt_token *t)
{
	if (lx->text[lx->pos] != '\0')
		return 0;
	mark(lx, t);
	return dbt_error_set(DBT_EPARSE, "unexpected byte 0x00");
}

/* Blanks and comments; DBT_EPARSE, with `t` at its start, for a block
 * comment that never ends, and at the byte for a NUL in a comment. */
static int skip_blanks(dbt_lexer *lx, dbt_token *t)
{
	for (;;) {
		int c = at(lx, 0);

		if (lx->pos < lx->len &&
		    (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
			adv(lx);
		} else if (c == '-' && at(lx, 1) == '-') {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n') {
				if (comment_byte(lx, t) < 0)
					return DBT_EPARSE;
				adv(lx);
			}
		} else if (c == '/' && at(lx, 1) == '*') {
			int depth = 0;

			mark(lx, t);
			do {
				if (lx->pos >= lx->len)
					return dbt_error_set(DBT_EPARSE, "unterminated comment");
				if (comment_byte(lx, t) < 0)
					return DBT_EPARSE;
				if (at(lx, 0) == '/' && at(lx, 1) == '*') {
					depth++;
					adv(lx);
				} else if (at(lx, 0) == '*' && at(lx, 1) == '/') {
					depth--;
					adv(lx);
				}
				adv(lx);
			} while (depth > 0);
		} else {
			return 0;
		}
	}
}

/* Checks the UTF-8 of the token's bytes, which C strings must be able
 * to hold: no NUL. */
static int check_utf8(const dbt_lexer *lx, const dbt_token *t)
{
	const unsigned char *s = (const unsigned char *)lx->text + t->start;
	size_t i = 0, n;

	while (i < t->len) {
		if (s[i] == 0)
			return dbt_error_set(DBT_EPARSE, "unexpected byte 0x00");
		n = utf8_len(s + i, t->len - i);
		if (!n)
			return dbt_error_set(DBT_EPARSE, "invalid UTF-8");
		i += n;
	}
	return 0;
}

/* Reads up to the closing `quote`, a doubled quote standing for one;
 * with `backslash`, a backslash escapes the next byte (E'...'). */
static int lex_quoted(dbt_lexer *lx, char quote, int backslash, const char *what)
{
	adv(lx);
	for (;;) {
		if (lx->pos >= lx->len)
			return dbt_error_set(DBT_EPARSE, "unterminated %s", what);
		if (backslash && at(lx, 0) == '\\' && lx->pos + 1 < lx->len) {
			adv(lx);
		} else if (at(lx, 0) == (unsigned char)quote) {
			adv(lx);
			if (at(lx, 0) != (unsigned char)quote || lx->pos >= lx->len)
				return 0;
		}
		adv(lx);
	}
}

/* $tag$...$tag$; 0 (and nothing read) when no tag starts here. */
static int lex_dollar(dbt_lexer *lx)
{
	size_t n = 1, i;

	if (is_alpha(at(lx, n)))
		while (is_alpha(at(lx, n)) || is_digit(at(lx, n)))
			n++;
	if (at(lx, n) != '$')
		return 0;
	n++;
	for (i = lx->pos + n; i + n <= lx->len; i++) {
		if (!memcmp(lx->text + i, lx->text + lx->pos, n)) {
			while (lx->pos < i + n)
				adv(lx);
			return 1;
		}
	}
	return dbt_error_set(DBT_EPARSE, "unterminated dollar-quoted string");
}

static void lex_number(dbt_lexer *lx)
{
	while (is_digit(at(lx, 0)))
		adv(lx);
	if (at(lx, 0) == '.') {
		adv(lx);
		while (is_digit(at(lx, 0)))
			adv(lx);
	}
	if ((at(lx, 0) == 'e' || at(lx, 0) == 'E') &&
	    (is_digit(at(lx, 1)) ||
	     ((at(lx, 1) == '+' || at(lx, 1) == '-') && is_digit(at(lx, 2))))) {
		adv(lx);
		adv(lx);
		while (is_digit(at(lx, 0)))
			adv(lx);
	}
}

/* An operator, by PostgreSQL's rules: no -- or slash-star inside, and no
 * final + or - unless it holds one of ~ ! @ # % ^ & | ` ?. */
static void lex_operator(dbt_lexer *lx)
{
	size_t n = 0, i;
	int special = 0;

	while (is_opchar(at(lx, n))) {
		if (n > 0 && ((at(lx, n) == '-' && at(lx, n + 1) == '-') ||
			      (at(lx, n) == '/' && at(lx, n + 1) == '*')))
			break;
		n++;
	}
	for (i = 0; i < n; i++)
		if (strchr("~!@#%^&|`?", at(lx, i)))
			special = 1;
	while (n > 1 && !special && (at(lx, n - 1) == '+' || at(lx, n - 1) == '-'))
		n--;
	while (n--)
		adv(lx);
}

/* 1 when a UTF-8 byte-order mark starts at the position. */
static int is_bom(const dbt_lexer *lx)
{
	return at(lx, 0) == 0xEF && at(lx, 1) == 0xBB && at(lx, 2) == 0xBF;
}

int dbt_lex_next(dbt_lexer *lx, dbt_token *out)
{
	int c, rc;

	if ((rc = skip_blanks(lx, out)) < 0)
		return rc;
	mark(lx, out);
	if (lx->pos >= lx->len) {
		out->kind = DBT_TOK_END;
		return 0;
	}
	c = at(lx, 0);
	if (c && strchr("EeXxBbNn", c) && at(lx, 1) == '\'') {
		out->kind = DBT_TOK_STRING;
		adv(lx);
		rc = lex_quoted(lx, '\'', c == 'E' || c == 'e', "string");
	} else if (c == '\'') {
		out->kind = DBT_TOK_STRING;
		rc = lex_quoted(lx, '\'', 0, "string");
	} else if (c == '"') {
		out->kind = DBT_TOK_QUOTED;
		rc = lex_quoted(lx, '"', 0, "quoted identifier");
		if (rc == 0 && lx->pos - out->start == 2)
			rc = dbt_error_set(DBT_EPARSE, "empty quoted identifier");
	} else if (c == '$') {
		out->kind = DBT_TOK_STRING;
		rc = lex_dollar(lx);
		if (rc == 0)
			rc = dbt_error_set(DBT_EPARSE, "unexpected character '$'");
		else if (rc > 0)
			rc = 0;
	} else if (is_digit(c) || (c == '.' && is_digit(at(lx, 1)))) {
		out->kind = DBT_TOK_NUMBER;
		lex_number(lx);
	} else if (is_bom(lx)) {
		/* Only the first bytes of the text may be a byte-order mark
		 * (dbt_lex_init skips it there); elsewhere U+FEFF is invisible
		 * and would be skipped when a span of text is read again. */
		rc = dbt_error_set(DBT_EPARSE, "unexpected byte-order mark (U+FEFF)");
	} else if (is_alpha(c)) {
		out->kind = DBT_TOK_WORD;
		while ((is_alpha(at(lx, 0)) || is_digit(at(lx, 0)) || at(lx, 0) == '$') &&
		       !is_bom(lx))
			adv(lx);
	} else if (c && strchr("(),;.[]", c)) {
		out->kind = DBT_TOK_PUNCT;
		adv(lx);
	} else if (c == ':') {
		out->kind = DBT_TOK_OP;
		adv(lx);
		if (at(lx, 0) == ':')
			adv(lx);
	} else if (is_opchar(c)) {
		out->kind = DBT_TOK_OP;
		lex_operator(lx);
	} else if (c > ' ' && c < 0x7F) {
		return dbt_error_set(DBT_EPARSE, "unexpected character '%c'", c);
	} else {
		return dbt_error_set(DBT_EPARSE, "unexpected byte 0x%02x", (unsigned)c);
	}
	if (rc < 0)
		return rc;
	out->len = lx->pos - out->start;
	return check_utf8(lx, out);
}

int dbt_token_is(const char *text, const dbt_token *tok, const char *s)
{
	size_t n = strlen(s);

	if (tok->len != n)
		return 0;
	if (tok->kind == DBT_TOK_WORD)
		return !strncasecmp(text + tok->start, s, n);
	if (tok->kind == DBT_TOK_PUNCT || tok->kind == DBT_TOK_OP)
		return !memcmp(text + tok->start, s, n);
	return 0;
}

char *dbt_token_name(const char *text, const dbt_token *tok)
{
	const char *s = text + tok->start;
	size_t i, o = 0;
	char *name = malloc(tok->len + 1);

	if (!name)
		return NULL;
	if (tok->kind == DBT_TOK_QUOTED) {
		for (i = 1; i + 1 < tok->len; i++) {
			name[o++] = s[i];
			if (s[i] == '"')
				i++;
		}
	} else {
		for (i = 0; i < tok->len; i++)
			name[o++] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i];
	}
	name[o] = '\0';
	return name;
}

void dbt_token_describe(dbt_buf *out, const char *text, const dbt_token *tok)
{
	size_t n = tok->len;

	if (tok->kind == DBT_TOK_END) {
		dbt_buf_puts(out, "end of file");
		return;
	}
	if (tok->kind == DBT_TOK_STRING) {
		dbt_buf_puts(out, "a string");
		return;
	}
	if (n > 40) {
		n = 40;
		while (n > 0 && ((unsigned char)text[tok->start + n] & 0xC0) == 0x80)
			n--;
	}
	dbt_buf_putc(out, '\'');
	dbt_buf_put(out, text + tok->start, n);
	if (n < tok->len)
		dbt_buf_puts(out, "...");
	dbt_buf_putc(out, '\'');
}

/* -------------------------------------------------------------- keywords */

/* PostgreSQL's reserved keywords, and those it allows only as function or
 * type names; sorted. */
static const char *const reserved_words[] = {
	"all",
	"analyse",
	"analyze",
	"and",
	"any",
	"array",
	"as",
	"asc",
	"asymmetric",
	"authorization",
	"binary",
	"both",
	"case",
	"cast",
	"check",
	"collate",
	"collation",
	"column",
	"concurrently",
	"constraint",
	"create",
	"cross",
	"current_catalog",
	"current_date",
	"current_role",
	"current_schema",
	"current_time",
	"current_timestamp",
	"current_user",
	"default",
	"deferrable",
	"desc",
	"distinct",
	"do",
	"else",
	"end",
	"except",
	"false",
	"fetch",
	"for",
	"foreign",
	"freeze",
	"from",
	"full",
	"grant",
	"group",
	"having",
	"ilike",
	"in",
	"initially",
	"inner",
	"intersect",
	"into",
	"is",
	"isnull",
	"join",
	"lateral",
	"leading",
	"left",
	"like",
	"limit",
	"localtime",
	"localtimestamp",
	"natural",
	"not",
	"notnull",
	"null",
	"offset",
	"on",
	"only",
	"or",
	"order",
	"outer",
	"overlaps",
	"placing",
	"primary",
	"references",
	"returning",
	"right",
	"select",
	"session_user",
	"similar",
	"some",
	"symmetric",
	"system_user",
	"table",
	"tablesample",
	"then",
	"to",
	"trailing",
	"true",
	"union",
	"unique",
	"user",
	"using",
	"variadic",
	"verbose",
	"when",
	"where",
	"window",
	"with",
};

/* Words of expressions that are not reserved but read as keywords;
 * sorted. */
static const char *const expr_words[] = {
	"between", "coalesce", "escape", "exists", "glob", "greatest", "least", "nullif", "regexp",
};

static int in_words(const char *const *words, size_t n, const char *word, size_t len)
{
	char w[32];
	size_t i, lo = 0, hi = n;

	if (len >= sizeof(w))
		return 0;
	for (i = 0; i < len; i++)
		w[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + ('a' - 'A') : word[i]);
	w[len] = '\0';
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w, words[mid]);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

dbt_keyword dbt_sql_keyword(const char *word, size_t len)
{
	if (in_words(reserved_words, sizeof(reserved_words) / sizeof(reserved_words[0]), word, len))
		return DBT_KW_RESERVED;
	if (in_words(expr_words, sizeof(expr_words) / sizeof(expr_words[0]), word, len))
		return DBT_KW_EXPR;
	return DBT_KW_NONE;
}

/* ---------------------------------------------------------------- parser */

/* A name read before the table it belongs to may be declared: checked
 * once the file is read.  `column` NULL means the table itself. */
struct ref {
	const char *table;
	const char *column;
	int line, col;
};

/* A CREATE SEQUENCE of the model, which a column's DEFAULT nextval(...)
 * may make a SERIAL column (as pg_dump writes one). */
struct seq {
	char *name;
	char *owner_table; /* OWNED BY table.column; NULL when not owned */
	char *owner_column;
	int owned;	   /* 0 after OWNED BY NONE */
	int plain;	   /* only the options a SERIAL's sequence has */
	dbt_statement *st; /* the statement kept for it */
};

struct parser {
	const char *path;
	const char *text;
	size_t len;
	dbt_lexer lx;
	dbt_token tok;	 /* the current token */
	size_t prev_end; /* where the token before it ended */
	dbt_schema *schema;
	struct ref *refs;
	size_t nrefs;
	struct seq *seqs;
	size_t nseqs;
	int stmt_start;	     /* the next token begins a statement */
	size_t stmt_off;     /* where the current statement's first token starts */
	int stmt_line;	     /* and its line */
	dbt_schema *discard; /* what ATTACH PARTITION took from the model, kept
			      * until the end so that refs into it stay valid */
	char **kept;	     /* names taken out of the model that refs point at,
			     * freed at the end */
	size_t nkept;
};

/* A name as read: folded unless quoted, with its place. */
struct name {
	char *s;
	int quoted;
	int line, col;
};

static int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
{
	dbt_buf b = DBT_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dbt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	dbt_error_set(DBT_EPARSE, "%s:%d:%d: %s", p->path, line, col, dbt_buf_str(&b));
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

/* "expected WHAT, found TOKEN" at the current token. */
static int expected(struct parser *p, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	dbt_token_describe(&b, p->text, &p->tok);
	if (b.oom)
		rc = dbt_error_oom();
	else
		rc = fail_at(p, p->tok.line, p->tok.col, "expected %s, found %s", what, b.ptr);
	dbt_buf_release(&b);
	return rc;
}

static int next(struct parser *p)
{
	int rc;

	p->prev_end = p->tok.start + p->tok.len;
	for (;;) {
		rc = dbt_lex_next(&p->lx, &p->tok);
		/* A psql meta-command such as pg_dump's "\restrict KEY" fills
		 * its line, between statements. */
		if (rc < 0 && p->stmt_start && p->tok.col == 1 && p->tok.start < p->len &&
		    p->text[p->tok.start] == '\\') {
			while (p->lx.pos < p->lx.len && p->text[p->lx.pos] != '\n')
				p->lx.pos++;
			continue;
		}
		break;
	}
	if (rc < 0)
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, p->tok.line, p->tok.col);
	return 0;
}

/* The token after the current one; END when it would not tokenize (the
 * fault is reported when the parser gets there). */
static void peek(const struct parser *p, dbt_token *out)
{
	dbt_lexer lx = p->lx;

	if (dbt_lex_next(&lx, out) < 0)
		out->kind = DBT_TOK_END;
}

static int is(const struct parser *p, const char *s)
{
	return dbt_token_is(p->text, &p->tok, s);
}

/* Reads the word or punctuation `s`, else "expected WHAT". */
static int expect(struct parser *p, const char *s, const char *what)
{
	if (!is(p, s))
		return expected(p, what);
	return next(p);
}

static void name_release(struct name *n)
{
	free(n->s);
	n->s = NULL;
}

/*
 * A name quoted as SQLite also allows: [name], `name` (`` for a backtick)
 * or 'name'; it reads as "name" would.  The token is the opening
 * character; the lexer goes on after the closing one.
 */
static int parse_sqlite_quoted(struct parser *p, struct name *out)
{
	const char *s = p->text;
	char close = s[p->tok.start] == '[' ? ']' : s[p->tok.start];
	size_t i = p->tok.start + 1, o = 0;
	char *name = malloc(p->len - p->tok.start + 1);
	dbt_token inner = p->tok;
	int rc;

	if (!name)
		return dbt_error_oom();
	for (;; i++) {
		if (i >= p->len || s[i] == '\n') {
			free(name);
			return fail_at(p, p->tok.line, p->tok.col,
				       "unterminated quoted identifier");
		}
		if (s[i] == close) {
			if (close == ']' || i + 1 >= p->len || s[i + 1] != close)
				break;
			i++;
		}
		name[o++] = s[i];
	}
	name[o] = '\0';
	inner.start = p->tok.start + 1;
	inner.len = i - inner.start;
	if (o == 0 || (rc = check_utf8(&p->lx, &inner)) < 0) {
		free(name);
		if (o == 0)
			return fail_at(p, p->tok.line, p->tok.col, "empty quoted identifier");
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, p->tok.line, p->tok.col);
	}
	if (o > DBT_NAME_MAX) {
		free(name);
		return fail_at(p, p->tok.line, p->tok.col,
			       "name '%.40s...' is longer than %d bytes", s + inner.start,
			       DBT_NAME_MAX);
	}
	/* The lexer resumes after the closing character. */
	p->lx.pos = i + 1;
	p->tok.len = i + 1 - p->tok.start;
	out->s = name;
	out->quoted = 1;
	if ((rc = next(p)) < 0)
		name_release(out);
	return rc;
}

/* A table, column, index, constraint or collation name; `out` holds
 * nothing to free after a failure.  With `strict`, no reserved word of
 * PostgreSQL is a name, even one SQLite takes. */
static int parse_name_as(struct parser *p, struct name *out, const char *what, int strict)
{
	const char *s = p->text + p->tok.start;
	int rc;

	out->s = NULL;
	out->line = p->tok.line;
	out->col = p->tok.col;
	out->quoted = p->tok.kind == DBT_TOK_QUOTED;
	if (is(p, "[") || (p->tok.kind == DBT_TOK_OP && s[0] == '`') ||
	    (p->tok.kind == DBT_TOK_STRING && s[0] == '\''))
		return parse_sqlite_quoted(p, out);
	if (p->tok.kind != DBT_TOK_WORD && p->tok.kind != DBT_TOK_QUOTED)
		return expected(p, what);
	/* A word PostgreSQL reserves but SQLite does not (USER) is a name
	 * to SQLite, which writes it bare; rendered, it is always quoted. */
	if (p->tok.kind == DBT_TOK_WORD && dbt_sql_keyword(s, p->tok.len) == DBT_KW_RESERVED &&
	    (strict || sqlite3_keyword_check(s, (int)p->tok.len)))
		return fail_at(p, p->tok.line, p->tok.col,
			       "expected %s, found reserved word '%.*s'", what, (int)p->tok.len, s);
	out->s = dbt_token_name(p->text, &p->tok);
	if (!out->s)
		return dbt_error_oom();
	if (strlen(out->s) > DBT_NAME_MAX) {
		size_t cut = 40;

		while (((unsigned char)out->s[cut] & 0xC0) == 0x80)
			cut--;
		rc = fail_at(p, p->tok.line, p->tok.col, "name '%.*s...' is longer than %d bytes",
			     (int)cut, out->s, DBT_NAME_MAX);
		name_release(out);
		return rc;
	}
	if ((rc = next(p)) < 0)
		name_release(out);
	return rc;
}

static int parse_name(struct parser *p, struct name *out, const char *what)
{
	return parse_name_as(p, out, what, 0);
}

/* The schema every object of the model belongs to. */
#define DEFAULT_SCHEMA "public"

/* A table, index or sequence name, maybe qualified by the default schema
 * (public.users, as pg_dump writes it): the qualifier is dropped. */
static int parse_object_name(struct parser *p, struct name *out, const char *what)
{
	int rc = parse_name(p, out, what);

	if (rc < 0 || !is(p, "."))
		return rc;
	/* main is SQLite's name for the database the model is for. */
	if (strcmp(out->s, DEFAULT_SCHEMA) && strcmp(out->s, "main")) {
		rc = fail_at(p, out->line, out->col,
			     "schema '%s' is not supported (the model holds the objects of schema "
			     "'%s')",
			     out->s, DEFAULT_SCHEMA);
		name_release(out);
		return rc;
	}
	name_release(out);
	if ((rc = next(p)) < 0)
		return rc;
	return parse_name(p, out, what);
}

static int add_ref(struct parser *p, const char *table, const char *column, int line, int col)
{
	struct ref *v = realloc(p->refs, (p->nrefs + 1) * sizeof(*v));

	if (!v)
		return dbt_error_oom();
	p->refs = v;
	v[p->nrefs].table = table;
	v[p->nrefs].column = column;
	v[p->nrefs].line = line;
	v[p->nrefs].col = col;
	p->nrefs++;
	return 0;
}

/* " (first declared on line N)", noting when the names differ in case
 * only, which SQLite does not tell apart. */
static void put_first(dbt_buf *b, const char *name, const char *first, int line)
{
	if (strcmp(name, first))
		dbt_buf_printf(b,
			       " (first declared on line %d as '%s', and SQLite ignores case in "
			       "names)",
			       line, first);
	else
		dbt_buf_printf(b, " (first declared on line %d)", line);
}

static int fail_duplicate(struct parser *p, const struct name *n, const char *what,
			  const char *first, int first_line)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	put_first(&b, n->s, first, first_line);
	rc = b.oom ? dbt_error_oom()
		   : fail_at(p, n->line, n->col, "duplicate %s '%s'%s", what, n->s, b.ptr);
	dbt_buf_release(&b);
	return rc;
}

typedef int (*add_column_fn)(void *obj, const char *column);

/* A parenthesised list of column names, each appended by `add` to the
 * list `*stored` (`*nstored` long) of `obj`; `table` is where they must
 * exist (NULL when they need no check), `what` names the list in messages.
 * With `autoinc`, a list of one column may end in AUTOINCREMENT, as
 * SQLite takes it in PRIMARY KEY ("id" AUTOINCREMENT): its token in
 * `*autoinc`, else an END token. */
static int parse_column_list_as(struct parser *p, void *obj, add_column_fn add, char ***stored,
				size_t *nstored, const char *table, const char *what,
				dbt_token *autoinc)
{
	struct name n = {NULL, 0, 0, 0};
	size_t i;
	int rc;

	if ((rc = expect(p, "(", "'('")) < 0)
		return rc;
	for (;;) {
		if ((rc = parse_name(p, &n, "a column name")) < 0)
			goto cleanup;
		for (i = 0; i < *nstored; i++) {
			if (!strcmp((*stored)[i], n.s)) {
				rc = fail_at(p, n.line, n.col, "column '%s' appears twice in %s",
					     n.s, what);
				goto cleanup;
			}
		}
		if ((rc = add(obj, n.s)) < 0)
			goto cleanup;
		if (table && (rc = add_ref(p, table, (*stored)[*nstored - 1], n.line, n.col)) < 0)
			goto cleanup;
		name_release(&n);
		if (autoinc && *nstored == 1 && is(p, "autoincrement")) {
			*autoinc = p->tok;
			if ((rc = next(p)) < 0)
				goto cleanup;
			if (!is(p, ")")) {
				rc = expected(p, "')'");
				goto cleanup;
			}
		}
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	rc = next(p);
cleanup:
	name_release(&n);
	return rc;
}

static int parse_column_list(struct parser *p, void *obj, add_column_fn add, char ***stored,
			     size_t *nstored, const char *table, const char *what)
{
	return parse_column_list_as(p, obj, add, stored, nstored, table, what, NULL);
}

static int add_unique_column(void *obj, const char *column)
{
	return dbt_unique_add_column(obj, column);
}

static int add_fk_column(void *obj, const char *column)
{
	return dbt_fk_add_column(obj, column);
}

static int add_fk_ref_column(void *obj, const char *column)
{
	return dbt_fk_add_ref_column(obj, column);
}

/* A balanced "( ... )"; `*from`, `*to` receive the span inside, which
 * may be empty only for the arguments of a call. */
static int parse_parens(struct parser *p, size_t *from, size_t *to, int call)
{
	int depth = 1, rc;

	if ((rc = expect(p, "(", "'('")) < 0)
		return rc;
	if (is(p, ")") && !call)
		return expected(p, "an expression");
	*from = p->tok.start;
	for (;;) {
		/* Not a full expression grammar, but an operator with nothing
		 * after it ("CHECK (id >)") is caught here, at its place, rather
		 * than by the database when the table is made. */
		int after_op = 0;

		if (p->tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "')'");
		if (is(p, "("))
			depth++;
		else if (is(p, ")") && --depth == 0)
			break;
		after_op = p->tok.kind == DBT_TOK_OP && !is(p, "*");
		if ((rc = next(p)) < 0)
			return rc;
		if (after_op && (is(p, ")") || is(p, ",")))
			return expected(p, "an operand");
	}
	*to = *from < p->tok.start ? p->prev_end : *from;
	return next(p);
}

/* Words that, after a type name's first word, still belong to it. */
static int type_word(const struct parser *p)
{
	static const char *const words[] = {"precision", "varying", "with",
					    "without",	 "time",    "zone"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* 1 when the token is one of the words type_word() takes. */
static int type_word_token(const char *text, const dbt_token *t)
{
	return dbt_token_is(text, t, "with") || dbt_token_is(text, t, "without") ||
	       dbt_token_is(text, t, "time") || dbt_token_is(text, t, "zone") ||
	       dbt_token_is(text, t, "precision") || dbt_token_is(text, t, "varying");
}

/* Words that start a column constraint, and so end the type before them. */
static int constraint_word(const struct parser *p)
{
	static const char *const words[] = {"constraint", "not",     "null",
					    "primary",	  "unique",  "check",
					    "references", "default", "collate",
					    "generated",  "as",	     "autoincrement"};
	size_t i;

	if (p->tok.kind != DBT_TOK_WORD)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The line and column of the byte at `off`. */
static void position_at(const struct parser *p, size_t off, int *line, int *col)
{
	dbt_lexer lx;
	dbt_token t;
	size_t k;

	dbt_lex_init(&lx, p->text, p->len);
	for (k = lx.pos; k < off; k++) {
		if (p->text[k] == '\n') {
			lx.line++;
			lx.line_start = k + 1;
		}
	}
	lx.pos = off;
	mark(&lx, &t);
	*line = t.line;
	*col = t.col;
}

/* Array brackets after a type: "[]", "[3]". */
static int skip_brackets(struct parser *p)
{
	int rc;

	while (!is(p, "]")) {
		if (p->tok.kind == DBT_TOK_END || is(p, ";") || is(p, "(") || is(p, ")"))
			return expected(p, "']'");
		if ((rc = next(p)) < 0)
			return rc;
	}
	return next(p);
}

/*
 * A type as declared, handed to dbt_type_declare.  A portable type's name
 * takes the words that belong to it ("double precision", "with time
 * zone"), its parameters and array brackets; any other type name is the
 * words, quoted names, dots, brackets and parenthesised parameters up to
 * the first column constraint, ',' or ')', as SQLite reads it (none at
 * all is a column without a type).
 */
static int parse_type(struct parser *p, dbt_type *out, int *serial)
{
	size_t from = p->tok.start, to = p->tok.start, errpos = 0, a, b;
	int rc, line, col, portable, zone_next = 0;

	portable = p->tok.kind == DBT_TOK_WORD &&
		   dbt_type_name_is_portable(p->text + p->tok.start, p->tok.len);
	/* A type starts with its name: "(200)" right after a column's name
	 * is no type either database reads. */
	if (is(p, "(") || is(p, "["))
		return expected(p, "a type name");
	if (portable) {
		if ((rc = next(p)) < 0)
			return rc;
		to = p->prev_end;
	}
	for (;;) {
		if (is(p, "(")) {
			if ((rc = parse_parens(p, &a, &b, 1)) < 0)
				return rc;
		} else if (is(p, "[")) {
			if ((rc = next(p)) < 0 || (rc = skip_brackets(p)) < 0)
				return rc;
		} else if (portable ? type_word(p) || is(p, "array") ||
					      (zone_next && p->tok.kind == DBT_TOK_WORD) ||
					      /* SMALLINT UNSIGNED, as MySQL's
					      * habits leave it in SQLite files. */
					      is(p, "unsigned")
				    : (p->tok.kind == DBT_TOK_WORD && !constraint_word(p)) ||
					      p->tok.kind == DBT_TOK_QUOTED || is(p, ".")) {
			/* After WITH or WITHOUT the next word belongs to the type,
			 * so that a misspelt TIME ZONE is reported as such. */
			zone_next = portable && (is(p, "with") || is(p, "without"));
			if ((rc = next(p)) < 0)
				return rc;
			to = p->prev_end;
			continue;
		} else {
			break;
		}
		to = p->prev_end;
	}
	rc = dbt_type_declare(out, serial, p->text + from, to - from, &errpos);
	if (rc < 0) {
		position_at(p, from + errpos, &line, &col);
		return dbt_error_prefix(rc, "%s:%d:%d", p->path, line, col);
	}
	return 0;
}

static int parse_action(struct parser *p, dbt_fk_action *out)
{
	int rc;

	if (is(p, "cascade")) {
		*out = DBT_FK_CASCADE;
	} else if (is(p, "restrict")) {
		*out = DBT_FK_RESTRICT;
	} else if (is(p, "no")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, "action"))
			return expected(p, "ACTION");
		*out = DBT_FK_NO_ACTION;
	} else if (is(p, "set")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "null"))
			*out = DBT_FK_SET_NULL;
		else if (is(p, "default"))
			*out = DBT_FK_SET_DEFAULT;
		else
			return expected(p, "NULL or DEFAULT");
	} else {
		return expected(p, "CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION");
	}
	return next(p);
}

/* What the clauses after REFERENCES t (...) have said so far. */
struct fk_clauses {
	int seen_delete;
	int seen_update;
	int not_deferrable;
};

/* ON DELETE action | ON UPDATE action */
static int fk_on(struct parser *p, dbt_fk *fk, struct fk_clauses *cl)
{
	dbt_fk_action *action;
	int *seen, rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "delete")) {
		seen = &cl->seen_delete;
		action = &fk->on_delete;
	} else if (is(p, "update")) {
		seen = &cl->seen_update;
		action = &fk->on_update;
	} else {
		return expected(p, "DELETE or UPDATE");
	}
	if (*seen)
		return fail_at(p, p->tok.line, p->tok.col, "ON %s is given twice",
			       action == &fk->on_delete ? "DELETE" : "UPDATE");
	*seen = 1;
	if ((rc = next(p)) < 0)
		return rc;
	return parse_action(p, action);
}

/* INITIALLY DEFERRED | INITIALLY IMMEDIATE; DEFERRED implies DEFERRABLE. */
static int fk_initially(struct parser *p, dbt_fk *fk, const struct fk_clauses *cl)
{
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "deferred")) {
		if (cl->not_deferrable)
			return fail_at(p, p->tok.line, p->tok.col,
				       "a foreign key declared INITIALLY DEFERRED must be "
				       "DEFERRABLE");
		fk->initially_deferred = 1;
		fk->deferrable = 1;
	} else if (!is(p, "immediate")) {
		return expected(p, "DEFERRED or IMMEDIATE");
	}
	return next(p);
}

/* One clause after the referenced columns; 1 when there is none. */
static int fk_clause(struct parser *p, dbt_fk *fk, struct fk_clauses *cl)
{
	dbt_token la;
	int rc;

	if (is(p, "on"))
		return fk_on(p, fk, cl);
	if (is(p, "deferrable")) {
		fk->deferrable = 1;
		return next(p);
	}
	if (is(p, "initially"))
		return fk_initially(p, fk, cl);
	if (is(p, "match")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "full"))
			fk->match = DBT_FK_MATCH_FULL;
		else if (is(p, "partial"))
			fk->match = DBT_FK_MATCH_PARTIAL;
		else if (is(p, "simple"))
			fk->match = DBT_FK_MATCH_SIMPLE;
		else
			return expected(p, "FULL, PARTIAL or SIMPLE");
		return next(p);
	}
	/* NOT may begin the column's NOT NULL instead. */
	peek(p, &la);
	if (is(p, "not") && dbt_token_is(p->text, &la, "deferrable")) {
		cl->not_deferrable = 1;
		if ((rc = next(p)) < 0)
			return rc;
		return next(p);
	}
	return 1;
}

/* REFERENCES has been read: the table, its columns, the actions. */
static int parse_references(struct parser *p, dbt_fk *fk)
{
	struct fk_clauses cl = {0, 0, 0};
	struct name n = {NULL, 0, 0, 0};
	int rc;

	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	fk->ref_table = n.s;
	fk->ref_line = n.line;
	fk->ref_col = n.col;
	if ((rc = add_ref(p, fk->ref_table, NULL, n.line, n.col)) < 0)
		return rc;
	if (is(p, "(")) {
		fk->ref_columns_given = 1;
		if ((rc = parse_column_list(p, fk, add_fk_ref_column, &fk->ref_columns,
					    &fk->nref_columns, fk->ref_table, "a foreign key")) < 0)
			return rc;
	}
	while ((rc = fk_clause(p, fk, &cl)) == 0) {
		if (cl.not_deferrable && fk->deferrable)
			return fail_at(p, fk->line, fk->col,
				       "a foreign key cannot be both DEFERRABLE and NOT "
				       "DEFERRABLE");
	}
	return rc < 0 ? rc : 0;
}

/* Type names that may begin a typed literal such as DATE '2020-01-01'. */
static int literal_type(const char *text, const dbt_token *t)
{
	static const char *const words[] = {
		"bigint",      "bit",	  "bool",    "boolean",	 "bytea", "char",  "cidr",
		"date",	       "decimal", "float4",  "float8",	 "inet",  "int",   "int2",
		"int4",	       "int8",	  "integer", "interval", "json",  "jsonb", "macaddr",
		"money",       "numeric", "real",    "smallint", "text",  "time",  "timestamp",
		"timestamptz", "timetz",  "uuid",    "varchar",	 "xml",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (dbt_token_is(text, t, words[i]))
			return 1;
	return 0;
}

/*
 * The expression `text` (`len` bytes) with each typed literal TYPE 'str'
 * written as the cast 'str'::TYPE, which is what PostgreSQL makes of it
 * and prints back; in `out`, caller frees.  Text that does not tokenize
 * is copied as it is, for the normaliser to report.
 */
static int typed_literals(char **out, const char *text, size_t len)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_lexer lx;
	dbt_token t, u;
	size_t copied = 0;

	*out = NULL;
	dbt_lex_init(&lx, text, len);
	while (dbt_lex_next(&lx, &t) == 0 && t.kind != DBT_TOK_END) {
		dbt_lexer la = lx;
		size_t type_end = t.start + t.len;

		if (t.kind != DBT_TOK_WORD || !literal_type(text, &t))
			continue;
		/* TIME and TIMESTAMP take WITH or WITHOUT TIME ZONE. */
		if (dbt_lex_next(&la, &u) < 0)
			break;
		if (dbt_token_is(text, &u, "with") || dbt_token_is(text, &u, "without")) {
			if (dbt_lex_next(&la, &u) < 0 || !dbt_token_is(text, &u, "time") ||
			    dbt_lex_next(&la, &u) < 0 || !dbt_token_is(text, &u, "zone"))
				continue;
			type_end = u.start + u.len;
			if (dbt_lex_next(&la, &u) < 0)
				break;
		}
		if (u.kind != DBT_TOK_STRING || text[u.start] != '\'')
			continue;
		dbt_buf_put(&b, text + copied, t.start - copied);
		dbt_buf_put(&b, text + u.start, u.len);
		dbt_buf_puts(&b, "::");
		dbt_buf_put(&b, text + t.start, type_end - t.start);
		copied = u.start + u.len;
		lx = la;
	}
	dbt_buf_put(&b, text + copied, len - copied);
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

/* CHECK has been read. */
static int parse_check(struct parser *p, dbt_table *t, const char *name, int line, int col)
{
	char *text;
	dbt_check *c;
	size_t from, to;
	int rc;

	if ((rc = parse_parens(p, &from, &to, 0)) < 0)
		return rc;
	if ((rc = typed_literals(&text, p->text + from, to - from)) < 0)
		return rc;
	rc = dbt_table_add_check(&c, t, name, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc;
	c->line = line;
	c->col = col;
	return 0;
}

/* EXCLUDE has been read: the rest of the constraint, up to a ',' or ')'
 * of the table's list or the statement's end, is its definition. */
static int parse_exclude(struct parser *p, dbt_table *t, const char *name, int line, int col)
{
	dbt_exclude *x;
	char *text;
	size_t from = p->tok.start;
	int depth = 0, rc;

	if (!is(p, "using") && !is(p, "("))
		return expected(p, "USING or '('");
	while (p->tok.kind != DBT_TOK_END && !is(p, ";") &&
	       !(depth == 0 && (is(p, ",") || is(p, ")")))) {
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (depth > 0)
		return expected(p, "')'");
	if ((rc = typed_literals(&text, p->text + from, p->prev_end - from)) < 0)
		return rc;
	rc = dbt_table_add_exclude(&x, t, name, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc == DBT_EPARSE ? fail_at(p, line, col, "%s", dbt_error_last()) : rc;
	x->line = line;
	x->col = col;
	return 0;
}

static int fail_autoincrement(struct parser *p, int line, int col)
{
	return fail_at(p, line, col, "AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY");
}

static int fail_two_pks(struct parser *p, const dbt_table *t, int line, int col)
{
	return fail_at(p, line, col, "table '%s' has more than one primary key", t->name);
}

/* PRIMARY KEY (...), UNIQUE (...), FOREIGN KEY (...) REFERENCES ... or
 * CHECK (...), maybe after CONSTRAINT name. */
static int parse_table_constraint(struct parser *p, dbt_table *t)
{
	struct name cn = {NULL, 0, 0, 0};
	int line = p->tok.line, col = p->tok.col, rc;

	if (is(p, "constraint")) {
		if ((rc = next(p)) < 0 || (rc = parse_name(p, &cn, "a constraint name")) < 0)
			goto cleanup;
	}
	if (is(p, "primary")) {
		dbt_unique *pk;
		dbt_token autoinc;
		dbt_column *c;

		if (t->pk) {
			rc = fail_two_pks(p, t, line, col);
			goto cleanup;
		}
		if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
		    (rc = dbt_table_set_pk(&pk, t, cn.s)) < 0)
			goto cleanup;
		pk->line = line;
		pk->col = col;
		autoinc.kind = DBT_TOK_END;
		rc = parse_column_list_as(p, pk, add_unique_column, &pk->columns, &pk->ncolumns,
					  t->name, "a primary key", &autoinc);
		if (rc < 0 || autoinc.kind == DBT_TOK_END)
			goto cleanup;
		/* PRIMARY KEY ("id" AUTOINCREMENT) is "id" INTEGER PRIMARY KEY
		 * AUTOINCREMENT; the column is declared before it. */
		c = dbt_table_find_column(t, pk->columns[0]);
		if (!c || c->type.kind != DBT_TYPE_INTEGER || c->identity != DBT_IDENTITY_NONE ||
		    c->default_expr || c->generated_expr) {
			rc = fail_autoincrement(p, autoinc.line, autoinc.col);
			goto cleanup;
		}
		c->autoincrement = 1;
	} else if (is(p, "unique")) {
		dbt_unique *u;

		if ((rc = next(p)) < 0 || (rc = dbt_table_add_unique(&u, t, cn.s)) < 0)
			goto cleanup;
		u->line = line;
		u->col = col;
		rc = parse_column_list(p, u, add_unique_column, &u->columns, &u->ncolumns, t->name,
				       "a unique constraint");
	} else if (is(p, "foreign")) {
		dbt_fk *fk;

		if ((rc = next(p)) < 0 || (rc = expect(p, "key", "KEY")) < 0 ||
		    (rc = dbt_table_add_fk(&fk, t, cn.s, NULL)) < 0)
			goto cleanup;
		fk->line = line;
		fk->col = col;
		if ((rc = parse_column_list(p, fk, add_fk_column, &fk->columns, &fk->ncolumns,
					    t->name, "a foreign key")) < 0 ||
		    (rc = expect(p, "references", "REFERENCES")) < 0)
			goto cleanup;
		rc = parse_references(p, fk);
	} else if (is(p, "check")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		rc = parse_check(p, t, cn.s, line, col);
	} else if (is(p, "exclude")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		rc = parse_exclude(p, t, cn.s, line, col);
	} else {
		rc = expected(p, "PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
	}
cleanup:
	name_release(&cn);
	return rc;
}

/* The words DEFAULT may take alone; any other word is a column. */
static int default_word(const struct parser *p)
{
	static const char *const words[] = {"true",	    "false",
					    "null",	    "current_timestamp",
					    "current_date", "current_time",
					    "localtime",    "localtimestamp",
					    "current_user", "session_user"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The fields an interval type may carry: interval hour to minute. */
static int interval_field(const struct parser *p)
{
	static const char *const words[] = {"year",   "month",	"day", "hour",
					    "minute", "second", "to"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* The elements of ARRAY[ ... ] after its '[', nested brackets included,
 * and the closing ']'. */
static int skip_array(struct parser *p)
{
	int depth = 1, rc;

	for (;;) {
		if (p->tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "']'");
		if (is(p, "["))
			depth++;
		else if (is(p, "]") && --depth == 0)
			return next(p);
		if ((rc = next(p)) < 0)
			return rc;
	}
}

/* One operand of a default: signs, then a literal, a constant word, a
 * function call or a parenthesised expression, then any casts. */
static int parse_default_operand(struct parser *p)
{
	dbt_token la;
	size_t a, b;
	int rc;

	while (is(p, "-") || is(p, "+"))
		if ((rc = next(p)) < 0)
			return rc;
	if (p->tok.kind == DBT_TOK_NUMBER || p->tok.kind == DBT_TOK_STRING) {
		rc = next(p);
	} else if (is(p, "(")) {
		rc = parse_parens(p, &a, &b, 0);
	} else if (p->tok.kind == DBT_TOK_WORD || p->tok.kind == DBT_TOK_QUOTED) {
		peek(p, &la);
		if (p->tok.kind == DBT_TOK_WORD && is(p, "array") &&
		    dbt_token_is(p->text, &la, "[")) {
			/* An array constructor: ARRAY[1, 2], ARRAY[]. */
			if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
				return rc;
			rc = skip_array(p);
		} else if (dbt_token_is(p->text, &la, "(")) {
			if ((rc = next(p)) < 0)
				return rc;
			rc = parse_parens(p, &a, &b, 1);
		} else if (p->tok.kind == DBT_TOK_WORD && default_word(p)) {
			rc = next(p);
		} else if (p->tok.kind == DBT_TOK_WORD && literal_type(p->text, &p->tok) &&
			   (la.kind == DBT_TOK_STRING || type_word_token(p->text, &la))) {
			/* A typed literal: TYPE [WITH[OUT] TIME ZONE] 'text'. */
			while ((rc = next(p)) == 0 && p->tok.kind != DBT_TOK_STRING)
				if (!type_word(p))
					return expected(p, "a string");
			if (rc == 0)
				rc = next(p);
		} else {
			return expected(p, "a default value");
		}
	} else {
		return expected(p, "a default value");
	}
	/* Any type the database knows may be a cast's target: only its
	 * shape is read here, and the normaliser spells known types. */
	while (rc == 0 && is(p, "::")) {
		int interval;

		if ((rc = next(p)) < 0)
			return rc;
		/* pg_dump quotes type names that are keywords: ::"bit". */
		if (p->tok.kind != DBT_TOK_WORD && p->tok.kind != DBT_TOK_QUOTED)
			return expected(p, "a type");
		interval = is(p, "interval");
		rc = next(p);
		/* A type in a schema: public.mood. */
		while (rc == 0 && is(p, ".")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (p->tok.kind != DBT_TOK_WORD && p->tok.kind != DBT_TOK_QUOTED)
				return expected(p, "a type");
			rc = next(p);
		}
		while (rc == 0 && (is(p, "(") || type_word(p) || (interval && interval_field(p)))) {
			if (is(p, "("))
				rc = parse_parens(p, &a, &b, 1);
			else
				rc = next(p);
		}
		/* An array type: text[], integer[3][]. */
		while (rc == 0 && is(p, "[")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (p->tok.kind == DBT_TOK_NUMBER && (rc = next(p)) < 0)
				return rc;
			if (!is(p, "]"))
				return expected(p, "']'");
			rc = next(p);
		}
	}
	return rc;
}

/* DEFAULT has been read: an operand, then any binary operators and
 * operands.  `*from`, `*to` receive its span. */
static int parse_default(struct parser *p, size_t *from, size_t *to)
{
	int rc;

	*from = p->tok.start;
	if ((rc = parse_default_operand(p)) < 0)
		return rc;
	while (p->tok.kind == DBT_TOK_OP && !is(p, "::")) {
		if ((rc = next(p)) < 0 || (rc = parse_default_operand(p)) < 0)
			return rc;
	}
	*to = p->prev_end;
	return 0;
}

/* The column parse_column is reading, and what its constraints said. */
struct coldef {
	dbt_table *t;
	dbt_column *c;
	int has_default;
	int said_null;
	int said_not_null;
	int in_pk;
	int line, col;	   /* the constraint being read */
	const char *cname; /* its CONSTRAINT name, NULL when none */
};

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
static int check_generator(struct parser *p, const struct coldef *d, const char *what, int line,
			   int col)
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

static int column_not_null(struct parser *p, struct coldef *d)
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
	/* SQLite's PRIMARY KEY ASC is its PRIMARY KEY (DESC is refused below:
	 * an INTEGER PRIMARY KEY DESC is no rowid alias, which the schema
	 * does not tell). */
	if (is(p, "asc") && (rc = next(p)) < 0)
		return rc;
	if (!is(p, "autoincrement"))
		return 0;
	if (d->c->type.kind != DBT_TYPE_INTEGER)
		return fail_autoincrement(p, p->tok.line, p->tok.col);
	if ((rc = check_generator(p, d, "AUTOINCREMENT", p->tok.line, p->tok.col)) < 0)
		return rc;
	d->c->autoincrement = 1;
	return next(p);
}

static int column_unique(struct parser *p, struct coldef *d)
{
	dbt_unique *u;
	int rc;

	if ((rc = next(p)) < 0 || (rc = dbt_table_add_unique(&u, d->t, d->cname)) < 0 ||
	    (rc = dbt_unique_add_column(u, d->c->name)) < 0)
		return rc;
	u->line = d->line;
	u->col = d->col;
	return 0;
}

static int column_check(struct parser *p, struct coldef *d)
{
	int rc = next(p);

	return rc < 0 ? rc : parse_check(p, d->t, d->cname, d->line, d->col);
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

/*
 * Drops, in place, the managed schema's qualifier of a cast's type in a
 * default ("'red'::public.color" is "'red'::color"), which the database
 * prints without it: the scratch database then casts to the model's own
 * type, not to the live one of that name.
 */
static void unqualify_casts(char *text)
{
	dbt_lexer lx;
	dbt_token t, prev, dot;
	size_t len = strlen(text);
	int have_prev = 0;

	dbt_lex_init(&lx, text, len);
	while (dbt_lex_next(&lx, &t) == 0 && t.kind != DBT_TOK_END) {
		dbt_lexer la = lx;
		char *name;
		int drop = 0;

		if (have_prev && dbt_token_is(text, &prev, "::") &&
		    (t.kind == DBT_TOK_WORD || t.kind == DBT_TOK_QUOTED) &&
		    dbt_lex_next(&la, &dot) == 0 && dbt_token_is(text, &dot, ".") &&
		    (name = dbt_token_name(text, &t))) {
			drop = !strcmp(name, DEFAULT_SCHEMA);
			free(name);
		}
		if (drop) {
			size_t cut = dot.start + dot.len - t.start;

			memmove(text + t.start, text + t.start + cut, len - t.start - cut + 1);
			len -= cut;
			dbt_lex_init(&lx, text, len);
			have_prev = 0;
			continue;
		}
		prev = t;
		have_prev = 1;
	}
}

static int column_default(struct parser *p, struct coldef *d)
{
	char *text;
	size_t from, to;
	int rc;

	if (d->has_default)
		return fail_at(p, d->line, d->col,
			       "column '%s' of table '%s' has more than one default", d->c->name,
			       d->t->name);
	if ((rc = check_generator(p, d, "DEFAULT", d->line, d->col)) < 0 || (rc = next(p)) < 0 ||
	    (rc = parse_default(p, &from, &to)) < 0 ||
	    (rc = typed_literals(&text, p->text + from, to - from)) < 0)
		return rc;
	unqualify_casts(text);
	rc = dbt_column_set_default(d->c, text, strlen(text));
	free(text);
	if (rc < 0)
		return rc;
	d->has_default = 1;
	return 0;
}

static int column_collate(struct parser *p, struct coldef *d)
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
	} else if ((rc = next(p)) == 0 && (rc = parse_name(p, &coll, "a collation name")) == 0) {
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
		return rc;
	d->c->generated_line = line;
	d->c->generated_col = col;
	return 0;
}

/* AS (expr) [STORED | VIRTUAL], SQLite's short form. */
static int column_as(struct parser *p, struct coldef *d)
{
	int rc = next(p);

	return rc < 0 ? rc : column_generated_expr(p, d, d->line, d->col);
}

/* GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY, or
 * GENERATED ALWAYS AS (expr) [STORED | VIRTUAL] */
static int column_generated(struct parser *p, struct coldef *d)
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
	rc = next(p);
cleanup:
	dbt_buf_release(&b);
	return rc;
}

/* One column constraint at the current token; 1 when there is none. */
static int parse_column_constraint(struct parser *p, struct coldef *d)
{
	struct name cn = {NULL, 0, 0, 0};
	int rc;

	d->line = p->tok.line;
	d->col = p->tok.col;
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
	if (is(p, "not"))
		rc = column_not_null(p, d);
	else if (is(p, "null"))
		rc = column_null(p, d);
	else if (is(p, "primary"))
		rc = column_primary_key(p, d);
	else if (is(p, "autoincrement"))
		rc = fail_autoincrement(p, d->line, d->col);
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
		rc = 1;
cleanup:
	name_release(&cn);
	d->cname = NULL;
	return rc;
}

/* ------------------------------------------------------------ rename hints */

static int is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Skips "word" (any ASCII case) at `*at` within `end`: 1 when it is there. */
static int skip_word(const char *text, size_t *at, size_t end, const char *word)
{
	size_t n = strlen(word);

	if (end - *at < n || strncasecmp(text + *at, word, n))
		return 0;
	*at += n;
	return 1;
}

/*
 * The hint "-- renamed from: OLD" on the line before the one where the
 * token at byte `off`, on line `tok_line`, stands first: 1 and OLD (folded unless quoted, caller
 * frees) in `*out` with its place; 0 when that line is no such hint.  A
 * line that starts the hint but does not name one table or column is an
 * error at its place.
 */
static int rename_hint(struct parser *p, size_t off, int tok_line, char **out, int *line, int *col)
{
	const char *text = p->text;
	size_t start = off, prev, at, name_at;
	dbt_lexer lx;
	dbt_token tok;
	int rc;

	*out = NULL;
	/* The hint is for the definition that starts its line (after blanks
	 * or a comma), not for one that follows another on it. */
	while (start > 0 && text[start - 1] != '\n') {
		if (!is_blank(text[start - 1]) && text[start - 1] != ',')
			return 0;
		start--;
	}
	if (start == 0)
		return 0;
	for (prev = start - 1; prev > 0 && text[prev - 1] != '\n'; prev--)
		;
	at = prev;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, "--"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, "renamed"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, "from"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	if (!skip_word(text, &at, start - 1, ":"))
		return 0;
	while (at < start - 1 && is_blank(text[at]))
		at++;
	name_at = at;
	*line = tok_line - 1;
	*col = (int)(name_at - prev) + 1;
	dbt_lex_init(&lx, text + name_at, start - 1 - name_at);
	rc = dbt_lex_next(&lx, &tok);
	if (rc == 0 && (tok.kind == DBT_TOK_WORD || tok.kind == DBT_TOK_QUOTED)) {
		dbt_token end;

		if (dbt_lex_next(&lx, &end) == 0 && end.kind == DBT_TOK_END) {
			*out = dbt_token_name(text + name_at, &tok);
			return *out ? 1 : dbt_error_oom();
		}
	}
	return fail_at(p, *line, *col,
		       "expected one table or column name after '-- renamed from:'");
}

/* Gives `*name`, `*line` and `*col` the rename hint before the token at
 * `off` on line `tok_line`, when there is one. */
static int take_hint(struct parser *p, size_t off, int tok_line, char **name, int *line, int *col)
{
	char *old = NULL;
	int l = 0, c = 0, rc = rename_hint(p, off, tok_line, &old, &l, &c);

	if (rc <= 0)
		return rc;
	free(*name);
	*name = old;
	*line = l;
	*col = c;
	return 0;
}

/*
 * The hint "-- dbtool: no-autoincrement" in a comment after the column's
 * definition, on the line where it ends (before or after its ','): the
 * column keeps out of the auto-increment rule (render.h).  Any other
 * "-- dbtool:" hint there is an error at its place, so that a misspelt
 * one is not silently ignored.
 */
static int column_hint(struct parser *p, dbt_column *c)
{
	static const char prefix[] = "dbtool:", hint[] = "no-autoincrement";
	const char *s = p->text + p->prev_end, *end = p->text + p->len, *e, *start;
	size_t n;
	int line, col;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && *s == ',' && p->tok.start == (size_t)(s - p->text))
		for (s++; s < end && (*s == ' ' || *s == '\t');)
			s++;
	if (end - s < 2 || s[0] != '-' || s[1] != '-')
		return 0;
	start = s;
	for (s += 2; s < end && (*s == ' ' || *s == '\t'); s++)
		;
	for (e = s; e < end && *e != '\n'; e++)
		;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	n = sizeof(prefix) - 1;
	if ((size_t)(e - s) < n || memcmp(s, prefix, n))
		return 0;
	for (s += n; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	if ((size_t)(e - s) == sizeof(hint) - 1 && !memcmp(s, hint, sizeof(hint) - 1)) {
		c->no_autoincrement = 1;
		return 0;
	}
	/* Only an error needs the place. */
	for (line = 1, s = p->text; s < start; s++)
		line += *s == '\n';
	for (col = 1, s = start; s > p->text && s[-1] != '\n'; s--)
		col += (*(s - 1) & 0xc0) != 0x80;
	return fail_at(p, line, col,
		       "unknown hint '%.*s' for column '%s': the column hint is "
		       "'-- dbtool: no-autoincrement'",
		       (int)(e - start), start, c->name);
}

/* A column definition: name, type, column constraints; in ALTER TABLE's
 * ADD COLUMN (`alter`), it ends at ',' or ';'. */
static int parse_column(struct parser *p, dbt_table *t, int alter)
{
	struct name n = {NULL, 0, 0, 0};
	struct coldef d;
	dbt_type type;
	size_t i, name_off;
	int serial, rc;

	memset(&d, 0, sizeof(d));
	d.t = t;
	name_off = p->tok.start;
	if ((rc = parse_name(p, &n, "a column name or table constraint")) < 0)
		goto cleanup;
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
	rc = dbt_table_add_column(&d.c, t, n.s, n.quoted, &type);
	dbt_type_release(&type);
	if (rc < 0)
		goto cleanup;
	d.c->line = n.line;
	d.c->col = n.col;
	if ((rc = take_hint(p, name_off, n.line, &d.c->renamed_from, &d.c->renamed_line,
			    &d.c->renamed_col)) < 0)
		goto cleanup;
	if (serial) {
		d.c->not_null = 1;
		d.c->autoincrement = 1;
		d.c->identity = DBT_IDENTITY_SERIAL;
	}
	while ((rc = parse_column_constraint(p, &d)) == 0)
		;
	if (rc < 0 || (rc = column_hint(p, d.c)) < 0)
		goto cleanup;
	if (alter)
		rc = is(p, ",") || is(p, ";") || p->tok.kind == DBT_TOK_END
			     ? 0
			     : expected(p, "a column constraint, ',' or ';'");
	else
		rc = is(p, ",") || is(p, ")") ? 0 : expected(p, "a column constraint, ',' or ')'");
cleanup:
	name_release(&n);
	return rc;
}

static int is_table_constraint(const struct parser *p)
{
	return is(p, "constraint") || is(p, "primary") || is(p, "unique") || is(p, "foreign") ||
	       is(p, "check") || is(p, "exclude");
}

/* User-given constraint names must differ within a table. */
static int check_constraint_names(struct parser *p, const dbt_table *t)
{
	struct seen {
		const char *name;
		int line, col;
	} * v;
	size_t n = 0, i, j;
	int rc = 0;

	v = calloc(1 + t->nuniques + t->nfks + t->nchecks + t->nexcludes, sizeof(*v));
	if (!v)
		return dbt_error_oom();
	if (t->pk && t->pk->name_given)
		v[n++] = (struct seen){t->pk->name, t->pk->line, t->pk->col};
	for (i = 0; i < t->nuniques; i++)
		if (t->uniques[i]->name_given)
			v[n++] = (struct seen){t->uniques[i]->name, t->uniques[i]->line,
					       t->uniques[i]->col};
	for (i = 0; i < t->nfks; i++)
		if (t->fks[i]->name_given)
			v[n++] = (struct seen){t->fks[i]->name, t->fks[i]->line, t->fks[i]->col};
	for (i = 0; i < t->nchecks; i++)
		if (t->checks[i]->name_given)
			v[n++] = (struct seen){t->checks[i]->name, t->checks[i]->line,
					       t->checks[i]->col};
	for (i = 0; i < t->nexcludes; i++)
		if (t->excludes[i]->name_given)
			v[n++] = (struct seen){t->excludes[i]->name, t->excludes[i]->line,
					       t->excludes[i]->col};
	/* Report the one declared last of the first clashing pair. */
	for (i = 0; i < n && rc == 0; i++) {
		for (j = 0; j < n; j++) {
			if (j == i || dbt_name_casecmp(v[i].name, v[j].name))
				continue;
			if (v[j].line > v[i].line ||
			    (v[j].line == v[i].line && v[j].col > v[i].col))
				continue;
			rc = fail_at(p, v[i].line, v[i].col,
				     "duplicate constraint '%s' in table '%s'", v[i].name, t->name);
			break;
		}
	}
	free(v);
	return rc;
}

/* The tables SQLite makes for itself, which `sqlite3 .schema` lists. */
static int sqlite_internal(const char *name)
{
	return !strcmp(name, "sqlite_sequence") || !strncmp(name, "sqlite_stat", 11);
}

/* Reads up to the statement's end: a ';' outside parentheses and
 * outside BEGIN ... END and CASE ... END (trigger and function bodies). */
static int skip_statement(struct parser *p)
{
	int depth = 0, block = 0, rc;

	while (p->tok.kind != DBT_TOK_END) {
		if (is(p, ";") && depth == 0 && block == 0)
			break;
		if (is(p, "("))
			depth++;
		else if (is(p, ")") && depth > 0)
			depth--;
		else if (is(p, "begin") || is(p, "case"))
			block++;
		else if (is(p, "end") && block > 0)
			block--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	return 0;
}

/* SQLite's table options after CREATE TABLE's ')': STRICT and WITHOUT
 * ROWID, separated by commas, each at most once.  PostgreSQL has neither
 * (dbt_schema_adapt refuses them there, naming the place). */
static int parse_table_options(struct parser *p, dbt_table *t)
{
	int rc, line, col;

	if (!is(p, "strict") && !is(p, "without"))
		return 0;
	for (;;) {
		line = p->tok.line;
		col = p->tok.col;
		if (is(p, "strict")) {
			if (t->strict)
				return fail_at(p, line, col, "table '%s' is STRICT twice", t->name);
			t->strict = 1;
			t->strict_line = line;
			t->strict_col = col;
		} else if (is(p, "without")) {
			if ((rc = next(p)) < 0)
				return rc;
			if (!is(p, "rowid"))
				return expected(p, "ROWID");
			if (t->without_rowid)
				return fail_at(p, line, col, "table '%s' is WITHOUT ROWID twice",
					       t->name);
			t->without_rowid = 1;
			t->wr_line = line;
			t->wr_col = col;
		} else {
			return expected(p, "STRICT or WITHOUT ROWID");
		}
		if ((rc = next(p)) < 0)
			return rc;
		if (!is(p, ","))
			return 0;
		if ((rc = next(p)) < 0)
			return rc;
	}
}

/*
 * The text from the current token up to the statement's end, or up to a
 * word `stop` outside parentheses (NULL: none), through `canon`
 * (dbt_partition_key_canon or _bound_canon) into `*out`; `what` names it
 * in errors.
 */
static int partition_clause(struct parser *p, char **out, const char *stop,
			    int (*canon)(char **, const char *, size_t), const char *what)
{
	size_t from = p->tok.start;
	int line = p->tok.line, col = p->tok.col, depth = 0, rc;

	while (p->tok.kind != DBT_TOK_END && !is(p, ";") && !(depth == 0 && is(p, ")")) &&
	       !(depth == 0 && stop && is(p, stop))) {
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (p->prev_end <= from || p->tok.start == from)
		return expected(p, what);
	free(*out);
	*out = NULL;
	if ((rc = canon(out, p->text + from, p->prev_end - from)) == DBT_EPARSE)
		return fail_at(p, line, col, "%s", dbt_error_last());
	return rc;
}

/* PARTITION BY has been read, after a table's definition. */
static int partition_by(struct parser *p, dbt_table *t)
{
	return partition_clause(p, &t->partition_by, NULL, dbt_partition_key_canon,
				"RANGE, LIST or HASH and the partition key");
}

/* The bound of a partition: FOR VALUES ... or DEFAULT. */
static int partition_bound(struct parser *p, dbt_table *t)
{
	if (!is(p, "for") && !is(p, "default"))
		return expected(p, "FOR VALUES or DEFAULT");
	return partition_clause(p, &t->partition_bound, "partition", dbt_partition_bound_canon,
				"FOR VALUES or DEFAULT");
}

/* The table that holds what the model leaves out (ATTACH PARTITION). */
static int discard_table(struct parser *p, dbt_table **out)
{
	int rc;

	if (!p->discard && (rc = dbt_schema_new(&p->discard)) < 0)
		return rc;
	if (p->discard->ntables) {
		*out = p->discard->tables[0];
		return 0;
	}
	return dbt_schema_add_table(out, p->discard, "", 0);
}

/* Makes `t` a partition of `parent`: what `t` declared of columns and
 * constraints so far is the parent's (pg_dump repeats them before
 * ATTACH PARTITION), and leaves the model; but for the checks that the
 * parent has none of by name, which are the partition's own. */
static int make_partition(struct parser *p, dbt_table *t, const char *parent)
{
	const dbt_table *pt = dbt_schema_find_table(p->schema, parent);
	dbt_table *d;
	int rc;

	if (t->partition_of)
		return fail_at(p, p->tok.line, p->tok.col,
			       "table '%s' is already a partition of '%s'", t->name,
			       t->partition_of);
	if ((rc = discard_table(p, &d)) < 0 || (rc = dbt_table_take_contents(d, t, pt)) < 0)
		return rc;
	t->partition_of = strdup(parent);
	return t->partition_of ? 0 : dbt_error_oom();
}

/* PARTITION OF has been read: parent [(constraints)] bound [PARTITION BY ...]. */
static int parse_partition_of(struct parser *p, dbt_table *t)
{
	struct name pn = {NULL, 0, 0, 0};
	int rc;

	if ((rc = parse_object_name(p, &pn, "a table name")) < 0)
		return rc;
	if ((rc = make_partition(p, t, pn.s)) < 0 ||
	    (rc = add_ref(p, t->partition_of, NULL, pn.line, pn.col)) < 0)
		goto cleanup;
	if (is(p, "(")) {
		/* A partition's own constraints; its columns are the parent's. */
		if ((rc = next(p)) < 0)
			goto cleanup;
		for (;;) {
			if (!is_table_constraint(p)) {
				rc = expected(p, "a constraint (a partition's columns are its "
						 "parent's)");
				goto cleanup;
			}
			if ((rc = parse_table_constraint(p, t)) < 0)
				goto cleanup;
			if (is(p, ")"))
				break;
			if ((rc = expect(p, ",", "',' or ')'")) < 0)
				goto cleanup;
		}
		if ((rc = next(p)) < 0 || (rc = check_constraint_names(p, t)) < 0)
			goto cleanup;
	}
	if ((rc = partition_bound(p, t)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "by", "BY")) < 0)
			goto cleanup;
		rc = partition_by(p, t);
	}
cleanup:
	name_release(&pn);
	return rc;
}

/* CREATE TABLE has been read. */
static int parse_table(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *t;
	size_t i;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "not", "NOT")) < 0 ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		goto cleanup;
	if (!n.quoted && sqlite_internal(n.s)) {
		rc = skip_statement(p);
		goto cleanup;
	}
	for (i = 0; i < p->schema->ntables; i++) {
		dbt_table *o = p->schema->tables[i];

		/* Exact: PostgreSQL keeps "Users" and users apart; on SQLite,
		 * dbt_schema_adapt refuses names that differ in case only. */
		if (!strcmp(o->name, n.s)) {
			rc = fail_duplicate(p, &n, "table", o->name, o->line);
			goto cleanup;
		}
	}
	if ((rc = dbt_schema_add_table(&t, p->schema, n.s, n.quoted)) < 0)
		goto cleanup;
	t->line = n.line;
	t->col = n.col;
	if ((rc = take_hint(p, p->stmt_off, p->stmt_line, &t->renamed_from, &t->renamed_line,
			    &t->renamed_col)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "of", "OF")) < 0)
			goto cleanup;
		rc = parse_partition_of(p, t);
		goto cleanup;
	}
	if ((rc = expect(p, "(", "'('")) < 0)
		goto cleanup;
	for (;;) {
		if (is_table_constraint(p))
			rc = parse_table_constraint(p, t);
		else
			rc = parse_column(p, t, 0);
		if (rc < 0)
			goto cleanup;
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	if (t->ncolumns == 0) {
		rc = fail_at(p, n.line, n.col, "table '%s' has no columns", t->name);
		goto cleanup;
	}
	if ((rc = check_constraint_names(p, t)) < 0 || (rc = next(p)) < 0)
		goto cleanup;
	if (is(p, "partition")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "by", "BY")) < 0)
			goto cleanup;
		if ((rc = partition_by(p, t)) < 0)
			goto cleanup;
	}
	rc = parse_table_options(p, t);
cleanup:
	name_release(&n);
	return rc;
}

/* The column an index key "(name)" names, when it is just a name: 1 and
 * the name in `out` (caller frees), else 0. */
static int plain_name(const char *expr, char **out)
{
	dbt_lexer lx;
	dbt_token a, b;

	*out = NULL;
	dbt_lex_init(&lx, expr, strlen(expr));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &b) < 0 || b.kind != DBT_TOK_END)
		return 0;
	if (a.kind != DBT_TOK_QUOTED &&
	    (a.kind != DBT_TOK_WORD || dbt_sql_keyword(expr + a.start, a.len)))
		return 0;
	*out = dbt_token_name(expr, &a);
	return *out ? 1 : dbt_error_oom();
}

/* One key of an index: a column, a function call or "(expression)". */
/* A name as an expression needs it: bare when that reads back the same. */
static void put_expr_name(dbt_buf *b, const char *name)
{
	const char *s;
	int bare = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';

	for (s = name; bare && *s; s++)
		bare = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_';
	if (bare && dbt_sql_keyword(name, strlen(name)) != DBT_KW_RESERVED) {
		dbt_buf_puts(b, name);
		return;
	}
	dbt_buf_putc(b, '"');
	for (s = name; *s; s++) {
		if (*s == '"')
			dbt_buf_putc(b, '"');
		dbt_buf_putc(b, *s);
	}
	dbt_buf_putc(b, '"');
}

/* Keeps the name `*slot` until the end of the parse, for a ref that points
 * at it, and empties the slot. */
static int keep_name(struct parser *p, char **slot)
{
	char **v;

	if (!*slot)
		return 0;
	if (!(v = realloc(p->kept, (p->nkept + 1) * sizeof(*v))))
		return dbt_error_oom();
	p->kept = v;
	v[p->nkept++] = *slot;
	*slot = NULL;
	return 0;
}

/*
 * An index key that goes on after its column or call with an operator
 * (the current token), as SQLite takes it without parentheses:
 * `ON t (a + b)`, `(lower(a) || b)`.  The key, from `from`, becomes the
 * expression up to the ',' or ')' that ends it, or its COLLATE, ASC or
 * DESC.
 */
static int index_bare_expr(struct parser *p, dbt_index *ix, size_t from, int line, int col)
{
	dbt_index_elem *e = &ix->elems[ix->nelems - 1];
	char *typed = NULL, *expr = NULL;
	int depth = 0, rc;

	if (e->column && (rc = add_ref(p, ix->table, e->column, line, col)) < 0)
		return rc;
	for (;;) {
		/* As in parse_parens: an operator with nothing after it
		 * ("ON t ((a * 2) + DESC)") is refused at its place. */
		int after_op;

		if (p->tok.kind == DBT_TOK_END || is(p, ";"))
			return expected(p, "')'");
		if (depth == 0 &&
		    (is(p, ",") || is(p, ")") || is(p, "collate") || is(p, "asc") || is(p, "desc")))
			break;
		if (is(p, "("))
			depth++;
		else if (is(p, ")"))
			depth--;
		after_op = p->tok.kind == DBT_TOK_OP && !is(p, "*");
		if ((rc = next(p)) < 0)
			return rc;
		if (after_op && (is(p, ")") || is(p, ",") ||
				 (depth == 0 && (is(p, "collate") || is(p, "asc") || is(p, "desc")))))
			return expected(p, "an operand");
	}
	if ((rc = typed_literals(&typed, p->text + from, p->prev_end - from)) < 0 ||
	    (rc = dbt_schema_normalize_expr(&expr, typed, strlen(typed))) < 0 ||
	    (rc = keep_name(p, &e->column)) < 0)
		goto cleanup;
	free(e->expr);
	e->expr = expr;
	expr = NULL;
cleanup:
	free(typed);
	free(expr);
	return rc;
}

/*
 * COLLATE after an index key (the current token): the key becomes the
 * expression "key COLLATE name", as the database keeps a key with a
 * collation of its own (SQLite's `name COLLATE NOCASE`, PostgreSQL's
 * `name COLLATE "C"`).  The key's column must exist all the same.
 */
static int index_collate(struct parser *p, dbt_index *ix, int line, int col)
{
	dbt_index_elem *e = &ix->elems[ix->nelems - 1];
	struct name coll = {NULL, 0, 0, 0};
	dbt_buf b = DBT_BUF_INIT;
	char *expr;
	size_t from;
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	from = p->tok.start;
	if ((rc = parse_name(p, &coll, "a collation name")) < 0)
		goto cleanup;
	if (e->column) {
		if ((rc = add_ref(p, ix->table, e->column, line, col)) < 0)
			goto cleanup;
		put_expr_name(&b, e->column);
	} else {
		dbt_buf_puts(&b, e->expr);
	}
	dbt_buf_puts(&b, " COLLATE ");
	dbt_buf_put(&b, p->text + from, p->prev_end - from);
	if (b.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = dbt_schema_normalize_expr(&expr, b.ptr, b.len)) < 0)
		goto cleanup;
	/* The column's name stays until the end, for the ref to it. */
	if ((rc = keep_name(p, &e->column)) < 0) {
		free(expr);
		goto cleanup;
	}
	free(e->expr);
	e->expr = expr;
	rc = 0;
cleanup:
	name_release(&coll);
	dbt_buf_release(&b);
	return rc;
}

static int parse_index_elem(struct parser *p, dbt_index *ix)
{
	struct name n = {NULL, 0, 0, 0};
	int line = p->tok.line, col = p->tok.col, rc;
	char *canon = NULL, *column = NULL, *typed = NULL;
	size_t from, len, a, b, from_elem = p->tok.start;
	dbt_token la;

	peek(p, &la);
	if (is(p, "(") || ((p->tok.kind == DBT_TOK_WORD || p->tok.kind == DBT_TOK_QUOTED) &&
			   dbt_token_is(p->text, &la, "("))) {
		int call = !is(p, "(");

		from = p->tok.start;
		if (call && (rc = next(p)) < 0)
			goto cleanup;
		if ((rc = parse_parens(p, &a, &b, call)) < 0)
			goto cleanup;
		if ((rc = typed_literals(&typed, p->text + from, p->prev_end - from)) < 0)
			goto cleanup;
		len = strlen(typed);
		if ((rc = dbt_schema_normalize_expr(&canon, typed, len)) < 0)
			goto cleanup;
		rc = call ? 0 : plain_name(canon, &column);
		if (rc < 0)
			goto cleanup;
		if (column)
			rc = dbt_index_add_column(ix, column, 0);
		else
			rc = dbt_index_add_expr(ix, canon, strlen(canon), 0);
		if (rc < 0)
			goto cleanup;
	} else {
		if ((rc = parse_name(p, &n, "a column name or expression")) < 0 ||
		    (rc = dbt_index_add_column(ix, n.s, 0)) < 0)
			goto cleanup;
	}
	if (p->tok.kind == DBT_TOK_OP && (rc = index_bare_expr(p, ix, from_elem, line, col)) < 0)
		goto cleanup;
	if (is(p, "collate") && (rc = index_collate(p, ix, line, col)) < 0)
		goto cleanup;
	if (ix->elems[ix->nelems - 1].column &&
	    (rc = add_ref(p, ix->table, ix->elems[ix->nelems - 1].column, line, col)) < 0)
		goto cleanup;
	/* An operator class (text_pattern_ops, pg_catalog.varchar_ops). */
	if ((p->tok.kind == DBT_TOK_WORD && !is(p, "asc") && !is(p, "desc") && !is(p, "nulls") &&
	     !is(p, "collate")) ||
	    p->tok.kind == DBT_TOK_QUOTED) {
		struct name oc = {NULL, 0, 0, 0};

		if ((rc = parse_name(p, &oc, "an operator class")) < 0)
			goto cleanup;
		if (is(p, ".")) {
			name_release(&oc);
			if ((rc = next(p)) < 0 ||
			    (rc = parse_name(p, &oc, "an operator class")) < 0)
				goto cleanup;
		}
		ix->elems[ix->nelems - 1].opclass = oc.s;
	}
	if (is(p, "asc") || is(p, "desc")) {
		ix->elems[ix->nelems - 1].desc = is(p, "desc");
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	if (is(p, "nulls")) {
		dbt_index_elem *e = &ix->elems[ix->nelems - 1];

		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "first") && !is(p, "last")) {
			rc = expected(p, "FIRST or LAST");
			goto cleanup;
		}
		/* Only the order the direction does not give by itself is
		 * held: NULLs sort last ascending, first descending. */
		e->nulls = is(p, "first") ? (e->desc ? 0 : DBT_NULLS_FIRST)
					  : (e->desc ? DBT_NULLS_LAST : 0);
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	free(canon);
	free(column);
	free(typed);
	return rc;
}

static int keep_statement(struct parser *p, const dbt_token *first, const char *kind,
			  const char *name, dbt_statement **out);

/* 1 when the model declared the materialized view `name` before. */
static int declared_matview(const struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->schema->nstatements; i++) {
		const dbt_statement *st = p->schema->statements[i];

		if (st->name && !strcmp(st->kind, "materialized view") && !strcmp(st->name, name))
			return 1;
	}
	return 0;
}

/* CREATE [UNIQUE] INDEX has been read, the statement began at `first`. */
static int parse_index(struct parser *p, const dbt_token *first, int unique)
{
	struct name n = {NULL, 0, 0, 0}, tn = {NULL, 0, 0, 0};
	dbt_index *ix;
	int line, col, rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "not", "NOT")) < 0 ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			goto cleanup;
	}
	line = p->tok.line;
	col = p->tok.col;
	if (!is(p, "on") && (rc = parse_name_as(p, &n, "an index name or ON", 1)) < 0)
		goto cleanup;
	/* SQLite qualifies the index's name, not its table's: main.ix. */
	if (n.s && is(p, ".") && !strcmp(n.s, "main")) {
		name_release(&n);
		if ((rc = next(p)) < 0 || (rc = parse_name_as(p, &n, "an index name", 1)) < 0)
			goto cleanup;
		line = n.line;
		col = n.col;
	}
	if ((rc = expect(p, "on", "ON")) < 0)
		goto cleanup;
	/* ON ONLY: pg_dump's index of a partitioned table, which its
	 * partitions' indexes are attached to. */
	if (is(p, "only") && (rc = next(p)) < 0)
		goto cleanup;
	if ((rc = parse_object_name(p, &tn, "a table name")) < 0)
		goto cleanup;
	/* An index of a materialized view is part of it, as the database
	 * reads it: kept as text, for the scratch database to build. */
	if (declared_matview(p, tn.s)) {
		rc = keep_statement(p, first, "index", n.s, NULL);
		goto cleanup;
	}
	if ((rc = dbt_schema_add_index(&ix, p->schema, n.s, n.quoted, tn.s, unique)) < 0)
		goto cleanup;
	ix->line = line;
	ix->col = col;
	ix->table_line = tn.line;
	ix->table_col = tn.col;
	if ((rc = add_ref(p, ix->table, NULL, tn.line, tn.col)) < 0)
		goto cleanup;
	if (is(p, "using")) {
		/* The access method, folded like a name; B-tree, the default,
		 * is held as none, as PostgreSQL's reflection gives it. */
		struct name m = {NULL, 0, 0, 0};

		if ((rc = next(p)) < 0 || (rc = parse_name(p, &m, "an index method")) < 0)
			goto cleanup;
		if (strcmp(m.s, "btree"))
			ix->method = m.s;
		else
			name_release(&m);
	}
	if ((rc = expect(p, "(", "'('")) < 0)
		goto cleanup;
	for (;;) {
		if ((rc = parse_index_elem(p, ix)) < 0)
			goto cleanup;
		if (is(p, ")"))
			break;
		if ((rc = expect(p, ",", "',' or ')'")) < 0)
			goto cleanup;
	}
	if ((rc = next(p)) < 0)
		goto cleanup;
	if (is(p, "where")) {
		size_t from;
		int depth = 0;
		char *typed;

		if ((rc = next(p)) < 0)
			goto cleanup;
		if (p->tok.kind == DBT_TOK_END || is(p, ";") || is(p, ")")) {
			rc = expected(p, "an expression");
			goto cleanup;
		}
		from = p->tok.start;
		while (p->tok.kind != DBT_TOK_END && !is(p, ";") && !(depth == 0 && is(p, ")"))) {
			if (is(p, "("))
				depth++;
			else if (is(p, ")"))
				depth--;
			if ((rc = next(p)) < 0)
				goto cleanup;
		}
		if (depth > 0) {
			rc = expected(p, "')'");
			goto cleanup;
		}
		if ((rc = typed_literals(&typed, p->text + from, p->prev_end - from)) < 0)
			goto cleanup;
		rc = dbt_index_set_where(ix, typed, strlen(typed));
		free(typed);
		if (rc < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	name_release(&tn);
	return rc;
}

static void put_upper(dbt_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dbt_buf_putc(b, s[i] >= 'a' && s[i] <= 'z' ? s[i] - ('a' - 'A') : s[i]);
}

/* Names an unsupported statement by its leading words, upper-case: the
 * word `first`, and the current token too when it is a word after it. */
static int unsupported(struct parser *p, const dbt_token *first)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	put_upper(&b, p->text + first->start, first->len);
	if (first != &p->tok && p->tok.kind == DBT_TOK_WORD) {
		dbt_buf_putc(&b, ' ');
		put_upper(&b, p->text + p->tok.start, p->tok.len);
	}
	rc = b.oom ? dbt_error_oom()
		   : fail_at(p, first->line, first->col,
			     "unsupported statement '%s' (the model holds CREATE TABLE and CREATE "
			     "INDEX)",
			     b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/* ------------------------------------------------- statements kept as text */

/* Keeps the statement that began at `first` and ends at the next ';' as
 * one of kind `kind` named `name` (NULL when none). */
static int keep_statement(struct parser *p, const dbt_token *first, const char *kind,
			  const char *name, dbt_statement **out)
{
	dbt_statement *st;
	int rc;

	if ((rc = skip_statement(p)) < 0)
		return rc;
	if ((rc = dbt_schema_add_statement(&st, p->schema, kind, name, p->text + first->start,
					   p->prev_end - first->start)) < 0)
		return rc;
	st->line = first->line;
	st->col = first->col;
	if (out)
		*out = st;
	return 0;
}

/* Keeps the statement begun at `first`, whose object name (maybe
 * qualified, maybe with a signature after it) is the current token. */
static int keep_named(struct parser *p, const dbt_token *first, const char *kind)
{
	struct name n = {NULL, 0, 0, 0};
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (is(p, "not") && (rc = next(p)) < 0) ||
		    (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if ((rc = parse_object_name(p, &n, "a name")) < 0)
		return rc;
	rc = keep_statement(p, first, kind, n.s, NULL);
	name_release(&n);
	return rc;
}

/* The kinds of CREATE statement kept as text: the words after CREATE
 * [OR REPLACE] [TEMP] and the kind they make. */
static const struct {
	const char *w1, *w2, *kind;
} kept_kinds[] = {
	{"view", NULL, "view"},
	{"recursive", "view", "view"},
	{"materialized", "view", "materialized view"},
	{"function", NULL, "function"},
	{"procedure", NULL, "procedure"},
	{"aggregate", NULL, "aggregate"},
	{"trigger", NULL, "trigger"},
	{"constraint", "trigger", "trigger"},
	{"event", "trigger", "event trigger"},
	{"type", NULL, "type"},
	{"domain", NULL, "domain"},
	{"extension", NULL, "extension"},
	{"schema", NULL, "schema"},
	{"policy", NULL, "policy"},
	{"rule", NULL, "rule"},
	{"collation", NULL, "collation"},
	{"virtual", "table", "virtual table"},
};

/* Words of a sequence's options that pg_dump writes for a SERIAL's
 * sequence; numbers must be 1. */
static int plain_seq_word(const struct parser *p)
{
	static const char *const words[] = {"as",    "start",	"with",	    "increment",
					    "by",    "no",	"minvalue", "maxvalue",
					    "cache", "integer", "bigint",   "smallint",
					    "int",   "int4",	"int8",	    "int2"};
	size_t i;

	if (p->tok.kind == DBT_TOK_NUMBER)
		return p->tok.len == 1 && p->text[p->tok.start] == '1';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is(p, words[i]))
			return 1;
	return 0;
}

/* CREATE SEQUENCE has been read: kept as text, and noted so that a
 * column it is owned by and whose default takes nextval() of it is read
 * as SERIAL. */
static int parse_sequence(struct parser *p, const dbt_token *first)
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
	if ((rc = parse_object_name(p, &n, "a sequence name")) < 0)
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
		dbt_lexer save = p->lx;
		dbt_token tok = p->tok;
		size_t prev = p->prev_end;

		while (p->tok.kind != DBT_TOK_END && !is(p, ";")) {
			if (!plain_seq_word(p))
				plain = 0;
			if ((rc = next(p)) < 0)
				goto cleanup;
		}
		p->lx = save;
		p->tok = tok;
		p->prev_end = prev;
	}
	p->seqs[p->nseqs - 1].plain = plain;
	rc = keep_statement(p, first, "sequence", p->seqs[p->nseqs - 1].name,
			    &p->seqs[p->nseqs - 1].st);
cleanup:
	name_release(&n);
	return rc;
}

static struct seq *find_seq(const struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nseqs; i++)
		if (!strcmp(p->seqs[i].name, name))
			return &p->seqs[i];
	return NULL;
}

/* OWNER TO role: ownership is not part of the model. */
static int skip_owner(struct parser *p)
{
	int rc;

	if ((rc = next(p)) < 0 || (rc = expect(p, "to", "TO")) < 0)
		return rc;
	if (p->tok.kind != DBT_TOK_WORD && p->tok.kind != DBT_TOK_QUOTED)
		return expected(p, "a role name");
	return next(p);
}

/* ALTER SEQUENCE has been read. */
static int parse_alter_sequence(struct parser *p, const dbt_token *first)
{
	struct name n = {NULL, 0, 0, 0}, a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	struct seq *sq;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if ((rc = parse_object_name(p, &n, "a sequence name")) < 0)
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
		rc = fail_at(p, p->tok.line, p->tok.col,
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

/* Identity options in ALTER COLUMN ... ADD GENERATED ... AS IDENTITY
 * ( ... ): only those of a plain identity, as pg_dump writes them. */
static int identity_options(struct parser *p)
{
	int rc;

	if (!is(p, "("))
		return 0;
	if ((rc = next(p)) < 0)
		return rc;
	while (!is(p, ")")) {
		if (is(p, "sequence")) {
			struct name n = {NULL, 0, 0, 0};

			if ((rc = next(p)) < 0 || (rc = expect(p, "name", "NAME")) < 0 ||
			    (rc = parse_object_name(p, &n, "a sequence name")) < 0)
				return rc;
			name_release(&n);
			continue;
		}
		if (!plain_seq_word(p))
			return fail_at(p, p->tok.line, p->tok.col,
				       "identity options other than the defaults are not "
				       "supported");
		if ((rc = next(p)) < 0)
			return rc;
	}
	return next(p);
}

/* ALTER [COLUMN] has been read in ALTER TABLE: SET DEFAULT, SET NOT NULL
 * or ADD GENERATED ... AS IDENTITY. */
static int alter_column(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	struct coldef d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.t = t;
	if (is(p, "column") && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_name(p, &n, "a column name")) < 0)
		return rc;
	d.c = dbt_table_find_column(t, n.s);
	if (!d.c) {
		rc = fail_at(p, n.line, n.col, "unknown column '%s' in table '%s'", n.s, t->name);
		goto cleanup;
	}
	d.line = p->tok.line;
	d.col = p->tok.col;
	d.has_default = d.c->default_expr != NULL;
	if (is(p, "set")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (is(p, "default"))
			rc = column_default(p, &d);
		else if (is(p, "not"))
			rc = column_not_null(p, &d);
		else
			rc = expected(p, "DEFAULT or NOT NULL");
	} else if (is(p, "add")) {
		if ((rc = next(p)) < 0)
			goto cleanup;
		if (!is(p, "generated")) {
			rc = expected(p, "GENERATED");
			goto cleanup;
		}
		if ((rc = column_generated(p, &d)) < 0)
			goto cleanup;
		rc = identity_options(p);
	} else {
		rc = expected(p, "SET DEFAULT, SET NOT NULL or ADD GENERATED");
	}
cleanup:
	name_release(&n);
	return rc;
}

/* ATTACH has been seen: ATTACH PARTITION name bound. */
static int attach_partition(struct parser *p, dbt_table *parent)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *t;
	int rc;

	if ((rc = next(p)) < 0 || (rc = next(p)) < 0 ||
	    (rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	t = dbt_schema_find_table(p->schema, n.s);
	if (!t) {
		rc = fail_at(p, n.line, n.col,
			     "unknown table '%s' (ATTACH PARTITION must follow its CREATE TABLE)",
			     n.s);
		goto cleanup;
	}
	if ((rc = make_partition(p, t, parent->name)) < 0)
		goto cleanup;
	rc = partition_bound(p, t);
cleanup:
	name_release(&n);
	return rc;
}

/* ALTER INDEX has been read, and ATTACH PARTITION follows the name of a
 * partitioned table's index: the partition's index (or key) named next
 * becomes part of it, and leaves the model. */
static int attach_index(struct parser *p)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *d;
	size_t i;
	int rc;

	if ((rc = expect(p, "attach", "ATTACH")) < 0 ||
	    (rc = expect(p, "partition", "PARTITION")) < 0 ||
	    (rc = parse_object_name(p, &n, "an index name")) < 0)
		return rc;
	if ((rc = discard_table(p, &d)) < 0)
		goto cleanup;
	rc = 0;
	for (i = 0; i < p->schema->nindexes && rc == 0; i++)
		if (!strcmp(p->schema->indexes[i]->name, n.s))
			rc = dbt_schema_take_index(p->discard, p->schema, p->schema->indexes[i]);
	for (i = 0; i < p->schema->ntables && rc == 0; i++) {
		dbt_table *t = p->schema->tables[i];
		size_t k;

		if (t->pk && !strcmp(t->pk->name, n.s))
			rc = dbt_table_take_key(d, t, t->pk);
		for (k = 0; k < t->nuniques && rc == 0; k++)
			if (!strcmp(t->uniques[k]->name, n.s))
				rc = dbt_table_take_key(d, t, t->uniques[k]);
		for (k = 0; k < t->nexcludes && rc == 0; k++)
			if (!strcmp(t->excludes[k]->name, n.s))
				rc = dbt_table_take_exclude(d, t, t->excludes[k]);
	}
	if (rc == 0)
		rc = fail_at(p, n.line, n.col,
			     "unknown index '%s' (ALTER INDEX must follow its CREATE INDEX or ADD "
			     "CONSTRAINT)",
			     n.s);
	else if (rc > 0)
		rc = 0;
cleanup:
	name_release(&n);
	return rc;
}

/* 1 when [IF EXISTS] name ATTACH PARTITION follows (the current token
 * is INDEX). */
static int is_attach_index(const struct parser *p)
{
	dbt_lexer lx = p->lx;
	dbt_token a, b;
	int k;

	if (dbt_lex_next(&lx, &a) < 0)
		return 0;
	for (k = 0; k < 6; k++) {
		if (dbt_token_is(p->text, &a, "attach"))
			return dbt_lex_next(&lx, &b) == 0 && dbt_token_is(p->text, &b, "partition");
		if (a.kind == DBT_TOK_END || dbt_token_is(p->text, &a, ";") ||
		    dbt_lex_next(&lx, &a) < 0)
			return 0;
	}
	return 0;
}

/* ---------------------------------------- ALTER TABLE RENAME and DROP COLUMN */

/* Replaces the name `*slot` by a copy of `s`, and points the references
 * the parser still has to check (add_ref) at the copy. */
static int set_name(struct parser *p, char **slot, const char *s)
{
	char *copy = strdup(s);
	size_t i;

	if (!copy)
		return dbt_error_oom();
	for (i = 0; i < p->nrefs; i++) {
		if (p->refs[i].table == *slot)
			p->refs[i].table = copy;
		if (p->refs[i].column == *slot)
			p->refs[i].column = copy;
	}
	free(*slot);
	*slot = copy;
	return 0;
}

/* Sets the name in `*slot` to `to` where it is `from`. */
static int rename_in(struct parser *p, char **slot, const char *from, const char *to)
{
	return *slot && !strcmp(*slot, from) ? set_name(p, slot, to) : 0;
}

static int rename_all(struct parser *p, char **v, size_t n, const char *from, const char *to)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++)
		if ((rc = rename_in(p, &v[i], from, to)) < 0)
			return rc;
	return 0;
}

/*
 * Whether the expression `expr` names the column `column` (unqualified,
 * or after a qualifier, and not as a function), and with `to` the
 * expression with `to` in its place in `*out` (NULL when it does not name
 * it), as the databases rewrite a table's expressions on RENAME COLUMN.
 */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier);

static int expr_column(char **out, int *names, const char *expr, const char *column, const char *to)
{
	return expr_name(out, names, expr, column, to, 0);
}

/* expr_column(), for any name: with `qualifier`, also where it qualifies
 * another (a table's name in `t.c`). */
static int expr_name(char **out, int *names, const char *expr, const char *column, const char *to,
		     int qualifier)
{
	dbt_buf b = DBT_BUF_INIT;
	dbt_lexer lx;
	dbt_token tok;
	size_t done = 0;

	if (out)
		*out = NULL;
	*names = 0;
	if (!expr)
		return 0;
	dbt_lex_init(&lx, expr, strlen(expr));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		dbt_lexer ahead = lx;
		dbt_token la;
		char *name;
		int same;

		if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
			continue;
		if (dbt_lex_next(&ahead, &la) == 0 &&
		    (dbt_token_is(expr, &la, "(") || (!qualifier && dbt_token_is(expr, &la, "."))))
			continue;
		if (!(name = dbt_token_name(expr, &tok))) {
			dbt_buf_release(&b);
			return dbt_error_oom();
		}
		same = !strcmp(name, column);
		free(name);
		if (!same)
			continue;
		*names = 1;
		if (to) {
			dbt_buf_put(&b, expr + done, tok.start - done);
			put_expr_name(&b, to);
			done = tok.start + tok.len;
		}
	}
	if (!to || !*names)
		return 0;
	dbt_buf_puts(&b, expr + done);
	if (b.oom || !(*out = dbt_buf_detach(&b))) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	return 0;
}

/* Replaces the column `from` by `to` in the expression `*slot`. */
static int rename_expr_in(char **slot, const char *from, const char *to)
{
	char *copy;
	int names, rc = expr_column(&copy, &names, *slot, from, to);

	if (rc < 0 || !names)
		return rc;
	free(*slot);
	*slot = copy;
	return 0;
}

/*
 * The statements kept as text so far (views, triggers, ...), with the
 * name `from` made `to`, as SQLite's ALTER TABLE ... RENAME rewrites
 * them: a table's name everywhere (`qualifier`), a column's only in the
 * statements that name its table `table`.
 */
static int rename_in_statements(struct parser *p, const char *table, const char *from,
				const char *to, int qualifier)
{
	dbt_schema *s = p->schema;
	size_t i;
	int names, rc;

	for (i = 0; i < s->nstatements; i++) {
		dbt_statement *st = s->statements[i];
		char *sql;

		if (table) {
			if ((rc = expr_name(NULL, &names, st->sql, table, NULL, 1)) < 0)
				return rc;
			if (!names)
				continue;
		}
		if ((rc = expr_name(&sql, &names, st->sql, from, to, qualifier)) < 0)
			return rc;
		if (names) {
			free(st->sql);
			st->sql = sql;
		}
	}
	return 0;
}

/* ALTER TABLE t RENAME TO u: the table, and every name of it in the model
 * so far (foreign keys, indexes, partitions, owned sequences); a database
 * that has t and not u gets t renamed, as with the hint "-- renamed from: t". */
static int rename_table(struct parser *p, dbt_table *t, const struct name *to)
{
	dbt_schema *s = p->schema;
	char *from;
	size_t i, j;
	int rc = 0;

	if (dbt_schema_find_table(s, to->s))
		return fail_at(p, to->line, to->col, "there is already a table named '%s'", to->s);
	if (!(from = strdup(t->name)))
		return dbt_error_oom();
	if (!t->renamed_from) {
		if (!(t->renamed_from = strdup(from))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		t->renamed_line = to->line;
		t->renamed_col = to->col;
	}
	if ((rc = set_name(p, &t->name, to->s)) < 0)
		goto cleanup;
	t->quoted = to->quoted;
	for (i = 0; i < s->ntables; i++) {
		dbt_table *o = s->tables[i];

		if ((rc = rename_in(p, &o->partition_of, from, to->s)) < 0)
			goto cleanup;
		for (j = 0; j < o->nfks; j++)
			if ((rc = rename_in(p, &o->fks[j]->ref_table, from, to->s)) < 0)
				goto cleanup;
	}
	for (i = 0; i < s->nindexes; i++)
		if ((rc = rename_in(p, &s->indexes[i]->table, from, to->s)) < 0)
			goto cleanup;
	for (i = 0; i < p->nseqs; i++)
		if ((rc = rename_in(p, &p->seqs[i].owner_table, from, to->s)) < 0)
			goto cleanup;
	rc = rename_in_statements(p, NULL, from, to->s, 1);
cleanup:
	free(from);
	return rc;
}

/* ALTER TABLE t RENAME [COLUMN] a TO b: the column, and every name of it
 * in the model so far: keys, foreign keys (the table's own and those that
 * reference it), indexes, CHECK and generated expressions; a database
 * table that has a and not b gets a renamed, as with the column hint. */
static int rename_column(struct parser *p, dbt_table *t, const struct name *from,
			 const struct name *to)
{
	dbt_schema *s = p->schema;
	dbt_column *c = dbt_table_find_column(t, from->s);
	size_t i, j;
	int rc;

	if (!c)
		return fail_at(p, from->line, from->col, "unknown column '%s' in table '%s'",
			       from->s, t->name);
	if (dbt_table_find_column(t, to->s))
		return fail_at(p, to->line, to->col, "duplicate column '%s' in table '%s'", to->s,
			       t->name);
	/* The database's column of the old name is this one: the statement
	 * says so as the hint "-- renamed from:" does. */
	if (!c->renamed_from) {
		if (!(c->renamed_from = strdup(from->s)))
			return dbt_error_oom();
		c->renamed_line = from->line;
		c->renamed_col = from->col;
	}
	if ((rc = set_name(p, &c->name, to->s)) < 0)
		return rc;
	c->quoted = to->quoted;
	if (t->pk && (rc = rename_all(p, t->pk->columns, t->pk->ncolumns, from->s, to->s)) < 0)
		return rc;
	for (i = 0; i < t->nuniques; i++)
		if ((rc = rename_all(p, t->uniques[i]->columns, t->uniques[i]->ncolumns, from->s,
				     to->s)) < 0)
			return rc;
	for (i = 0; i < t->nchecks; i++)
		if ((rc = rename_expr_in(&t->checks[i]->expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->ncolumns; i++)
		if ((rc = rename_expr_in(&t->columns[i]->generated_expr, from->s, to->s)) < 0)
			return rc;
	for (i = 0; i < t->nfks; i++)
		if ((rc = rename_all(p, t->fks[i]->columns, t->fks[i]->ncolumns, from->s, to->s)) <
		    0)
			return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    (rc = rename_all(p, fk->ref_columns, fk->nref_columns, from->s,
					     to->s)) < 0)
				return rc;
		}
	for (i = 0; i < s->nindexes; i++) {
		dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < ix->nelems; j++)
			if ((rc = rename_in(p, &ix->elems[j].column, from->s, to->s)) < 0 ||
			    (rc = rename_expr_in(&ix->elems[j].expr, from->s, to->s)) < 0)
				return rc;
		if ((rc = rename_expr_in(&ix->where, from->s, to->s)) < 0)
			return rc;
	}
	for (i = 0; i < p->nseqs; i++)
		if (p->seqs[i].owner_table && !strcmp(p->seqs[i].owner_table, t->name) &&
		    (rc = rename_in(p, &p->seqs[i].owner_column, from->s, to->s)) < 0)
			return rc;
	return rename_in_statements(p, t->name, from->s, to->s, 0);
}

static int in_list(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

/* Whether index `ix` names column `c`, in a key or its WHERE. */
static int index_uses(int *out, const dbt_index *ix, const char *c)
{
	size_t j;
	int rc;

	*out = 0;
	for (j = 0; j < ix->nelems && !*out; j++) {
		if (ix->elems[j].column && !strcmp(ix->elems[j].column, c))
			*out = 1;
		else if ((rc = expr_column(NULL, out, ix->elems[j].expr, c, NULL)) < 0)
			return rc;
	}
	return *out ? 0 : expr_column(NULL, out, ix->where, c, NULL);
}

/* What of the model so far uses column `c` of table `t` so that dropping
 * it needs more than the column (a key, a foreign key, an index, another
 * generated column), put in `what`; nothing put when nothing does. */
static int column_use(dbt_buf *what, const struct parser *p, const dbt_table *t, const char *c)
{
	const dbt_schema *s = p->schema;
	size_t i, j;
	int names, rc;

	if (t->pk && in_list(t->pk->columns, t->pk->ncolumns, c)) {
		dbt_buf_puts(what, "the primary key");
		return 0;
	}
	for (i = 0; i < t->nuniques; i++)
		if (in_list(t->uniques[i]->columns, t->uniques[i]->ncolumns, c)) {
			dbt_buf_puts(what, "a UNIQUE constraint");
			return 0;
		}
	for (i = 0; i < t->nfks; i++)
		if (in_list(t->fks[i]->columns, t->fks[i]->ncolumns, c)) {
			dbt_buf_puts(what, "a foreign key");
			return 0;
		}
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++) {
			const dbt_fk *fk = s->tables[i]->fks[j];

			if (fk->ref_table && !strcmp(fk->ref_table, t->name) &&
			    in_list(fk->ref_columns, fk->nref_columns, c)) {
				dbt_buf_printf(what, "a foreign key of table '%s'",
					       s->tables[i]->name);
				return 0;
			}
		}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->table || strcmp(ix->table, t->name))
			continue;
		if ((rc = index_uses(&names, ix, c)) < 0)
			return rc;
		if (names) {
			if (ix->name)
				dbt_buf_printf(what, "index '%s'", ix->name);
			else
				dbt_buf_puts(what, "an index");
			return 0;
		}
	}
	for (i = 0; i < t->ncolumns; i++) {
		if ((rc = expr_column(NULL, &names, t->columns[i]->generated_expr, c, NULL)) < 0)
			return rc;
		if (names && strcmp(t->columns[i]->name, c)) {
			dbt_buf_printf(what, "generated column '%s'", t->columns[i]->name);
			return 0;
		}
	}
	return 0;
}

/* ALTER TABLE t DROP [COLUMN] [IF EXISTS] c: the column and the CHECK
 * constraints that name it, as the databases drop them with it; a column
 * a key, foreign key, index or generated column uses is refused, as
 * SQLite refuses it. */
static int drop_column(struct parser *p, dbt_table *t, const struct name *n, int if_exists)
{
	dbt_buf what = DBT_BUF_INIT;
	size_t i, k;
	int names, rc;

	for (i = 0; i < t->ncolumns; i++)
		if (!strcmp(t->columns[i]->name, n->s))
			break;
	if (i == t->ncolumns)
		return if_exists ? 0
				 : fail_at(p, n->line, n->col, "unknown column '%s' in table '%s'",
					   n->s, t->name);
	if ((rc = column_use(&what, p, t, n->s)) < 0)
		return rc;
	if (what.oom)
		rc = dbt_error_oom();
	else if (what.len)
		rc = fail_at(p, n->line, n->col,
			     "cannot drop column '%s' of table '%s': %s uses it; drop or change "
			     "that first",
			     n->s, t->name, dbt_buf_str(&what));
	dbt_buf_release(&what);
	if (rc < 0)
		return rc;
	if (t->ncolumns == 1)
		return fail_at(p, n->line, n->col,
			       "cannot drop column '%s': it is the only column of table '%s'", n->s,
			       t->name);
	for (k = 0; k < t->nchecks;) {
		if ((rc = expr_column(NULL, &names, t->checks[k]->expr, n->s, NULL)) < 0)
			return rc;
		if (names)
			dbt_table_remove_check(t, k);
		else
			k++;
	}
	dbt_table_remove_column(t, i);
	return 0;
}

/* ALTER TABLE t RENAME (the current token): TO a new table name, or
 * [COLUMN] a TO b. */
static int alter_rename(struct parser *p, dbt_table *t)
{
	struct name a = {NULL, 0, 0, 0}, b = {NULL, 0, 0, 0};
	int rc;

	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "to")) {
		if ((rc = next(p)) < 0 || (rc = parse_object_name(p, &a, "a table name")) < 0)
			goto cleanup;
		rc = rename_table(p, t, &a);
		goto cleanup;
	}
	if (is(p, "column") && (rc = next(p)) < 0)
		goto cleanup;
	if ((rc = parse_name(p, &a, "a column name")) < 0 || (rc = expect(p, "to", "TO")) < 0 ||
	    (rc = parse_name(p, &b, "a column name")) < 0)
		goto cleanup;
	rc = rename_column(p, t, &a, &b);
cleanup:
	name_release(&a);
	name_release(&b);
	return rc;
}

/* Whether DROP (the current token) drops a constraint. */
static int drop_constraint_follows(const struct parser *p)
{
	dbt_token la;

	peek(p, &la);
	return dbt_token_is(p->text, &la, "constraint");
}

/* ALTER TABLE t DROP has been read, and CONSTRAINT does not follow. */
static int alter_drop(struct parser *p, dbt_table *t)
{
	struct name n = {NULL, 0, 0, 0};
	int if_exists = 0, rc;

	if (is(p, "column") && (rc = next(p)) < 0)
		return rc;
	if (is(p, "if")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "exists")) {
			if_exists = 1;
			if ((rc = next(p)) < 0 || (rc = next(p)) < 0)
				return rc;
		}
	}
	if ((rc = parse_name(p, &n, "a column name")) < 0)
		goto cleanup;
	if ((is(p, "restrict") || is(p, "cascade")) && (rc = next(p)) < 0)
		goto cleanup;
	rc = drop_column(p, t, &n, if_exists);
cleanup:
	name_release(&n);
	return rc;
}

/* ALTER TABLE actions dbtool keeps as text. */
static int kept_alter_action(const struct parser *p)
{
	return is(p, "enable") || is(p, "disable") || is(p, "force") || is(p, "cluster") ||
	       is(p, "replica") || is(p, "attach") || is(p, "inherit");
}

/* ALTER TABLE has been read: ADD [CONSTRAINT] ..., ADD [COLUMN] ...,
 * ALTER [COLUMN] ..., DROP [COLUMN] ..., RENAME ..., OWNER TO (ignored),
 * after the table's CREATE TABLE. */
static int parse_alter_table(struct parser *p, const dbt_token *first)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_table *t;
	int rc;

	if (is(p, "if")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)
			return rc;
	}
	if (is(p, "only") && (rc = next(p)) < 0)
		return rc;
	if ((rc = parse_object_name(p, &n, "a table name")) < 0)
		return rc;
	if (is(p, "*") && (rc = next(p)) < 0)
		goto cleanup;
	/* pg_dump writes ALTER TABLE seq OWNER TO for sequences too. */
	if (is(p, "owner")) {
		rc = skip_owner(p);
		goto cleanup;
	}
	t = dbt_schema_find_table(p->schema, n.s);
	if (!t) {
		rc = fail_at(p, n.line, n.col,
			     "unknown table '%s' (ALTER TABLE must follow its CREATE TABLE)", n.s);
		goto cleanup;
	}
	if (is(p, "attach")) {
		dbt_token la;

		peek(p, &la);
		if (dbt_token_is(p->text, &la, "partition")) {
			rc = attach_partition(p, t);
			goto cleanup;
		}
	}
	if (kept_alter_action(p)) {
		rc = keep_statement(p, first, "alter table", t->name, NULL);
		goto cleanup;
	}
	for (;;) {
		if (is(p, "add")) {
			if ((rc = next(p)) < 0)
				goto cleanup;
			if (is_table_constraint(p)) {
				if ((rc = parse_table_constraint(p, t)) < 0 ||
				    (rc = check_constraint_names(p, t)) < 0)
					goto cleanup;
			} else {
				if (is(p, "column") && (rc = next(p)) < 0)
					goto cleanup;
				if ((rc = parse_column(p, t, 1)) < 0)
					goto cleanup;
			}
		} else if (is(p, "alter")) {
			if ((rc = next(p)) < 0 || (rc = alter_column(p, t)) < 0)
				goto cleanup;
		} else if (is(p, "owner")) {
			if ((rc = skip_owner(p)) < 0)
				goto cleanup;
		} else if (is(p, "rename")) {
			if ((rc = alter_rename(p, t)) < 0)
				goto cleanup;
		} else if (is(p, "drop") && !drop_constraint_follows(p)) {
			if ((rc = next(p)) < 0 || (rc = alter_drop(p, t)) < 0)
				goto cleanup;
		} else {
			rc = expected(p, "ADD, ALTER COLUMN, DROP COLUMN, RENAME or OWNER TO");
			goto cleanup;
		}
		if (!is(p, ","))
			break;
		if ((rc = next(p)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	name_release(&n);
	return rc;
}

/* ALTER of another kind of object (view, function, type ...): OWNER TO
 * is ignored, anything else kept as text. */
static int parse_alter_other(struct parser *p, const dbt_token *first)
{
	dbt_lexer save = p->lx;
	dbt_token tok = p->tok, la;
	size_t prev = p->prev_end;
	int owner = 0, rc;

	if (p->tok.kind != DBT_TOK_WORD)
		return expected(p, "what to alter");
	while (p->tok.kind != DBT_TOK_END && !is(p, ";")) {
		peek(p, &la);
		if (is(p, "owner") && dbt_token_is(p->text, &la, "to"))
			owner = 1;
		if ((rc = next(p)) < 0)
			return rc;
	}
	if (owner)
		return 0;
	p->lx = save;
	p->tok = tok;
	p->prev_end = prev;
	return keep_statement(p, first, "alter", NULL, NULL);
}

/* SELECT pg_catalog.set_config(...), which pg_dump writes to empty the
 * search path: a setting of the session, not part of the model. */
static int is_set_config(const struct parser *p)
{
	dbt_lexer lx = p->lx;
	dbt_token a, b, c;

	if (dbt_lex_next(&lx, &a) < 0)
		return 0;
	if (dbt_token_is(p->text, &a, "pg_catalog")) {
		if (dbt_lex_next(&lx, &b) < 0 || !dbt_token_is(p->text, &b, ".") ||
		    dbt_lex_next(&lx, &a) < 0)
			return 0;
	}
	if (!dbt_token_is(p->text, &a, "set_config") || dbt_lex_next(&lx, &c) < 0)
		return 0;
	return dbt_token_is(p->text, &c, "(");
}

/* CREATE has been read, and what follows is not TABLE or INDEX. */
static int parse_create_other(struct parser *p, const dbt_token *first)
{
	dbt_token la;
	size_t i;
	int rc;

	if (is(p, "or")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "replace", "REPLACE")) < 0)
			return rc;
	}
	peek(p, &la);
	if ((is(p, "temp") || is(p, "temporary")) && !dbt_token_is(p->text, &la, "table") &&
	    (rc = next(p)) < 0)
		return rc;
	if (is(p, "sequence"))
		return (rc = next(p)) < 0 ? rc : parse_sequence(p, first);
	peek(p, &la);
	for (i = 0; i < sizeof(kept_kinds) / sizeof(kept_kinds[0]); i++) {
		if (!is(p, kept_kinds[i].w1))
			continue;
		if (kept_kinds[i].w2 && !dbt_token_is(p->text, &la, kept_kinds[i].w2))
			continue;
		if ((rc = next(p)) < 0 || (kept_kinds[i].w2 && (rc = next(p)) < 0))
			return rc;
		return keep_named(p, first, kept_kinds[i].kind);
	}
	if (p->tok.kind != DBT_TOK_WORD)
		return expected(p, "TABLE, INDEX or UNIQUE INDEX");
	return unsupported(p, first);
}

/* COMMENT ON kind name IS ...: kept, named by what it comments on. */
static int parse_comment(struct parser *p, const dbt_token *first)
{
	size_t from;
	char *name;
	int rc;

	if ((rc = expect(p, "on", "ON")) < 0)
		return rc;
	if (p->tok.kind != DBT_TOK_WORD)
		return expected(p, "what the comment is on");
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "view") && (rc = next(p)) < 0) /* MATERIALIZED VIEW */
		return rc;
	from = p->tok.start;
	while (p->tok.kind != DBT_TOK_END && !is(p, ";") && !is(p, "is"))
		if ((rc = next(p)) < 0)
			return rc;
	if (!is(p, "is"))
		return expected(p, "IS");
	name = strndup(p->text + from, p->prev_end > from ? p->prev_end - from : 0);
	if (!name)
		return dbt_error_oom();
	rc = keep_statement(p, first, "comment", name, NULL);
	free(name);
	return rc;
}

static int parse_statement(struct parser *p)
{
	dbt_token first = p->tok;
	int rc;

	p->stmt_off = first.start;
	p->stmt_line = first.line;
	if (p->tok.kind != DBT_TOK_WORD)
		return expected(p, "CREATE TABLE or CREATE INDEX");
	/* The session settings at the head of a pg_dump. */
	if (is(p, "set") || (is(p, "select") && is_set_config(p)))
		return skip_statement(p);
	if (is(p, "alter")) {
		if ((rc = next(p)) < 0)
			return rc;
		if (is(p, "table"))
			return (rc = next(p)) < 0 ? rc : parse_alter_table(p, &first);
		if (is(p, "sequence"))
			return (rc = next(p)) < 0 ? rc : parse_alter_sequence(p, &first);
		if (is(p, "index") && is_attach_index(p)) {
			struct name n = {NULL, 0, 0, 0};

			if ((rc = next(p)) < 0 ||
			    (is(p, "if") &&
			     ((rc = next(p)) < 0 || (rc = expect(p, "exists", "EXISTS")) < 0)) ||
			    (rc = parse_object_name(p, &n, "an index name")) < 0)
				return rc;
			name_release(&n);
			return attach_index(p);
		}
		return parse_alter_other(p, &first);
	}
	if (is(p, "comment"))
		return (rc = next(p)) < 0 ? rc : parse_comment(p, &first);
	if (is(p, "grant") || is(p, "revoke"))
		return keep_statement(p, &first, is(p, "grant") ? "grant" : "revoke", NULL, NULL);
	if (!is(p, "create"))
		return unsupported(p, &p->tok);
	if ((rc = next(p)) < 0)
		return rc;
	if (is(p, "table"))
		return (rc = next(p)) < 0 ? rc : parse_table(p);
	if (is(p, "index"))
		return (rc = next(p)) < 0 ? rc : parse_index(p, &first, 0);
	if (is(p, "unique")) {
		if ((rc = next(p)) < 0 || (rc = expect(p, "index", "INDEX")) < 0)
			return rc;
		return parse_index(p, &first, 1);
	}
	return parse_create_other(p, &first);
}

/* ------------------------------------------------------------ resolution */

static int put_columns(dbt_buf *b, char **v, size_t n)
{
	size_t i;

	dbt_buf_putc(b, '(');
	for (i = 0; i < n; i++)
		dbt_buf_printf(b, "%s%s", i ? ", " : "", v[i]);
	dbt_buf_putc(b, ')');
	return b->oom ? dbt_error_oom() : 0;
}

static int same_set(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]); j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* 1 when the columns are the primary key, a unique constraint or the
 * keys of a full unique index of the table: what a foreign key needs. */
static int is_key(const dbt_schema *s, const dbt_table *t, char **cols, size_t n)
{
	size_t i, j;

	if (t->pk && same_set(cols, n, t->pk->columns, t->pk->ncolumns))
		return 1;
	for (i = 0; i < t->nuniques; i++)
		if (same_set(cols, n, t->uniques[i]->columns, t->uniques[i]->ncolumns))
			return 1;
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->unique || ix->where || ix->nelems != n || strcmp(ix->table, t->name))
			continue;
		for (j = 0; j < n && ix->elems[j].column; j++)
			;
		if (j < n)
			continue;
		for (j = 0; j < n; j++) {
			size_t k;

			for (k = 0; k < n && strcmp(ix->elems[k].column, cols[j]); k++)
				;
			if (k == n)
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

static int resolve_fk(struct parser *p, dbt_fk *fk)
{
	dbt_table *ref = dbt_schema_find_table(p->schema, fk->ref_table);
	dbt_buf b = DBT_BUF_INIT;
	size_t i;
	int rc = 0;

	if (!fk->ref_columns_given) {
		if (!ref->pk)
			return fail_at(p, fk->ref_line, fk->ref_col,
				       "foreign key references table '%s', which has no primary "
				       "key",
				       ref->name);
		for (i = 0; i < ref->pk->ncolumns; i++)
			if ((rc = dbt_fk_add_ref_column(fk, ref->pk->columns[i])) < 0)
				return rc;
	}
	if (fk->nref_columns != fk->ncolumns)
		return fail_at(p, fk->ref_line, fk->ref_col,
			       "foreign key has %zu column%s but references %zu", fk->ncolumns,
			       fk->ncolumns == 1 ? "" : "s", fk->nref_columns);
	if (is_key(p->schema, ref, fk->ref_columns, fk->nref_columns))
		return 0;
	if ((rc = put_columns(&b, fk->ref_columns, fk->nref_columns)) == 0)
		rc = fail_at(p, fk->ref_line, fk->ref_col,
			     "foreign key references columns %s of table '%s', which are not its "
			     "primary key or unique",
			     b.ptr, ref->name);
	dbt_buf_release(&b);
	return rc;
}

/* Primary key (0) or unique constraint (1...) `j` of a table. */
static const dbt_unique *key_at(const dbt_table *t, size_t j)
{
	return j == 0 ? t->pk : t->uniques[j - 1];
}

/*
 * Tables, indexes, primary keys and unique constraints share one name
 * space (a key is an index).  Reports `name`, declared by `self` at
 * line:col, when a table or a user-named key of the first `ntables` tables
 * holds it already.
 */
static int name_clash(struct parser *p, const char *name, const void *self, size_t ntables,
		      int line, int col)
{
	const dbt_schema *s = p->schema;
	size_t i, j;

	for (i = 0; i < s->ntables; i++)
		if (!dbt_name_casecmp(s->tables[i]->name, name))
			return fail_at(p, line, col,
				       "name '%s' is already used by table '%s' on line %d", name,
				       s->tables[i]->name, s->tables[i]->line);
	for (i = 0; i < ntables; i++) {
		const dbt_table *t = s->tables[i];

		for (j = 0; j <= t->nuniques; j++) {
			const dbt_unique *k = key_at(t, j);

			if (!k || k == self || !k->name_given || dbt_name_casecmp(k->name, name))
				continue;
			return fail_at(p, line, col,
				       "name '%s' is already used by %s of table '%s' on line %d",
				       name, j == 0 ? "the primary key" : "a unique constraint",
				       t->name, k->line);
		}
	}
	return 0;
}

static int check_relation_names(struct parser *p)
{
	const dbt_schema *s = p->schema;
	size_t i, j;
	int rc;

	/* Keys of one table were checked against each other with its other
	 * constraints (check_constraint_names). */
	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i];

		for (j = 0; j <= t->nuniques; j++) {
			const dbt_unique *k = key_at(t, j);

			if (k && k->name_given &&
			    (rc = name_clash(p, k->name, k, i, k->line, k->col)) < 0)
				return rc;
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (!ix->name_given)
			continue;
		if ((rc = name_clash(p, ix->name, ix, s->ntables, ix->line, ix->col)) < 0)
			return rc;
		for (j = 0; j < i; j++)
			if (s->indexes[j]->name_given &&
			    !dbt_name_casecmp(s->indexes[j]->name, ix->name))
				return fail_at(p, ix->line, ix->col,
					       "duplicate index '%s' (first declared on line %d)",
					       ix->name, s->indexes[j]->line);
	}
	return 0;
}

/* The sequence a default nextval('name'::regclass) or nextval('name')
 * takes its values from: 1 and its name in `out` (caller frees), else 0. */
static int nextval_of(const char *expr, char **out)
{
	dbt_lexer lx;
	dbt_token t[7];
	size_t n = 0, i, o = 0;
	char *name;

	*out = NULL;
	dbt_lex_init(&lx, expr, strlen(expr));
	do {
		if (n == 7 || dbt_lex_next(&lx, &t[n]) < 0)
			return 0;
	} while (t[n++].kind != DBT_TOK_END);
	if (!(n == 5 || (n == 7 && dbt_token_is(expr, &t[3], "::") &&
			 dbt_token_is(expr, &t[4], "regclass"))) ||
	    !dbt_token_is(expr, &t[0], "nextval") || !dbt_token_is(expr, &t[1], "(") ||
	    t[2].kind != DBT_TOK_STRING || expr[t[2].start] != '\'' ||
	    !dbt_token_is(expr, &t[n - 2], ")"))
		return 0;
	/* The string's text, '' made ', is a (maybe qualified) name. */
	name = malloc(t[2].len);
	if (!name)
		return dbt_error_oom();
	for (i = t[2].start + 1; i + 1 < t[2].start + t[2].len; i++) {
		name[o++] = expr[i];
		if (expr[i] == '\'')
			i++;
	}
	name[o] = '\0';
	*out = name;
	return 1;
}

/* The sequence name `text` names: "public.x", "x" or "\"X\"" as
 * regclass reads it; NULL when it is not one name of the default
 * schema.  Caller frees. */
static char *regclass_name(const char *text)
{
	dbt_lexer lx;
	dbt_token a, b, c;

	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &b) < 0)
		return NULL;
	if (dbt_token_is(text, &b, ".")) {
		char *schema = dbt_token_name(text, &a);
		int ok = schema && !strcmp(schema, DEFAULT_SCHEMA);

		free(schema);
		if (!ok || dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &c) < 0 ||
		    c.kind != DBT_TOK_END)
			return NULL;
	} else if (b.kind != DBT_TOK_END) {
		return NULL;
	}
	if (a.kind != DBT_TOK_WORD && a.kind != DBT_TOK_QUOTED)
		return NULL;
	return dbt_token_name(text, &a);
}

/*
 * The default nextval('public.s') names the sequence as the database does
 * not print it: the managed schema is on the search path, so it prints
 * nextval('s'::regclass).  Rewrites the default to that form, the name as
 * written after the qualifier.  0, or DBT_ERROR when out of memory.
 */
static int unqualify_nextval(dbt_column *c, const char *text)
{
	dbt_lexer lx;
	dbt_token a, dot;
	dbt_buf b = DBT_BUF_INIT;
	const char *p;

	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &a) < 0 || dbt_lex_next(&lx, &dot) < 0 ||
	    !dbt_token_is(text, &dot, "."))
		return 0;
	dbt_buf_puts(&b, "nextval('");
	for (p = text + dot.start + dot.len; *p; p++) {
		if (*p == '\'')
			dbt_buf_putc(&b, '\'');
		dbt_buf_putc(&b, *p);
	}
	dbt_buf_puts(&b, "'::regclass)");
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	free(c->default_expr);
	c->default_expr = dbt_buf_detach(&b);
	return c->default_expr ? 0 : dbt_error_oom();
}

/* A column whose default takes nextval() of a plain sequence owned by it
 * is SERIAL, as pg_dump writes SERIAL columns; the sequence's statement
 * is then part of the column. */
static int resolve_serial(struct parser *p, dbt_table *t, dbt_column *c)
{
	char *text = NULL, *name = NULL;
	struct seq *sq;
	int rc;

	if (!c->default_expr || !dbt_type_is_integer(c->type.kind))
		return 0;
	if ((rc = nextval_of(c->default_expr, &text)) <= 0)
		return rc;
	rc = 0;
	name = regclass_name(text);
	sq = name ? find_seq(p, name) : NULL;
	if (sq && sq->plain && sq->owned && sq->st && !strcmp(sq->owner_table, t->name) &&
	    !strcmp(sq->owner_column, c->name)) {
		free(c->default_expr);
		c->default_expr = NULL;
		c->identity = DBT_IDENTITY_SERIAL;
		c->autoincrement = 1;
		c->not_null = 1;
		dbt_schema_remove_statement(p->schema, sq->st);
		sq->st = NULL;
	} else if (name) {
		rc = unqualify_nextval(c, text);
	}
	free(text);
	free(name);
	return rc;
}

/*
 * A rename hint names what the database has under the old name: the model
 * declaring the old name too would be both kept and renamed; two hints
 * with one old name would both take it.
 */
static int check_renames(struct parser *p)
{
	const dbt_schema *s = p->schema;
	size_t i, j, k;

	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i], *o;

		if (t->renamed_from) {
			if ((o = dbt_schema_find_table(s, t->renamed_from)))
				return fail_at(p, t->renamed_line, t->renamed_col,
					       "table '%s' is renamed from '%s', which the model "
					       "still declares at line %d",
					       t->name, t->renamed_from, o->line);
			for (k = 0; k < i; k++)
				if (s->tables[k]->renamed_from &&
				    !strcmp(s->tables[k]->renamed_from, t->renamed_from))
					return fail_at(p, t->renamed_line, t->renamed_col,
						       "tables '%s' and '%s' are both renamed from "
						       "'%s'",
						       s->tables[k]->name, t->name,
						       t->renamed_from);
		}
		for (j = 0; j < t->ncolumns; j++) {
			const dbt_column *c = t->columns[j], *oc;

			if (!c->renamed_from)
				continue;
			if ((oc = dbt_table_find_column(t, c->renamed_from)))
				return fail_at(p, c->renamed_line, c->renamed_col,
					       "column '%s.%s' is renamed from '%s', which the "
					       "model still declares at line %d",
					       t->name, c->name, c->renamed_from, oc->line);
			for (k = 0; k < j; k++)
				if (t->columns[k]->renamed_from &&
				    !strcmp(t->columns[k]->renamed_from, c->renamed_from))
					return fail_at(p, c->renamed_line, c->renamed_col,
						       "columns '%s.%s' and '%s.%s' are both "
						       "renamed "
						       "from '%s'",
						       t->name, t->columns[k]->name, t->name,
						       c->name, c->renamed_from);
		}
	}
	return 0;
}

static int resolve(struct parser *p)
{
	dbt_schema *s = p->schema;
	size_t i, j;
	int rc;

	for (i = 0; i < p->nrefs; i++) {
		const struct ref *r = &p->refs[i];
		dbt_table *t = dbt_schema_find_table(s, r->table);

		if (!t && !r->column)
			return fail_at(p, r->line, r->col, "unknown table '%s'", r->table);
		if (t && r->column && !t->partition_of && !dbt_table_find_column(t, r->column))
			return fail_at(p, r->line, r->col, "unknown column '%s' in table '%s'",
				       r->column, r->table);
	}
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->nfks; j++)
			if ((rc = resolve_fk(p, s->tables[i]->fks[j])) < 0)
				return rc;
	if ((rc = check_relation_names(p)) < 0 || (rc = check_renames(p)) < 0)
		return rc;
	for (i = 0; i < s->ntables; i++)
		for (j = 0; j < s->tables[i]->ncolumns; j++)
			if ((rc = resolve_serial(p, s->tables[i], s->tables[i]->columns[j])) < 0)
				return rc;
	for (i = 0; i < s->ntables; i++)
		dbt_table_normalize(s->tables[i]);
	return dbt_schema_name_auto(s);
}

int dbt_parse_model(dbt_schema **out, const char *path, const char *text, size_t len)
{
	struct parser p;
	size_t i;
	int rc;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.path = path;
	p.text = text;
	p.len = len;
	dbt_lex_init(&p.lx, text, len);
	if ((rc = dbt_schema_new(&p.schema)) < 0)
		goto cleanup;
	p.stmt_start = 1;
	if ((rc = next(&p)) < 0)
		goto cleanup;
	p.stmt_start = 0;
	while (p.tok.kind != DBT_TOK_END) {
		if (is(&p, ";")) {
			p.stmt_start = 1;
			rc = next(&p);
			p.stmt_start = 0;
			if (rc < 0)
				goto cleanup;
			continue;
		}
		if ((rc = parse_statement(&p)) < 0)
			goto cleanup;
		if (p.tok.kind != DBT_TOK_END && !is(&p, ";")) {
			rc = expected(&p, "';'");
			goto cleanup;
		}
	}
	if ((rc = resolve(&p)) < 0)
		goto cleanup;
	*out = p.schema;
	p.schema = NULL;
cleanup:
	dbt_schema_free(p.schema);
	dbt_schema_free(p.discard);
	free(p.refs);
	for (i = 0; i < p.nkept; i++)
		free(p.kept[i]);
	free(p.kept);
	for (i = 0; i < p.nseqs; i++) {
		free(p.seqs[i].name);
		free(p.seqs[i].owner_table);
		free(p.seqs[i].owner_column);
	}
	free(p.seqs);
	return rc;
}

int dbt_parse_model_file(dbt_schema **out, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if ((rc = dbt_fs_read(&text, &len, path)) < 0)
		return rc;
	rc = dbt_parse_model(out, path, text, len);
	free(text);
	return rc;
}
