/*
 * test_batch.c - revisions' statements grouped into query strings
 * (batch.h): what each statement belongs to, and the two reasons a string
 * ends early (a statement the splitter cannot close, a statement that may
 * change how the server reads the rest of its string).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "batch.h"
#include "testutil.h"

#define RESET "RESET ALL; RESET ROLE; "

/* Statement `i`'s text. */
static char *text_of(const struct dbt_batch *b, size_t i)
{
	const struct dbt_batch_stmt *st = &b->stmts[i];
	static char out[256];

	assert_true(st->len < sizeof(out));
	memcpy(out, b->groups[st->group].text.ptr + st->off, st->len);
	out[st->len] = '\0';
	return out;
}

static void statements_of_items_share_one_string(void **state)
{
	struct dbt_batch b;

	(void)state;
	dbt_batch_init(&b, 0, 0);
	assert_int_equal(dbt_batch_add(&b, RESET, NULL, 0, 0, 5000, DBT_BATCH_RESETS), 0);
	assert_int_equal(dbt_batch_add(&b, "CREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1)",
				       "a.sql", 7, 0, 5000, 0),
			 0);
	assert_int_equal(dbt_batch_add(&b, RESET, NULL, 0, 1, 5000, DBT_BATCH_RESETS), 0);
	assert_int_equal(dbt_batch_add(&b, "SET lock_timeout = 1000", NULL, 0, 1, 1000, 0), 0);
	assert_int_equal(dbt_batch_add(&b, "DROP TABLE a -- gone", "b.sql", 9, 1, 1000, 0), 0);
	assert_int_equal(b.ngroups, 1);
	assert_int_equal(b.nstmts, 8);
	assert_int_equal(b.groups[0].n, 8);
	assert_string_equal(text_of(&b, 0), "RESET ALL");
	assert_null(b.stmts[0].file);
	assert_string_equal(text_of(&b, 3), "INSERT INTO a VALUES (1)");
	assert_string_equal(b.stmts[3].file, "a.sql");
	assert_int_equal(b.stmts[3].line, 9);
	assert_int_equal(b.stmts[3].item, 0);
	assert_int_equal(b.stmts[7].item, 1);
	assert_int_equal(b.stmts[7].lock_ms, 1000);
	/* The trailing comment is not the statement's; each statement ends
	 * with a ';' on a line of its own. */
	assert_string_equal(text_of(&b, 7), "DROP TABLE a");
	assert_non_null(
		strstr(b.groups[0].text.ptr, "INSERT INTO a VALUES (1)\n;\nRESET ALL\n;\n"));
	dbt_batch_release(&b);
	assert_int_equal(b.ngroups, 0);
}

static void solo_puts_each_statement_of_a_revision_alone(void **state)
{
	struct dbt_batch b;

	(void)state;
	dbt_batch_init(&b, 1, 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 1; SELECT 2; SELECT 3", "a.sql", 1, 0, 0, 0), 0);
	assert_int_equal(b.ngroups, 3);
	assert_string_equal(b.groups[2].text.ptr, "SELECT 3\n;\n");
	/* The reset goes with the revision's first statement, as it did
	 * when each statement went alone. */
	assert_int_equal(dbt_batch_add(&b, RESET, NULL, 0, 1, 0, DBT_BATCH_RESETS), 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 4; SELECT 5", "b.sql", 1, 1, 0, 0), 0);
	assert_int_equal(b.ngroups, 5);
	assert_string_equal(b.groups[3].text.ptr, "RESET ALL\n;\nRESET ROLE\n;\nSELECT 4\n;\n");
	assert_string_equal(b.groups[4].text.ptr, "SELECT 5\n;\n");
	dbt_batch_release(&b);
}

static void unterminated_statement_goes_alone(void **state)
{
	struct dbt_batch b;

	(void)state;
	dbt_batch_init(&b, 0, 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 1; SELECT 2; /* open", "a.sql", 1, 0, 0, 0), 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 3 -- */ SELECT 4\n, 5", "b.sql", 1, 1, 0, 0), 0);
	assert_int_equal(b.nstmts, 4);
	assert_int_equal(b.ngroups, 3);
	assert_int_equal(b.groups[0].n, 2);
	assert_string_equal(b.groups[1].text.ptr, "/* open\n;\n");
	assert_int_equal(b.stmts[2].group, 1);
	assert_int_equal(b.stmts[3].group, 2);
	assert_int_equal(b.stmts[3].item, 1);
	/* A quote or a parenthesis left open alike. */
	dbt_batch_release(&b);
	dbt_batch_init(&b, 0, 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 1; SELECT 'open", "a.sql", 1, 0, 0, 0), 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT (1; SELECT 2", "a.sql", 1, 1, 0, 0), 0);
	assert_int_equal(dbt_batch_add(&b, "SELECT 3", "a.sql", 1, 2, 0, 0), 0);
	assert_int_equal(b.ngroups, 4);
	assert_string_equal(b.groups[1].text.ptr, "SELECT 'open\n;\n");
	assert_string_equal(b.groups[3].text.ptr, "SELECT 3\n;\n");
	dbt_batch_release(&b);
}

static void reading_settings_go_alone_until_the_reset(void **state)
{
	static const char *const changes[] =
		{"SET standard_conforming_strings = off", "SET backslash_quote = on",
		 "SET client_encoding = 'LATIN1'", "SET NAMES 'LATIN1'",
		 "SELECT set_config('Standard_Conforming_Strings', 'off', false)"};
	struct dbt_batch b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		dbt_batch_init(&b, 0, 0);
		assert_int_equal(dbt_batch_add(&b, "SELECT 1", "a.sql", 1, 0, 0, 0), 0);
		assert_int_equal(dbt_batch_add(&b, changes[i], "a.sql", 2, 0, 0, 0), 0);
		assert_int_equal(dbt_batch_add(&b, "SELECT '\\'; SELECT 2", "a.sql", 3, 0, 0, 0),
				 0);
		assert_int_equal(dbt_batch_add(&b, RESET, NULL, 0, 1, 0, DBT_BATCH_RESETS), 0);
		assert_int_equal(dbt_batch_add(&b, "SELECT 3; SELECT 4", "b.sql", 1, 1, 0, 0), 0);
		/* SELECT 1 and the change; then each alone up to the reset's
		 * last statement; then SELECT 3 and 4 together. */
		assert_int_equal(b.ngroups, 6);
		assert_int_equal(b.groups[0].n, 2);
		assert_int_equal(b.groups[1].n, 1);
		assert_int_equal(b.groups[4].n, 1);
		assert_string_equal(b.groups[4].text.ptr, "RESET ROLE\n;\n");
		assert_int_equal(b.groups[5].n, 2);
		assert_int_equal(b.lexed, 0);
		dbt_batch_release(&b);
	}
	/* Left so by a previous batch: alone up to the reset. */
	dbt_batch_init(&b, 0, 1);
	assert_int_equal(dbt_batch_add(&b, "SELECT 1; SELECT 2", "a.sql", 1, 0, 0, 0), 0);
	assert_int_equal(b.ngroups, 2);
	assert_int_equal(b.lexed, 1);
	dbt_batch_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statements_of_items_share_one_string),
		cmocka_unit_test(solo_puts_each_statement_of_a_revision_alone),
		cmocka_unit_test(unterminated_statement_goes_alone),
		cmocka_unit_test(reading_settings_go_alone_until_the_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
