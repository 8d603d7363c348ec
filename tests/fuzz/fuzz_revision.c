/*
 * fuzz_revision.c - libFuzzer harness for the revision-file parser
 * (dbt_revision_parse in dbtool.h) and the statement splitter its sections
 * go through before they run (lib/sqlsplit.h).
 *
 * Every input is parsed as a revision file.  A failure must be a parse
 * error (or out of memory) with a one-line message naming the file and
 * the revision left empty; a success must give a revision whose fields are
 * what dbtool.h describes, and whose sections split into statements that
 * lie inside the section, in order.
 */
#include "fuzz.h"

#include "dbtool.h"
#include "sqlsplit.h"

#include <string.h>

#define REVISION_PATH "versions/rev.sql"

/* Splits `sql` the way the runner does and checks every statement. */
static void check_split(const char *sql, const char *section)
{
	size_t len = strlen(sql), pos = 0, prev_end = 0, count = 0;
	int line = 0, prev_line = 0;
	dbt_sqlstmt st;

	while (dbt_sql_next(&st, sql, &pos, &line)) {
		FUZZ_CHECK(count++ <= len, "the %s section splits into more statements than bytes",
			   section);
		FUZZ_CHECK(st.start >= prev_end && st.start + st.len <= len,
			   "statement at %zu+%zu outside the %s section (%zu bytes, previous end "
			   "%zu)",
			   st.start, st.len, section, len, prev_end);
		FUZZ_CHECK(st.len > 0, "an empty statement at %zu in the %s section", st.start,
			   section);
		FUZZ_CHECK(pos >= st.start + st.len && pos <= len,
			   "the position %zu after a statement at %zu+%zu of the %s section", pos,
			   st.start, st.len, section);
		FUZZ_CHECK(st.line >= prev_line, "statement lines go back from %d to %d", prev_line,
			   st.line);
		prev_end = st.start + st.len;
		prev_line = st.line;
	}
	FUZZ_CHECK(pos <= len, "the splitter ends at %zu, past the %zu bytes of the %s section",
		   pos, len, section);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dbt_revision rev;
	int rc;

	rc = dbt_revision_parse(&rev, REVISION_PATH, (const char *)data, size);
	if (rc < 0) {
		FUZZ_CHECK(rc == DBT_EPARSE || rc == DBT_ERROR, "dbt_revision_parse returned %d",
			   rc);
		FUZZ_CHECK(!rev.path && !rev.id && !rev.parent && !rev.message && !rev.upgrade &&
				   !rev.downgrade,
			   "the revision holds memory after a failure");
		fuzz_check_message(rc, REVISION_PATH ":");
		return 0;
	}
	FUZZ_CHECK(rc == 0, "dbt_revision_parse returned %d", rc);
	FUZZ_CHECK(rev.path && !strcmp(rev.path, REVISION_PATH), "the path is not kept");
	FUZZ_CHECK(rev.id && dbt_revision_id_valid(rev.id), "the id '%s' is not a valid id",
		   rev.id ? rev.id : "(null)");
	FUZZ_CHECK(!rev.parent || dbt_revision_id_valid(rev.parent),
		   "the parent '%s' is not a valid id", rev.parent);
	FUZZ_CHECK(rev.message && rev.created, "message or created is NULL");
	FUZZ_CHECK(rev.transactional == 0 || rev.transactional == 1, "transactional is %d",
		   rev.transactional);
	FUZZ_CHECK(rev.upgrade && rev.downgrade, "a section is NULL");
	FUZZ_CHECK(strlen(rev.upgrade) + strlen(rev.downgrade) <= size,
		   "the sections are longer than the file");
	FUZZ_CHECK(rev.upgrade_line >= 2 && rev.downgrade_line > rev.upgrade_line,
		   "section lines %d and %d", rev.upgrade_line, rev.downgrade_line);
	FUZZ_CHECK(!rev.up && !rev.down && rev.pos == 0, "chain fields set by the parser");
	check_split(rev.upgrade, "upgrade");
	check_split(rev.downgrade, "downgrade");
	dbt_revision_release(&rev);
	return 0;
}
