/*
 * defaults.h - the names and defaults that several modules must agree on:
 * the tables dbtool keeps beside the user's schema (which reflection,
 * drop-all and the policy and trigger catalogs leave out, and which the
 * runner reads and writes), and how long a migration waits for its lock.
 * String constants, so that they can be pasted into catalog queries.
 */
#ifndef DBT_DEFAULTS_H
#define DBT_DEFAULTS_H

/* The table of the current revision. */
#define DBT_VERSION_TABLE "dbtool_version"

/* The table of every upgrade, downgrade and stamp (dbtool.h). */
#define DBT_HISTORY_TABLE "dbtool_history"

/* The journal of the revision that is running, on a database whose DDL
 * commits at once (MariaDB/MySQL): one row while its statements run, which
 * the run deletes with the version update (runner.c). */
#define DBT_JOURNAL_TABLE "dbtool_journal"

/* How long upgrade, downgrade, stamp, create-all and drop-all wait for the
 * migration lock when the caller gives no time (lock_timeout_ms <= 0):
 * 60 s, as dbtool.h documents. */
#define DBT_LOCK_TIMEOUT_MS 60000

#endif
