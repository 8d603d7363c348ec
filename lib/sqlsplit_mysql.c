/*
 * sqlsplit_mysql.c - the MariaDB/MySQL statement splitter (see
 * sqlsplit_mysql.h): the client's rules for strings, backticks, comments
 * and DELIMITER lines.
 */
#include "sqlsplit_mysql.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/*
 * The end of the statement that starts at `s` (`delim`, `dlen` bytes,
 * ends it outside strings, quoted identifiers and comments), and in
 * `*stop` where the next search starts (past the delimiter).
 */
static size_t stmt_end(const char *s, const char *delim, size_t dlen, size_t *stop)
{
	size_t i = 0;

	while (s[i]) {
		char c = s[i];

		if (!strncmp(s + i, delim, dlen)) {
			*stop = i + dlen;
			return i;
		}
		if (c == '\'' || c == '"' || c == '`') {
			for (i++; s[i] && s[i] != c; i++)
				if (s[i] == '\\' && c != '`' && s[i + 1])
					i++;
			/* 'it''s' reads as two strings in a row: the same end. */
			if (s[i])
				i++;
			continue;
		}
		if (c == '#' || (c == '-' && s[i + 1] == '-' &&
				 (isspace((unsigned char)s[i + 2]) || !s[i + 2]))) {
			while (s[i] && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '/' && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");

			i = e ? (size_t)(e - s) + 2 : strlen(s);
			continue;
		}
		i++;
	}
	*stop = i;
	return i;
}

/* Skips blanks and comments from `*pos`, counting lines in `*line`. */
static void skip_blank(const char *sql, size_t *pos, int *line)
{
	for (;;) {
		const char *s = sql + *pos;

		if (isspace((unsigned char)*s)) {
			*line += *s == '\n';
			(*pos)++;
		} else if (*s == '#' || (s[0] == '-' && s[1] == '-' &&
					 (isspace((unsigned char)s[2]) || !s[2]))) {
			*pos += strcspn(s, "\n");
		} else if (s[0] == '/' && s[1] == '*') {
			const char *e = strstr(s + 2, "*/");
			size_t n = e ? (size_t)(e - s) + 2 : strlen(s);
			size_t k;

			for (k = 0; k < n; k++)
				*line += s[k] == '\n';
			*pos += n;
		} else {
			return;
		}
	}
}

/* 1 when `s` starts with the word DELIMITER (any case) and a blank. */
static int is_delimiter_line(const char *s)
{
	return !strncasecmp(s, "delimiter", 9) && (s[9] == ' ' || s[9] == '\t');
}

int dbt_mysql_sql_next(dbt_sqlstmt *out, const char *sql, size_t *pos, int *line,
		       dbt_mysql_split *split)
{
	for (;;) {
		size_t end, stop, len, k;
		const char *s;

		skip_blank(sql, pos, line);
		s = sql + *pos;
		if (!*s)
			return 0;
		if (is_delimiter_line(s)) {
			const char *d = s + 9;

			while (*d == ' ' || *d == '\t')
				d++;
			len = strcspn(d, " \t\r\n");
			if (len == 0 || len >= sizeof(split->delim)) {
				out->start = *pos;
				out->len = strcspn(s, "\n");
				out->line = *line;
				return -1;
			}
			memcpy(split->delim, d, len);
			split->delim[len] = '\0';
			split->dlen = len;
			*pos += strcspn(s, "\n");
			continue;
		}
		end = stmt_end(s, split->delim, split->dlen, &stop);
		for (len = end; len && isspace((unsigned char)s[len - 1]);)
			len--;
		out->start = *pos;
		out->len = len;
		out->line = *line;
		for (k = 0; k < stop; k++)
			*line += s[k] == '\n';
		*pos += stop;
		if (len)
			return 1;
	}
}

int dbt_mysql_sql_split(const char *sql, dbt_split_fn fn, void *arg)
{
	dbt_mysql_split split = DBT_MYSQL_SPLIT_INIT;
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0, rc;

	while (dbt_mysql_sql_next(&st, sql, &pos, &line, &split) > 0)
		if ((rc = fn(arg, sql, &st)) != 0)
			return rc;
	return 0;
}
