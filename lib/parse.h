/*
 * parse.h - the model parser, which reads the declared model (the file that
 * `model =` names: CREATE TABLE and CREATE INDEX statements, the ALTER TABLE
 * and sequence statements of real schema files and dumps, and other DDL
 * kept verbatim) into a dbt_schema, and the SQL tokenizer it is built on.
 *
 * The tokenizer is shared with schema.c, whose expression normaliser and
 * type-name parser read SQL text by the same lexical rules, so that text
 * from the model and text reflected from a database split the same way.
 */
#ifndef DBT_PARSE_H
#define DBT_PARSE_H

#include <stddef.h>

#include "buf.h"
#include "schema.h"

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

typedef enum dbt_keyword {
	DBT_KW_NONE = 0,
	DBT_KW_EXPR,	 /* written upper-case in canonical expressions */
	DBT_KW_RESERVED, /* that too, and no bare table, column or index name */
} dbt_keyword;

/* What the word `word` (`len` bytes, any case) is to SQL.  The reserved
 * words are PostgreSQL's reserved keywords, including those it allows only
 * as function or type names. */
dbt_keyword dbt_sql_keyword(const char *word, size_t len);

/* ---------------------------------------------------------------- parser */

/*
 * Parses the model `text` (`len` bytes) into a new schema in `out`, which
 * the caller releases with dbt_schema_free().  `path` names the file in
 * messages.  The schema comes out normalised: see schema.h.
 *
 * Statements the schema does not hold field by field (views, functions,
 * triggers, comments, grants ...) are kept in schema->statements; session
 * settings (SET, set_config, psql meta-commands) and OWNER TO are skipped.
 *
 * DBT_EPARSE, with "path:line:column: ..." naming what was expected and
 * what was found, for anything the model does not support, a duplicate or
 * unknown name, or a contradiction (two primary keys, NULL and NOT NULL);
 * DBT_ERROR when out of memory.  `*out` is NULL after a failure.
 */
int dbt_parse_model(dbt_schema **out, const char *path, const char *text, size_t len);

/* Reads the file `path` and parses it as above; DBT_ENOTFOUND when it does
 * not exist. */
int dbt_parse_model_file(dbt_schema **out, const char *path);

#endif
