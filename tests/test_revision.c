/*
 * test_revision.c - reading revision files: the header, both sections with
 * their line numbers, CRLF files, the transaction flag, every malformed
 * header or marker with its exact "path:line: ..." message, ids, and the
 * SHA-256 checksum of the file's bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dbtool.h"
#include "sha256.h"
#include "testutil.h"

#define PATH "versions/a_x.sql"

static int parse(dbt_revision *rev, const char *text)
{
	return dbt_revision_parse(rev, PATH, text, strlen(text));
}

/* Asserts that `text` fails with DBT_EPARSE and exactly `message`. */
static void assert_parse_error(const char *text, const char *message)
{
	dbt_revision rev;

	assert_int_equal(parse(&rev, text), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), message);
	assert_null(rev.id);
	assert_null(rev.path);
}

static void parses_header_and_sections(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: 3f2a9c1b7d4e\n"
				     "-- parent: 1a2b3c4d5e6f\n"
				     "-- message: add users\n"
				     "-- created: 2026-11-23T05:00:00Z\n"
				     "\n"
				     "-- migrate:upgrade\n"
				     "CREATE TABLE users (id INTEGER);\n"
				     "\n"
				     "-- migrate:downgrade\n"
				     "DROP TABLE users;\n"),
			 0);
	assert_string_equal(rev.path, PATH);
	assert_string_equal(rev.id, "3f2a9c1b7d4e");
	assert_string_equal(rev.parent, "1a2b3c4d5e6f");
	assert_string_equal(rev.message, "add users");
	assert_string_equal(rev.created, "2026-11-23T05:00:00Z");
	assert_int_equal(rev.transactional, 1);
	assert_string_equal(rev.upgrade, "CREATE TABLE users (id INTEGER);\n\n");
	assert_int_equal(rev.upgrade_line, 7);
	assert_string_equal(rev.downgrade, "DROP TABLE users;\n");
	assert_int_equal(rev.downgrade_line, 10);
	assert_null(rev.up);
	assert_null(rev.down);
	assert_int_equal(rev.pos, 0);
	dbt_revision_release(&rev);
}

static void empty_parent_means_first_revision(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev,
			       "-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_null(rev.parent);
	dbt_revision_release(&rev);
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:   \n-- migrate:upgrade\n-- "
				     "migrate:downgrade\n"),
			 0);
	assert_null(rev.parent);
	dbt_revision_release(&rev);
}

static void absent_message_and_created_are_empty(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent: \n-- migrate:upgrade\n-- "
				     "migrate:downgrade\n"),
			 0);
	assert_string_equal(rev.message, "");
	assert_string_equal(rev.created, "");
	dbt_revision_release(&rev);
}

static void values_are_trimmed(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "--   id:   a1  \n-- parent:\t\n-- message:  say  hi \t\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_string_equal(rev.id, "a1");
	assert_string_equal(rev.message, "say  hi");
	dbt_revision_release(&rev);
}

static void empty_sections_are_empty_strings(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev,
			       "-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_string_equal(rev.upgrade, "");
	assert_int_equal(rev.upgrade_line, 4);
	assert_string_equal(rev.downgrade, "");
	assert_int_equal(rev.downgrade_line, 5);
	dbt_revision_release(&rev);
}

static void last_line_without_newline_is_kept(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n"
				     "-- migrate:downgrade\nSELECT 2;"),
			 0);
	assert_string_equal(rev.upgrade, "SELECT 1;\n");
	assert_string_equal(rev.downgrade, "SELECT 2;");
	dbt_revision_release(&rev);
}

static void transaction_false_makes_it_non_transactional(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- transaction: false\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.transactional, 0);
	dbt_revision_release(&rev);
}

static void lock_timeout_header_sets_the_revision_timeout(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev,
			       "-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.lock_timeout_ms, -1);
	dbt_revision_release(&rev);
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- lock_timeout: 30\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.lock_timeout_ms, 30000);
	dbt_revision_release(&rev);
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- lock_timeout: 0\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.lock_timeout_ms, 0);
	dbt_revision_release(&rev);
}

static void lock_timeout_header_must_be_whole_seconds(void **state)
{
	static const char *const bad[] = {"", "1.5", "-1", "5s", "86401", "99999999999999999999"};
	char text[160], msg[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
			 "-- id: a1\n-- parent:\n-- lock_timeout: %s\n-- migrate:upgrade\n"
			 "-- migrate:downgrade\n",
			 bad[i]);
		snprintf(msg, sizeof(msg),
			 PATH
			 ":3: invalid value '%s' for header key 'lock_timeout': use a number of "
			 "seconds from 0 (no limit) to 86400",
			 bad[i]);
		assert_parse_error(text, msg);
	}
}

static void journal_inverse_header_marks_the_revision_inverse(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev,
			       "-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.inverse, 0);
	dbt_revision_release(&rev);
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- journal: inverse\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.inverse, 1);
	dbt_revision_release(&rev);
}

static void journal_header_takes_only_inverse(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- journal: inverted\n-- migrate:upgrade\n"
			   "-- migrate:downgrade\n",
			   PATH ":3: invalid value 'inverted' for header key 'journal': the one "
				"value is 'inverse' (the downgrade undoes the upgrade statement by "
				"statement)");
}

static void transaction_true_keeps_it_transactional(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- transaction: true\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.transactional, 1);
	dbt_revision_release(&rev);
}

static void transaction_other_value_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- transaction: yes\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: invalid value 'yes' for header key 'transaction': use true or "
				"false");
	assert_parse_error("-- id: a1\n-- parent:\n-- transaction: False\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: invalid value 'False' for header key 'transaction': use true "
				"or false");
	assert_parse_error("-- id: a1\n-- parent:\n-- transaction:\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH
			   ":3: invalid value '' for header key 'transaction': use true or false");
}

static void control_character_in_header_value_is_an_error(void **state)
{
	dbt_revision rev;

	(void)state;
	/* psql ends a comment at a \r: the rest of the line would run. */
	assert_parse_error("-- id: a1\n-- parent:\n-- message: x\rDROP TABLE users;\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: control character U+000D in the value of header key 'message' "
				"(column 14): header values are one line of text");
	assert_parse_error("-- id: a1\n-- parent:\n-- created: 2026\v01\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: control character U+000B in the value of header key 'created' "
				"(column 17): header values are one line of text");
	assert_parse_error("-- id: a1\n-- parent:\n-- message: a\xe2\x80\xa8"
			   "b\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: control character U+2028 in the value of header key 'message' "
				"(column 14): header values are one line of text");
	assert_parse_error("-- id: a1\n-- parent:\n-- message: a\xc2\x85"
			   "b\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: control character U+0085 in the value of header key 'message' "
				"(column 14): header values are one line of text");
	/* A tab is a blank, and UTF-8 text is text. */
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- message: a\tb \xc3\xa9\n"
				     "-- migrate:upgrade\n-- migrate:downgrade\n"),
			 0);
	assert_string_equal(rev.message, "a\tb \xc3\xa9");
	dbt_revision_release(&rev);
}

static void crlf_line_endings_are_accepted(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\r\n-- parent: p0\r\n-- message: crlf\r\n"
				     "-- transaction: false\r\n\r\n-- migrate:upgrade\r\n"
				     "SELECT 1;\r\n-- migrate:downgrade\r\nSELECT 2;\r\n"),
			 0);
	assert_string_equal(rev.id, "a1");
	assert_string_equal(rev.parent, "p0");
	assert_string_equal(rev.message, "crlf");
	assert_int_equal(rev.transactional, 0);
	assert_string_equal(rev.upgrade, "SELECT 1;\r\n");
	assert_int_equal(rev.upgrade_line, 7);
	assert_string_equal(rev.downgrade, "SELECT 2;\r\n");
	assert_int_equal(rev.downgrade_line, 9);
	dbt_revision_release(&rev);
}

static void byte_order_mark_is_skipped(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "\xef\xbb\xbf-- id: a1\n-- parent:\n-- migrate:upgrade\n"
				     "-- migrate:downgrade\n"),
			 0);
	assert_string_equal(rev.id, "a1");
	dbt_revision_release(&rev);
}

static void comments_and_blank_lines_before_upgrade_are_accepted(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n\n-- Adds the users table.\n"
				     "--\n  -- indented note\n-- note: not a header key here\n\n"
				     "-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\n"),
			 0);
	assert_int_equal(rev.upgrade_line, 10);
	assert_string_equal(rev.upgrade, "SELECT 1;\n");
	dbt_revision_release(&rev);
}

static void comments_inside_sections_are_sql(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n-- migrate:upgrade\n"
				     "-- id: b2\n-- migrate: not a marker\nSELECT 1;\n"
				     "-- migrate:downgrade\n-- message: x\n"),
			 0);
	assert_string_equal(rev.id, "a1");
	assert_string_equal(rev.upgrade, "-- id: b2\n-- migrate: not a marker\nSELECT 1;\n");
	assert_string_equal(rev.downgrade, "-- message: x\n");
	dbt_revision_release(&rev);
}

static void unknown_header_key_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- mesage: typo\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: unknown header key 'mesage'");
}

static void duplicate_header_key_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- id: a2\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":3: duplicate header key 'id' (first on line 1)");
	assert_parse_error("-- id: a1\n-- message: x\n-- parent:\n-- message: y\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":4: duplicate header key 'message' (first on line 2)");
}

static void missing_id_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":1: missing header key 'id'");
	assert_parse_error("", PATH ":1: missing header key 'id'");
}

static void missing_parent_line_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- migrate:upgrade\n-- migrate:downgrade\n", PATH
			   ":1: missing header key 'parent' (leave its value empty for the first "
			   "revision)");
}

static void invalid_id_is_an_error(void **state)
{
	char text[256];

	(void)state;
	assert_parse_error("-- id: A1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n", PATH
			   ":1: invalid revision id 'A1': use lowercase letters, digits and '_', "
			   "at most 64");
	assert_parse_error("-- id: a-1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH
			   ":1: invalid revision id 'a-1': use lowercase letters, digits and '_', "
			   "at most 64");
	assert_parse_error("-- id:\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n", PATH
			   ":1: invalid revision id '': use lowercase letters, digits and '_', "
			   "at most 64");
	snprintf(text, sizeof(text),
		 "-- id: %065d\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n", 0);
	assert_parse_error(text, PATH
			   ":1: invalid revision id "
			   "'00000000000000000000000000000000000000000000000000000000000000000': "
			   "use lowercase letters, digits and '_', at most 64");
}

static void invalid_parent_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent: b 2\n-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH
			   ":2: invalid parent id 'b 2': use lowercase letters, digits and '_', "
			   "at most 64");
}

static void missing_upgrade_marker_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n\n-- just a comment\n",
			   PATH ":4: missing '-- migrate:upgrade' marker");
}

static void missing_downgrade_marker_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n",
			   PATH ":4: missing '-- migrate:downgrade' marker");
}

static void downgrade_before_upgrade_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n\n-- migrate:downgrade\nSELECT 1;\n"
			   "-- migrate:upgrade\n",
			   PATH
			   ":4: '-- migrate:downgrade' before any '-- migrate:upgrade' marker");
}

static void upgrade_after_downgrade_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"
			   "-- migrate:upgrade\n",
			   PATH ":5: second '-- migrate:upgrade' marker (first on line 3)");
}

static void repeated_markers_are_errors(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":5: second '-- migrate:upgrade' marker (first on line 3)");
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"
			   "SELECT 1;\n-- migrate:downgrade\n",
			   PATH ":6: second '-- migrate:downgrade' marker (first on line 4)");
}

static void misspelt_marker_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n"
			   "-- migrate:downgrad\n",
			   PATH
			   ":5: unknown marker '-- migrate:downgrad': use '-- migrate:upgrade' "
			   "or '-- migrate:downgrade'");
}

static void sql_before_upgrade_marker_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- message: x\n\nCREATE TABLE z (id INTEGER);\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":5: SQL before the '-- migrate:upgrade' marker");
	assert_parse_error("-- id: a1\n-- parent:\n/* block */\n-- migrate:upgrade\n"
			   "-- migrate:downgrade\n",
			   PATH ":3: SQL before the '-- migrate:upgrade' marker");
}

static void header_key_below_the_header_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n\n-- transaction: false\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH
			   ":4: header key 'transaction' after the end of the header: move it up "
			   "with the other '-- key: value' lines");
	/* A comment first ends the header before it began. */
	assert_parse_error("-- Adds users.\n-- id: a1\n-- parent:\n"
			   "-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":2: header key 'id' after the end of the header: move it up "
				"with the other '-- key: value' lines");
}

static void nul_byte_is_an_error(void **state)
{
	static const char text[] = "-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT\0 1;\n"
				   "-- migrate:downgrade\n";
	dbt_revision rev;

	(void)state;
	assert_int_equal(dbt_revision_parse(&rev, PATH, text, sizeof(text) - 1), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), PATH ":4: NUL byte: this is not a text file");
}

static void load_reads_the_file(void **state)
{
	char dir[200], path[256];
	dbt_revision rev;
	FILE *fp;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "revision"));
	snprintf(path, sizeof(path), "%s/a1_x.sql", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\n", fp);
	fclose(fp);
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_string_equal(rev.path, path);
	assert_string_equal(rev.id, "a1");
	assert_string_equal(rev.upgrade, "SELECT 1;\n");
	dbt_revision_release(&rev);
	unlink(path);
	rmdir(dir);
}

static void load_of_missing_file_is_not_found(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(dbt_revision_load(&rev, "/nonexistent/versions/x.sql"), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "cannot open revision file "
					      "'/nonexistent/versions/x.sql': no such file");
	assert_null(rev.id);
}

#define SMALL "-- id: a1\n-- parent:\n-- migrate:upgrade\nSELECT 1;\n-- migrate:downgrade\n"
#define SMALL_SHA256 "1cacc7318ef686ca824ecbff495c5548c52964b3cf938ee6db2b7d429d4a8016"

static void checksum_is_the_sha256_of_the_bytes(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, SMALL), 0);
	assert_string_equal(rev.checksum, SMALL_SHA256);
	dbt_revision_release(&rev);
}

static void checksum_counts_line_endings_and_byte_order_mark(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev,
			       "-- id: a1\r\n-- parent:\r\n-- migrate:upgrade\r\nSELECT 1;\r\n"
			       "-- migrate:downgrade\r\n"),
			 0);
	assert_string_equal(rev.checksum,
			    "9da74771a1d374b59038d6cc762887b68c2bb7384eb08295485038b1e79c2ba5");
	dbt_revision_release(&rev);
	assert_int_equal(parse(&rev, "\xef\xbb\xbf" SMALL), 0);
	assert_string_equal(rev.checksum,
			    "20068a2ba057f889e7c4a9a55a20d89c879632f2a8e56d440bbea692b6968068");
	dbt_revision_release(&rev);
}

/* dbt_sha256 against FIPS 180-4 digests (computed elsewhere) of every
 * length where the padding changes: none, one and two final blocks. */
static void sha256_of_every_padding_case(void **state)
{
	static const struct {
		size_t len;
		const char *hex;
	} cases[] = {
		{0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{1, "4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"},
		{55, "16fa57a0a3423a715d594516339f36189d6b5f93754a9714fef202616a9fabfe"},
		{56, "c37b44e5f1b18554b36966f4f8e08bfbf3164c4b6c10374d12d89850892073c5"},
		{63, "bbba992d2c85af960fb2987a1fd05e0aa82a3db3c740dd8982a9e273b75e36a3"},
		{64, "66bd4633ed6f71c4ecfa4763bf7ba1c8ec7612de9aa6c0578a7b675207c71e0b"},
		{65, "9f7dc47107b750a1f3d35db5d9547f24ef40da5b731b9540d4f43710a154f6c9"},
		{119, "a3ed307b730fa77c07531300c6e4a282330011d4d4caf6bb7b63ae05950f4b66"},
		{120, "8e3b15d9fea7472655aa069620b7f8c2e55ee1499f763200a7515fe826e99d20"},
		{128, "e462c130fef8c97e34f7dc3ff3ad2f8b3533ab849af21c10531552a2852387a4"},
		{1000, "095ecb62e30793ab4b954cd6a0586d0cc91f7ea5b1332694d8da780e98676d78"},
	};
	unsigned char data[1000], md[32];
	char hex[65];
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)((i * 7 + 1) % 256);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dbt_sha256(md, data, cases[i].len);
		for (j = 0; j < 32; j++)
			snprintf(hex + 2 * j, 3, "%02x", md[j]);
		assert_string_equal(hex, cases[i].hex);
	}
}

static void checksum_changes_with_any_byte(void **state)
{
	dbt_revision a, b;

	(void)state;
	assert_int_equal(parse(&a, SMALL), 0);
	assert_int_equal(parse(&b, SMALL "-- a comment\n"), 0);
	assert_int_equal(strlen(b.checksum), 64);
	assert_string_not_equal(a.checksum, b.checksum);
	dbt_revision_release(&a);
	dbt_revision_release(&b);
}

static void load_checksums_the_file_as_read(void **state)
{
	char dir[200], path[256];
	dbt_revision rev;
	FILE *fp;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "revision"));
	snprintf(path, sizeof(path), "%s/a1_x.sql", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(SMALL, fp);
	fclose(fp);
	assert_int_equal(dbt_revision_load(&rev, path), 0);
	assert_string_equal(rev.checksum, SMALL_SHA256);
	dbt_revision_release(&rev);
	unlink(path);
	rmdir(dir);
}

static void failed_parse_leaves_no_checksum(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- migrate:upgrade\n-- migrate:downgrade\n"),
			 DBT_EPARSE);
	assert_string_equal(rev.checksum, "");
}

static void target_words_are_refused_as_ids_in_files(void **state)
{
	(void)state;
	assert_parse_error("-- id: heads\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":1: invalid revision id 'heads': 'head', 'heads' and 'base' name "
				"targets, not revisions");
	assert_parse_error("-- id: a1\n-- parent: base\n-- migrate:upgrade\n-- migrate:downgrade\n",
			   PATH ":2: invalid parent id 'base': 'head', 'heads' and 'base' name "
				"targets, not revisions");
}

static void id_validity(void **state)
{
	char id[80];

	(void)state;
	assert_true(dbt_revision_id_valid("3f2a9c1b7d4e"));
	assert_true(dbt_revision_id_valid("add_users_2"));
	assert_true(dbt_revision_id_valid("_"));
	assert_false(dbt_revision_id_valid(""));
	assert_false(dbt_revision_id_valid("Abc"));
	assert_false(dbt_revision_id_valid("a-b"));
	assert_false(dbt_revision_id_valid("a b"));
	assert_false(dbt_revision_id_valid("a.sql"));
	assert_false(dbt_revision_id_valid("head"));
	assert_false(dbt_revision_id_valid("heads"));
	assert_false(dbt_revision_id_valid("base"));
	assert_true(dbt_revision_id_valid("head_2"));
	assert_true(dbt_revision_id_valid("bases"));
	memset(id, 'a', 64);
	id[64] = '\0';
	assert_true(dbt_revision_id_valid(id));
	id[64] = 'a';
	id[65] = '\0';
	assert_false(dbt_revision_id_valid(id));
}

static void new_ids_are_twelve_hex_digits_and_differ(void **state)
{
	char a[13], b[13];
	int i;

	(void)state;
	dbt_revision_new_id(a);
	dbt_revision_new_id(b);
	assert_int_equal(strlen(a), 12);
	for (i = 0; i < 12; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	assert_true(dbt_revision_id_valid(a));
	assert_string_not_equal(a, b);
}

/* ------------------------------------------------- sections per dialect */

static const char labelled[] = "-- id: a1\n"
			       "-- parent:\n"
			       "\n"
			       "-- migrate:upgrade sqlite\n"
			       "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
			       "-- migrate:downgrade sqlite\n"
			       "DROP TABLE t;\n"
			       "\n"
			       "-- migrate:upgrade postgresql\n"
			       "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY);\n"
			       "-- migrate:downgrade postgresql\n"
			       "DROP TABLE t;\n";

static void labelled_sections_serve_their_dialect(void **state)
{
	dbt_revision rev;
	int line = 0;

	(void)state;
	assert_int_equal(parse(&rev, labelled), 0);
	assert_null(rev.upgrade);
	assert_null(rev.downgrade);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_SQLITE, 0, &line),
			    "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
	assert_int_equal(line, 5);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_SQLITE, 1, &line),
			    "DROP TABLE t;\n\n");
	assert_int_equal(line, 7);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_POSTGRES, 0, &line),
			    "CREATE TABLE t (id integer GENERATED BY DEFAULT AS IDENTITY);\n");
	assert_int_equal(line, 10);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_POSTGRES, 1, &line),
			    "DROP TABLE t;\n");
	assert_int_equal(line, 12);
	assert_int_equal(dbt_revision_require_dialect(&rev, DBT_DIALECT_SQLITE), 0);
	assert_int_equal(dbt_revision_require_dialect(&rev, DBT_DIALECT_POSTGRES), 0);
	dbt_revision_release(&rev);
}

static void unlabelled_section_serves_every_other_dialect(void **state)
{
	dbt_revision rev;
	int line = 0;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n"
				     "-- migrate:upgrade\nSELECT 1;\n"
				     "-- migrate:downgrade\nSELECT 2;\n"
				     "-- migrate:upgrade postgresql\nSELECT 3;\n"
				     "-- migrate:downgrade postgresql\nSELECT 4;\n"),
			 0);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_SQLITE, 0, &line),
			    "SELECT 1;\n");
	assert_int_equal(line, 4);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_SQLITE, 1, NULL), "SELECT 2;\n");
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_POSTGRES, 0, &line),
			    "SELECT 3;\n");
	assert_int_equal(line, 8);
	assert_string_equal(dbt_revision_section(&rev, DBT_DIALECT_POSTGRES, 1, NULL),
			    "SELECT 4;\n");
	dbt_revision_release(&rev);
}

static void missing_dialect_section_is_an_error_naming_the_file(void **state)
{
	dbt_revision rev;

	(void)state;
	assert_int_equal(parse(&rev, "-- id: a1\n-- parent:\n"
				     "-- migrate:upgrade sqlite\nSELECT 1;\n"
				     "-- migrate:downgrade sqlite\nSELECT 2;\n"),
			 0);
	assert_null(dbt_revision_section(&rev, DBT_DIALECT_POSTGRES, 0, NULL));
	assert_int_equal(dbt_revision_require_dialect(&rev, DBT_DIALECT_POSTGRES), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "revision a1 ('versions/a_x.sql') has no section for postgresql, only "
			    "for sqlite: add '-- migrate:upgrade postgresql' and '-- "
			    "migrate:downgrade postgresql' sections, or run it on a database it "
			    "was "
			    "written for");
	dbt_revision_release(&rev);
}

static void malformed_labelled_markers(void **state)
{
	(void)state;
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade oracle\n", PATH
			   ":3: unknown dialect 'oracle' in the '-- migrate:upgrade' marker: use "
			   "sqlite, postgresql or mysql, or no label for a section that serves "
			   "every dialect");
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade sqlite\n"
			   "-- migrate:downgrade sqlite\n-- migrate:upgrade sqlite\n",
			   PATH ":5: second '-- migrate:upgrade sqlite' marker (first on line 3)");
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade\n-- migrate:downgrade\n"
			   "-- migrate:downgrade postgresql\n",
			   PATH ":5: '-- migrate:downgrade postgresql' before any "
				"'-- migrate:upgrade postgresql' marker");
	assert_parse_error("-- id: a1\n-- parent:\n-- migrate:upgrade sqlite\n"
			   "-- migrate:upgrade postgresql\n-- migrate:downgrade postgresql\n",
			   PATH ":5: missing '-- migrate:downgrade sqlite' marker");
}

static void editing_one_dialect_section_changes_the_checksum(void **state)
{
	dbt_revision a, b;
	char *edited = strdup(labelled);
	char *p = strstr(edited, "IDENTITY");

	(void)state;
	memcpy(p, "identity", 8);
	assert_int_equal(parse(&a, labelled), 0);
	assert_int_equal(parse(&b, edited), 0);
	assert_string_not_equal(a.checksum, b.checksum);
	dbt_revision_release(&a);
	dbt_revision_release(&b);
	free(edited);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_header_and_sections),
		cmocka_unit_test(empty_parent_means_first_revision),
		cmocka_unit_test(absent_message_and_created_are_empty),
		cmocka_unit_test(values_are_trimmed),
		cmocka_unit_test(empty_sections_are_empty_strings),
		cmocka_unit_test(last_line_without_newline_is_kept),
		cmocka_unit_test(transaction_false_makes_it_non_transactional),
		cmocka_unit_test(lock_timeout_header_sets_the_revision_timeout),
		cmocka_unit_test(journal_inverse_header_marks_the_revision_inverse),
		cmocka_unit_test(journal_header_takes_only_inverse),
		cmocka_unit_test(lock_timeout_header_must_be_whole_seconds),
		cmocka_unit_test(transaction_true_keeps_it_transactional),
		cmocka_unit_test(transaction_other_value_is_an_error),
		cmocka_unit_test(control_character_in_header_value_is_an_error),
		cmocka_unit_test(crlf_line_endings_are_accepted),
		cmocka_unit_test(byte_order_mark_is_skipped),
		cmocka_unit_test(comments_and_blank_lines_before_upgrade_are_accepted),
		cmocka_unit_test(comments_inside_sections_are_sql),
		cmocka_unit_test(unknown_header_key_is_an_error),
		cmocka_unit_test(duplicate_header_key_is_an_error),
		cmocka_unit_test(missing_id_is_an_error),
		cmocka_unit_test(missing_parent_line_is_an_error),
		cmocka_unit_test(invalid_id_is_an_error),
		cmocka_unit_test(invalid_parent_is_an_error),
		cmocka_unit_test(missing_upgrade_marker_is_an_error),
		cmocka_unit_test(missing_downgrade_marker_is_an_error),
		cmocka_unit_test(downgrade_before_upgrade_is_an_error),
		cmocka_unit_test(upgrade_after_downgrade_is_an_error),
		cmocka_unit_test(repeated_markers_are_errors),
		cmocka_unit_test(misspelt_marker_is_an_error),
		cmocka_unit_test(sql_before_upgrade_marker_is_an_error),
		cmocka_unit_test(header_key_below_the_header_is_an_error),
		cmocka_unit_test(nul_byte_is_an_error),
		cmocka_unit_test(load_reads_the_file),
		cmocka_unit_test(load_of_missing_file_is_not_found),
		cmocka_unit_test(checksum_is_the_sha256_of_the_bytes),
		cmocka_unit_test(checksum_counts_line_endings_and_byte_order_mark),
		cmocka_unit_test(checksum_changes_with_any_byte),
		cmocka_unit_test(sha256_of_every_padding_case),
		cmocka_unit_test(load_checksums_the_file_as_read),
		cmocka_unit_test(failed_parse_leaves_no_checksum),
		cmocka_unit_test(id_validity),
		cmocka_unit_test(target_words_are_refused_as_ids_in_files),
		cmocka_unit_test(new_ids_are_twelve_hex_digits_and_differ),
		cmocka_unit_test(labelled_sections_serve_their_dialect),
		cmocka_unit_test(unlabelled_section_serves_every_other_dialect),
		cmocka_unit_test(missing_dialect_section_is_an_error_naming_the_file),
		cmocka_unit_test(malformed_labelled_markers),
		cmocka_unit_test(editing_one_dialect_section_changes_the_checksum),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
