/*
 * txcontrol.c - spotting transaction-control statements in a revision
 * (see txcontrol.h), before anything of it runs.
 *
 * Statements come from the splitter, so a keyword inside a string, a
 * quoted name, a dollar-quoted body or a comment is never taken for a
 * statement.  Only a statement's first words count.  SQLite needs one rule
 * more than the splitter knows: the body of CREATE TRIGGER holds
 * semicolons and ends with END, which the splitter hands out as pieces;
 * as sqlite3_complete() does, every piece after a CREATE TRIGGER belongs
 * to it up to the piece that starts with END.  MariaDB and MySQL split as
 * the runner does there, DELIMITER lines and all, so that the END of a
 * trigger's or routine's BEGIN ... END body ends no transaction.
 */
#include "txcontrol.h"

#include "mysql.h"

#include <stdint.h>
#include <string.h>

static int is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Moves `*p` (not past `end`) over blanks and comments. */
static void skip_blanks(const char **p, const char *end)
{
	const char *s = *p;

	while (s < end) {
		if (is_space(*s)) {
			s++;
		} else if (s + 1 < end && s[0] == '-' && s[1] == '-') {
			while (s < end && *s != '\n')
				s++;
		} else if (s + 1 < end && s[0] == '/' && s[1] == '*') {
			for (s += 2; s + 1 < end && !(s[0] == '*' && s[1] == '/'); s++)
				;
			s = s + 1 < end ? s + 2 : end;
		} else {
			break;
		}
	}
	*p = s;
}

/* Reads the word at `*p` into `w` (lowercased, at most 15 bytes; longer
 * words come out empty) and moves past it and the blanks after it. */
static void next_word(char w[16], const char **p, const char *end)
{
	const char *s = *p;
	size_t n = 0;

	while (s < end && is_word_char(*s)) {
		char c = *s++;

		if (n < 15)
			w[n] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		n++;
	}
	w[n < 16 ? n : 0] = '\0';
	skip_blanks(&s, end);
	*p = s;
}

static int is_control(const char *w1, const char *w2)
{
	static const char *const words[] = {"begin",	"start", "commit",    "end",
					    "rollback", "abort", "savepoint", "release"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w1, words[i]))
			return 1;
	return !strcmp(w1, "prepare") && !strcmp(w2, "transaction");
}

struct mysql_find {
	const char *sql;
	dbt_sqlstmt *out;
	int found;
};

/* A statement as MariaDB's splitter hands it out. */
static int mysql_piece(void *arg, size_t n, const char *stmt, size_t len, int line)
{
	struct mysql_find *f = arg;
	const char *p = stmt, *end = stmt + len;
	char w1[16], w2[16];

	(void)n;
	next_word(w1, &p, end);
	next_word(w2, &p, end);
	if (!f->found && is_control(w1, w2)) {
		f->found = 1;
		f->out->start = (size_t)(stmt - f->sql);
		f->out->len = len;
		f->out->line = line;
	}
	return 0;
}

int dbt_txcontrol_find(dbt_sqlstmt *out, const char *sql, dbt_dialect_kind kind)
{
	dbt_sqlstmt st;
	size_t pos = 0;
	int line = 0, in_trigger = 0;

	if (kind == DBT_DIALECT_MYSQL) {
		struct mysql_find f = {sql, out, 0};

		/* Only splits (no statement runs, no connection needed); a
		 * bad DELIMITER line is the run's to report. */
		dbt_mysql_exec_script_from(NULL, sql, NULL, 0, SIZE_MAX, mysql_piece, &f);
		return f.found;
	}
	while (dbt_sql_next(&st, sql, &pos, &line)) {
		const char *p = sql + st.start, *end = p + st.len;
		char w1[16], w2[16], w3[16];

		next_word(w1, &p, end);
		next_word(w2, &p, end);
		next_word(w3, &p, end);
		if (in_trigger) {
			/* A piece of a trigger body; END closes it. */
			if (!strcmp(w1, "end"))
				in_trigger = 0;
			continue;
		}
		if (kind == DBT_DIALECT_SQLITE && !strcmp(w1, "create") &&
		    (!strcmp(w2, "trigger") || ((!strcmp(w2, "temp") || !strcmp(w2, "temporary")) &&
						!strcmp(w3, "trigger")))) {
			in_trigger = 1;
			continue;
		}
		if (is_control(w1, w2)) {
			*out = st;
			return 1;
		}
	}
	return 0;
}
