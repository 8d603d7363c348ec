/*
 * failalloc.h - make the Nth allocation of libdbtool fail, for the
 * allocation-failure tests.
 *
 * The failalloc builds link a copy of the library archive in which every
 * call to malloc, calloc, realloc, strdup and strndup has been renamed
 * (objcopy --redefine-sym, see rename-alloc.sh) to the dbt_failalloc_*
 * functions of failalloc.c.  Only the library's own allocations are
 * counted: the test's code, cmocka, SQLite, libpq and libc keep the real
 * allocator.  A failure is injected once, at the Nth counted allocation;
 * the ones after it succeed again, so the code that handles the failure
 * runs on with a working allocator (curl's torture tests do the same).
 */
#ifndef DBT_FAILALLOC_H
#define DBT_FAILALLOC_H

/* Counts the library's allocations from now on; the nth fails (n >= 1),
 * or none when n is 0. */
void failalloc_start(long n);

/* Stops counting and failing; returns the number of allocations counted
 * since failalloc_start. */
long failalloc_stop(void);

/* Whether the failure of the last failalloc_start was injected. */
int failalloc_injected(void);

#endif
