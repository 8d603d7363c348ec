/*
 * parse_internal.h - what the files of the model parser (parse.c and
 * parse_*.c) share: the parser's state, a name as read, a column being
 * defined, and the functions one file calls in another.  Not installed,
 * and no part of parse.h's contract: only the parser's files include it.
 *
 * The functions follow parse.c's conventions: 0 or a negative DBT_E*
 * code, the message set with path:line:column (fail_at(), expected());
 * a parser that failed is only released.
 */
#ifndef DBT_PARSE_INTERNAL_H
#define DBT_PARSE_INTERNAL_H

#include <stddef.h>

#include "buf.h"
#include "lex.h"
#include "parse.h"
#include "schema.h"
#include "type.h"

/* A name read before the table it belongs to may be declared: checked
 * once the file is read.  `column` NULL means the table itself. */
struct ref {
	const char *table;
	const char *column;
	int line, col;
};

/* A CREATE SEQUENCE of the model, which a column's DEFAULT nextval(...)
 * may make a SERIAL column (as pg_dump writes one). */
struct seq {
	char *name;
	char *owner_table; /* OWNED BY table.column; NULL when not owned */
	char *owner_column;
	int owned;	   /* 0 after OWNED BY NONE */
	int plain;	   /* only the options a SERIAL's sequence has */
	dbt_statement *st; /* the statement kept for it */
};

struct parser {
	const char *path;
	const char *text; /* the model, as read by `cur` */
	size_t len;
	dbt_cursor cur; /* its current token and where the one before ended */
	dbt_schema *schema;
	struct ref *refs;
	size_t nrefs, cap_refs;
	struct seq *seqs;
	size_t nseqs;
	int stmt_start;	     /* the next token begins a statement */
	size_t stmt_off;     /* where the current statement's first token starts */
	int stmt_line;	     /* and its line */
	dbt_schema *discard; /* what ATTACH PARTITION took from the model, kept
			      * until the end so that refs into it stay valid */
	char **kept;	     /* names taken out of the model that refs point at,
			     * freed at the end */
	size_t nkept;
	dbt_type_memo types; /* the columns' declared types, read once each */
	int nocase;	     /* DBT_PARSE_NOCASE_NAMES */
	/* No comment starts in the model's bytes comment_from ..
	 * comment_at - 1 (when comment_known): the rename hints, which live
	 * in comments, are looked for only where one may start. */
	int comment_known;
	size_t comment_from, comment_at;
};

/* A name as read: folded unless quoted, with its place. */
struct name {
	char *s;
	int quoted;
	int line, col;
};

/* The column parse_column is reading, and what its constraints said. */
struct coldef {
	dbt_table *t;
	dbt_column *c;
	int has_default;
	int said_null;
	int said_not_null;
	int in_pk;
	int said_comment;  /* MariaDB's COMMENT, '' (no comment) included */
	int line, col;	   /* the constraint being read */
	const char *cname; /* its CONSTRAINT name, NULL when none */
};

typedef int (*add_column_fn)(void *obj, const char *column);

/* The schema every object of the model belongs to. */
#define DEFAULT_SCHEMA "public"

/* parse.c: state, messages, names, column lists, types, kept statements */
int fail_at(struct parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int expected(struct parser *p, const char *what);
int next(struct parser *p);
void peek(const struct parser *p, dbt_token *out);
/* dbt_cursor_is() on the parser's cursor; inline as that is. */
static inline int is(const struct parser *p, const char *s)
{
	return dbt_cursor_is(&p->cur, s);
}
int expect(struct parser *p, const char *s, const char *what);
void name_release(struct name *n);
int parse_name_as(struct parser *p, struct name *out, const char *what, int strict);
int parse_name(struct parser *p, struct name *out, const char *what);
int parse_object_name(struct parser *p, struct name *out, const char *what);
int parse_managed_name(struct parser *p, struct name *out, const char *what);

int parse_collation_name(struct parser *p, struct name *out, size_t *start);
int add_ref(struct parser *p, const char *table, const char *column, int line, int col);
void put_first(dbt_buf *b, const char *name, const char *first, int line);
int fail_duplicate(struct parser *p, const struct name *n, const char *what, const char *first,
		   int first_line);
int parse_column_list_as(struct parser *p, void *obj, add_column_fn add, char ***stored,
			 size_t *nstored, const char *table, const char *what, dbt_token *autoinc);
int parse_column_list(struct parser *p, void *obj, add_column_fn add, char ***stored,
		      size_t *nstored, const char *table, const char *what);
int add_unique_column(void *obj, const char *column);
int add_fk_column(void *obj, const char *column);
int add_fk_ref_column(void *obj, const char *column);
int parse_parens(struct parser *p, size_t *from, size_t *to, int call);
int type_word(const struct parser *p);
int type_word_token(const char *text, const dbt_token *t);
int parse_type(struct parser *p, dbt_type *out, int *serial);
/* parse_role.c: CREATE ROLE or USER (`user`: LOGIN by default), ALTER
 * ROLE or USER (`alter`), the role's name the current token. */
int parse_role(struct parser *p, const dbt_token *first, int alter, int user);
int keep_statement(struct parser *p, const dbt_token *first, const char *kind, const char *name,
		   dbt_statement **out);

/* parse_constraint.c: table constraints, and the clauses column
 * constraints share with them */
int parse_references(struct parser *p, dbt_fk *fk);
int parse_check(struct parser *p, dbt_table *t, const char *name, int line, int col);
int parse_nulls_distinct(struct parser *p, int *out, int *line, int *col);
int parse_key_include(struct parser *p, dbt_unique *k, const char *table);
int parse_key_deferral(struct parser *p, dbt_unique *k);
int skip_not_valid(struct parser *p);
/* [ON CONFLICT resolution], SQLite's, after a NOT NULL, PRIMARY KEY,
 * UNIQUE or CHECK constraint: the resolution in `*out` (NONE without the
 * clause), where ON stands in `*line`, `*col` (untouched without it). */
int parse_conflict(struct parser *p, dbt_conflict *out, int *line, int *col);
int fail_autoincrement(struct parser *p, int line, int col);
int fail_two_pks(struct parser *p, const dbt_table *t, int line, int col);
int parse_table_constraint(struct parser *p, dbt_table *t);
int is_table_constraint(const struct parser *p);
int check_constraint_names(struct parser *p, const dbt_table *t);

/* parse_literal.c: typed literals in the expressions kept as text */
int literal_type(const char *text, const dbt_token *t);
int typed_literals(char **out, const char *text, size_t len);

/* parse_table.c: CREATE TABLE, its options and partitions */
/* WITH (name [= value], ...), PostgreSQL's storage parameters of a table,
 * an index or a key's index: in `*out` as dbt_storage_canon gives them
 * (caller frees), the place of WITH in `*line`, `*col`; nothing read when
 * the current token is not WITH followed by '(' (a MariaDB WITH ...). */
int parse_storage(struct parser *p, char **out, int *line, int *col);
/* parse_storage for a key, whose place (pg_line) is that of WITH unless
 * an earlier PostgreSQL form has it. */
int parse_key_storage(struct parser *p, dbt_unique *k);
int skip_statement(struct parser *p);
int partition_bound(struct parser *p, dbt_table *t);
int discard_table(struct parser *p, dbt_table **out);
int make_partition(struct parser *p, dbt_table *t, const char *parent);
int parse_table(struct parser *p);
/* Whether `name` is one of dbtool's own tables (version, history,
 * journal), which the dump of a database that dbtool manages holds: never
 * part of a model, as reflection leaves them out, so the statements that
 * make or alter them are skipped. */
int dbtool_own_table(const char *name);

/* parse_column.c: column definitions and their constraints */
/* A column gets its values from one source at most: an error at `line`,
 * `col` when `d`'s column has one already (SERIAL, an identity,
 * AUTOINCREMENT, DEFAULT or GENERATED) and `what` would be another. */
int check_generator(struct parser *p, const struct coldef *d, const char *what, int line, int col);
int column_not_null(struct parser *p, struct coldef *d);
int column_generated(struct parser *p, struct coldef *d);
int column_collate(struct parser *p, struct coldef *d);
int parse_identity_options(struct parser *p, dbt_column *c);
int parse_column(struct parser *p, dbt_table *t, int alter);

/* parse_default.c: a column's DEFAULT */
/* DEFAULT is the current token: the column's default, or an error when it
 * has one or another source of values already (check_generator). */
int column_default(struct parser *p, struct coldef *d);
/* Whether the current token starts a word operator that goes on after an
 * operand: AT TIME ZONE, AT LOCAL, IS ... */
int word_operator(const struct parser *p);

/* parse_hint.c: the hints in the model's comments */
int take_hint(struct parser *p, size_t off, int tok_line, char **name, int *line, int *col);
int take_trailing_hint(struct parser *p, size_t from, size_t to, char **name, int *line, int *col);
size_t line_end(const struct parser *p, size_t off);
/* The first byte at or after `from` where "--" or a slash-star starts
 * (maybe inside a string), or the model's length: no rename hint is
 * before it. */
size_t next_comment(struct parser *p, size_t from);
/* Where the comments on a column's own line end, the column's definition
 * just read: the end of that line, or where the next definition or the
 * table's ')' starts on it. */
size_t column_line_end(const struct parser *p);
/* The hint "-- dbtool: no-autoincrement" after the column's definition
 * just read, on its line, sets `c`'s no_autoincrement; any other "--
 * dbtool:" hint there is an error at its place. */
int column_hint(struct parser *p, dbt_column *c);

/* parse_index.c: CREATE INDEX */
void put_expr_name(dbt_buf *b, const char *name);
int parse_index(struct parser *p, const dbt_token *first, int unique);
/* One key of an index, appended to `ix`. */
int parse_index_elem(struct parser *p, dbt_index *ix);
/* "(" index elements separated by commas ")", each added to `ix`,
 * and the token after them. */
int parse_index_elems(struct parser *p, dbt_index *ix);

/* parse_mysql.c: mariadb-dump's CREATE TABLE */
/* Whether the current token starts a key line of MariaDB's inside CREATE
 * TABLE: [FULLTEXT | SPATIAL] KEY | INDEX [name] (...), never a column
 * named key or index. */
int is_mysql_key_line(const struct parser *p);
/* Reads such a line (after UNIQUE, when `unique`) as an index of `t`,
 * named `cname` (a CONSTRAINT name, or NULL) when it has no name of its
 * own.  USING BTREE or HASH, before or after the list, is read as
 * skip_mysql_index_type() says; the other index options (COMMENT, ...)
 * are refused at their place. */
int parse_mysql_key(struct parser *p, dbt_table *t, const char *cname, int unique);
/* MariaDB's USING BTREE or USING HASH at the cursor, after a key's list
 * (or before it, on a key line): read and not kept, as reflection does
 * not tell them apart (InnoDB's keys are B-trees whatever they say, but
 * for a unique key of long columns, or a UNIQUE ... USING HASH, which
 * MariaDB keeps as a hash of its own).  1 when it moved past one, 0 when
 * the cursor is not at one (PostgreSQL's USING INDEX TABLESPACE among
 * them), or the error of the cursor's move. */
int skip_mysql_index_type(struct parser *p);
/* A column attribute of MariaDB's at the current token, as mariadb-dump
 * writes it, 1 when there is none: CHARACTER SET name before COLLATE
 * (which names the character set too) is read and dropped; COMMENT
 * '...' and ON UPDATE CURRENT_TIMESTAMP[(n)] (of a TIMESTAMP or DATETIME
 * column) are the column's (dbt_column_mysql), each refused the second
 * time. */
int parse_mysql_column_attr(struct parser *p, struct coldef *d);
/* MariaDB's table options after CREATE TABLE's ')', separated by blanks
 * or commas: COMMENT[=]'text', the table's comment; ENGINE=InnoDB,
 * DEFAULT CHARSET=utf8mb4 (or CHARACTER SET),
 * COLLATE=utf8mb4_general_ci, the server's defaults, and AUTO_INCREMENT=n,
 * its counter, are read and left to the server; any other value or
 * option is an error at its place.  A table with such options is one as
 * MariaDB prints it, whose columns' types are MariaDB's: `float` reads
 * as REAL, `timestamp[(n)]` as TIMESTAMP[(n)] WITH TIME ZONE (what
 * inspect prints for them), where elsewhere a model reads them as DOUBLE
 * PRECISION and TIMESTAMP. */
int parse_mysql_table_options(struct parser *p, dbt_table *t);

/* parse_drop.c: what DROP TABLE takes along.  The kept statements on
 * the tables (triggers, policies, rules, comments, grants, ALTER TABLE
 * ... ROW LEVEL SECURITY) leave the model, and so do the sequences their
 * columns own; a view that reads one of them is an error at the table's
 * place in the DROP (`lines`, `cols`), unless `cascade`, which takes the
 * view along too, and what is on it.  The tables themselves stay. */
int drop_dependents(struct parser *p, dbt_table *const *tables, const int *lines, const int *cols,
		    size_t ntables, int cascade);

/* parse_sequence.c: sequences */
int plain_seq_word(const struct parser *p);
int parse_sequence(struct parser *p, const dbt_token *first);
struct seq *find_seq(const struct parser *p, const char *name);
int skip_owner(struct parser *p);
int parse_alter_sequence(struct parser *p, const dbt_token *first);

/* parse_alter.c: ALTER TABLE */
int attach_index(struct parser *p);
int is_attach_index(const struct parser *p);
int parse_alter_table(struct parser *p, const dbt_token *first);

/* parse_rename.c: ALTER TABLE ... RENAME and DROP COLUMN */
/* Whether `s` is one of the `n` names of `v`. */
int in_list(char **v, size_t n, const char *s);
/* ALTER TABLE t RENAME, the current token: TO a new table name, or
 * [COLUMN] a TO b, each use of the name in the model so far renamed. */
int alter_rename(struct parser *p, dbt_table *t);
/* ALTER TABLE t DROP has been read, and CONSTRAINT does not follow:
 * [COLUMN] [IF EXISTS] c [RESTRICT | CASCADE], the column and the CHECK
 * constraints that name it out of `t`; refused when a key, foreign key,
 * index or generated column uses it. */
int alter_drop(struct parser *p, dbt_table *t);

/* parse_remove.c: DROP TABLE, DROP INDEX, DROP CONSTRAINT */
void forget_ref(struct parser *p, const char *s);
/* ALTER TABLE t DROP (the current token) CONSTRAINT [IF EXISTS] name
 * [RESTRICT | CASCADE]: the constraint leaves `t`; refused while a foreign
 * key uses the key that goes. */
int alter_drop_constraint(struct parser *p, dbt_table *t);
/* DROP has been read: DROP TABLE or DROP INDEX of what the model declared
 * before, which leaves the model. */
int parse_drop(struct parser *p, const dbt_token *first);

/* parse_resolve.c: resolution after the whole file */
int resolve(struct parser *p);

#endif
