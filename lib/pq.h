/*
 * pq.h - libpq, loaded when the first PostgreSQL connection is opened.
 *
 * The library and the dbtool binary do not link libpq: a run against
 * SQLite (and `dbtool --version`) would otherwise load libpq and its two
 * dozen dependent shared libraries for nothing.  lib/pq.c defines the
 * libpq functions the library calls, under their own names and with the
 * prototypes of <libpq-fe.h>, each forwarding to the function of the same
 * name in libpq.so.5, which dbt_pq_load() opens with dlopen().  Code that
 * calls libpq includes <libpq-fe.h> as usual; a libpq function not yet
 * listed in pq.c fails the link with an undefined reference: add it there.
 */
#ifndef DBT_PQ_H
#define DBT_PQ_H

/* The shared library dbt_pq_load() opens unless DBTOOL_LIBPQ names
 * another file. */
#define DBT_PQ_SONAME "libpq.so.5"

/*
 * Loads libpq and resolves every function pq.c forwards to; does nothing
 * once that succeeded.  Returns 0, or DBT_ECONNECT with a one-line message
 * naming the library when it cannot be loaded or lacks a function.  Call
 * it before the first libpq call of a connection (the PQconnect*
 * functions return NULL until it succeeded).  Thread-safe.
 */
int dbt_pq_load(void);

#endif
