/*
 * lex.h - the SQL tokenizer, its keyword table and the token cursor that
 * every reader of SQL text is built on: the model parser, the type-name
 * parser and expression normaliser of schema.c, rendering, the differ and
 * both reflections, so that text from the model and text reflected from a
 * database split the same way.  Nothing here allocates but
 * dbt_token_name() and what dbt_token_describe() appends.
 */
#ifndef DBT_LEX_H
#define DBT_LEX_H

#include <stddef.h>

#include "buf.h"

/* ------------------------------------------------------------- tokenizer */

typedef enum dbt_token_kind {
	DBT_TOK_END = 0, /* end of the text */
	DBT_TOK_WORD,	 /* unquoted identifier or keyword: [A-Za-z_\x80-][A-Za-z0-9_$\x80-]* */
	DBT_TOK_QUOTED,	 /* "quoted identifier", "" inside for a quote */
	DBT_TOK_STRING,	 /* 'string', E'...', X'...', B'...', N'...', $tag$...$tag$ */
	DBT_TOK_NUMBER,	 /* 12, 1.5, .5, 1e-3 */
	DBT_TOK_OP,	 /* operator: + - * / < > = <> >= || :: ... */
	DBT_TOK_PUNCT,	 /* one of ( ) , ; . [ ] */
} dbt_token_kind;

typedef struct dbt_token {
	dbt_token_kind kind;
	size_t start; /* byte offset in the text */
	size_t len;   /* bytes, quotes and prefixes included */
	int line;     /* 1-based */
	int col;      /* 1-based, counted in characters (UTF-8 code points) */
} dbt_token;

/* The tokenizer's state over one text; it holds no memory. */
typedef struct dbt_lexer {
	const char *text;
	size_t len;
	size_t pos;
	int line;
	size_t line_start; /* offset of the current line's first byte */
	size_t col_pos;	   /* a byte of the current line at or before pos, */
	int col;	   /* and its column: where the next token's column is
			    * counted from, so that long lines cost no more */
	int mysql_create;  /* set by the model parser: a conditional comment
			    * of MariaDB's (slash-star-bang with a version)
			    * that MariaDB would run is DBT_EPARSE, not a
			    * comment, unless it holds SET or DROP */
} dbt_lexer;

/* Starts reading `text` (`len` bytes, which may hold no NUL); skips a
 * UTF-8 byte-order mark. */
void dbt_lex_init(dbt_lexer *lx, const char *text, size_t len);

/*
 * Reads the next token into `out`, skipping blanks, -- comments and
 * (nested) block comments.  DBT_EPARSE for an unterminated string, quoted
 * identifier or comment, an empty quoted identifier, invalid UTF-8 or a
 * character SQL has no use for; the message then carries no position and
 * `out` holds the place of the fault (start, line, col).
 */
int dbt_lex_next(dbt_lexer *lx, dbt_token *out);

/* 1 when the token is the punctuation or operator `s` (e.g. "(" or "::"),
 * or a word equal to `s` ignoring ASCII case. */
int dbt_token_is(const char *text, const dbt_token *tok, const char *s);

/* The name a word or quoted identifier token stands for: a word folded to
 * lower case (ASCII letters only, as PostgreSQL folds them), a quoted
 * identifier without its quotes and with "" made ".  Caller frees; NULL
 * when out of memory. */
char *dbt_token_name(const char *text, const dbt_token *tok);

/* Appends how an error message names the token: "end of file",
 * "a string", or its text in single quotes (cut after 40 bytes). */
void dbt_token_describe(dbt_buf *out, const char *text, const dbt_token *tok);

/* DBT_EPARSE ("unexpected byte 0x00", "invalid UTF-8"; no position) when
 * the bytes of `t` in `text` are no valid UTF-8 for the tokenizer, as for
 * a name read between quotes the tokenizer does not know. */
int dbt_token_check_utf8(const char *text, const dbt_token *t);

/* The line and column (as a token's) of the byte at `off` of `text`
 * (`len` bytes, off <= len). */
void dbt_lex_place(const char *text, size_t len, size_t off, int *line, int *col);

/* -------------------------------------------------------------- keywords */

/*
 * What a keyword is to PostgreSQL, as its grammar's kwlist.h sorts them:
 * an unreserved keyword is a name anywhere, a column-name keyword cannot
 * be a function or type name, a type-or-function-name keyword cannot be a
 * column or table name, a reserved one is no bare name at all.  A word of
 * the table that PostgreSQL does not know (SQLite's GLOB) is
 * DBT_KWCAT_NONE, as is any word not in the table.
 */
typedef enum dbt_keyword_category {
	DBT_KWCAT_NONE = 0,
	DBT_KWCAT_UNRESERVED,
	DBT_KWCAT_COL_NAME,
	DBT_KWCAT_TYPE_FUNC_NAME,
	DBT_KWCAT_RESERVED,
} dbt_keyword_category;

/* The category of the word `word` (`len` bytes, any ASCII case) in the one
 * keyword table, lib/kwlist.h. */
dbt_keyword_category dbt_keyword_category_of(const char *word, size_t len);

typedef enum dbt_keyword {
	DBT_KW_NONE = 0,
	DBT_KW_EXPR,	 /* written upper-case in canonical expressions */
	DBT_KW_RESERVED, /* that too, and no bare table, column or index name */
} dbt_keyword;

/* What the word `word` (`len` bytes, any case) is to SQL.  The reserved
 * words are PostgreSQL's reserved keywords, including those it allows only
 * as function or type names (DBT_KWCAT_TYPE_FUNC_NAME and above); the
 * expression words are those the table marks so. */
dbt_keyword dbt_sql_keyword(const char *word, size_t len);

/* ---------------------------------------------------------------- cursor */

/*
 * A cursor: the tokenizer and the token it stands on, with where the token
 * before ended (the end of a clause read up to the current token).  It
 * holds no memory.  With `sqlite_quotes` set before the first
 * dbt_cursor_next(), it also reads SQLite's [name] and `name` as
 * DBT_TOK_QUOTED tokens; `quote` tells which quote a DBT_TOK_QUOTED token
 * has ('"', '[' or '`'), and is 0 for other tokens.  With `backquotes`,
 * only `name` is read so, and '[' stays punctuation (ARRAY[...]).
 */
typedef struct dbt_cursor {
	const char *text;
	size_t len;
	dbt_lexer lx;
	dbt_token tok;	   /* the current token */
	size_t prev_end;   /* where the token before it ended */
	int sqlite_quotes; /* also [name] and `name` */
	int backquotes;	   /* also `name` (MariaDB's), not [name] */
	char quote;	   /* the quote of a DBT_TOK_QUOTED token */
} dbt_cursor;

/* Starts reading `text` (`len` bytes) before its first token: call
 * dbt_cursor_next() to stand on it. */
void dbt_cursor_init(dbt_cursor *c, const char *text, size_t len);

/* Moves to the next token.  A fault of the tokenizer as dbt_lex_next()
 * reports it (DBT_EPARSE, no position), `tok` then holding its place; an
 * unterminated [name] or `name` is "unterminated quoted identifier". */
int dbt_cursor_next(dbt_cursor *c);

/* The token after the current one, the cursor unmoved; DBT_TOK_END when
 * it would not tokenize (the fault is reported when the cursor gets
 * there).  Reads no [name] or `name`. */
void dbt_cursor_peek(const dbt_cursor *c, dbt_token *out);

/* dbt_token_is() on the current token.  Inline: the parsers ask it of
 * nearly every token for several words in turn, and the first byte
 * settles most answers (equal bytes, or letters that differ in case
 * alone, differ in no bit but 0x20). */
static inline int dbt_cursor_is(const dbt_cursor *c, const char *s)
{
	if (!c->tok.len || (((unsigned char)c->text[c->tok.start] ^ (unsigned char)s[0]) & ~0x20))
		return 0;
	return dbt_token_is(c->text, &c->tok, s);
}

/* Sets DBT_EPARSE "expected WHAT, found TOKEN" (no position) and returns
 * it; DBT_ERROR when out of memory. */
int dbt_cursor_expected(const dbt_cursor *c, const char *what);

/* Reads the word or punctuation `s`, else dbt_cursor_expected(WHAT). */
int dbt_cursor_expect(dbt_cursor *c, const char *s, const char *what);

#endif
