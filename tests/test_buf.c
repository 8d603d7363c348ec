/*
 * test_buf.c - the string builder: appends, formatting, detach (and to a
 * block of the string's size).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static void empty_buffer_reads_as_empty_string(void **state)
{
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_string_equal(dbt_buf_str(&b), "");
	assert_int_equal(b.len, 0);
	dbt_buf_release(&b);
}

static void appends_and_formats(void **state)
{
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "abc");
	dbt_buf_putc(&b, '-');
	dbt_buf_printf(&b, "%d:%s", 42, "x");
	dbt_buf_put(&b, "yz!", 2);
	assert_string_equal(dbt_buf_str(&b), "abc-42:xyz");
	assert_int_equal(b.len, 10);
	dbt_buf_release(&b);
}

static void grows_past_initial_capacity(void **state)
{
	dbt_buf b = DBT_BUF_INIT;
	char big[5000];
	int i;

	(void)state;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	for (i = 0; i < 10; i++)
		dbt_buf_printf(&b, "%s", big);
	assert_int_equal(b.len, 10 * (sizeof(big) - 1));
	assert_int_equal(strlen(dbt_buf_str(&b)), b.len);
	assert_false(b.oom);
	dbt_buf_release(&b);
}

static void detach_hands_over_and_resets(void **state)
{
	dbt_buf b = DBT_BUF_INIT;
	char *s;

	(void)state;
	dbt_buf_puts(&b, "hello");
	s = dbt_buf_detach(&b);
	assert_string_equal(s, "hello");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	free(s);
	s = dbt_buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
}

/* A short string leaves the buffer's 64 bytes behind; a long one keeps
 * its block; an out-of-memory buffer gives NULL. */
static void detach_fit_hands_over_a_block_of_the_strings_size(void **state)
{
	dbt_buf b = DBT_BUF_INIT;
	char *s;
	int i;

	(void)state;
	dbt_buf_puts(&b, "0");
	assert_int_equal(b.cap, 64);
	s = dbt_buf_detach_fit(&b);
	assert_string_equal(s, "0");
	assert_true(malloc_usable_size(s) < 64);
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);

	for (i = 0; i < 40; i++)
		dbt_buf_putc(&b, (char)('a' + i % 26));
	s = dbt_buf_detach_fit(&b);
	assert_non_null(s);
	assert_int_equal(strlen(s), 40);
	assert_true(malloc_usable_size(s) >= 64);
	free(s);

	s = dbt_buf_detach_fit(&b);
	assert_string_equal(s, "");
	free(s);

	dbt_buf_puts(&b, "ok");
	dbt_buf_put(&b, "x", ((size_t)-1) / 2);
	assert_null(dbt_buf_detach_fit(&b));
	assert_null(b.ptr);
}

static void clear_keeps_memory(void **state)
{
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "hello");
	dbt_buf_clear(&b);
	assert_string_equal(dbt_buf_str(&b), "");
	assert_non_null(b.ptr);
	dbt_buf_puts(&b, "x");
	assert_string_equal(dbt_buf_str(&b), "x");
	dbt_buf_release(&b);
}

static void oom_is_sticky(void **state)
{
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "ok");
	dbt_buf_put(&b, "x", ((size_t)-1) / 2);
	assert_true(b.oom);
	dbt_buf_puts(&b, "more");
	assert_true(b.oom);
	assert_string_equal(dbt_buf_str(&b), "");
	assert_null(dbt_buf_detach(&b));
}

static void comment_line_holds_no_line_break(void **state)
{
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_comment(&b, "NOTE: %s", "a\nDROP TABLE users;\r\v\f\t\x1b\x7f--");
	assert_string_equal(dbt_buf_str(&b), "-- NOTE: a DROP TABLE users;      --\n");
	dbt_buf_clear(&b);
	/* NEL and the other C1 controls, U+2028 and U+2029 are line breaks
	 * to some readers; other UTF-8 stays as it is. */
	dbt_buf_comment(&b, "%s",
			"a\xc2\x85"
			"b\xc2\x9f"
			"c\xe2\x80\xa8"
			"d\xe2\x80\xa9"
			"e \xc3\xa9\xe4\xb8\xad\xc2\xa0*/;'");
	assert_string_equal(dbt_buf_str(&b), "-- a b c d e \xc3\xa9\xe4\xb8\xad\xc2\xa0*/;'\n");
	dbt_buf_clear(&b);
	dbt_buf_comment(&b, "%s", "");
	assert_string_equal(dbt_buf_str(&b), "-- \n");
	dbt_buf_release(&b);
}

static void text_find_break_skips_tabs(void **state)
{
	size_t at = 99;
	unsigned cp = 0;

	(void)state;
	assert_int_equal(dbt_text_find_break("a\tb c", 5, &at, &cp), 0);
	assert_int_equal(dbt_text_find_break("ab\rc", 4, &at, &cp), 1);
	assert_int_equal(at, 2);
	assert_int_equal(cp, 0x0d);
	assert_int_equal(dbt_text_find_break("\xc3\xa9\xe2\x80\xa9", 5, &at, &cp), 1);
	assert_int_equal(at, 2);
	assert_int_equal(cp, 0x2029);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_buffer_reads_as_empty_string),
		cmocka_unit_test(appends_and_formats),
		cmocka_unit_test(grows_past_initial_capacity),
		cmocka_unit_test(detach_hands_over_and_resets),
		cmocka_unit_test(detach_fit_hands_over_a_block_of_the_strings_size),
		cmocka_unit_test(clear_keeps_memory),
		cmocka_unit_test(oom_is_sticky),
		cmocka_unit_test(comment_line_holds_no_line_break),
		cmocka_unit_test(text_find_break_skips_tabs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
