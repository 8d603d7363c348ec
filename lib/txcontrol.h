/*
 * txcontrol.h - finding the statements of a revision that would end,
 * open or split the transaction dbtool runs the revision in: BEGIN,
 * START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE and
 * PREPARE TRANSACTION.  A COMMIT inside a revision commits half of it; a
 * ROLLBACK throws its work away while the version is still recorded.
 */
#ifndef DBT_TXCONTROL_H
#define DBT_TXCONTROL_H

#include "dbtool.h"
#include "sqlsplit.h"

/*
 * Looks for the first transaction-control statement of `sql`, split as
 * the statement splitter does (strings, quoted names, dollar quotes and
 * comments never count), in the rules of the dialect `kind`: on SQLite
 * the BEGIN ... END body of CREATE TRIGGER is part of the trigger, on
 * PostgreSQL the BEGIN ATOMIC ... END body of a routine, on MariaDB/MySQL
 * the statements are those between the DELIMITER lines.  Returns 1 and
 * fills `out` (offset, length and 0-based line of the statement inside
 * `sql`) when there is one, 0 when there is none.  Cannot fail.
 */
int dbt_txcontrol_find(dbt_sqlstmt *out, const char *sql, dbt_dialect_kind kind);

#endif
