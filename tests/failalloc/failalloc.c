/*
 * failalloc.c - the allocator that the failalloc builds of libdbtool call
 * instead of malloc, calloc, realloc, strdup and strndup (see failalloc.h).
 *
 * Two ways to arm it:
 *   - a test program calls failalloc_start(n) around the library calls it
 *     wants to test (test_failalloc.c);
 *   - a unit test built against the failalloc archive runs with the
 *     environment variable DBTOOL_FAILALLOC=N: the Nth library allocation
 *     of the whole run fails, and at exit one line on stderr says whether
 *     it was reached: "failalloc: N allocations, failure injected" or
 *     "failalloc: N allocations, failure not reached" (run-unit.sh reads it).
 * With DBTOOL_FAILALLOC_BACKTRACE=N, the Nth allocation's call stack
 * goes to stderr (resolve the addresses with addr2line -e EXECUTABLE).
 */
#include "failalloc.h"

#include <errno.h>
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dbt_failalloc_malloc(size_t size);
void *dbt_failalloc_calloc(size_t n, size_t size);
void *dbt_failalloc_realloc(void *p, size_t size);
char *dbt_failalloc_strdup(const char *s);
char *dbt_failalloc_strndup(const char *s, size_t n);

static int armed;
static long fail_at;
static long counted;
static int injected;

void failalloc_start(long n)
{
	counted = 0;
	fail_at = n;
	injected = 0;
	armed = 1;
}

long failalloc_stop(void)
{
	armed = 0;
	return counted;
}

int failalloc_injected(void)
{
	return injected;
}

/* True when this allocation is the one that fails. */
static int fail_now(void)
{
	long n;

	if (!__atomic_load_n(&armed, __ATOMIC_RELAXED))
		return 0;
	/* The library may allocate on two threads at once (model_job.h):
	 * each allocation takes its own number. */
	n = __atomic_add_fetch(&counted, 1, __ATOMIC_RELAXED);
	if (n != fail_at)
		return 0;
	injected = 1;
	if (getenv("DBTOOL_FAILALLOC_BACKTRACE") &&
	    atol(getenv("DBTOOL_FAILALLOC_BACKTRACE")) == n) {
		void *frames[32];

		fprintf(stderr, "failalloc: allocation %ld fails here:\n", n);
		backtrace_symbols_fd(frames, backtrace(frames, 32), 2);
	}
	errno = ENOMEM;
	return 1;
}

void *dbt_failalloc_malloc(size_t size)
{
	return fail_now() ? NULL : malloc(size);
}

void *dbt_failalloc_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : calloc(n, size);
}

void *dbt_failalloc_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : realloc(p, size);
}

char *dbt_failalloc_strdup(const char *s)
{
	return fail_now() ? NULL : strdup(s);
}

char *dbt_failalloc_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : strndup(s, n);
}

static void report(void)
{
	fprintf(stderr, "failalloc: %ld allocations, failure %s\n", counted,
		injected ? "injected" : "not reached");
}

__attribute__((constructor)) static void arm_from_environment(void)
{
	const char *n = getenv("DBTOOL_FAILALLOC");
	char *end;
	long v;

	if (!n || !*n)
		return;
	v = strtol(n, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "failalloc: DBTOOL_FAILALLOC must be a count, not '%s'\n", n);
		exit(2);
	}
	failalloc_start(v);
	atexit(report);
}
