/*
 * lex.c - the SQL tokenizer, the keyword table's lookup and the token
 * cursor (see lex.h).
 */
#include "lex.h"

#include "error.h"

#include <ctype.h>
#include <pthread.h>
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
	switch (c) {
	case '+':
	case '-':
	case '*':
	case '/':
	case '<':
	case '>':
	case '=':
	case '~':
	case '!':
	case '@':
	case '#':
	case '%':
	case '^':
	case '&':
	case '|':
	case '`':
	case '?':
		return 1;
	default:
		return 0;
	}
}

static int is_punct(int c)
{
	switch (c) {
	case '(':
	case ')':
	case ',':
	case ';':
	case '.':
	case '[':
	case ']':
		return 1;
	default:
		return 0;
	}
}

/* The letters that make a string of a quote after them: E'', X'', B'', N''. */
static inline int is_string_prefix(int c)
{
	c |= 0x20;
	return c == 'e' || c == 'x' || c == 'b' || c == 'n';
}

/* A byte of a word after its first: 1 for a letter, digit, _ or $, 2 for
 * a byte of a UTF-8 character (c >= 0x80), 0 for any other.  By table: it
 * is asked of every byte of every word. */
static const unsigned char word_byte[256] = {
	['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
	['_'] = 1,	   ['$'] = 1,	      [0x80 ... 0xFF] = 2,
};

/* ASCII upper case folded to lower case; every other byte as it is. */
static const unsigned char ascii_lower[256] = {
#define L4(n) (n), (n) + 1, (n) + 2, (n) + 3
#define L16(n) L4(n), L4((n) + 4), L4((n) + 8), L4((n) + 12)
	L16(0x00), L16(0x10), L16(0x20), L16(0x30), 0x40,      L4(0x61),  L4(0x65),
	L4(0x69),  L4(0x6d),  L4(0x71),	 L4(0x75),  0x79,      0x7a,	  0x5b,
	0x5c,	   0x5d,      0x5e,	 0x5f,	    L16(0x60), L16(0x70), L16(0x80),
	L16(0x90), L16(0xa0), L16(0xb0), L16(0xc0), L16(0xd0), L16(0xe0), L16(0xf0),
#undef L16
#undef L4
};

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
	lx->col_pos = lx->line_start;
	lx->col = 1;
	lx->mysql_create = 0;
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

/* mark() when the column of the position is not known yet: counted on
 * from the last place it was, or from the start of the line. */
static void mark_far(dbt_lexer *lx, dbt_token *t)
{
	size_t i = lx->col_pos;
	int col = lx->col;

	if (i < lx->line_start || i > lx->pos) {
		i = lx->line_start;
		col = 1;
	}
	for (; i < lx->pos; i++)
		if (((unsigned char)lx->text[i] & 0xC0) != 0x80)
			col++;
	lx->col_pos = lx->pos;
	lx->col = col;
	t->start = lx->pos;
	t->len = 0;
	t->line = lx->line;
	t->col = col;
}

/* Starts a token at the current position; inline for the usual case, a
 * column kept in step by the blanks before it. */
static inline void mark(dbt_lexer *lx, dbt_token *t)
{
	if (lx->col_pos != lx->pos) {
		mark_far(lx, t);
		return;
	}
	t->start = lx->pos;
	t->len = 0;
	t->line = lx->line;
	t->col = lx->col;
}

/* After a token of ASCII bytes on one line: the next token's column is
 * counted on from its end, so that mark() counts only the blanks between. */
static void ascii_token_end(dbt_lexer *lx, const dbt_token *t)
{
	lx->col_pos = lx->pos;
	lx->col = t->col + (int)t->len;
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

/* What a conditional comment of MariaDB's that starts at the position
 * (slash-star-bang or slash-star-M-bang, a version number, blanks) holds,
 * which MariaDB runs and other databases skip: 0 for none, or one of SET
 * or DROP (mariadb-dump's session settings and its DROP VIEW IF EXISTS,
 * which the model skips as comments) or of no word; 1 for a CREATE (a
 * view or trigger); 2 for any other word after a version number
 * (PARTITION BY, DEFINER, ...). */
/* 1 when the `n` bytes of `w` stand at `i`, ignoring ASCII case, within
 * the text (which need not end in a NUL). */
static int ascii_word_at(const dbt_lexer *lx, size_t i, const char *w, size_t n)
{
	return n <= lx->len - i && !strncasecmp(lx->text + i, w, n);
}

static int mysql_conditional(const dbt_lexer *lx)
{
	size_t i = lx->pos + 2, w;

	if (at(lx, 2) == 'M')
		i++;
	if (i >= lx->len || lx->text[i] != '!')
		return 0;
	w = ++i;
	while (i < lx->len && lx->text[i] >= '0' && lx->text[i] <= '9')
		i++;
	w = i - w;
	while (i < lx->len && (lx->text[i] == ' ' || lx->text[i] == '\t' || lx->text[i] == '\n' ||
			       lx->text[i] == '\r'))
		i++;
	if (i >= lx->len || !isalpha((unsigned char)lx->text[i]))
		return 0;
	if (ascii_word_at(lx, i, "create", 6) &&
	    (i + 6 == lx->len || !(isalnum((unsigned char)lx->text[i + 6]) ||
				   lx->text[i + 6] == '_' || lx->text[i + 6] == '$')))
		return 1;
	if (ascii_word_at(lx, i, "set", 3) && !isalnum((unsigned char)at(lx, i + 3 - lx->pos)))
		return 0;
	if (ascii_word_at(lx, i, "drop", 4) && !isalnum((unsigned char)at(lx, i + 4 - lx->pos)))
		return 0;
	return w >= 5 ? 2 : 0;
}

static const char mysql_create_refused[] =
	"a view or trigger as mariadb-dump writes it (in a /*!5000N CREATE ... */ comment) is "
	"not read in a model: declare it as a CREATE VIEW or CREATE TRIGGER statement instead "
	"(dump with --skip-triggers and without the views)";

/* Blanks and comments; DBT_EPARSE, with `t` at its start, for a block
 * comment that never ends, and at the byte for a NUL in a comment. */
static int skip_blanks(dbt_lexer *lx, dbt_token *t)
{
	for (;;) {
		/* Blanks, the bulk of what is skipped, a byte at a time; when the
		 * column of the position is known (after an ASCII token), it is
		 * kept in step, so that mark() counts nothing. */
		int c, in_step = lx->col_pos == lx->pos, col = lx->col;

		while (lx->pos < lx->len) {
			c = (unsigned char)lx->text[lx->pos];
			if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
				lx->pos++;
				col++;
			} else if (c == '\n') {
				lx->line++;
				lx->line_start = ++lx->pos;
				col = 1;
			} else {
				break;
			}
		}
		if (in_step) {
			lx->col_pos = lx->pos;
			lx->col = col;
		}
		c = at(lx, 0);
		if (c == '-' && at(lx, 1) == '-') {
			while (lx->pos < lx->len && lx->text[lx->pos] != '\n') {
				if (comment_byte(lx, t) < 0)
					return DBT_EPARSE;
				adv(lx);
			}
		} else if (c == '/' && at(lx, 1) == '*') {
			int depth = 0;

			mark(lx, t);
			if (lx->mysql_create) {
				int k = mysql_conditional(lx);

				if (k == 1)
					return dbt_error_set(DBT_EPARSE, "%s",
							     mysql_create_refused);
				if (k == 2)
					return dbt_error_set(DBT_EPARSE,
							     "a conditional comment of MariaDB's, "
							     "which MariaDB runs, is not read in a "
							     "model but for its SET and DROP "
							     "lines");
			}
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

	/* Most tokens are ASCII without a NUL: nothing to decode. */
	while (i < t->len && (unsigned char)(s[i] - 1) < 0x7F)
		i++;
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

static int is_hex_digit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A number: digits, a fraction, an exponent; or a hexadecimal integer
 * 0x1F, as SQLite (and PostgreSQL 16) read one. */
static void lex_number(dbt_lexer *lx)
{
	if (at(lx, 0) == '0' && (at(lx, 1) == 'x' || at(lx, 1) == 'X') && is_hex_digit(at(lx, 2))) {
		adv(lx);
		adv(lx);
		while (is_hex_digit(at(lx, 0)))
			adv(lx);
		return;
	}
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

/* A word, which starts at the position with a letter, _ or a byte of a
 * UTF-8 character. */
static inline int lex_word(dbt_lexer *lx, dbt_token *out)
{
	const unsigned char *t = (const unsigned char *)lx->text;
	size_t i = lx->pos;
	int high = 0, k;

	/* A word holds no newline: the position moves on at once. */
	out->kind = DBT_TOK_WORD;
	for (; i < lx->len; i++) {
		k = word_byte[t[i]];
		if (k == 1)
			continue;
		if (k == 0)
			break;
		if (t[i] == 0xEF && i + 2 < lx->len && t[i + 1] == 0xBB && t[i + 2] == 0xBF)
			break;
		high = 1;
	}
	lx->pos = i;
	out->len = i - out->start;
	if (high)
		return check_utf8(lx, out);
	ascii_token_end(lx, out);
	return 0;
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
	/* Most tokens are ASCII words and punctuation: read them before the
	 * other kinds are asked about, in the order below. */
	if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') &&
	    !(is_string_prefix(c) && at(lx, 1) == '\''))
		return lex_word(lx, out);
	if (is_punct(c) && !(c == '.' && is_digit(at(lx, 1)))) {
		out->kind = DBT_TOK_PUNCT;
		lx->pos++;
		out->len = 1;
		ascii_token_end(lx, out);
		return 0;
	}
	if (is_string_prefix(c) && at(lx, 1) == '\'') {
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
	} else if (c == 0xEF && is_bom(lx)) {
		/* Only the first bytes of the text may be a byte-order mark
		 * (dbt_lex_init skips it there); elsewhere U+FEFF is invisible
		 * and would be skipped when a span of text is read again. */
		rc = dbt_error_set(DBT_EPARSE, "unexpected byte-order mark (U+FEFF)");
	} else if (is_alpha(c)) {
		return lex_word(lx, out);
	} else if (is_punct(c)) {
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
	if (out->kind == DBT_TOK_NUMBER || out->kind == DBT_TOK_PUNCT || out->kind == DBT_TOK_OP) {
		/* ASCII by how they are read. */
		ascii_token_end(lx, out);
		return 0;
	}
	return check_utf8(lx, out);
}

/* Called for nearly every token with several keywords in turn: compared a
 * byte at a time, so that most calls end at the first byte, with no
 * strlen() of `s` first. */
int dbt_token_is(const char *text, const dbt_token *tok, const char *s)
{
	const unsigned char *t = (const unsigned char *)text + tok->start;
	const unsigned char *w = (const unsigned char *)s;
	size_t i;

	if (tok->kind == DBT_TOK_WORD) {
		/* The words asked about are written in lower case: a byte that
		 * folds to the word's own is equal at once, and only an unequal
		 * one folds the word's byte too.  A word's bytes hold no NUL, so
		 * the end of `s` is unequal to all of them. */
		for (i = 0; i < tok->len; i++) {
			unsigned char a = ascii_lower[t[i]];

			if (a != w[i] && a != ascii_lower[w[i]])
				return 0;
		}
		return w[i] == '\0';
	}
	if (tok->kind == DBT_TOK_PUNCT || tok->kind == DBT_TOK_OP) {
		for (i = 0; i < tok->len; i++)
			if (t[i] != w[i] || !w[i])
				return 0;
		return w[i] == '\0';
	}
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
		/* "a""b", `a``b` (MariaDB's); [a"b] as SQLite reads it. */
		char q = s[0] == '`' ? '`' : '"';

		for (i = 1; i + 1 < tok->len; i++) {
			name[o++] = s[i];
			if (s[i] == q)
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

int dbt_token_check_utf8(const char *text, const dbt_token *t)
{
	dbt_lexer lx;

	dbt_lex_init(&lx, text, t->start + t->len);
	return check_utf8(&lx, t);
}

void dbt_lex_place(const char *text, size_t len, size_t off, int *line, int *col)
{
	dbt_lexer lx;
	dbt_token t;
	size_t k;

	dbt_lex_init(&lx, text, len);
	for (k = lx.pos; k < off; k++) {
		if (text[k] == '\n') {
			lx.line++;
			lx.line_start = k + 1;
		}
	}
	lx.pos = off;
	mark(&lx, &t);
	*line = t.line;
	*col = t.col;
}

/* -------------------------------------------------------------- keywords */

/* DBT_KEYWORD's flags: written upper-case in canonical expressions. */
#define EXPR 1

static const struct keyword {
	const char *word;
	dbt_keyword_category category;
	int flags;
} keywords[] = {
#define NONE DBT_KWCAT_NONE
#define UNRESERVED DBT_KWCAT_UNRESERVED
#define COL_NAME DBT_KWCAT_COL_NAME
#define TYPE_FUNC_NAME DBT_KWCAT_TYPE_FUNC_NAME
#define RESERVED DBT_KWCAT_RESERVED
#define DBT_KEYWORD(word, category, flags) {word, category, flags},
#include "kwlist.h"
#undef DBT_KEYWORD
#undef NONE
#undef UNRESERVED
#undef COL_NAME
#undef TYPE_FUNC_NAME
#undef RESERVED
};

/* `word` (`len` bytes, any ASCII case) against the lower-case keyword
 * `kw`, as strcmp() orders them, folded a byte at a time: no copy. */
static int keyword_cmp(const char *word, size_t len, const char *kw)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char a = (unsigned char)word[i], b = (unsigned char)kw[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return a < b ? -1 : 1;
	}
	return kw[len] ? -1 : 0;
}

/* The keywords by a hash of their bytes (open addressing, a third full):
 * the parsers, the expression normaliser and the quoting of names ask
 * about most words they meet, and a lookup is one hash of the word and
 * about one comparison.  Made once, on first use, and only read after. */
#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))
#define KW_SLOTS 512			 /* a power of two, at least twice NKEYWORDS */
static unsigned short kw_slot[KW_SLOTS]; /* 1 + the keyword's place, 0 for none */
static pthread_once_t kw_once = PTHREAD_ONCE_INIT;

/* The hash of `len` bytes folded to lower case (FNV-1a); 0 when they
 * hold a NUL, which would end the word early as the table's strings see
 * it, so that such a word is no keyword (*nul set). */
static unsigned kw_hash(const char *word, size_t len, int *nul)
{
	unsigned h = 2166136261u;
	size_t i;

	*nul = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = ascii_lower[(unsigned char)word[i]];

		if (!c) {
			*nul = 1;
			return 0;
		}
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void kw_index(void)
{
	size_t i;
	int nul;

	_Static_assert(KW_SLOTS >= 2 * NKEYWORDS, "the keyword hash is too small");
	for (i = 0; i < NKEYWORDS; i++) {
		unsigned h =
			kw_hash(keywords[i].word, strlen(keywords[i].word), &nul) & (KW_SLOTS - 1);

		while (kw_slot[h])
			h = (h + 1) & (KW_SLOTS - 1);
		kw_slot[h] = (unsigned short)(i + 1);
	}
}

static const struct keyword *find_keyword(const char *word, size_t len)
{
	unsigned h;
	int nul;

	h = kw_hash(word, len, &nul) & (KW_SLOTS - 1);
	if (nul)
		return NULL;
	if (pthread_once(&kw_once, kw_index) != 0) {
		size_t i;

		for (i = 0; i < NKEYWORDS; i++)
			if (keyword_cmp(word, len, keywords[i].word) == 0)
				return &keywords[i];
		return NULL;
	}
	for (; kw_slot[h]; h = (h + 1) & (KW_SLOTS - 1)) {
		const struct keyword *k = &keywords[kw_slot[h] - 1];

		if (keyword_cmp(word, len, k->word) == 0)
			return k;
	}
	return NULL;
}

dbt_keyword_category dbt_keyword_category_of(const char *word, size_t len)
{
	const struct keyword *k = find_keyword(word, len);

	return k ? k->category : DBT_KWCAT_NONE;
}

dbt_keyword dbt_sql_keyword(const char *word, size_t len)
{
	const struct keyword *k = find_keyword(word, len);

	if (!k)
		return DBT_KW_NONE;
	if (k->category >= DBT_KWCAT_TYPE_FUNC_NAME)
		return DBT_KW_RESERVED;
	return k->flags & EXPR ? DBT_KW_EXPR : DBT_KW_NONE;
}

/* ---------------------------------------------------------------- cursor */

void dbt_cursor_init(dbt_cursor *c, const char *text, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->text = text;
	c->len = len;
	dbt_lex_init(&c->lx, text, len);
	c->tok.line = 1;
	c->tok.col = 1;
}

/* Moves the lexer past a [name] or `name` that starts at the current
 * token. */
static int quoted_other(dbt_cursor *c, char open)
{
	char close = open == '[' ? ']' : '`';
	size_t i = c->tok.start + 1;

	for (;;) {
		if (i >= c->len)
			return dbt_error_set(DBT_EPARSE, "unterminated quoted identifier");
		/* A C string, as the name and its statement are handed on,
		 * would end there (see comment_byte). */
		if (c->text[i] == '\0')
			return dbt_error_set(DBT_EPARSE, "unexpected byte 0x00");
		if (c->text[i] == close) {
			if (close == '`' && i + 1 < c->len && c->text[i + 1] == '`') {
				i += 2;
				continue;
			}
			break;
		}
		i++;
	}
	c->tok.kind = DBT_TOK_QUOTED;
	c->tok.len = i + 1 - c->tok.start;
	c->lx.pos = i + 1;
	c->quote = open;
	/* As a "name" is: what C strings and the other databases take. */
	return check_utf8(&c->lx, &c->tok);
}

int dbt_cursor_next(dbt_cursor *c)
{
	int rc;

	c->prev_end = c->tok.start + c->tok.len;
	if ((rc = dbt_lex_next(&c->lx, &c->tok)) < 0)
		return rc;
	c->quote = c->tok.kind == DBT_TOK_QUOTED ? '"' : 0;
	if (c->backquotes && !c->sqlite_quotes && c->tok.kind == DBT_TOK_OP &&
	    c->text[c->tok.start] == '`')
		return quoted_other(c, '`');
	if (!c->sqlite_quotes)
		return 0;
	if (c->tok.kind == DBT_TOK_PUNCT && c->text[c->tok.start] == '[')
		return quoted_other(c, '[');
	if (c->tok.kind == DBT_TOK_OP && c->text[c->tok.start] == '`')
		return quoted_other(c, '`');
	return 0;
}

void dbt_cursor_peek(const dbt_cursor *c, dbt_token *out)
{
	dbt_lexer lx = c->lx;

	if (dbt_lex_next(&lx, out) < 0)
		out->kind = DBT_TOK_END;
}

int dbt_cursor_expected(const dbt_cursor *c, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_token_describe(&b, c->text, &c->tok);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	dbt_error_set(DBT_EPARSE, "expected %s, found %s", what, b.ptr);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

int dbt_cursor_expect(dbt_cursor *c, const char *s, const char *what)
{
	if (!dbt_cursor_is(c, s))
		return dbt_cursor_expected(c, what);
	return dbt_cursor_next(c);
}
