/*
 * test_lex.c - the tokenizer (token kinds, places, operators, strings,
 * names), the keyword table and its categories, and the token cursor the
 * parser, the type parser and SQLite's stored-SQL reader share.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dialect.h"
#include "error.h"
#include "lex.h"

/* ---------------------------------------------------------- tokenizer */

static void tokenizer_reads_every_kind_with_its_place(void **state)
{
	static const char sql[] =
		"CREATE \"T\"\"x\"\n  ( 1.5e3, 'it''s' ) :: >= -- c\n/* b */ x$1;";
	dbt_lexer lx;
	dbt_token t;
	static const struct {
		dbt_token_kind kind;
		const char *text;
		int line, col;
	} want[] = {
		{DBT_TOK_WORD, "CREATE", 1, 1}, {DBT_TOK_QUOTED, "\"T\"\"x\"", 1, 8},
		{DBT_TOK_PUNCT, "(", 2, 3},	{DBT_TOK_NUMBER, "1.5e3", 2, 5},
		{DBT_TOK_PUNCT, ",", 2, 10},	{DBT_TOK_STRING, "'it''s'", 2, 12},
		{DBT_TOK_PUNCT, ")", 2, 20},	{DBT_TOK_OP, "::", 2, 22},
		{DBT_TOK_OP, ">=", 2, 25},	{DBT_TOK_WORD, "x$1", 3, 9},
		{DBT_TOK_PUNCT, ";", 3, 12},	{DBT_TOK_END, "", 3, 13},
	};
	size_t i;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(dbt_lex_next(&lx, &t), 0);
		assert_int_equal(t.kind, want[i].kind);
		assert_int_equal(t.len, strlen(want[i].text));
		assert_memory_equal(sql + t.start, want[i].text, t.len);
		assert_int_equal(t.line, want[i].line);
		assert_int_equal(t.col, want[i].col);
	}
}

static void tokenizer_counts_columns_in_characters(void **state)
{
	static const char sql[] = "\"\xc3\xa9t\xc3\xa9\" x";
	dbt_lexer lx;
	dbt_token t;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	assert_int_equal(dbt_lex_next(&lx, &t), 0);
	assert_int_equal(dbt_lex_next(&lx, &t), 0);
	assert_int_equal(t.col, 7);
}

static void tokenizer_splits_operators_as_postgresql_does(void **state)
{
	static const char sql[] = "a>-1 b@-1 c<>d e--x\n";
	static const char *const want[] = {"a", ">", "-", "1", "b", "@-", "1", "c", "<>", "d", "e"};
	dbt_lexer lx;
	dbt_token t;
	size_t i;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(dbt_lex_next(&lx, &t), 0);
		assert_int_equal(t.len, strlen(want[i]));
		assert_memory_equal(sql + t.start, want[i], t.len);
	}
	assert_int_equal(dbt_lex_next(&lx, &t), 0);
	assert_int_equal(t.kind, DBT_TOK_END);
}

/* 0x1F is one number, as SQLite reads it; 0x with no hexadecimal digit
 * is the number 0 and the word after it. */
static void tokenizer_reads_hexadecimal_integers(void **state)
{
	static const char sql[] = "-0x1F 0XaB 0x 1.5e3";
	static const char *const want[] = {"-", "0x1F", "0XaB", "0", "x", "1.5e3"};
	static const dbt_token_kind kinds[] = {DBT_TOK_OP,     DBT_TOK_NUMBER, DBT_TOK_NUMBER,
					       DBT_TOK_NUMBER, DBT_TOK_WORD,   DBT_TOK_NUMBER};
	dbt_lexer lx;
	dbt_token t;
	size_t i;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(dbt_lex_next(&lx, &t), 0);
		assert_int_equal(t.kind, kinds[i]);
		assert_int_equal(t.len, strlen(want[i]));
		assert_memory_equal(sql + t.start, want[i], t.len);
	}
}

static void tokenizer_reads_prefixed_and_dollar_strings(void **state)
{
	static const char sql[] = "E'a\\'b' X'0A' $$x;'y$$ $t$ $$ $t$";
	dbt_lexer lx;
	dbt_token t;
	static const char *const want[] = {"E'a\\'b'", "X'0A'", "$$x;'y$$", "$t$ $$ $t$"};
	size_t i;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	for (i = 0; i < 4; i++) {
		assert_int_equal(dbt_lex_next(&lx, &t), 0);
		assert_int_equal(t.kind, DBT_TOK_STRING);
		assert_int_equal(t.len, strlen(want[i]));
		assert_memory_equal(sql + t.start, want[i], t.len);
	}
}

static void token_names_fold_words_and_unquote_identifiers(void **state)
{
	static const char sql[] = "MixedCase \"Say \"\"Hi\"\"\" CAF\xc3\x89";
	static const char *const want[] = {"mixedcase", "Say \"Hi\"", "caf\xc3\x89"};
	dbt_lexer lx;
	dbt_token t;
	size_t i;

	(void)state;
	dbt_lex_init(&lx, sql, strlen(sql));
	for (i = 0; i < 3; i++) {
		char *name;

		assert_int_equal(dbt_lex_next(&lx, &t), 0);
		name = dbt_token_name(sql, &t);
		assert_string_equal(name, want[i]);
		free(name);
	}
}

/* ----------------------------------------------------------- keywords */

static const struct {
	const char *word;
	dbt_keyword_category category;
} table[] = {
#define NONE DBT_KWCAT_NONE
#define UNRESERVED DBT_KWCAT_UNRESERVED
#define COL_NAME DBT_KWCAT_COL_NAME
#define TYPE_FUNC_NAME DBT_KWCAT_TYPE_FUNC_NAME
#define RESERVED DBT_KWCAT_RESERVED
#define EXPR 1
#define DBT_KEYWORD(word, category, flags) {word, category},
#include "kwlist.h"
#undef DBT_KEYWORD
};

static void keyword_table_is_sorted_lower_case_and_every_word_is_found(void **state)
{
	size_t i, j, n = sizeof(table) / sizeof(table[0]);

	(void)state;
	assert_true(n > 100);
	for (i = 0; i < n; i++) {
		const char *w = table[i].word;
		char upper[64];

		if (i > 0)
			assert_true(strcmp(table[i - 1].word, w) < 0);
		for (j = 0; w[j]; j++) {
			assert_false(w[j] >= 'A' && w[j] <= 'Z');
			upper[j] = (char)(w[j] >= 'a' && w[j] <= 'z' ? w[j] - ('a' - 'A') : w[j]);
		}
		upper[j] = '\0';
		assert_int_equal(dbt_keyword_category_of(w, strlen(w)), table[i].category);
		assert_int_equal(dbt_keyword_category_of(upper, j), table[i].category);
	}
}

static void keywords_have_postgresql_categories(void **state)
{
	(void)state;
	assert_int_equal(dbt_keyword_category_of("select", 6), DBT_KWCAT_RESERVED);
	assert_int_equal(dbt_keyword_category_of("Left", 4), DBT_KWCAT_TYPE_FUNC_NAME);
	assert_int_equal(dbt_keyword_category_of("BIGINT", 6), DBT_KWCAT_COL_NAME);
	assert_int_equal(dbt_keyword_category_of("values", 6), DBT_KWCAT_COL_NAME);
	assert_int_equal(dbt_keyword_category_of("escape", 6), DBT_KWCAT_UNRESERVED);
	/* SQLite's operators, no PostgreSQL keywords. */
	assert_int_equal(dbt_keyword_category_of("glob", 4), DBT_KWCAT_NONE);
	assert_int_equal(dbt_keyword_category_of("users", 5), DBT_KWCAT_NONE);
	/* A prefix of a keyword, or a keyword with more after it, is none. */
	assert_int_equal(dbt_keyword_category_of("selectx", 7), DBT_KWCAT_NONE);
	assert_int_equal(dbt_keyword_category_of("select", 3), DBT_KWCAT_NONE);
}

static void keywords_are_classified(void **state)
{
	(void)state;
	assert_int_equal(dbt_sql_keyword("ORDER", 5), DBT_KW_RESERVED);
	assert_int_equal(dbt_sql_keyword("user", 4), DBT_KW_RESERVED);
	/* type-or-function-name keywords are no bare table or column name */
	assert_int_equal(dbt_sql_keyword("join", 4), DBT_KW_RESERVED);
	assert_int_equal(dbt_sql_keyword("Between", 7), DBT_KW_EXPR);
	assert_int_equal(dbt_sql_keyword("glob", 4), DBT_KW_EXPR);
	assert_int_equal(dbt_sql_keyword("escape", 6), DBT_KW_EXPR);
	/* column-name keywords are names to SQL text at large */
	assert_int_equal(dbt_sql_keyword("bigint", 6), DBT_KW_NONE);
	assert_int_equal(dbt_sql_keyword("name", 4), DBT_KW_NONE);
	assert_int_equal(dbt_sql_keyword("key", 3), DBT_KW_NONE);
}

static char *pg_quoted(const char *name)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_dialect_postgres.quote_ident(&b, name);
	return dbt_buf_detach(&b);
}

static void postgresql_quotes_the_keywords_the_table_says_cannot_be_names(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{"select", "\"select\""}, {"left", "\"left\""},		{"bigint", "\"bigint\""},
		{"values", "\"values\""}, {"xmltable", "\"xmltable\""}, {"escape", "escape"},
		{"glob", "glob"},	  {"users", "users"},		{"key", "key"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = pg_quoted(cases[i].name);

		if (!got)
			fail_msg("out of memory");
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* ------------------------------------------------------------- places */

static void places_count_lines_and_characters_after_a_byte_order_mark(void **state)
{
	static const char sql[] = "\xEF\xBB\xBF\xc3\xa9x\n  y";
	int line, col;

	(void)state;
	dbt_lex_place(sql, strlen(sql), 5, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);
	dbt_lex_place(sql, strlen(sql), strlen(sql) - 1, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
}

static void token_utf8_check_refuses_invalid_bytes_and_nul(void **state)
{
	static const char sql[] = "ok\xc3\xa9 bad\xc3( nul";
	dbt_token t = {DBT_TOK_WORD, 0, 4, 1, 1};

	(void)state;
	assert_int_equal(dbt_token_check_utf8(sql, &t), 0);
	t.start = 5;
	t.len = 4;
	assert_int_equal(dbt_token_check_utf8(sql, &t), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "invalid UTF-8");
	t.start = 4;
	t.len = 3;
	assert_int_equal(dbt_token_check_utf8("a b c\0d", &t), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "unexpected byte 0x00");
}

/* ------------------------------------------------------------- cursor */

static void cursor_stands_on_each_token_and_knows_where_the_last_ended(void **state)
{
	static const char sql[] = "CREATE  TABLE t(a)";
	dbt_cursor c;
	dbt_token la;

	(void)state;
	dbt_cursor_init(&c, sql, strlen(sql));
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_true(dbt_cursor_is(&c, "create"));
	dbt_cursor_peek(&c, &la);
	assert_true(dbt_token_is(sql, &la, "TABLE"));
	assert_true(dbt_cursor_is(&c, "create"));
	assert_int_equal(dbt_cursor_expect(&c, "create", "CREATE"), 0);
	assert_true(dbt_cursor_is(&c, "table"));
	assert_int_equal(c.prev_end, 6);
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_WORD);
	assert_int_equal(c.prev_end, 13);
	assert_int_equal(dbt_cursor_expect(&c, "t", "a name"), 0);
	assert_int_equal(dbt_cursor_expect(&c, ")", "')'"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "expected ')', found '('");
	assert_true(dbt_cursor_is(&c, "("));
}

static void cursor_says_end_of_file_when_the_text_ends(void **state)
{
	dbt_cursor c;

	(void)state;
	dbt_cursor_init(&c, "x", 1);
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_END);
	assert_int_equal(dbt_cursor_expected(&c, "';'"), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "expected ';', found end of file");
}

static void cursor_reads_sqlite_quotes_only_when_asked(void **state)
{
	static const char sql[] = "[a b] `c``d` \"e\"";
	dbt_cursor c;

	(void)state;
	dbt_cursor_init(&c, sql, strlen(sql));
	c.sqlite_quotes = 1;
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_QUOTED);
	assert_int_equal(c.quote, '[');
	assert_int_equal(c.tok.len, 5);
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_QUOTED);
	assert_int_equal(c.quote, '`');
	assert_int_equal(c.tok.len, 6);
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_QUOTED);
	assert_int_equal(c.quote, '"');
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_END);

	dbt_cursor_init(&c, sql, strlen(sql));
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(c.tok.kind, DBT_TOK_PUNCT);
	assert_int_equal(c.quote, 0);
}

static void cursor_refuses_an_unterminated_sqlite_quote(void **state)
{
	dbt_cursor c;

	(void)state;
	dbt_cursor_init(&c, "x [a b", 6);
	c.sqlite_quotes = 1;
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(dbt_cursor_next(&c), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "unterminated quoted identifier");
}

static void cursor_reports_a_tokenizer_fault_at_its_place(void **state)
{
	static const char sql[] = "a\n 'open";
	dbt_cursor c;

	(void)state;
	dbt_cursor_init(&c, sql, strlen(sql));
	assert_int_equal(dbt_cursor_next(&c), 0);
	assert_int_equal(dbt_cursor_next(&c), DBT_EPARSE);
	assert_int_equal(c.tok.line, 2);
	assert_int_equal(c.tok.col, 2);
}

/* MariaDB's conditional comment is read within the text's length: a
 * word after its version that the length cuts short is no CREATE, even
 * when the bytes after the text spell one (they were read, past the end
 * of a buffer the fuzzer gave). */
static void conditional_comment_is_read_within_the_text(void **state)
{
	static const char sql[] = "/*!00CREATE VIEW v */";
	dbt_lexer lx;
	dbt_token t;

	(void)state;
	dbt_lex_init(&lx, sql, 6);
	lx.mysql_create = 1;
	assert_int_equal(dbt_lex_next(&lx, &t), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "unterminated comment");
	dbt_lex_init(&lx, sql, strlen(sql));
	lx.mysql_create = 1;
	assert_int_equal(dbt_lex_next(&lx, &t), DBT_EPARSE);
	assert_non_null(strstr(dbt_error_last(), "mariadb-dump"));
}

#define T(fn) cmocka_unit_test(fn)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(tokenizer_reads_every_kind_with_its_place),
		T(tokenizer_counts_columns_in_characters),
		T(tokenizer_splits_operators_as_postgresql_does),
		T(tokenizer_reads_hexadecimal_integers),
		T(tokenizer_reads_prefixed_and_dollar_strings),
		T(token_names_fold_words_and_unquote_identifiers),
		T(keyword_table_is_sorted_lower_case_and_every_word_is_found),
		T(keywords_have_postgresql_categories),
		T(keywords_are_classified),
		T(postgresql_quotes_the_keywords_the_table_says_cannot_be_names),
		T(places_count_lines_and_characters_after_a_byte_order_mark),
		T(token_utf8_check_refuses_invalid_bytes_and_nul),
		T(cursor_stands_on_each_token_and_knows_where_the_last_ended),
		T(cursor_says_end_of_file_when_the_text_ends),
		T(cursor_reads_sqlite_quotes_only_when_asked),
		T(cursor_refuses_an_unterminated_sqlite_quote),
		T(cursor_reports_a_tokenizer_fault_at_its_place),
		T(conditional_comment_is_read_within_the_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
