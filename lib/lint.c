/*
 * lint.c - static safety rules over the upgrade SQL of revision files.
 *
 * Each upgrade section is split into statements (sqlsplit.h) and each
 * statement into tokens (the model's tokenizer, lex.h); a statement is
 * then recognised by its leading words.  Nothing here runs SQL but the
 * row count of rule L012, on a connection the caller opens on demand.
 *
 * What a rule knows about a table comes from the revision itself: a table
 * that the same upgrade created before the statement is new, and holds no
 * rows yet, so the locking rules leave it alone; every other table is
 * taken to exist, with rows.  A type change is narrowing when the
 * downgrade changes the column back to a type that holds more.
 */
#include "dbtool.h"

#include "buf.h"
#include "dialect.h"
#include "error.h"
#include "lex.h"
#include "sqlsplit.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define REBUILD_PREFIX "_dbtool_new_"
#define DEFAULT_REBUILD_ROWS 10000

static const dbt_lint_rule rules[] = {
	{"L001", "drop-table", DBT_LINT_ERROR, "drops a table that holds data",
	 "DROP TABLE deletes the table and every row in it; a downgrade cannot bring the rows "
	 "back.",
	 "Keep the table until nothing reads it, back its rows up, then drop it in a revision of "
	 "its own; or suppress the rule with '-- lint:ignore L001 <reason>' above the statement.",
	 0},
	{"L002", "drop-column", DBT_LINT_ERROR, "drops a column that holds data",
	 "DROP COLUMN deletes the column's values; the application still running the old code "
	 "fails on queries that name it, and a downgrade brings back only an empty column.",
	 "Stop reading and writing the column first, deploy, then drop it in a later revision; or "
	 "suppress the rule with a reason.",
	 0},
	{"L003", "narrowing-type", DBT_LINT_ERROR, "changes a column to a type that holds less",
	 "A shorter varchar, a smaller integer or a lower numeric precision fails on the values "
	 "that no longer fit, or cuts them.",
	 "Check that every value fits (e.g. SELECT max(length(col))), or keep the wider type.", 0},
	{"L004", "type-change-rewrite", DBT_LINT_WARNING,
	 "changes a column's type on an existing table (PostgreSQL)",
	 "ALTER COLUMN ... TYPE takes an ACCESS EXCLUSIVE lock and, unless the types are binary "
	 "compatible, rewrites the table and its indexes while every read and write waits.",
	 "Add a new column of the new type, fill it in batches, switch the application over, "
	 "then drop the old one.",
	 1},
	{"L005", "set-not-null", DBT_LINT_WARNING,
	 "sets NOT NULL without a validated CHECK (PostgreSQL)",
	 "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock to prove there is no "
	 "NULL.",
	 "First ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT c "
	 "(which takes a weaker lock), then SET NOT NULL, which uses the validated check, then "
	 "drop the check.",
	 1},
	{"L006", "volatile-default", DBT_LINT_WARNING,
	 "adds a column whose default must be computed per row (PostgreSQL)",
	 "ADD COLUMN with a volatile default (random(), clock_timestamp(), gen_random_uuid(), a "
	 "serial or identity, a stored generated column) rewrites the whole table under an ACCESS "
	 "EXCLUSIVE lock; a constant or stable default (now()) does not.",
	 "Add the column without the default, set the default for new rows, and fill the existing "
	 "rows in batches.",
	 1},
	{"L007", "index-not-concurrent", DBT_LINT_WARNING,
	 "creates an index on an existing table without CONCURRENTLY (PostgreSQL)",
	 "CREATE INDEX blocks every write to the table until the index is built.",
	 "Use CREATE INDEX CONCURRENTLY in a revision with '-- transaction: false' in its header.",
	 1},
	{"L008", "constraint-not-valid", DBT_LINT_WARNING,
	 "adds a foreign key or check to an existing table without NOT VALID (PostgreSQL)",
	 "Adding the constraint checks every existing row while holding a lock that blocks writes "
	 "(a foreign key also locks the table it references).",
	 "Add it with NOT VALID, which only checks new rows, then VALIDATE CONSTRAINT in a later "
	 "statement or revision: validation takes a lock that lets writes go on.",
	 1},
	{"L009", "concurrently-in-transaction", DBT_LINT_ERROR,
	 "uses CONCURRENTLY in a transactional revision (PostgreSQL)",
	 "PostgreSQL refuses CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY and the other "
	 "concurrent forms inside a transaction block, so the revision fails at deploy time.",
	 "Put the statement in a revision of its own with '-- transaction: false' in its header.",
	 1},
	{"L010", "missing-downgrade", DBT_LINT_WARNING, "has an upgrade but no downgrade",
	 "Without a downgrade, 'dbtool downgrade' past this revision does nothing to undo it, and "
	 "the schema no longer matches the revision it is stamped at.",
	 "Write the statements that undo the upgrade, or a comment saying why it cannot be undone "
	 "and '-- lint:ignore L010 <reason>'.",
	 0},
	{"L011", "rename", DBT_LINT_WARNING, "renames a table or column",
	 "The application that is still running during the deploy uses the old name and fails "
	 "until it is replaced.",
	 "Add the new column or table, write to both, switch readers, then drop the old one; or "
	 "deploy the rename with the code that needs it and accept the short window.",
	 0},
	{"L012", "sqlite-rebuild", DBT_LINT_WARNING, "rebuilds a SQLite table that holds many rows",
	 "SQLite changes most column properties by copying the table into a new one; that holds "
	 "the database's write lock for the whole copy and needs room for a second copy.",
	 "Run it at a quiet time with free disk space, or split the change so that it needs no "
	 "rebuild (ADD COLUMN, RENAME COLUMN and DROP COLUMN need none).",
	 0},
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

const dbt_lint_rule *dbt_lint_rules(size_t *n)
{
	*n = NRULES;
	return rules;
}

const dbt_lint_rule *dbt_lint_rule_find(const char *code_or_name)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (!strcasecmp(rules[i].code, code_or_name) ||
		    !strcmp(rules[i].name, code_or_name))
			return &rules[i];
	return NULL;
}

static const dbt_lint_rule *rule(const char *code)
{
	return dbt_lint_rule_find(code);
}

/* ---------------------------------------------------------------- state */

/* A lint:ignore comment, waiting for the statement it stands above. */
struct ignore {
	const dbt_lint_rule *rule;
	int used;
};

/* A statement's tokens. */
struct stmt {
	const char *text; /* the section's text: token offsets are into it */
	dbt_token *t;
	size_t n;
	int line; /* the file line of the first token */
	int col;
};

struct names {
	char **v;
	size_t n;
};

struct linter {
	dbt_lint_report *report;
	const dbt_revision *rev;
	const dbt_lint_opts *opts;
	dbt_dialect_kind kind; /* the section's dialect; 0 for every one */
	const char *down;      /* the downgrade that goes with the upgrade linted */
	int down_line;
	struct ignore ignores[16];
	size_t nignores;
	struct names created;	/* tables created earlier in this upgrade */
	struct names not_valid; /* "table\ncolumn\nconstraint" of NOT NULL checks added */
	struct names validated; /* "table\nconstraint" of VALIDATE CONSTRAINTs */
	struct names rebuilt;	/* tables a SQLite rebuild replaces */
	int conn_tried;
	dbt_conn *conn;
};

static int names_add(struct names *s, const char *name)
{
	char **v = realloc(s->v, (s->n + 1) * sizeof(*v));

	if (!v)
		return dbt_error_oom();
	s->v = v;
	if (!(v[s->n] = strdup(name)))
		return dbt_error_oom();
	s->n++;
	return 0;
}

static int names_has(const struct names *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return 1;
	return 0;
}

static void names_release(struct names *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* The PostgreSQL rules judge PostgreSQL's locks and ask for its
 * lock-friendly forms: they apply where a database has those
 * (DBT_CAP_SAFE_FORMS), and to a section of no known dialect (kind 0), but
 * not on SQLite or MariaDB. */
static int applies(const struct linter *l, const dbt_lint_rule *r)
{
	const struct dbt_dialect *d = dbt_dialect_for(l->kind);

	return !r->postgres_only || !l->kind || (d && (d->caps & DBT_CAP_SAFE_FORMS));
}

/* Records a finding of rule `code` at the statement's token `at`, unless
 * a lint:ignore above the statement names the rule. */
static int finding(struct linter *l, const struct stmt *s, size_t at, const char *code,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int finding(struct linter *l, const struct stmt *s, size_t at, const char *code,
		   const char *fmt, ...)
{
	const dbt_lint_rule *r = rule(code);
	dbt_lint_finding *v, *f;
	dbt_buf b = DBT_BUF_INIT;
	va_list ap;
	size_t i;

	if (!applies(l, r))
		return 0;
	for (i = 0; i < l->nignores; i++) {
		if (l->ignores[i].rule == r) {
			l->ignores[i].used = 1;
			l->report->suppressed++;
			return 0;
		}
	}
	va_start(ap, fmt);
	dbt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom)
		return dbt_error_oom();
	v = realloc(l->report->v, (l->report->n + 1) * sizeof(*v));
	if (!v) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	l->report->v = v;
	f = &v[l->report->n++];
	f->rule = r;
	f->rev = l->rev;
	f->line = s && at < s->n     ? s->t[at].line
		  : s		     ? s->line
		  : l->down_line > 1 ? l->down_line - 1
				     : 1;
	f->col = s && at < s->n ? s->t[at].col : s ? s->col : 1;
	f->message = dbt_buf_detach(&b);
	return 0;
}

/* --------------------------------------------------------------- tokens */

/* The statement's tokens; a character the tokenizer refuses ends them
 * (the statement is then judged by what comes before it). */
static int tokenize(struct stmt *s, const char *text, size_t start, size_t len, int line0)
{
	dbt_lexer lx;
	dbt_token tok, *v;

	memset(s, 0, sizeof(*s));
	s->text = text;
	dbt_lex_init(&lx, text + start, len);
	for (;;) {
		if (dbt_lex_next(&lx, &tok) < 0 || tok.kind == DBT_TOK_END)
			break;
		tok.start += start;
		tok.line += line0 - 1;
		v = realloc(s->t, (s->n + 1) * sizeof(*v));
		if (!v) {
			free(s->t);
			return dbt_error_oom();
		}
		s->t = v;
		s->t[s->n++] = tok;
	}
	s->line = s->n ? s->t[0].line : line0;
	s->col = s->n ? s->t[0].col : 1;
	return 0;
}

static int is(const struct stmt *s, size_t i, const char *word)
{
	return i < s->n && dbt_token_is(s->text, &s->t[i], word);
}

static int is_name(const struct stmt *s, size_t i)
{
	return i < s->n && (s->t[i].kind == DBT_TOK_WORD || s->t[i].kind == DBT_TOK_QUOTED);
}

/* The name at `*i`, schema-qualified or not, as its last part; moves
 * `*i` past it.  NULL when there is no name there or out of memory. */
static char *take_name(const struct stmt *s, size_t *i)
{
	char *name;

	if (!is_name(s, *i))
		return NULL;
	while (*i + 2 < s->n && is(s, *i + 1, ".") && is_name(s, *i + 2))
		*i += 2;
	name = dbt_token_name(s->text, &s->t[*i]);
	(*i)++;
	return name;
}

/* The index of the token after the one closing the '(' at `i`. */
static size_t skip_parens(const struct stmt *s, size_t i)
{
	int depth = 0;

	for (; i < s->n; i++) {
		if (is(s, i, "("))
			depth++;
		else if (is(s, i, ")") && --depth <= 0)
			return i + 1;
	}
	return s->n;
}

/* The end of the ALTER TABLE action that starts at `i`: the next ',' at
 * depth 0, or the statement's end. */
static size_t action_end(const struct stmt *s, size_t i)
{
	while (i < s->n && !is(s, i, ",")) {
		if (is(s, i, "("))
			i = skip_parens(s, i);
		else
			i++;
	}
	return i;
}

static int has_word(const struct stmt *s, size_t from, size_t to, const char *word)
{
	size_t i;

	for (i = from; i < to && i < s->n; i++)
		if (is(s, i, word))
			return 1;
	return 0;
}

/* The text of tokens [from, to) joined by single blanks, lower-cased
 * outside strings and quoted names; caller frees. */
static char *span_text(const struct stmt *s, size_t from, size_t to)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i, k;

	for (i = from; i < to && i < s->n; i++) {
		const dbt_token *t = &s->t[i];

		if (i > from && !is(s, i, "(") && !is(s, i, ")") && !is(s, i, ",") &&
		    !is(s, i - 1, "("))
			dbt_buf_putc(&b, ' ');
		for (k = 0; k < t->len; k++) {
			char c = s->text[t->start + k];

			dbt_buf_putc(&b,
				     t->kind == DBT_TOK_WORD ? (char)tolower((unsigned char)c) : c);
		}
	}
	if (b.oom) {
		dbt_buf_release(&b);
		return NULL;
	}
	return b.ptr ? dbt_buf_detach(&b) : strdup("");
}

/* The end of the type that starts at token `k` of a MODIFY [COLUMN]
 * action (MariaDB, MySQL), which restates the whole column: the type runs
 * up to the first word of what follows it, or `end`. */
static size_t modify_type_end(const struct stmt *s, size_t k, size_t end)
{
	static const char *const after[] = {
		"not",	     "null",	  "default", "auto_increment", "collate",
		"character", "charset",	  "comment", "generated",      "as",
		"primary",   "unique",	  "check",   "references",     "first",
		"after",     "invisible", "on",
	};
	size_t e = k, w;

	while (e < end) {
		for (w = 0; w < sizeof(after) / sizeof(after[0]); w++)
			if (is(s, e, after[w]))
				return e;
		e = is(s, e, "(") ? skip_parens(s, e) : e + 1;
	}
	return e;
}

/* --------------------------------------------------------------- types */

/* How much a type holds, for the narrowing rule: its family and a size
 * within it; family 0 for a type the rule does not compare. */
struct typesize {
	int family; /* 1 text, 2 integer, 3 numeric, 4 float, 5 time */
	long size;  /* characters, integer rank, precision; LONG_MAX unbounded */
	long scale;
};

static long paren_number(const char *t)
{
	const char *p = strchr(t, '(');

	return p ? strtol(p + 1, NULL, 10) : -1;
}

static struct typesize type_size(const char *t)
{
	struct typesize z = {0, 0, 0};
	long n = paren_number(t);

	if (!strncmp(t, "varchar", 7) || !strncmp(t, "character varying", 17) ||
	    !strncmp(t, "char", 4) || !strncmp(t, "character", 9) || !strncmp(t, "nvarchar", 8)) {
		z.family = 1;
		z.size = n > 0 ? n
			       : (!strncmp(t, "char", 4) && strncmp(t, "character varying", 17) &&
						  strncmp(t, "char varying", 12)
					  ? 1
					  : 0x7fffffffL);
	} else if (!strcmp(t, "text") || !strcmp(t, "clob")) {
		z.family = 1;
		z.size = 0x7fffffffL;
		/* (MariaDB's display width, int(11), changes no size) */
	} else if (!strcmp(t, "smallint") || !strcmp(t, "int2") || !strncmp(t, "smallint(", 9)) {
		z.family = 2;
		z.size = 1;
	} else if (!strcmp(t, "integer") || !strcmp(t, "int") || !strcmp(t, "int4") ||
		   !strncmp(t, "int(", 4)) {
		z.family = 2;
		z.size = 2;
	} else if (!strcmp(t, "bigint") || !strcmp(t, "int8") || !strncmp(t, "bigint(", 7)) {
		z.family = 2;
		z.size = 3;
	} else if (!strncmp(t, "numeric", 7) || !strncmp(t, "decimal", 7)) {
		const char *comma = strchr(t, ',');

		z.family = 3;
		z.size = n > 0 ? n : 0x7fffffffL;
		z.scale = comma ? strtol(comma + 1, NULL, 10) : n > 0 ? 0 : 0x7fffffffL;
	} else if (!strcmp(t, "real") || !strcmp(t, "float4")) {
		z.family = 4;
		z.size = 1;
	} else if (!strcmp(t, "double precision") || !strcmp(t, "float8") || !strcmp(t, "float")) {
		z.family = 4;
		z.size = 2;
	} else if (!strncmp(t, "timestamp", 9) || !strncmp(t, "time", 4)) {
		z.family = 5;
		z.size = n >= 0 ? n : 6;
	}
	return z;
}

/* 1 when every value of type `from` fits type `to` is not certain:
 * same family, less room. */
static int narrows(const char *from, const char *to)
{
	struct typesize a = type_size(from), b = type_size(to);

	if (!a.family || a.family != b.family)
		return 0;
	return b.size < a.size || (a.family == 3 && b.scale < a.scale);
}

/* ---------------------------------------------------------- downgrade */

/* The type the downgrade gives `table`.`column` back, from its
 * "ALTER TABLE t ALTER [COLUMN] c [SET DATA] TYPE x" (caller frees), or
 * NULL when it has none. */
static char *downgrade_type(const char *down, const char *table, const char *column)
{
	size_t pos = 0;
	int line = 0;
	dbt_sqlstmt st;
	char *found = NULL;

	while (!found && down && dbt_sql_next(&st, down, &pos, &line) == 1) {
		struct stmt s;
		size_t i = 2;
		char *t = NULL, *c = NULL;

		if (tokenize(&s, down, st.start, st.len, 1) < 0)
			return NULL;
		if (!is(&s, 0, "alter") || !is(&s, 1, "table"))
			goto next;
		if (is(&s, i, "if") && is(&s, i + 1, "exists"))
			i += 2;
		if (is(&s, i, "only"))
			i++;
		if (!(t = take_name(&s, &i)) || strcmp(t, table))
			goto next;
		while (i < s.n) {
			size_t end = action_end(&s, i), k = i + 1;

			if (is(&s, i, "modify")) {
				if (is(&s, k, "column"))
					k++;
				free(c);
				c = take_name(&s, &k);
				if (c && !strcmp(c, column) && k < end) {
					found = span_text(&s, k, modify_type_end(&s, k, end));
					break;
				}
			} else if (is(&s, i, "alter")) {
				if (is(&s, k, "column"))
					k++;
				free(c);
				c = take_name(&s, &k);
				if (is(&s, k, "set") && is(&s, k + 1, "data"))
					k += 2;
				if (c && !strcmp(c, column) && is(&s, k, "type")) {
					size_t e = k + 1;

					while (e < end && !is(&s, e, "using") &&
					       !is(&s, e, "collate"))
						e = is(&s, e, "(") ? skip_parens(&s, e) : e + 1;
					found = span_text(&s, k + 1, e);
					break;
				}
			}
			i = end + 1;
		}
	next:
		free(t);
		free(c);
		free(s.t);
	}
	return found;
}

/* ----------------------------------------------------------- row counts */

/* The rows of `table` in the live database, counted up to `limit` + 1;
 * -1 when there is no database to ask. */
static long rows_of(struct linter *l, const char *table, long limit)
{
	dbt_buf sql = DBT_BUF_INIT;
	char *out = NULL;
	long n = -1;

	if (!l->conn_tried) {
		l->conn_tried = 1;
		l->conn = l->opts->connect ? l->opts->connect(l->opts->connect_arg) : NULL;
	}
	/* Only a database that rebuilds tables to change a column (L012). */
	if (!l->conn || (l->conn->dialect->caps & DBT_CAP_ALTER_COLUMN_TYPE))
		return -1;
	dbt_buf_puts(&sql, "SELECT count(*) FROM (SELECT 1 FROM ");
	l->conn->dialect->quote_ident(&sql, table);
	dbt_buf_printf(&sql, " LIMIT %ld)", limit + 1);
	if (!sql.oom && l->conn->dialect->query_value(l->conn, dbt_buf_str(&sql), &out) == 0 && out)
		n = strtol(out, NULL, 10);
	free(out);
	dbt_buf_release(&sql);
	return n;
}

/* ------------------------------------------------------------ statements */

static int lint_drop_table(struct linter *l, const struct stmt *s)
{
	size_t i = 2;
	int rc = 0;

	if (is(s, i, "if") && is(s, i + 1, "exists"))
		i += 2;
	while (rc == 0 && i < s->n) {
		size_t at = i;
		char *name = take_name(s, &i);

		if (!name)
			break;
		/* the old table of a rebuild goes after its rows were copied */
		if (!names_has(&l->created, name) && !names_has(&l->rebuilt, name))
			rc = finding(l, s, at, "L001", "drops table '%s' and every row it holds",
				     name);
		free(name);
		if (!is(s, i, ","))
			break;
		i++;
	}
	return rc;
}

/* ALTER TABLE's action [i, end) on `table`. */
static int lint_action(struct linter *l, const struct stmt *s, const char *table, size_t i,
		       size_t end)
{
	int existing = !names_has(&l->created, table);
	size_t k = i + 1;
	char *col = NULL, *con = NULL;
	int rc = 0;

	if (is(s, i, "drop")) {
		if (is(s, k, "constraint") || is(s, k, "default") || is(s, k, "not") ||
		    is(s, k, "identity") || is(s, k, "expression"))
			return 0;
		if (is(s, k, "column"))
			k++;
		if (is(s, k, "if") && is(s, k + 1, "exists"))
			k += 2;
		if ((col = take_name(s, &k)) && existing)
			rc = finding(l, s, i, "L002", "drops column '%s.%s' and its values", table,
				     col);
	} else if (is(s, i, "modify") && existing) {
		/* MariaDB's and MySQL's MODIFY [COLUMN] c TYPE ..., which
		 * migrate writes there for a changed column. */
		char *to = NULL, *from;

		if (is(s, k, "column"))
			k++;
		if ((col = take_name(s, &k)) && k < end)
			to = span_text(s, k, modify_type_end(s, k, end));
		from = to ? downgrade_type(l->down, table, col) : NULL;
		if (to && from && narrows(from, to))
			rc = finding(l, s, i, "L003",
				     "changes column '%s.%s' from %s to %s, which holds less",
				     table, col, from, to);
		free(to);
		free(from);
	} else if (is(s, i, "alter")) {
		if (is(s, k, "column"))
			k++;
		if (!(col = take_name(s, &k)))
			return 0;
		if (is(s, k, "set") && is(s, k + 1, "data"))
			k += 2;
		if (is(s, k, "type") && existing) {
			size_t e = k + 1;
			char *to, *from;

			while (e < end && !is(s, e, "using") && !is(s, e, "collate"))
				e = is(s, e, "(") ? skip_parens(s, e) : e + 1;
			to = span_text(s, k + 1, e);
			from = to ? downgrade_type(l->down, table, col) : NULL;
			if (to && from && narrows(from, to))
				rc = finding(l, s, i, "L003",
					     "changes column '%s.%s' from %s to %s, which holds "
					     "less",
					     table, col, from, to);
			if (rc == 0 && to)
				rc = finding(l, s, i, "L004",
					     "changes the type of column '%s.%s' to %s: the table "
					     "is "
					     "locked and may be rewritten",
					     table, col, to);
			free(to);
			free(from);
		} else if (is(s, k, "set") && is(s, k + 1, "not") && is(s, k + 2, "null") &&
			   existing) {
			size_t n;
			int proven = 0;

			for (n = 0; n < l->not_valid.n && !proven; n++) {
				const char *e = l->not_valid.v[n];
				size_t tl = strlen(table), cl = strlen(col);

				if (!strncmp(e, table, tl) && e[tl] == '\n' &&
				    !strncmp(e + tl + 1, col, cl) && e[tl + 1 + cl] == '\n') {
					dbt_buf key = DBT_BUF_INIT;

					dbt_buf_printf(&key, "%s\n%s", table, e + tl + 1 + cl + 1);
					proven = !key.oom &&
						 names_has(&l->validated, dbt_buf_str(&key));
					dbt_buf_release(&key);
				}
			}
			if (!proven)
				rc = finding(l, s, i, "L005",
					     "sets column '%s.%s' NOT NULL, which scans the table "
					     "under an "
					     "exclusive lock",
					     table, col);
		}
	} else if (is(s, i, "add")) {
		if (is(s, k, "constraint")) {
			k++;
			con = take_name(s, &k);
		}
		if (is(s, k, "foreign") || is(s, k, "check")) {
			int not_valid = 0;
			size_t e;

			for (e = k; e + 1 < end; e++)
				if (is(s, e, "not") && is(s, e + 1, "valid"))
					not_valid = 1;
			if (!not_valid && existing)
				rc = finding(l, s, i, "L008",
					     "adds a %s to existing table '%s' without NOT VALID",
					     is(s, k, "check") ? "check" : "foreign key", table);
			/* CHECK (col IS NOT NULL) NOT VALID, for the SET NOT NULL rule */
			if (rc == 0 && not_valid && con && is(s, k, "check") && is(s, k + 1, "(") &&
			    is_name(s, k + 2) && is(s, k + 3, "is") && is(s, k + 4, "not") &&
			    is(s, k + 5, "null") && is(s, k + 6, ")")) {
				char *c = dbt_token_name(s->text, &s->t[k + 2]);
				dbt_buf key = DBT_BUF_INIT;

				if (!c)
					rc = dbt_error_oom();
				else
					dbt_buf_printf(&key, "%s\n%s\n%s", table, c, con);
				if (rc == 0)
					rc = key.oom ? dbt_error_oom()
						     : names_add(&l->not_valid, dbt_buf_str(&key));
				free(c);
				dbt_buf_release(&key);
			}
		} else if (!is(s, k, "primary") && !is(s, k, "unique") && !is(s, k, "exclude") &&
			   existing) {
			size_t e;
			const char *why = NULL;
			static const char *const volatile_fns[] =
				{"random",	     "clock_timestamp",	 "gen_random_uuid",
				 "uuid_generate_v1", "uuid_generate_v4", "nextval",
				 "timeofday",	     "txid_current"};

			if (is(s, k, "column"))
				k++;
			if (is(s, k, "if") && is(s, k + 1, "not") && is(s, k + 2, "exists"))
				k += 3;
			if (!(col = take_name(s, &k)))
				return 0;
			for (e = k; e < end && !why; e++) {
				size_t f;

				if (is(s, e, "serial") || is(s, e, "bigserial") ||
				    is(s, e, "smallserial") || is(s, e, "serial4") ||
				    is(s, e, "serial8"))
					why = "a serial";
				else if (is(s, e, "identity") && has_word(s, k, e, "generated"))
					why = "an identity";
				else if (is(s, e, "stored") && has_word(s, k, e, "generated"))
					why = "a stored generated column";
				for (f = 0;
				     !why && f < sizeof(volatile_fns) / sizeof(volatile_fns[0]);
				     f++)
					if (is(s, e, volatile_fns[f]) && is(s, e + 1, "("))
						why = volatile_fns[f];
			}
			if (why)
				rc = finding(l, s, i, "L006",
					     "adds column '%s.%s' with %s%s: the whole table is "
					     "rewritten",
					     table, col, why, strchr(why, ' ') ? "" : "()");
		}
	} else if (is(s, i, "validate") && is(s, k, "constraint")) {
		dbt_buf key = DBT_BUF_INIT;

		k++;
		if ((con = take_name(s, &k))) {
			dbt_buf_printf(&key, "%s\n%s", table, con);
			rc = key.oom ? dbt_error_oom()
				     : names_add(&l->validated, dbt_buf_str(&key));
			dbt_buf_release(&key);
		}
	} else if (is(s, i, "rename")) {
		if (is(s, k, "to")) {
			k++;
			if ((col = take_name(s, &k)) &&
			    strncmp(table, REBUILD_PREFIX, strlen(REBUILD_PREFIX)))
				rc = finding(l, s, i, "L011", "renames table '%s' to '%s'", table,
					     col);
			if (rc == 0 && col && names_has(&l->created, table))
				rc = names_add(&l->created, col);
		} else if (!is(s, k, "constraint")) {
			char *to = NULL;

			if (is(s, k, "column"))
				k++;
			if ((con = take_name(s, &k)) && is(s, k, "to")) {
				k++;
				to = take_name(s, &k);
			}
			if (con && to && existing)
				rc = finding(l, s, i, "L011", "renames column '%s.%s' to '%s'",
					     table, con, to);
			free(to);
		}
	}
	free(col);
	free(con);
	return rc;
}

static int lint_alter_table(struct linter *l, const struct stmt *s)
{
	size_t i = 2;
	char *table;
	int rc = 0;

	if (is(s, i, "if") && is(s, i + 1, "exists"))
		i += 2;
	if (is(s, i, "only"))
		i++;
	if (!(table = take_name(s, &i)))
		return 0;
	while (rc == 0 && i < s->n) {
		size_t end = action_end(s, i);

		rc = lint_action(l, s, table, i, end);
		i = end + 1;
	}
	free(table);
	return rc;
}

static int lint_create_index(struct linter *l, const struct stmt *s)
{
	size_t i = is(s, 1, "unique") ? 3 : 2;
	char *table;
	int rc = 0, concurrently = 0;

	if (is(s, i, "concurrently")) {
		concurrently = 1;
		i++;
	}
	while (i < s->n && !is(s, i, "on"))
		i++;
	if (++i >= s->n)
		return 0;
	if (is(s, i, "only"))
		i++;
	if (!(table = take_name(s, &i)))
		return 0;
	if (!concurrently && !names_has(&l->created, table))
		rc = finding(l, s, 0, "L007",
			     "creates an index on existing table '%s' without CONCURRENTLY", table);
	free(table);
	return rc;
}

static int lint_create_table(struct linter *l, const struct stmt *s)
{
	size_t i = 2;
	char *table;
	int rc = 0;

	if (is(s, i, "if") && is(s, i + 1, "not") && is(s, i + 2, "exists"))
		i += 3;
	if (!(table = take_name(s, &i)))
		return 0;
	rc = names_add(&l->created, table);
	if (rc == 0 && !strncmp(table, REBUILD_PREFIX, strlen(REBUILD_PREFIX))) {
		const char *old = table + strlen(REBUILD_PREFIX);
		long limit =
			l->opts->rebuild_rows > 0 ? l->opts->rebuild_rows : DEFAULT_REBUILD_ROWS;
		long rows = names_has(&l->created, old) ? 0 : rows_of(l, old, limit);

		if ((rc = names_add(&l->rebuilt, old)) < 0) {
			free(table);
			return rc;
		}

		if (rows > limit)
			rc = finding(l, s, 0, "L012",
				     "rebuilds table '%s', which holds more than %ld rows", old,
				     limit);
	}
	free(table);
	return rc;
}

static int lint_statement(struct linter *l, const struct stmt *s)
{
	size_t i;

	if (l->rev->transactional) {
		for (i = 0; i < s->n; i++) {
			if (is(s, i, "concurrently")) {
				int rc = finding(l, s, i, "L009",
						 "CONCURRENTLY cannot run in a transactional "
						 "revision");

				if (rc < 0)
					return rc;
				break;
			}
		}
	}
	if (is(s, 0, "drop") && is(s, 1, "table"))
		return lint_drop_table(l, s);
	if (is(s, 0, "alter") && is(s, 1, "table"))
		return lint_alter_table(l, s);
	if (is(s, 0, "create") && (is(s, 1, "index") || (is(s, 1, "unique") && is(s, 2, "index"))))
		return lint_create_index(l, s);
	if (is(s, 0, "create") && is(s, 1, "table"))
		return lint_create_table(l, s);
	if (is(s, 0, "create") &&
	    (is(s, 1, "temp") || is(s, 1, "temporary") || is(s, 1, "unlogged")) &&
	    is(s, 2, "table")) {
		struct stmt t = *s;

		t.t++;
		t.n--;
		return lint_create_table(l, &t);
	}
	return 0;
}

/* ------------------------------------------------------------- ignores */

/*
 * Reads the "-- lint:ignore RULE[,RULE] reason" lines of the blanks and
 * comments in [from, to) of the upgrade text, which stand above the next
 * statement.  An ignore without a reason or naming no known rule is a
 * DBT_EPARSE naming the file line.
 */
static int read_ignores(struct linter *l, const char *text, size_t from, size_t to, int line)
{
	static const char marker[] = "-- lint:ignore";
	size_t p = from;

	l->nignores = 0;
	while (p < to) {
		size_t eol = p;

		while (eol < to && text[eol] != '\n')
			eol++;
		while (p < eol && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (eol - p >= sizeof(marker) - 1 &&
		    !strncmp(text + p, marker, sizeof(marker) - 1)) {
			const char *s = text + p + sizeof(marker) - 1, *end = text + eol;
			int have_rule = 0;

			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
			for (;;) {
				char name[64];
				size_t n = 0;
				const dbt_lint_rule *r;

				while (s < end && *s != ',' && *s != ' ' && *s != '\t' &&
				       n < sizeof(name) - 1)
					name[n++] = *s++;
				name[n] = '\0';
				if (!n)
					break;
				if (!(r = dbt_lint_rule_find(name)))
					return dbt_error_set(DBT_EPARSE,
							     "%s:%d: lint:ignore names no rule "
							     "'%s' (see "
							     "'dbtool lint --rules')",
							     l->rev->path, line, name);
				if (l->nignores < sizeof(l->ignores) / sizeof(l->ignores[0])) {
					l->ignores[l->nignores].rule = r;
					l->ignores[l->nignores++].used = 0;
				}
				have_rule = 1;
				if (s < end && *s == ',')
					s++;
				else
					break;
			}
			while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
				s++;
			if (!have_rule)
				return dbt_error_set(DBT_EPARSE,
						     "%s:%d: lint:ignore needs a rule and a reason",
						     l->rev->path, line);
			if (s >= end)
				return dbt_error_set(DBT_EPARSE,
						     "%s:%d: lint:ignore needs a reason after the "
						     "rule",
						     l->rev->path, line);
		}
		p = eol + 1;
		line++;
	}
	return 0;
}

static int count_lines(const char *text, size_t from, size_t to)
{
	int n = 0;

	for (; from < to; from++)
		n += text[from] == '\n';
	return n;
}

/* 1 when the downgrade holds a statement. */
static int has_statement(const char *sql)
{
	size_t pos = 0;
	int line = 0;
	dbt_sqlstmt st;

	return dbt_sql_next(&st, sql, &pos, &line) == 1;
}

/* Lints the upgrade `up` (starting on file line `up_line`) of `rev`,
 * whose downgrade is `down`, for the dialect `kind` (0: every one). */
static int lint_section(dbt_lint_report *report, const dbt_revision *rev, const dbt_lint_opts *opts,
			dbt_dialect_kind kind, const char *up, int up_line, const char *down,
			int down_line, dbt_conn **conn, int *conn_tried)
{
	struct linter l;
	size_t pos = 0, prev = 0;
	int line = 0, rc = 0, nstmts = 0;
	dbt_sqlstmt st;

	memset(&l, 0, sizeof(l));
	l.report = report;
	l.rev = rev;
	l.opts = opts;
	l.kind = kind;
	l.down = down;
	l.down_line = down_line;
	l.conn = *conn;
	l.conn_tried = *conn_tried;
	while (rc == 0 && dbt_sql_next(&st, up, &pos, &line) == 1) {
		struct stmt s;
		int first = up_line + count_lines(up, 0, prev);

		nstmts++;
		if ((rc = read_ignores(&l, up, prev, st.start, first)) < 0)
			break;
		if ((rc = tokenize(&s, up, st.start, st.len, up_line + st.line)) < 0)
			break;
		rc = lint_statement(&l, &s);
		free(s.t);
		prev = st.start + st.len;
	}
	if (rc == 0 && nstmts && !(down && has_statement(down))) {
		int first = up_line + count_lines(up, 0, prev);

		/* an ignore for L010 may stand anywhere after the last statement */
		if ((rc = read_ignores(&l, up, prev, strlen(up), first)) == 0)
			rc = finding(&l, NULL, 0, "L010", "the downgrade section is empty");
	}
	names_release(&l.created);
	names_release(&l.not_valid);
	names_release(&l.validated);
	names_release(&l.rebuilt);
	*conn = l.conn;
	*conn_tried = l.conn_tried;
	return rc;
}

/*
 * The sections linted: for a known dialect, the upgrade that dialect runs
 * (its labelled one, else the unlabelled one); for an unknown one, every
 * upgrade the file holds, each judged for its own dialect (the unlabelled
 * one for all).
 */
int dbt_lint_revision(dbt_lint_report *report, const dbt_revision *rev, const dbt_lint_opts *opts)
{
	dbt_conn *conn = NULL;
	int conn_tried = 0, rc = 0, up_line = 0, down_line = 0, k;
	const char *up, *down;

	/* 0 is a struct zeroed before the field existed: version 1. */
	if (opts->version > DBT_LINT_OPTS_VERSION)
		return dbt_error_set(DBT_ERROR, "unknown version %u of the lint options",
				     opts->version);
	if (opts->kind) {
		up = dbt_revision_section(rev, opts->kind, 0, &up_line);
		down = dbt_revision_section(rev, opts->kind, 1, &down_line);
		if (up)
			rc = lint_section(report, rev, opts, opts->kind, up, up_line, down,
					  down_line, &conn, &conn_tried);
	} else {
		if (rev->upgrade)
			rc = lint_section(report, rev, opts, 0, rev->upgrade, rev->upgrade_line,
					  rev->downgrade, rev->downgrade_line, &conn, &conn_tried);
		for (k = 1; rc == 0 && k <= DBT_DIALECT_MAX; k++) {
			if (!rev->dialect_sections[k][0])
				continue;
			up = dbt_revision_section(rev, (dbt_dialect_kind)k, 0, &up_line);
			down = dbt_revision_section(rev, (dbt_dialect_kind)k, 1, &down_line);
			rc = lint_section(report, rev, opts, (dbt_dialect_kind)k, up, up_line, down,
					  down_line, &conn, &conn_tried);
		}
	}
	if (conn && opts->release)
		opts->release(opts->connect_arg, conn);
	return rc;
}

void dbt_lint_report_release(dbt_lint_report *report)
{
	size_t i;

	for (i = 0; i < report->n; i++)
		free(report->v[i].message);
	free(report->v);
	memset(report, 0, sizeof(*report));
}
