/*
 * journal_inverse.h - whether a MariaDB/MySQL revision that `migrate`
 * writes may say "-- journal: inverse": its downgrade undoes its upgrade
 * statement by statement, the last downgrade statement undoing the first
 * upgrade statement, and so on, so that `dbtool downgrade` can undo an
 * upgrade that stopped halfway (and `upgrade` a downgrade).
 *
 * The decision looks at the sections as rendered, split into statements
 * the way the runner splits them (sqlsplit_mysql.h), and at the ops they
 * were rendered from: it holds when every op is one statement on its own
 * and its inverse one statement too, the upgrade is exactly those
 * statements (in any order) and the downgrade holds, at the mirrored
 * place of each, the inverse of the same op.  An op that loses data (see
 * dbt_op_destroys) never pairs: its inverse brings back the column or
 * table, but not what it held, and a downgrade of a partial upgrade is
 * meant to put the database back as it was.
 */
#ifndef DBT_JOURNAL_INVERSE_H
#define DBT_JOURNAL_INVERSE_H

#include "op.h"

#include <stddef.h>

/*
 * Decides for the MariaDB/MySQL sections `up` (rendered from the upgrade
 * list `ops`) and `down` (rendered from `inv`, where inv[i] is the
 * inverse of ops[n - 1 - i]).  Returns 1 when they pair up as above; 0
 * when not, with `*why` (may be NULL) a static phrase saying what does
 * not ("a change is written as several statements, or none"), an op
 * that cannot be rendered alone included; a negative DBT_E* code when out
 * of memory.  Allocates nothing that outlives the call.
 */
int dbt_journal_inverse_pairs(const char **why, const char *up, const char *down, const dbt_op *ops,
			      const dbt_op *inv, size_t n);

#endif
