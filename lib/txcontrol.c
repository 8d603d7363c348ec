/*
 * txcontrol.c - spotting transaction-control statements in a revision
 * (see txcontrol.h), before anything of it runs.
 *
 * Statements come from the dialect's splitter (split_script, the one
 * that runs them), so a keyword inside a string, a quoted name, a
 * dollar-quoted body or a comment is never taken for a statement.  Only a
 * statement's first words count, and the dialect says which words control
 * transactions (is_tx_control; MariaDB/MySQL adds XA, and BEGIN NOT
 * ATOMIC opens a compound statement there, not a transaction).  Where a
 * trigger's body is statements between BEGIN and END that the splitter
 * hands out as pieces (DBT_CAP_TRIGGER_BODY, SQLite), one rule more is
 * needed: as sqlite3_complete() does, every piece after a CREATE TRIGGER
 * belongs to it up to the piece that starts with END.
 */
#include "txcontrol.h"

#include "dialect.h"

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

int dbt_txcontrol_words(const char *w1, const char *w2)
{
	static const char *const words[] = {"begin",	"start", "commit",    "end",
					    "rollback", "abort", "savepoint", "release"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(w1, words[i]))
			return 1;
	return !strcmp(w1, "prepare") && !strcmp(w2, "transaction");
}

/* What the search carries from statement to statement. */
struct search {
	const struct dbt_dialect *d;
	dbt_sqlstmt *out;
	int in_trigger;
};

/* One statement of the split: 1 (stopping it) for transaction control. */
static int search_statement(void *arg, const char *sql, const dbt_sqlstmt *st)
{
	struct search *s = arg;
	const char *p = sql + st->start, *end = p + st->len;
	char w1[16], w2[16], w3[16];

	next_word(w1, &p, end);
	next_word(w2, &p, end);
	next_word(w3, &p, end);
	if (s->in_trigger) {
		/* A piece of a trigger body; END closes it. */
		if (!strcmp(w1, "end"))
			s->in_trigger = 0;
		return 0;
	}
	if ((s->d->caps & DBT_CAP_TRIGGER_BODY) && !strcmp(w1, "create") &&
	    (!strcmp(w2, "trigger") ||
	     ((!strcmp(w2, "temp") || !strcmp(w2, "temporary")) && !strcmp(w3, "trigger")))) {
		s->in_trigger = 1;
		return 0;
	}
	if (!s->d->is_tx_control(w1, w2))
		return 0;
	*s->out = *st;
	return 1;
}

int dbt_txcontrol_find(dbt_sqlstmt *out, const char *sql, const struct dbt_dialect *d)
{
	struct search s = {d, out, 0};

	return d->split_script(sql, search_statement, &s) == 1;
}
