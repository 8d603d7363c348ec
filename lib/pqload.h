/*
 * pqload.h - libpq, the PostgreSQL client library, loaded when a
 * PostgreSQL connection is first opened rather than when the program
 * starts.
 *
 * Loading libpq and what it depends on (Kerberos, LDAP, SASL, GnuTLS and
 * more: some 25 shared libraries) is most of the cost of starting dbtool,
 * and a SQLite command needs none of it.  So libdbtool is not linked with
 * libpq: pqload.c defines the PQ* functions the library calls, each of
 * which calls the one of libpq, opened with dlopen() on first use.  The
 * library's code calls PQ* as declared in <libpq-fe.h>, as before.
 *
 * A PQ* function that the library starts to call must be added to the
 * list in pqload.c, or the link fails (an undefined reference).
 */
#ifndef DBT_PQLOAD_H
#define DBT_PQLOAD_H

/*
 * Opens libpq unless it is open already.  Returns 0, or DBT_ECONNECT with a
 * message naming the library and what the dynamic loader said; a later
 * call tries again.  Safe to call from several threads.  The PQ*
 * functions open it themselves, but a caller that is about to connect
 * calls this first, for the message.
 */
int dbt_pq_load(void);

#endif
