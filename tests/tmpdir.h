/*
 * tmpdir.h - the temporary folders of the unit tests.
 *
 * test_mkdtemp() makes "<TMPDIR or /tmp>/dbt-NAME-XXXXXX" into buf (of
 * size bytes) and returns buf, or NULL when it does not fit or mkdtemp
 * fails.  Following TMPDIR lets the allocation-failure runner give each of
 * its runs a folder of its own, which it removes afterwards whatever the
 * run left behind (a failed assertion skips a test's own clean-up).
 */
#ifndef DBT_TESTS_TMPDIR_H
#define DBT_TESTS_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>

static inline char *test_mkdtemp(char *buf, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	int n = snprintf(buf, size, "%s/dbt-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);

	if (n < 0 || (size_t)n >= size)
		return NULL;
	return mkdtemp(buf);
}

#endif
