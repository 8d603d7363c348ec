/*
 * txcontrol.h - finding the statements of a revision that would end,
 * open or split the transaction dbtool runs the revision in: BEGIN,
 * START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE and
 * PREPARE TRANSACTION, and on MariaDB/MySQL XA.  A COMMIT inside a
 * revision commits half of it; a ROLLBACK throws its work away while the
 * version is still recorded.
 */
#ifndef DBT_TXCONTROL_H
#define DBT_TXCONTROL_H

#include "dbtool.h"
#include "sqlsplit.h"

struct dbt_dialect;

/*
 * Looks for the first transaction-control statement of `sql`, split as
 * the dialect `d` splits it (its split_script: strings, quoted names,
 * dollar quotes and comments never count) and in its rules (its
 * is_tx_control): on SQLite the BEGIN ... END body of CREATE TRIGGER is
 * part of the trigger (DBT_CAP_TRIGGER_BODY), on PostgreSQL the BEGIN
 * ATOMIC ... END body of a routine, on MariaDB/MySQL a body between
 * DELIMITER lines is part of its statement (sqlsplit_mysql.h) and BEGIN
 * NOT ATOMIC is no transaction.  Returns 1 and fills `out` (offset,
 * length and 0-based line of the statement inside `sql`) when there is
 * one, 0 when there is none.  Cannot fail.
 */
int dbt_txcontrol_find(dbt_sqlstmt *out, const char *sql, const struct dbt_dialect *d);

/*
 * The words that control transactions on every database: 1 when a
 * statement whose first two words are `w1` and `w2` (lowercased, "" when
 * there is none) is BEGIN, START, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT,
 * RELEASE or PREPARE TRANSACTION.  A dialect's is_tx_control, or the
 * base of one.
 */
int dbt_txcontrol_words(const char *w1, const char *w2);

#endif
