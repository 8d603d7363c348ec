/*
 * unit.c - runs a cmocka unit test with each of the library's allocations
 * failing in turn (see failalloc.h).
 *
 * The failalloc builds of the unit tests are linked with
 * -Wl,--wrap=_cmocka_run_group_tests, so that their main() comes here.  For
 * each test of the group, a first child process runs it once and counts the
 * library's allocations; then one child per allocation runs it again with
 * that allocation failing.  The test's own assertions may fail then (a
 * library call that runs out of memory returns an error the test did not
 * expect), and that is allowed; what is not allowed is a crash, a report
 * of AddressSanitizer or UndefinedBehaviorSanitizer, or a hang.  Leaks are
 * looked for by test_failalloc, where every failure path is followed to its
 * end: here a failed assertion abandons the test's own objects, so the
 * children leave with _exit() and LeakSanitizer does not run.
 *
 * Two bounds keep the runs affordable, both counted in allocations, so
 * that what runs does not depend on the machine's pace:
 * DBTOOL_FAILALLOC_LIMIT (default 400) runs per test, and
 * DBTOOL_FAILALLOC_BUDGET (default 1000000) allocations made by all the
 * runs of one test together (a run makes about as many as the test).  A
 * test past either bound has an evenly spread selection of its allocations
 * fail, the first and the last always among them, and the summary says
 * so; 0 lifts a bound.  The exit status is the number of tests with a
 * problem.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "failalloc.h"

int __real__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
				   const size_t num_tests, CMFixtureFunction group_setup,
				   CMFixtureFunction group_teardown);
int __wrap__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
				   const size_t num_tests, CMFixtureFunction group_setup,
				   CMFixtureFunction group_teardown);

/*
 * cmocka 1.1 compares strings with strcmp even when one is NULL, which a
 * library call that ran out of memory may well have returned: the test
 * should fail then, not crash.  The failalloc builds are also linked with
 * --wrap for these two, which make such a NULL an ordinary failure.
 */
void __real__assert_string_equal(const char *const a, const char *const b, const char *const file,
				 const int line);
void __wrap__assert_string_equal(const char *const a, const char *const b, const char *const file,
				 const int line);
void __real__assert_string_not_equal(const char *const a, const char *const b, const char *file,
				     const int line);
void __wrap__assert_string_not_equal(const char *const a, const char *const b, const char *file,
				     const int line);

void __wrap__assert_string_equal(const char *const a, const char *const b, const char *const file,
				 const int line)
{
	if (!a || !b) {
		if (a == b)
			return;
		print_error("\"%s\" != \"%s\"\n", a ? a : "(null)", b ? b : "(null)");
		_fail(file, line);
	}
	__real__assert_string_equal(a, b, file, line);
}

void __wrap__assert_string_not_equal(const char *const a, const char *const b, const char *file,
				     const int line)
{
	if (!a || !b) {
		if (a != b)
			return;
		print_error("both are NULL\n");
		_fail(file, line);
	}
	__real__assert_string_not_equal(a, b, file, line);
}

/* Seconds a child may take before it counts as hung. */
#define CHILD_TIMEOUT 60

struct run {
	int status;   /* as waitpid gives it */
	long counted; /* allocations counted (when the child got to say) */
	int injected;
	char *output; /* the child's stdout and stderr */
};

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* "FOLDER/NAME" into buf (of size bytes): 0, or -1 when it does not fit. */
static int in_folder(char *buf, size_t size, const char *folder, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", folder, name);

	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/*
 * Runs test `t` in a child with allocation `n` failing (0: none).  The
 * child's TMPDIR is a folder of its own, removed when it ends: a test that
 * fails an assertion (as most runs with a failing allocation do) skips its
 * own clean-up, and would leave its temporary folder behind.  That folder
 * and the file of the child's output are made in our own TMPDIR (or
 * /tmp): scripts/test points it at memory, where the SQLite databases of
 * hundreds of runs cost no disk syncs.
 */
static void run_child(struct run *out, const char *group, const struct CMUnitTest *t,
		      CMFixtureFunction setup, CMFixtureFunction teardown, long n)
{
	const char *base = getenv("TMPDIR");
	char path[4096], tmpdir[4096];
	int fd = -1, pipefd[2];
	pid_t pid;
	FILE *fp;
	size_t len = 0;
	char buf[4096];
	size_t got;

	memset(out, 0, sizeof(*out));
	if (!base || !*base)
		base = "/tmp";
	if (in_folder(path, sizeof(path), base, "dbt-failalloc-out-XXXXXX") == 0)
		fd = mkstemp(path);
	if (fd < 0 || pipe(pipefd) < 0 ||
	    in_folder(tmpdir, sizeof(tmpdir), base, "dbt-failalloc-run-XXXXXX") < 0 ||
	    !mkdtemp(tmpdir)) {
		perror("failalloc");
		exit(2);
	}
	unlink(path);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		perror("failalloc: fork");
		exit(2);
	}
	if (pid == 0) {
		long result[2];

		close(pipefd[0]);
		setenv("TMPDIR", tmpdir, 1);
		dup2(fd, 1);
		dup2(fd, 2);
		alarm(CHILD_TIMEOUT);
		failalloc_start(n);
		__real__cmocka_run_group_tests(group, t, 1, setup, teardown);
		result[0] = failalloc_stop();
		result[1] = failalloc_injected();
		if (write(pipefd[1], result, sizeof(result)) != (ssize_t)sizeof(result))
			_exit(3);
		fflush(stdout);
		fflush(stderr);
		_exit(0);
	}
	close(pipefd[1]);
	{
		long result[2];

		if (read(pipefd[0], result, sizeof(result)) == (ssize_t)sizeof(result)) {
			out->counted = result[0];
			out->injected = (int)result[1];
		} else {
			out->counted = -1;
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &out->status, 0) < 0 && errno == EINTR)
		;
	nftw(tmpdir, remove_one, 16, FTW_PHYS | FTW_DEPTH);
	lseek(fd, 0, SEEK_SET);
	fp = fdopen(fd, "r");
	out->output = malloc(1);
	out->output[0] = '\0';
	while (fp && (got = fread(buf, 1, sizeof(buf), fp)) > 0) {
		out->output = realloc(out->output, len + got + 1);
		memcpy(out->output + len, buf, got);
		len += got;
		out->output[len] = '\0';
	}
	if (fp)
		fclose(fp);
}

/* What went wrong in a child, or NULL. */
static const char *trouble(const struct run *r)
{
	if (WIFSIGNALED(r->status))
		return WTERMSIG(r->status) == SIGALRM ? "hung" : strsignal(WTERMSIG(r->status));
	if (!WIFEXITED(r->status) || WEXITSTATUS(r->status) != 0 || r->counted < 0)
		return "ended before the test did";
	if (strstr(r->output, "AddressSanitizer") || strstr(r->output, "runtime error:"))
		return "a sanitizer report";
	if (strstr(r->output, "exception"))
		return "a crash (cmocka caught a signal)";
	return NULL;
}

int __wrap__cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *const tests,
				   const size_t num_tests, CMFixtureFunction group_setup,
				   CMFixtureFunction group_teardown)
{
	const char *env = getenv("DBTOOL_FAILALLOC_LIMIT");
	long limit = env && *env ? atol(env) : 400;
	const char *benv = getenv("DBTOOL_FAILALLOC_BUDGET");
	long budget = benv && *benv ? atol(benv) : 1000000;
	int bad_tests = 0;
	size_t i;

	for (i = 0; i < num_tests; i++) {
		const struct CMUnitTest *t = &tests[i];
		struct run r;
		long total, runs, k, n, prev = 0;
		int bad = 0;

		run_child(&r, group_name, t, group_setup, group_teardown, 0);
		if (trouble(&r) || strstr(r.output, "[  FAILED  ] 1 test")) {
			printf("not ok - %s: fails with no allocation failing:\n%s\n", t->name,
			       r.output);
			free(r.output);
			bad_tests++;
			continue;
		}
		total = r.counted;
		free(r.output);
		runs = limit > 0 && total > limit ? limit : total;
		if (budget > 0 && total > 0 && runs > budget / total)
			runs = budget / total > 2 ? budget / total : 2;
		if (runs > total)
			runs = total;
		for (k = 0; k < runs && !bad; k++) {
			const char *what;

			/* Every allocation, or `runs` of them spread evenly,
			 * the first and the last among them. */
			n = runs == total ? k + 1
					  : 1 + (runs > 1 ? k * (total - 1) / (runs - 1) : 0);
			if (n == prev)
				continue;
			prev = n;
			run_child(&r, group_name, t, group_setup, group_teardown, n);
			what = trouble(&r);
			if (what) {
				printf("not ok - %s, allocation %ld of %ld failing: %s "
				       "(DBTOOL_FAILALLOC_BACKTRACE=%ld shows where it is):\n%s\n",
				       t->name, n, total, what, n, r.output);
				bad = 1;
			}
			free(r.output);
		}
		if (bad) {
			bad_tests++;
			continue;
		}
		if (runs == total)
			printf("ok - %s: each of %ld allocations failed once\n", t->name, total);
		else
			printf("ok - %s: %ld of %ld allocations failed once, spread evenly "
			       "(DBTOOL_FAILALLOC_LIMIT=0 DBTOOL_FAILALLOC_BUDGET=0 for all)\n",
			       t->name, runs, total);
	}
	printf("%zu tests, %d with a problem\n", num_tests, bad_tests);
	return bad_tests;
}
