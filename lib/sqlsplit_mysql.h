/*
 * sqlsplit_mysql.h - splitting a MariaDB/MySQL script into statements as
 * the mariadb client does, without a round trip to the server: the one
 * splitter that runs a revision there (mysql.c) and that looks for
 * transaction control in it (txcontrol.c), so that both see the same
 * statements.
 *
 * The delimiter (";" until a DELIMITER line changes it, for trigger and
 * routine bodies) ends a statement unless it is inside a string ('...',
 * "...", with backslash escapes), a name in backticks, a # or -- line
 * comment, or a block comment.
 */
#ifndef DBT_SQLSPLIT_MYSQL_H
#define DBT_SQLSPLIT_MYSQL_H

#include "sqlsplit.h"

#include <stddef.h>

/* The state a split carries from statement to statement: the delimiter. */
typedef struct dbt_mysql_split {
	char delim[32];
	size_t dlen;
} dbt_mysql_split;

#define DBT_MYSQL_SPLIT_INIT \
	{                    \
		";", 1       \
	}

/*
 * Finds the next statement at or after `*pos` in `sql`, as dbt_sql_next()
 * does (sqlsplit.h: `*pos` and `*line` carried between calls, `out` the
 * statement without its delimiter or trailing blanks), reading DELIMITER
 * lines into `split` on the way.  Returns 1 for a statement, 0 when only
 * blanks and comments are left, and -1 for a DELIMITER line whose
 * delimiter is missing or longer than 31 bytes (`out->line` its line).
 * Cannot fail otherwise.
 */
int dbt_mysql_sql_next(dbt_sqlstmt *out, const char *sql, size_t *pos, int *line,
		       dbt_mysql_split *split);

/* Hands each statement of `sql`, as dbt_mysql_sql_next() finds them from
 * the delimiter ";", to `fn` in order, as dbt_sql_split() does.  A bad
 * DELIMITER line ends the split with 0: running the script reports it. */
int dbt_mysql_sql_split(const char *sql, dbt_split_fn fn, void *arg);

#endif
