/*
 * test_render.c - rendering a Schema's objects and the differ's operations
 * as SQL for SQLite and PostgreSQL: the exact text of every statement and
 * operation kind, identifier quoting, the operations SQLite cannot do
 * without a table rebuild, adapting a model to each dialect, and SQLite
 * executing what is rendered for a set of varied models.
 *
 * Lists of ops (dbt_render_ops) are checked as text on both dialects
 * (comments, warnings, SQLite's table rebuilds), then run on SQLite: for
 * each change of a grid, a database with rows is upgraded and downgraded
 * again, and must equal each model in turn with every row kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "dialect.h"
#include "diff.h"
#include "error.h"
#include "parse.h"
#include "render.h"
#include "schema.h"
#include "schema_dump.h"
#include "testutil.h"

#define SQLITE DBT_DIALECT_SQLITE
#define PG DBT_DIALECT_POSTGRES

static const char rebuild_suffix[] = ": SQLite needs a table rebuild for this, which is rendered "
				     "only for a whole list of operations";

/* ----------------------------------------------------------- helpers */

static dbt_schema *parse(const char *model)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "schema.sql", model, strlen(model)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	return s;
}

/* Parsed and adapted to `kind`, which must succeed. */
static dbt_schema *parse_for(dbt_dialect_kind kind, const char *model)
{
	dbt_schema *s = parse(model);

	if (dbt_schema_adapt(s, kind) < 0)
		fail_msg("cannot adapt model: %s", dbt_error_last());
	return s;
}

static dbt_table *table_of(const dbt_schema *s, const char *name)
{
	dbt_table *t = dbt_schema_find_table(s, name);

	assert_non_null(t);
	return t;
}

static dbt_column *column_of(const dbt_table *t, const char *name)
{
	dbt_column *c = dbt_table_find_column(t, name);

	assert_non_null(c);
	return c;
}

static void assert_sql(dbt_buf *b, int rc, const char *want)
{
	if (rc < 0)
		fail_msg("rendering failed: %s", dbt_error_last());
	assert_false(b->oom);
	assert_string_equal(dbt_buf_str(b), want);
	dbt_buf_release(b);
}

static void assert_table_sql(dbt_dialect_kind kind, const char *model, const char *table,
			     const char *want)
{
	dbt_schema *s = parse_for(kind, model);
	dbt_buf b = DBT_BUF_INIT;

	assert_sql(&b, dbt_render_create_table(&b, kind, table_of(s, table), NULL, NULL), want);
	dbt_schema_free(s);
}

static void assert_op_sql(dbt_dialect_kind kind, const dbt_op *op, const char *want)
{
	dbt_buf b = DBT_BUF_INIT;

	assert_sql(&b, dbt_render_op(&b, kind, op), want);
}

static void assert_op_error(dbt_dialect_kind kind, const dbt_op *op, const char *msg)
{
	dbt_buf b = DBT_BUF_INIT;

	assert_int_equal(dbt_render_op(&b, kind, op), DBT_ERROR);
	assert_string_equal(dbt_error_last(), msg);
	assert_int_equal(b.len, 0);
	dbt_buf_release(&b);
}

/* The op is refused on SQLite with the differ's line for it. */
static void assert_rebuild(const dbt_op *op)
{
	dbt_buf want = DBT_BUF_INIT;

	dbt_op_describe(&want, op);
	dbt_buf_puts(&want, rebuild_suffix);
	assert_op_error(SQLITE, op, dbt_buf_str(&want));
	dbt_buf_release(&want);
}

/* Two versions of a model: what the database has and what is declared. */
struct pair {
	dbt_schema *from;
	dbt_schema *to;
};

static void pair_parse(struct pair *p, dbt_dialect_kind kind, const char *from, const char *to)
{
	p->from = parse_for(kind, from);
	p->to = parse_for(kind, to);
}

static void pair_free(struct pair *p)
{
	dbt_schema_free(p->from);
	dbt_schema_free(p->to);
}

/* An op on column `column` of `table`, filled as the differ fills it:
 * drops act on the `from` table, everything else on the `to` table. */
static dbt_op column_op(const struct pair *p, dbt_op_kind kind, const char *table,
			const char *column)
{
	dbt_op op;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.old_table = table_of(p->from, table);
	op.table = kind == DBT_OP_DROP_COLUMN ? op.old_table : table_of(p->to, table);
	op.column = dbt_table_find_column(table_of(p->to, table), column);
	op.old_column = dbt_table_find_column(op.old_table, column);
	return op;
}

/* The same op the other way round, as dbt_op_inverse makes it. */
static dbt_op swapped(const struct pair *p, const dbt_op *op)
{
	dbt_op inv = *op;

	inv.table = table_of(p->from, op->table->name);
	inv.old_table = table_of(p->to, op->table->name);
	inv.column = op->old_column;
	inv.old_column = op->column;
	return inv;
}

static dbt_op object_op(dbt_op_kind kind, const dbt_table *table)
{
	dbt_op op;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.table = table;
	op.old_table = kind == DBT_OP_CREATE_TABLE ? NULL : table;
	return op;
}

/* ------------------------------------------------------ CREATE TABLE */

static void test_create_table_lists_columns_then_named_constraints(void **state)
{
	static const char model[] =
		"CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE,\n"
		"  born DATE, bio TEXT DEFAULT 'none', score NUMERIC(5,2) DEFAULT -1.5 CHECK "
		"(score >= -10),\n"
		"  CONSTRAINT uq_bio UNIQUE (bio, born));";
	static const char want[] = "CREATE TABLE authors (\n"
				   "    id INTEGER NOT NULL,\n"
				   "    name VARCHAR(50) NOT NULL,\n"
				   "    born DATE,\n"
				   "    bio TEXT DEFAULT 'none',\n"
				   "    score NUMERIC(5,2) DEFAULT -1.5,\n"
				   "    CONSTRAINT authors_pkey PRIMARY KEY (id),\n"
				   "    CONSTRAINT authors_name_key UNIQUE (name),\n"
				   "    CONSTRAINT uq_bio UNIQUE (bio, born),\n"
				   "    CONSTRAINT authors_score_check CHECK (score >= -10)\n"
				   ");\n";

	(void)state;
	assert_table_sql(SQLITE, model, "authors", want);
	assert_table_sql(PG, model, "authors", want);
}

/* A table named as one of SQLite's own, which the model's parser skips
 * when bare, is written quoted and reads back as a table. */
static void test_create_table_quotes_sqlite_own_table_names(void **state)
{
	dbt_schema *s = parse_for(PG, "CREATE TABLE \"sqlite_stat1\" (\"Id\" INTEGER)"), *back;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_render_create_table(&b, PG, table_of(s, "sqlite_stat1"), NULL, NULL),
			 0);
	assert_false(b.oom);
	assert_string_equal(dbt_buf_str(&b), "CREATE TABLE \"sqlite_stat1\" (\n"
					     "    \"Id\" INTEGER\n"
					     ");\n");
	back = parse(dbt_buf_str(&b));
	assert_int_equal(back->ntables, 1);
	assert_string_equal(back->tables[0]->name, "sqlite_stat1");
	dbt_schema_free(back);
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

/* SQLite keeps the declared type: it is written as declared (BYTEA
 * aside, which is SQLite's BLOB), and a primary key other than the rowid
 * alias is NOT NULL only when declared so, as SQLite enforces it. */
static void test_create_table_sqlite_keeps_declared_types(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE files (id BIGINT PRIMARY KEY, data BYTEA NOT NULL, "
			 "at TIMESTAMP(3) WITH TIME ZONE, d DOUBLE PRECISION, f FLOAT4, j JSON, u "
			 "UUID, "
			 "c CHAR, t TIME WITH TIME ZONE, k JSONB, n, s STRING, a text[], "
			 "v NVARCHAR( 40 ))",
			 "files",
			 "CREATE TABLE files (\n"
			 "    id BIGINT,\n"
			 "    data BLOB NOT NULL,\n"
			 "    at \"TIMESTAMP(3) WITH TIME ZONE\",\n"
			 "    d DOUBLE PRECISION,\n"
			 "    f FLOAT4,\n"
			 "    j JSON,\n"
			 "    u UUID,\n"
			 "    c CHAR,\n"
			 "    t TIME WITH TIME ZONE,\n"
			 "    k JSONB,\n"
			 "    n,\n"
			 "    s STRING,\n"
			 "    a \"text[]\",\n"
			 "    v NVARCHAR(40),\n"
			 "    CONSTRAINT files_pkey PRIMARY KEY (id)\n"
			 ");\n");
}

static void test_create_table_postgres_spells_blob_serial_and_identity(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE files (id BIGSERIAL PRIMARY KEY, data BLOB NOT NULL, small "
			 "SMALLSERIAL,\n"
			 "  n SERIAL, a INTEGER GENERATED ALWAYS AS IDENTITY,\n"
			 "  b BIGINT GENERATED BY DEFAULT AS IDENTITY, created TIMESTAMP(3) WITH "
			 "TIME ZONE)",
			 "files",
			 "CREATE TABLE files (\n"
			 "    id BIGSERIAL NOT NULL,\n"
			 "    data BYTEA NOT NULL,\n"
			 "    small SMALLSERIAL NOT NULL,\n"
			 "    n SERIAL NOT NULL,\n"
			 "    a INTEGER GENERATED ALWAYS AS IDENTITY NOT NULL,\n"
			 "    b BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"
			 "    created TIMESTAMP(3) WITH TIME ZONE,\n"
			 "    CONSTRAINT files_pkey PRIMARY KEY (id)\n"
			 ");\n");
}

/* PostgreSQL gets format_type()'s spelling of what the model declares:
 * JSONB stays JSONB, and types beyond the portable ones are written as
 * PostgreSQL names them. */
static void test_create_table_postgres_writes_types_as_postgres_names_them(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE t (id INT PRIMARY KEY, k JSONB, a text[], b integer[][], "
			 "c inet, d varbit(5), e interval day to second(3), f \"Mood\", "
			 "g public.mood, h DATETIME, i DECIMAL(12), j money)",
			 "t",
			 "CREATE TABLE t (\n"
			 "    id INTEGER NOT NULL,\n"
			 "    k jsonb,\n"
			 "    a text[],\n"
			 "    b integer[],\n"
			 "    c inet,\n"
			 "    d bit varying(5),\n"
			 "    e interval day to second(3),\n"
			 "    f \"Mood\",\n"
			 "    g mood,\n"
			 "    h TIMESTAMP,\n"
			 "    i NUMERIC(12,0),\n"
			 "    j money,\n"
			 "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
			 ");\n");
}

static void test_create_table_sqlite_puts_autoincrement_key_inline(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT)",
			 "users",
			 "CREATE TABLE users (\n"
			 "    id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY "
			 "AUTOINCREMENT,\n"
			 "    email TEXT\n"
			 ");\n");
}

static void test_create_table_sqlite_writes_conflict_clauses(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT IGNORE "
			 "AUTOINCREMENT,\n"
			 "  a TEXT NOT NULL ON CONFLICT REPLACE UNIQUE ON CONFLICT FAIL,\n"
			 "  b TEXT DEFAULT \"x\", CHECK (a <> b) ON CONFLICT ROLLBACK)",
			 "t",
			 "CREATE TABLE t (\n"
			 "    id INTEGER NOT NULL CONSTRAINT t_pkey PRIMARY KEY ON CONFLICT IGNORE "
			 "AUTOINCREMENT,\n"
			 "    a TEXT NOT NULL ON CONFLICT REPLACE,\n"
			 "    b TEXT DEFAULT 'x',\n"
			 "    CONSTRAINT t_a_key UNIQUE (a) ON CONFLICT FAIL,\n"
			 "    CONSTRAINT t_check CHECK (a <> b) ON CONFLICT ROLLBACK\n"
			 ");\n");
}

/* A column's PRIMARY KEY DESC stays on the column (no table constraint
 * can say that it is no rowid alias); a key column's collation of its
 * own stays in the key. */
static void test_create_table_sqlite_writes_key_desc_and_collations(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE t (id INTEGER PRIMARY KEY DESC ON CONFLICT FAIL, z TEXT,\n"
			 "  w TEXT, UNIQUE (z COLLATE NOCASE DESC, w))",
			 "t",
			 "CREATE TABLE t (\n"
			 "    id INTEGER CONSTRAINT t_pkey PRIMARY KEY DESC ON CONFLICT FAIL,\n"
			 "    z TEXT,\n"
			 "    w TEXT,\n"
			 "    CONSTRAINT t_z_w_key UNIQUE (z COLLATE NOCASE, w)\n"
			 ");\n");
	assert_table_sql(SQLITE, "CREATE TABLE t (a TEXT, PRIMARY KEY (a COLLATE \"rtrim\"))", "t",
			 "CREATE TABLE t (\n"
			 "    a TEXT,\n"
			 "    CONSTRAINT t_pkey PRIMARY KEY (a COLLATE RTRIM)\n"
			 ");\n");
}

static void assert_adapt_error_for(dbt_dialect_kind kind, const char *model, const char *msg);

/* PRIMARY KEY DESC on a column and a key column's COLLATE are SQLite's:
 * PostgreSQL refuses them, and so does the model for it. */
static void test_postgres_refuses_sqlite_key_desc_and_collations(void **state)
{
	(void)state;
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT,\n  id INT PRIMARY KEY DESC)",
			       "2:10: column 't.id' is PRIMARY KEY DESC, a form of SQLite's that "
			       "PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (z TEXT,\n  UNIQUE (z COLLATE NOCASE))",
			       "2:3: a key of table 't' gives column 'z' a collation of its own, "
			       "which PostgreSQL's keys do not take");
}

static void test_postgres_refuses_sqlite_conflict_clauses_and_dq_defaults(void **state)
{
	(void)state;
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT NOT NULL ON CONFLICT IGNORE)",
			       "1:32: column 't.a' has ON CONFLICT, a clause of SQLite's that "
			       "PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT,\n  PRIMARY KEY (a) ON CONFLICT FAIL)",
			       "2:3: the primary key of table 't' has ON CONFLICT, a clause of "
			       "SQLite's that PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT, CHECK (a > 0) ON CONFLICT FAIL)",
			       "1:24: a CHECK constraint of table 't' has ON CONFLICT, a clause of "
			       "SQLite's that PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (a TEXT,\n b TEXT DEFAULT hello)",
			       "2:17: the default of column 't.b' is a bare word, which "
			       "PostgreSQL takes as a column and does not allow in DEFAULT: write "
			       "a 'string'");
	assert_adapt_error_for(PG, "CREATE TABLE t (a TEXT DEFAULT \"x\")",
			       "1:32: the default of column 't.a' is a double-quoted name, which "
			       "PostgreSQL takes as a column and does not allow in DEFAULT: write "
			       "a "
			       "'string'");
}

static void test_create_table_postgres_makes_autoincrement_serial(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT)",
			 "users",
			 "CREATE TABLE users (\n"
			 "    id SERIAL NOT NULL,\n"
			 "    email TEXT,\n"
			 "    CONSTRAINT users_pkey PRIMARY KEY (id)\n"
			 ");\n");
}

static void test_create_table_quotes_reserved_mixed_case_utf8_and_quotes(void **state)
{
	static const char model[] =
		"CREATE TABLE \"order\" (\"select\" INTEGER PRIMARY KEY, \"MixedCase\" TEXT,\n"
		"  \"na\xc3\xafve\" TEXT, \"say \"\"hi\"\"\" TEXT, Plain TEXT,\n"
		"  CONSTRAINT \"Order Key\" UNIQUE (\"MixedCase\"));";
	static const char want[] = "CREATE TABLE \"order\" (\n"
				   "    \"select\" INTEGER NOT NULL,\n"
				   "    \"MixedCase\" TEXT,\n"
				   "    \"na\xc3\xafve\" TEXT,\n"
				   "    \"say \"\"hi\"\"\" TEXT,\n"
				   "    plain TEXT,\n"
				   "    CONSTRAINT order_pkey PRIMARY KEY (\"select\"),\n"
				   "    CONSTRAINT \"Order Key\" UNIQUE (\"MixedCase\")\n"
				   ");\n";

	(void)state;
	assert_table_sql(SQLITE, model, "order", want);
	assert_table_sql(PG, model, "order", want);
}

static void test_create_table_sqlite_parenthesises_non_literal_defaults(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE d (a TEXT DEFAULT lower('X'), b INTEGER DEFAULT 1 + 2,\n"
			 "  c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, e BOOLEAN DEFAULT TRUE, f "
			 "INTEGER DEFAULT -3,\n"
			 "  g TEXT DEFAULT 'it''s', h REAL DEFAULT 2.5e3)",
			 "d",
			 "CREATE TABLE d (\n"
			 "    a TEXT DEFAULT (lower('X')),\n"
			 "    b INTEGER DEFAULT (1 + 2),\n"
			 "    c TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
			 "    e BOOLEAN DEFAULT TRUE,\n"
			 "    f INTEGER DEFAULT -3,\n"
			 "    g TEXT DEFAULT 'it''s',\n"
			 "    h REAL DEFAULT 2.5e3\n"
			 ");\n");
}

static void test_create_table_postgres_leaves_function_call_defaults_bare(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE d (a TEXT DEFAULT lower('X'), b INTEGER DEFAULT 1 + 2,\n"
			 "  c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, e BOOLEAN DEFAULT FALSE, f "
			 "INTEGER DEFAULT +3,\n"
			 "  g TEXT DEFAULT coalesce('a', 'b'))",
			 "d",
			 "CREATE TABLE d (\n"
			 "    a TEXT DEFAULT lower('X'),\n"
			 "    b INTEGER DEFAULT (1 + 2),\n"
			 "    c TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
			 "    e BOOLEAN DEFAULT FALSE,\n"
			 "    f INTEGER DEFAULT +3,\n"
			 "    g TEXT DEFAULT (COALESCE('a', 'b'))\n"
			 ");\n");
}

static void test_create_table_sqlite_writes_builtin_collations_bare(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE c (a TEXT COLLATE nocase, b VARCHAR(10) COLLATE \"C\",\n"
			 "  d TEXT COLLATE \"binary\" NOT NULL DEFAULT 'x', e CHAR(2) COLLATE "
			 "RTRIM)",
			 "c",
			 "CREATE TABLE c (\n"
			 "    a TEXT COLLATE NOCASE,\n"
			 "    b VARCHAR(10) COLLATE \"C\",\n"
			 "    d TEXT COLLATE BINARY NOT NULL DEFAULT 'x',\n"
			 "    e CHAR(2) COLLATE RTRIM\n"
			 ");\n");
}

static void test_create_table_postgres_quotes_collations_as_names(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE c (a TEXT COLLATE \"C\", b VARCHAR(10) COLLATE \"en_US\" "
			 "NOT NULL,\n"
			 "  d TEXT COLLATE posix)",
			 "c",
			 "CREATE TABLE c (\n"
			 "    a TEXT COLLATE \"C\",\n"
			 "    b VARCHAR(10) COLLATE \"en_US\" NOT NULL,\n"
			 "    d TEXT COLLATE posix\n"
			 ");\n");
}

static const char fk_model[] =
	"CREATE TABLE p (id INTEGER PRIMARY KEY, k1 INTEGER, k2 INTEGER, UNIQUE (k1, k2));\n"
	"CREATE TABLE ch (id INTEGER PRIMARY KEY,\n"
	"  p_id INTEGER REFERENCES p ON DELETE CASCADE ON UPDATE SET NULL,\n"
	"  k1 INTEGER, k2 INTEGER,\n"
	"  CONSTRAINT fk_pair FOREIGN KEY (k1, k2) REFERENCES p (k1, k2)\n"
	"    ON DELETE SET DEFAULT ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,\n"
	"  CONSTRAINT fk_imm FOREIGN KEY (k1) REFERENCES p (id) ON DELETE NO ACTION DEFERRABLE);\n";

static void test_create_table_writes_fk_actions_and_deferrability(void **state)
{
	static const char want[] = "CREATE TABLE ch (\n"
				   "    id INTEGER NOT NULL,\n"
				   "    p_id INTEGER,\n"
				   "    k1 INTEGER,\n"
				   "    k2 INTEGER,\n"
				   "    CONSTRAINT ch_pkey PRIMARY KEY (id),\n"
				   "    CONSTRAINT ch_p_id_fkey FOREIGN KEY (p_id) REFERENCES p "
				   "(id) ON DELETE CASCADE "
				   "ON UPDATE SET NULL,\n"
				   "    CONSTRAINT fk_pair FOREIGN KEY (k1, k2) REFERENCES p (k1, "
				   "k2) ON DELETE SET DEFAULT "
				   "ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,\n"
				   "    CONSTRAINT fk_imm FOREIGN KEY (k1) REFERENCES p (id) "
				   "DEFERRABLE INITIALLY IMMEDIATE\n"
				   ");\n";

	(void)state;
	assert_table_sql(SQLITE, fk_model, "ch", want);
	assert_table_sql(PG, fk_model, "ch", want);
}

static const char cycle_model[] =
	"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id),\n"
	"  parent INTEGER REFERENCES a (id));\n"
	"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n";

static const char cycle_a_without_b[] =
	"CREATE TABLE a (\n"
	"    id INTEGER NOT NULL,\n"
	"    b_id INTEGER,\n"
	"    parent INTEGER,\n"
	"    CONSTRAINT a_pkey PRIMARY KEY (id),\n"
	"    CONSTRAINT a_parent_fkey FOREIGN KEY (parent) REFERENCES a (id)\n"
	");\n";

static int skip_refs_to_b(const dbt_fk *fk, void *arg)
{
	(*(int *)arg)++;
	return !strcmp(fk->ref_table, "b");
}

static void test_create_table_leaves_out_fks_the_callback_skips(void **state)
{
	dbt_schema *s = parse(cycle_model);
	dbt_buf b = DBT_BUF_INIT;
	int calls = 0;

	(void)state;
	assert_sql(&b, dbt_render_create_table(&b, PG, table_of(s, "a"), skip_refs_to_b, &calls),
		   cycle_a_without_b);
	assert_int_equal(calls, 2);
	dbt_schema_free(s);
}

static void test_create_table_writes_generated_columns(void **state)
{
	static const char model[] =
		"CREATE TABLE t (a INTEGER, b INTEGER GENERATED ALWAYS AS (a*2) STORED NOT NULL,\n"
		"  c TEXT AS (lower('X' || a)) STORED)";

	(void)state;
	assert_table_sql(SQLITE, model, "t",
			 "CREATE TABLE t (\n"
			 "    a INTEGER,\n"
			 "    b INTEGER GENERATED ALWAYS AS (a * 2) STORED NOT NULL,\n"
			 "    c TEXT GENERATED ALWAYS AS (lower('X' || a)) STORED\n"
			 ");\n");
	assert_table_sql(PG, model, "t",
			 "CREATE TABLE t (\n"
			 "    a INTEGER,\n"
			 "    b INTEGER GENERATED ALWAYS AS (a * 2) STORED NOT NULL,\n"
			 "    c TEXT GENERATED ALWAYS AS (lower('X' || a)) STORED\n"
			 ");\n");
	assert_table_sql(SQLITE, "CREATE TABLE t (a INT, v AS (a + 1))", "t",
			 "CREATE TABLE t (\n"
			 "    a INT,\n"
			 "    v GENERATED ALWAYS AS (a + 1) VIRTUAL\n"
			 ");\n");
}

static void test_create_table_sqlite_writes_table_options(void **state)
{
	(void)state;
	assert_table_sql(SQLITE, "CREATE TABLE t (a TEXT PRIMARY KEY) WITHOUT ROWID, STRICT", "t",
			 "CREATE TABLE t (\n"
			 "    a TEXT NOT NULL,\n"
			 "    CONSTRAINT t_pkey PRIMARY KEY (a)\n"
			 ") STRICT, WITHOUT ROWID;\n");
	assert_table_sql(SQLITE, "CREATE TABLE t (a TEXT PRIMARY KEY) WITHOUT ROWID", "t",
			 "CREATE TABLE t (\n"
			 "    a TEXT NOT NULL,\n"
			 "    CONSTRAINT t_pkey PRIMARY KEY (a)\n"
			 ") WITHOUT ROWID;\n");
	assert_table_sql(SQLITE, "CREATE TABLE t (a INT PRIMARY KEY) STRICT", "t",
			 "CREATE TABLE t (\n"
			 "    a INT NOT NULL,\n"
			 "    CONSTRAINT t_pkey PRIMARY KEY (a)\n"
			 ") STRICT;\n");
}

static void test_create_table_postgres_refuses_sqlite_table_options(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (a INT PRIMARY KEY) STRICT");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "kept");
	assert_int_equal(dbt_render_create_table(&b, PG, table_of(s, "t"), NULL, NULL), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "table 't' is STRICT, a table option that only SQLite has");
	assert_string_equal(dbt_buf_str(&b), "kept");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

static void test_create_table_with_no_column_has_empty_list(void **state)
{
	dbt_schema *s = NULL;
	dbt_table *t;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "empty", 0), 0);
	assert_sql(&b, dbt_render_create_table(&b, PG, t, NULL, NULL),
		   "CREATE TABLE empty (\n);\n");
	dbt_schema_free(s);
}

static void test_create_table_appends_to_what_the_buffer_holds(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (x INTEGER)");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "-- first\n");
	assert_sql(&b, dbt_render_create_table(&b, SQLITE, table_of(s, "t"), NULL, NULL),
		   "-- first\nCREATE TABLE t (\n    x INTEGER\n);\n");
	dbt_schema_free(s);
}

static void test_adapt_sqlite_refuses_names_differing_in_case_only(void **state)
{
	static const struct {
		const char *model, *msg;
	} cases[] = {
		{"CREATE TABLE t (a INT);\nCREATE TABLE \"T\" (b INT);",
		 "2:14: duplicate table 'T' (first declared on line 1 as 't', and SQLite ignores "
		 "case in names)"},
		{"CREATE TABLE t (\"Id\" INT, id TEXT)",
		 "1:27: duplicate column 'id' in table 't' (first declared on line 1 as 'Id', and "
		 "SQLite ignores case in names)"},
		{"CREATE TABLE t (a INT);\nCREATE INDEX \"Ix\" ON t (a);\nCREATE INDEX ix ON t "
		 "(a);",
		 "3:14: duplicate index 'ix' (first declared on line 2 as 'Ix', and SQLite ignores "
		 "case in names)"},
		{"CREATE TABLE t (a INT);\nCREATE INDEX \"T\" ON t (a);",
		 "2:14: name 'T' is already used by table 't' on line 1 (SQLite ignores case in "
		 "names)"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dbt_schema *s = parse(cases[i].model);

		assert_int_equal(dbt_schema_adapt(s, DBT_DIALECT_SQLITE), DBT_EPARSE);
		assert_string_equal(dbt_error_last(), cases[i].msg);
		dbt_schema_free(s);
		/* PostgreSQL keeps the two names apart. */
		s = parse_for(DBT_DIALECT_POSTGRES, cases[i].model);
		dbt_schema_free(s);
	}
}

static void test_create_table_sqlite_rejects_unadapted_serial_and_keeps_buffer(void **state)
{
	dbt_schema *s = parse("CREATE TABLE items (id INTEGER PRIMARY KEY,\n  n SERIAL)");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "-- kept\n");
	assert_int_equal(dbt_render_create_table(&b, SQLITE, table_of(s, "items"), NULL, NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "2:3: column 'items.n' is SERIAL, but SQLite "
					      "generates values only for an "
					      "INTEGER PRIMARY KEY column");
	assert_string_equal(dbt_buf_str(&b), "-- kept\n");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

static void test_create_table_sqlite_error_for_reflected_column_has_no_position(void **state)
{
	dbt_schema *s = parse("CREATE TABLE items (id INTEGER, n BIGSERIAL)");
	dbt_column *c = column_of(table_of(s, "items"), "n");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	c->line = c->col = 0;
	assert_int_equal(dbt_render_create_table(&b, SQLITE, table_of(s, "items"), NULL, NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(), "column 'items.n' is BIGSERIAL, but SQLite generates "
					      "values only for an "
					      "INTEGER PRIMARY KEY column");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

/* --------------------------------------------------- indexes and drops */

static const char index_model[] =
	"CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT, created DATE, active BOOLEAN);\n"
	"CREATE UNIQUE INDEX ux_email ON u (lower(email));\n"
	"CREATE INDEX ix_recent ON u (created DESC, id, (length(email)) DESC) WHERE active;\n"
	"CREATE INDEX ON u (email);\n"
	"CREATE INDEX \"Idx \"\"q\"\"\" ON u (\"email\");\n";

static void assert_index_sql(dbt_dialect_kind kind, const char *name, const char *want)
{
	dbt_schema *s = parse_for(kind, index_model);
	dbt_index *ix = dbt_schema_find_index(s, name);
	dbt_buf b = DBT_BUF_INIT;

	assert_non_null(ix);
	assert_sql(&b, dbt_render_create_index(&b, kind, ix), want);
	dbt_schema_free(s);
}

static void test_create_index_writes_unique_expressions_desc_and_where(void **state)
{
	int k;

	(void)state;
	for (k = SQLITE; k <= PG; k++) {
		assert_index_sql(k, "ux_email",
				 "CREATE UNIQUE INDEX ux_email ON u ((lower(email)));\n");
		assert_index_sql(k, "ix_recent",
				 "CREATE INDEX ix_recent ON u (created DESC, id, (length(email)) "
				 "DESC) "
				 "WHERE active;\n");
		assert_index_sql(k, "u_email_idx", "CREATE INDEX u_email_idx ON u (email);\n");
		assert_index_sql(k, "Idx \"q\"", "CREATE INDEX \"Idx \"\"q\"\"\" ON u (email);\n");
	}
}

static void test_drop_table_and_index_quote_names(void **state)
{
	dbt_schema *s = parse(index_model);
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_sql(&b, dbt_render_drop_table(&b, PG, "order"), "DROP TABLE \"order\";\n");
	assert_sql(&b, dbt_render_drop_table(&b, SQLITE, "Users"), "DROP TABLE \"Users\";\n");
	assert_sql(&b, dbt_render_drop_index(&b, SQLITE, dbt_schema_find_index(s, "ix_recent")),
		   "DROP INDEX ix_recent;\n");
	assert_sql(&b, dbt_render_drop_index(&b, PG, dbt_schema_find_index(s, "Idx \"q\"")),
		   "DROP INDEX \"Idx \"\"q\"\"\";\n");
	dbt_schema_free(s);
}

/* drop-all's statement: PostgreSQL names every table in one DROP TABLE,
 * qualified; SQLite drops them one by one, in the list's order, with the
 * foreign-key check deferred to the commit. */
static void test_drop_tables_drops_a_list_at_once(void **state)
{
	const dbt_table_name t[] = {{"app", "b"}, {"app", "Order"}, {"public", "dbtool_version"}};
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_sql(&b, dbt_dialect_postgres.drop_tables(&b, t, 3),
		   "DROP TABLE app.b, app.\"Order\", public.dbtool_version;\n");
	assert_sql(&b, dbt_dialect_sqlite.drop_tables(&b, t, 2),
		   "PRAGMA defer_foreign_keys = ON;\nDROP TABLE b;\nDROP TABLE \"Order\";\n");
	assert_sql(&b, dbt_dialect_postgres.drop_tables(&b, t, 0), "");
	assert_sql(&b, dbt_dialect_sqlite.drop_tables(&b, t, 0), "");
}

static void test_unknown_dialect_is_an_error(void **state)
{
	dbt_schema *s = parse(index_model);
	const dbt_dialect_kind bad = (dbt_dialect_kind)7;
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op = object_op(DBT_OP_DROP_TABLE, table_of(s, "u"));

	(void)state;
	assert_int_equal(dbt_render_drop_table(&b, bad, "u"), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "unsupported database kind");
	assert_int_equal(dbt_render_create_table(&b, bad, table_of(s, "u"), NULL, NULL), DBT_ERROR);
	assert_int_equal(dbt_render_create_index(&b, bad, s->indexes[0]), DBT_ERROR);
	assert_int_equal(dbt_render_drop_index(&b, bad, s->indexes[0]), DBT_ERROR);
	assert_int_equal(dbt_render_op(&b, bad, &op), DBT_ERROR);
	assert_int_equal(dbt_schema_adapt(s, bad), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "unsupported database kind");
	assert_int_equal(b.len, 0);
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

/* ------------------------------------------------ ops on both dialects */

static void test_op_create_table_without_deferral_keeps_every_fk(void **state)
{
	dbt_schema *s = parse(cycle_model);
	dbt_op op = object_op(DBT_OP_CREATE_TABLE, table_of(s, "b"));

	(void)state;
	assert_op_sql(SQLITE, &op,
		      "CREATE TABLE b (\n"
		      "    id INTEGER NOT NULL,\n"
		      "    a_id INTEGER,\n"
		      "    CONSTRAINT b_pkey PRIMARY KEY (id),\n"
		      "    CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id)\n"
		      ");\n");
	dbt_schema_free(s);
}

static void test_op_create_table_with_deferred_fks_keeps_self_references(void **state)
{
	dbt_schema *s = parse(cycle_model);
	dbt_op op = object_op(DBT_OP_CREATE_TABLE, table_of(s, "a"));

	(void)state;
	op.fks_deferred = 1;
	assert_op_sql(PG, &op, cycle_a_without_b);
	assert_op_sql(SQLITE, &op, cycle_a_without_b);
	dbt_schema_free(s);
}

static void test_op_drop_table_and_index(void **state)
{
	dbt_schema *s = parse(index_model);
	dbt_op op = object_op(DBT_OP_DROP_TABLE, table_of(s, "u"));
	int k;

	(void)state;
	for (k = SQLITE; k <= PG; k++) {
		op.kind = DBT_OP_DROP_TABLE;
		assert_op_sql(k, &op, "DROP TABLE u;\n");
		op.kind = DBT_OP_ADD_INDEX;
		op.index = dbt_schema_find_index(s, "ux_email");
		assert_op_sql(k, &op, "CREATE UNIQUE INDEX ux_email ON u ((lower(email)));\n");
		op.kind = DBT_OP_DROP_INDEX;
		assert_op_sql(k, &op, "DROP INDEX ux_email;\n");
	}
	dbt_schema_free(s);
}

/* ------------------------------------------------------ PostgreSQL ops */

static const char users_from[] =
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30), age INTEGER DEFAULT 0,\n"
	"  code INTEGER, data BLOB, tag TEXT COLLATE \"C\");";
static const char users_to[] =
	"CREATE TABLE users (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
	"  name VARCHAR(50) COLLATE \"C\" NOT NULL, age INTEGER DEFAULT 1 + 1, data BLOB NOT "
	"NULL,\n"
	"  tag TEXT, email TEXT NOT NULL DEFAULT '', nick TEXT,\n"
	"  CONSTRAINT ck_age CHECK (age >= 0), CONSTRAINT uq_name UNIQUE (name));";

static void test_postgres_add_and_drop_column(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "email");
	assert_op_sql(PG, &op, "ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';\n");
	op = column_op(&p, DBT_OP_DROP_COLUMN, "users", "code");
	assert_op_sql(PG, &op, "ALTER TABLE users DROP COLUMN code;\n");
	pair_free(&p);
}

static void test_postgres_add_column_writes_serial_and_identity(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (x INTEGER)",
		   "CREATE TABLE t (x INTEGER, s BIGSERIAL, i SMALLINT GENERATED BY DEFAULT AS "
		   "IDENTITY)");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "s");
	assert_op_sql(PG, &op, "ALTER TABLE t ADD COLUMN s BIGSERIAL NOT NULL;\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "i");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ADD COLUMN i SMALLINT GENERATED BY DEFAULT AS IDENTITY NOT "
		      "NULL;\n");
	pair_free(&p);
}

/* Without USING, PostgreSQL's assignment cast refuses a VARCHAR value
 * that is too long, where an explicit cast would cut it. */
static void test_postgres_alter_type_with_collation_and_no_cast_where_assignment_works(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "name");
	assert_op_sql(PG, &op,
		      "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(50) COLLATE \"C\";\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(30);\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "tag");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN tag TYPE TEXT;\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "data");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN data TYPE BYTEA;\n");
	pair_free(&p);
}

static void test_postgres_alter_type_casts_only_where_no_assignment_cast_exists(void **state)
{
	static const char *const want[][2] = {
		{"a", "ALTER TABLE k ALTER COLUMN a TYPE INTEGER USING a::INTEGER;\n"},
		{"b", "ALTER TABLE k ALTER COLUMN b TYPE BOOLEAN USING b::BOOLEAN;\n"},
		{"c", "ALTER TABLE k ALTER COLUMN c TYPE TIMESTAMP WITH TIME ZONE;\n"},
		{"d", "ALTER TABLE k ALTER COLUMN d TYPE TIME WITH TIME ZONE;\n"},
		{"e", "ALTER TABLE k ALTER COLUMN e TYPE TIME USING e::TIME;\n"},
		{"f", "ALTER TABLE k ALTER COLUMN f TYPE TEXT;\n"},
		{"g", "ALTER TABLE k ALTER COLUMN g TYPE JSON USING g::JSON;\n"},
		{"h", "ALTER TABLE k ALTER COLUMN h TYPE SMALLINT;\n"},
		{"i", "ALTER TABLE k ALTER COLUMN i TYPE DATE;\n"},
	};
	struct pair p;
	dbt_op op;
	size_t i;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE k (a TEXT, b INTEGER, c DATE, d TIME, e TIMESTAMP, f JSON, g "
		   "TEXT,\n"
		   "  h DOUBLE PRECISION, i TIMESTAMP WITH TIME ZONE)",
		   "CREATE TABLE k (a INTEGER, b BOOLEAN, c TIMESTAMP WITH TIME ZONE,\n"
		   "  d TIME WITH TIME ZONE, e TIME, f TEXT, g JSON, h SMALLINT, i DATE)");
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		op = column_op(&p, DBT_OP_ALTER_TYPE, "k", want[i][0]);
		assert_op_sql(PG, &op, want[i][1]);
	}
	pair_free(&p);
}

/* PostgreSQL casts a column's default neither with USING nor away from a
 * type of its own: the default goes before the change and the model's
 * comes back after it, as it does when the default changes with the
 * type (the downgrade sets it before the type, the ops reversed). */
static void test_postgres_alter_type_sets_the_default_again_after_the_type(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE k (a VARCHAR(10) DEFAULT '0', b ship DEFAULT 'sent', "
		   "c INTEGER DEFAULT 0, d SMALLINT DEFAULT 1)",
		   "CREATE TABLE k (a INTEGER DEFAULT 0, b TEXT DEFAULT 'sent', "
		   "c VARCHAR(10) DEFAULT '0', d INTEGER DEFAULT 1)");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "a");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN a DROP DEFAULT;\n"
		      "ALTER TABLE k ALTER COLUMN a TYPE INTEGER USING a::INTEGER;\n"
		      "ALTER TABLE k ALTER COLUMN a SET DEFAULT 0;\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "b");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN b DROP DEFAULT;\n"
		      "ALTER TABLE k ALTER COLUMN b TYPE TEXT;\n"
		      "ALTER TABLE k ALTER COLUMN b SET DEFAULT 'sent';\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "c");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN c TYPE VARCHAR(10);\n"
		      "ALTER TABLE k ALTER COLUMN c SET DEFAULT '0';\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "d");
	assert_op_sql(PG, &op, "ALTER TABLE k ALTER COLUMN d TYPE INTEGER;\n");
	pair_free(&p);
}

/* PostgreSQL keeps a default's stored expression through ALTER TYPE, its
 * string of the old type ('x'::bpchar in a varchar column, a timestamp
 * literal in a timestamptz column): a default with a string in it is set
 * again after the change, unchanged as it is; a number is not. */
static void test_postgres_alter_type_sets_a_string_default_again(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE k (a CHAR(3) DEFAULT 'x', "
		   "b TIMESTAMP DEFAULT '2020-01-01 10:00:00', d NUMERIC(10,2) DEFAULT 1.5)",
		   "CREATE TABLE k (a VARCHAR(20) DEFAULT 'x', "
		   "b TIMESTAMPTZ DEFAULT '2020-01-01 10:00:00', d NUMERIC(12,4) DEFAULT 1.5)");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "a");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN a TYPE VARCHAR(20);\n"
		      "ALTER TABLE k ALTER COLUMN a SET DEFAULT 'x';\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN a TYPE CHAR(3);\n"
		      "ALTER TABLE k ALTER COLUMN a SET DEFAULT 'x';\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "b");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN b TYPE TIMESTAMP WITH TIME ZONE;\n"
		      "ALTER TABLE k ALTER COLUMN b SET DEFAULT '2020-01-01 10:00:00';\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "d");
	assert_op_sql(PG, &op, "ALTER TABLE k ALTER COLUMN d TYPE NUMERIC(12,4);\n");
	pair_free(&p);
}

/* PostgreSQL has no cast between two types of one's own (an enum that
 * takes another name): the rows go through text. */
static void test_postgres_alter_type_between_own_types_casts_through_text(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE k (a mood, b mood[])",
		   "CREATE TABLE k (a feeling, b feeling[])");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "a");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN a TYPE feeling USING a::text::feeling;\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "k", "b");
	assert_op_sql(PG, &op,
		      "ALTER TABLE k ALTER COLUMN b TYPE feeling[] USING b::text[]::feeling[];\n");
	pair_free(&p);
}

static void test_postgres_alter_nullability_both_ways(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ALTER_NULL, "users", "name");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;\n");
	pair_free(&p);
}

static void test_postgres_alter_default_set_and_drop(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ALTER_DEFAULT, "users", "age");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN age SET DEFAULT (1 + 1);\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN age SET DEFAULT 0;\n");
	pair_free(&p);
	pair_parse(&p, PG, "CREATE TABLE t (x INTEGER DEFAULT now())",
		   "CREATE TABLE t (x INTEGER)");
	op = column_op(&p, DBT_OP_ALTER_DEFAULT, "t", "x");
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN x DROP DEFAULT;\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN x SET DEFAULT now();\n");
	pair_free(&p);
}

static void test_postgres_alter_identity_add_drop_and_switch(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "users", "id");
	assert_op_sql(PG, &op,
		      "ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\n"
		      "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('users', 'id'), "
		      "COALESCE(MAX(id), 0) + 1, false) FROM users;\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN id DROP IDENTITY;\n");
	pair_free(&p);
	pair_parse(&p, PG, "CREATE TABLE t (x INTEGER GENERATED ALWAYS AS IDENTITY)",
		   "CREATE TABLE t (x INTEGER GENERATED BY DEFAULT AS IDENTITY)");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "x");
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN x SET GENERATED BY DEFAULT;\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN x SET GENERATED ALWAYS;\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "x");
	op.old_column = op.column; /* no change: nothing to say */
	assert_op_sql(PG, &op, "");
	pair_free(&p);
}

/* SERIAL to identity and back, and a column that becomes or stops being
 * SERIAL: rendered in place, each sequence continuing after the rows. */
static void test_postgres_alter_identity_renders_serial_changes(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE \"My T\" (x SERIAL, y BIGINT)",
		   "CREATE TABLE \"My T\" (x INTEGER GENERATED ALWAYS AS IDENTITY, y BIGSERIAL)");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "My T", "x");
	assert_op_sql(PG, &op,
		      "ALTER TABLE \"My T\" ALTER COLUMN x DROP DEFAULT;\n"
		      "DO $dbtool$ BEGIN EXECUTE 'DROP SEQUENCE ' || "
		      "pg_catalog.pg_get_serial_sequence('\"My T\"', 'x'); END $dbtool$;\n"
		      "ALTER TABLE \"My T\" ALTER COLUMN x ADD GENERATED ALWAYS AS IDENTITY;\n"
		      "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('\"My T\"', "
		      "'x'), "
		      "COALESCE(MAX(x), 0) + 1, false) FROM \"My T\";\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op,
		      "ALTER TABLE \"My T\" ALTER COLUMN x DROP IDENTITY;\n"
		      "CREATE SEQUENCE \"My T_x_seq\" AS integer OWNED BY \"My T\".x;\n"
		      "ALTER TABLE \"My T\" ALTER COLUMN x SET DEFAULT "
		      "nextval('\"My T_x_seq\"'::regclass);\n"
		      "SELECT pg_catalog.setval('\"My T_x_seq\"', COALESCE(MAX(x), 0) + 1, false) "
		      "FROM \"My T\";\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "My T", "y");
	assert_op_sql(PG, &op,
		      "CREATE SEQUENCE \"My T_y_seq\" AS bigint OWNED BY \"My T\".y;\n"
		      "ALTER TABLE \"My T\" ALTER COLUMN y SET DEFAULT "
		      "nextval('\"My T_y_seq\"'::regclass);\n"
		      "SELECT pg_catalog.setval('\"My T_y_seq\"', COALESCE(MAX(y), 0) + 1, false) "
		      "FROM \"My T\";\n");
	pair_free(&p);
}

/* The auto-increment rule: identity BY DEFAULT on PostgreSQL, the rowid
 * alias on SQLite, for a sole INTEGER or BIGINT key without a default or
 * foreign key, unless the hint opts it out. */
static void test_autoincrement_rule_and_its_hint(void **state)
{
	static const char model[] =
		"CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n"
		"CREATE TABLE b (id BIGINT PRIMARY KEY);\n"
		"CREATE TABLE c (id INT PRIMARY KEY, -- dbtool: no-autoincrement\n v TEXT);\n"
		"CREATE TABLE d (id INTEGER PRIMARY KEY DEFAULT 7);\n"
		"CREATE TABLE e (id INTEGER PRIMARY KEY REFERENCES a (id));\n"
		"CREATE TABLE f (x INTEGER, y INTEGER, PRIMARY KEY (x, y));\n"
		"CREATE TABLE g (id SMALLINT PRIMARY KEY);\n";
	dbt_schema *s;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	s = parse_for(PG, model);
	assert_int_equal(dbt_schema_autoincrement(s, PG), 0);
	assert_int_equal(column_of(table_of(s, "a"), "id")->identity, DBT_IDENTITY_BY_DEFAULT);
	assert_int_equal(column_of(table_of(s, "b"), "id")->identity, DBT_IDENTITY_BY_DEFAULT);
	assert_int_equal(column_of(table_of(s, "c"), "id")->identity, DBT_IDENTITY_NONE);
	assert_int_equal(column_of(table_of(s, "d"), "id")->identity, DBT_IDENTITY_NONE);
	assert_int_equal(column_of(table_of(s, "e"), "id")->identity, DBT_IDENTITY_NONE);
	assert_int_equal(column_of(table_of(s, "f"), "x")->identity, DBT_IDENTITY_NONE);
	assert_int_equal(column_of(table_of(s, "g"), "id")->identity, DBT_IDENTITY_NONE);
	assert_sql(&b, dbt_render_create_table(&b, PG, table_of(s, "b"), NULL, NULL),
		   "CREATE TABLE b (\n"
		   "    id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"
		   "    CONSTRAINT b_pkey PRIMARY KEY (id)\n"
		   ");\n");
	dbt_schema_free(s);

	s = parse_for(SQLITE, model);
	assert_int_equal(dbt_schema_autoincrement(s, SQLITE), 0);
	assert_sql(&b, dbt_render_create_table(&b, SQLITE, table_of(s, "b"), NULL, NULL),
		   "CREATE TABLE b (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    CONSTRAINT b_pkey PRIMARY KEY (id)\n"
		   ");\n");
	assert_sql(&b, dbt_render_create_table(&b, SQLITE, table_of(s, "c"), NULL, NULL),
		   "CREATE TABLE c (\n"
		   "    id INT, -- dbtool: no-autoincrement\n"
		   "    v TEXT,\n"
		   "    CONSTRAINT c_pkey PRIMARY KEY (id)\n"
		   ");\n");
	dbt_schema_free(s);

	/* The hint where the rule does not apply names the column. */
	s = parse_for(PG,
		      "CREATE TABLE t (\n  id TEXT PRIMARY KEY -- dbtool: no-autoincrement\n);");
	assert_int_equal(dbt_schema_autoincrement(s, PG), DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "2:3: column 't.id' has the hint '-- dbtool: no-autoincrement', which "
			    "only a table's sole INTEGER or BIGINT primary-key column without a "
			    "default, identity or foreign key takes");
	dbt_schema_free(s);
}

static void test_postgres_alter_generated_drops_and_adds_or_drops_the_expression(void **state)
{
	struct pair p;
	dbt_op op, inv;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE t (a INTEGER, g INTEGER GENERATED ALWAYS AS (a + 1) STORED,\n"
		   "  h INTEGER GENERATED ALWAYS AS (a) STORED, k NUMERIC(10,2) NOT NULL)",
		   "CREATE TABLE t (a INTEGER, g BIGINT GENERATED ALWAYS AS (a * 2) STORED NOT "
		   "NULL,\n"
		   "  h INTEGER, k NUMERIC(10,2) GENERATED ALWAYS AS (a / 3.0) STORED NOT NULL)");
	op = column_op(&p, DBT_OP_ALTER_GENERATED, "t", "g");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t DROP COLUMN g;\n"
		      "ALTER TABLE t ADD COLUMN g BIGINT GENERATED ALWAYS AS (a * 2) STORED NOT "
		      "NULL;\n");
	/* A generated column changes type without USING. */
	op = column_op(&p, DBT_OP_ALTER_TYPE, "t", "g");
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN g TYPE BIGINT;\n");
	op = column_op(&p, DBT_OP_ALTER_GENERATED, "t", "h");
	assert_op_sql(PG, &op, "ALTER TABLE t ALTER COLUMN h DROP EXPRESSION;\n");
	inv = swapped(&p, &op);
	assert_op_sql(PG, &inv,
		      "ALTER TABLE t DROP COLUMN h;\n"
		      "ALTER TABLE t ADD COLUMN h INTEGER GENERATED ALWAYS AS (a) STORED;\n");
	op = column_op(&p, DBT_OP_ALTER_GENERATED, "t", "k");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t DROP COLUMN k;\n"
		      "ALTER TABLE t ADD COLUMN k NUMERIC(10,2) GENERATED ALWAYS AS (a / 3.0) "
		      "STORED "
		      "NOT NULL;\n");
	pair_free(&p);
}

static void test_postgres_alter_options_is_refused(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (a INT PRIMARY KEY) STRICT");
	dbt_op op = object_op(DBT_OP_ALTER_OPTIONS, table_of(s, "t"));

	(void)state;
	assert_op_error(PG, &op,
			"cannot change the options of table 't' on PostgreSQL: STRICT and WITHOUT "
			"ROWID are SQLite's");
	assert_rebuild(&op);
	dbt_schema_free(s);
}

/* Options that take an identity's range where the old one does not
 * reach: the range is widened to hold both, the sequence moved into the
 * new one where it is outside, then the options set; a range that only
 * grows needs neither. */
static void test_postgres_identity_options_move_the_sequence_into_a_new_range(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE t (id INT GENERATED BY DEFAULT AS IDENTITY (MINVALUE 1 MAXVALUE "
		   "1000),\n"
		   "  n INT GENERATED BY DEFAULT AS IDENTITY (MINVALUE 10 MAXVALUE 20));\n",
		   "CREATE TABLE t (id INT GENERATED BY DEFAULT AS IDENTITY (INCREMENT BY -1 "
		   "MINVALUE -100 MAXVALUE -1 START WITH -1),\n"
		   "  n INT GENERATED BY DEFAULT AS IDENTITY (MINVALUE 1 MAXVALUE 30));\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "id");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN id SET MINVALUE -100 SET MAXVALUE 1000;\n"
		      "DO $dbtool$ DECLARE s regclass := pg_catalog.pg_get_serial_sequence('t', "
		      "'id'); v bigint; c boolean; BEGIN EXECUTE 'SELECT last_value, is_called "
		      "FROM ' || s INTO v, c; IF v < -100 OR v > -1 THEN PERFORM "
		      "pg_catalog.setval(s, CASE WHEN c THEN LEAST(GREATEST(v, -100), -1) ELSE -1 "
		      "END, c); END IF; END $dbtool$;\n"
		      "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY -1 SET MINVALUE -100 SET "
		      "MAXVALUE -1 SET START WITH -1;\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN id SET MINVALUE -100 SET MAXVALUE 1000;\n"
		      "DO $dbtool$ DECLARE s regclass := pg_catalog.pg_get_serial_sequence('t', "
		      "'id'); v bigint; c boolean; BEGIN EXECUTE 'SELECT last_value, is_called "
		      "FROM ' || s INTO v, c; IF v < 1 OR v > 1000 THEN PERFORM "
		      "pg_catalog.setval(s, CASE WHEN c THEN LEAST(GREATEST(v, 1), 1000) ELSE 1 "
		      "END, c); END IF; END $dbtool$;\n"
		      "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 1 SET MINVALUE 1 SET "
		      "MAXVALUE 1000 SET START WITH 1;\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "n");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN n SET MINVALUE 1 SET MAXVALUE 30 SET START WITH "
		      "1;\n");
	/* Narrowed within the old range: nothing to widen. */
	op = swapped(&p, &op);
	assert_op_sql(PG, &op,
		      "DO $dbtool$ DECLARE s regclass := pg_catalog.pg_get_serial_sequence('t', "
		      "'n'); v bigint; c boolean; BEGIN EXECUTE 'SELECT last_value, is_called "
		      "FROM ' || s INTO v, c; IF v < 10 OR v > 20 THEN PERFORM "
		      "pg_catalog.setval(s, CASE WHEN c THEN LEAST(GREATEST(v, 10), 20) ELSE 10 "
		      "END, c); END IF; END $dbtool$;\n"
		      "ALTER TABLE t ALTER COLUMN n SET MINVALUE 10 SET MAXVALUE 20 SET START WITH "
		      "10;\n");
	pair_free(&p);
}

static void test_postgres_unlogged_include_nulls_and_identity_options(void **state)
{
	struct pair p;
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op, inv;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (id INT GENERATED ALWAYS AS IDENTITY, a INT, b INT);\n",
		   "CREATE UNLOGGED TABLE t (id INT GENERATED ALWAYS AS IDENTITY (START WITH 100 "
		   "INCREMENT BY 5 CYCLE),\n"
		   "  a INT, b INT, UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b));\n"
		   "CREATE UNIQUE INDEX t_b ON t (b) INCLUDE (a, id) NULLS NOT DISTINCT WHERE b > "
		   "0;\n");
	assert_sql(&b, dbt_render_create_table(&b, PG, table_of(p.to, "t"), NULL, NULL),
		   "CREATE UNLOGGED TABLE t (\n"
		   "    id INTEGER GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5 "
		   "CYCLE) NOT NULL,\n"
		   "    a INTEGER,\n"
		   "    b INTEGER,\n"
		   "    CONSTRAINT t_a_b_key UNIQUE NULLS NOT DISTINCT (a) INCLUDE (b)\n"
		   ");\n");
	assert_sql(&b, dbt_render_create_index(&b, PG, p.to->indexes[0]),
		   "CREATE UNIQUE INDEX t_b ON t (b) INCLUDE (a, id) NULLS NOT DISTINCT WHERE b > "
		   "0;\n");
	op = object_op(DBT_OP_ALTER_OPTIONS, table_of(p.to, "t"));
	op.old_table = table_of(p.from, "t");
	assert_op_sql(PG, &op, "ALTER TABLE t SET UNLOGGED;\n");
	op.table = table_of(p.from, "t");
	op.old_table = table_of(p.to, "t");
	assert_op_sql(PG, &op, "ALTER TABLE t SET LOGGED;\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "id");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 5 SET START WITH 100 SET "
		      "CYCLE;\n");
	inv = swapped(&p, &op);
	assert_op_sql(PG, &inv,
		      "ALTER TABLE t ALTER COLUMN id SET INCREMENT BY 1 SET START WITH 1 SET NO "
		      "CYCLE;\n");
	op = column_op(&p, DBT_OP_ADD_UNIQUE, "t", "a");
	op.key = table_of(p.to, "t")->uniques[0];
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ADD CONSTRAINT t_a_b_key UNIQUE NULLS NOT DISTINCT (a) "
		      "INCLUDE "
		      "(b);\n");
	pair_free(&p);
}

static void test_postgres_deferrable_keys(void **state)
{
	struct pair p;
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (id INT PRIMARY KEY, a INT UNIQUE);\n",
		   "CREATE TABLE t (id INT PRIMARY KEY DEFERRABLE,\n"
		   "  a INT UNIQUE INITIALLY DEFERRED);\n");
	assert_sql(&b, dbt_render_create_table(&b, PG, table_of(p.to, "t"), NULL, NULL),
		   "CREATE TABLE t (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    a INTEGER,\n"
		   "    CONSTRAINT t_pkey PRIMARY KEY (id) DEFERRABLE INITIALLY IMMEDIATE,\n"
		   "    CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE INITIALLY DEFERRED\n"
		   ");\n");
	op = column_op(&p, DBT_OP_ADD_UNIQUE, "t", "a");
	op.key = table_of(p.to, "t")->uniques[0];
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a) DEFERRABLE INITIALLY "
		      "DEFERRED;\n");
	pair_free(&p);
}

static void test_postgres_storage_parameters(void **state)
{
	struct pair p;
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE t (id INT PRIMARY KEY, a INT) WITH (fillfactor = 90, "
		   "autovacuum_enabled = false);\n",
		   "CREATE TABLE t (id INT PRIMARY KEY WITH (fillfactor = 80), a INT)"
		   " WITH (fillfactor = 70, toast_tuple_target = 4096);\n"
		   "CREATE INDEX i ON t (a) WITH (fillfactor = 60);\n");
	assert_sql(&b, dbt_render_create_table(&b, PG, table_of(p.to, "t"), NULL, NULL),
		   "CREATE TABLE t (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    a INTEGER,\n"
		   "    CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor='80')\n"
		   ") WITH (fillfactor='70', toast_tuple_target='4096');\n");
	assert_sql(&b, dbt_render_create_index(&b, PG, p.to->indexes[0]),
		   "CREATE INDEX i ON t (a) WITH (fillfactor='60');\n");
	op = object_op(DBT_OP_ALTER_OPTIONS, table_of(p.to, "t"));
	op.old_table = table_of(p.from, "t");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t RESET (autovacuum_enabled);\n"
		      "ALTER TABLE t SET (fillfactor='70', toast_tuple_target='4096');\n");
	op.table = table_of(p.from, "t");
	op.old_table = table_of(p.to, "t");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t RESET (toast_tuple_target);\n"
		      "ALTER TABLE t SET (autovacuum_enabled='false', fillfactor='90');\n");
	pair_free(&p);
}

static void test_postgres_column_statistics_and_storage(void **state)
{
	struct pair p;
	dbt_table *from, *to;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG,
		   "CREATE TABLE t (a TEXT, b TEXT);\n"
		   "ALTER TABLE t ALTER COLUMN b SET STORAGE MAIN;\n",
		   "CREATE TABLE t (a TEXT, b TEXT);\n"
		   "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;\n");
	from = table_of(p.from, "t");
	to = table_of(p.to, "t");
	/* The type's own storage, as reflection reads it. */
	from->columns[1]->type_storage = to->columns[1]->type_storage = 'x';
	op = object_op(DBT_OP_ALTER_OPTIONS, to);
	op.old_table = from;
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;\n"
		      "ALTER TABLE t ALTER COLUMN b SET STORAGE EXTENDED;\n");
	op.table = from;
	op.old_table = to;
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN a SET STATISTICS -1;\n"
		      "ALTER TABLE t ALTER COLUMN b SET STORAGE MAIN;\n");
	pair_free(&p);
}

static void test_postgres_check_no_inherit(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (a INT);\n",
		   "CREATE TABLE t (a INT CONSTRAINT t_a CHECK (a > 0) NO INHERIT);\n");
	op = column_op(&p, DBT_OP_ADD_CHECK, "t", "a");
	op.check = table_of(p.to, "t")->checks[0];
	assert_op_sql(PG, &op, "ALTER TABLE t ADD CONSTRAINT t_a CHECK (a > 0) NO INHERIT;\n");
	pair_free(&p);
	pair_parse(&p, PG, "CREATE TABLE t (a INT PRIMARY KEY, b INT);\n",
		   "CREATE TABLE t (a INT PRIMARY KEY, b INT REFERENCES t ON DELETE SET DEFAULT "
		   "(b));\n");
	op = column_op(&p, DBT_OP_ADD_FK, "t", "b");
	op.fk = table_of(p.to, "t")->fks[0];
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ADD CONSTRAINT t_b_fkey FOREIGN KEY (b) REFERENCES t (a) ON "
		      "DELETE SET DEFAULT (b);\n");
	pair_free(&p);
}

static void test_postgres_identity_gains_options_when_added(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (id BIGINT NOT NULL);\n",
		   "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY (MINVALUE 10 "
		   "MAXVALUE 1000));\n");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "id");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY "
		      "(MINVALUE 10 MAXVALUE 1000);\n"
		      "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence('t', 'id'), "
		      "GREATEST(COALESCE(MAX(id), 0) + 1, 10), false) FROM t;\n");
	pair_free(&p);
}

static void test_adapt_sqlite_refuses_postgres_table_key_and_index_forms(void **state)
{
	static const struct {
		const char *model, *msg;
	} cases[] = {
		{"CREATE UNLOGGED TABLE t (a INT)",
		 "1:8: table 't' is UNLOGGED, which SQLite does not support"},
		{"CREATE TABLE t (a INT);\nCREATE TABLE e ()",
		 "2:14: table 'e' has no columns, which SQLite does not allow"},
		{"CREATE TABLE t (a INT, b INT);\nALTER TABLE t DROP COLUMN a, DROP COLUMN b;",
		 "1:14: table 't' has no columns, which SQLite does not allow"},
		{"CREATE TABLE t (a INT, b INT, UNIQUE (a) INCLUDE (b))",
		 "1:42: a key of table 't' has INCLUDE columns, which SQLite does not have"},
		{"CREATE TABLE t (a INT UNIQUE NULLS NOT DISTINCT)",
		 "1:30: a key of table 't' has NULLS NOT DISTINCT, which SQLite does not have"},
		{"CREATE TABLE t (a INT PRIMARY KEY DEFERRABLE)",
		 "1:35: a key of table 't' has DEFERRABLE, which SQLite does not have"},
		{"CREATE TABLE t (a INT) WITH (fillfactor = 70)",
		 "1:24: table 't' has storage parameters (WITH (...)), which SQLite does not have"},
		{"CREATE TABLE t (a INT UNIQUE WITH (fillfactor = 70))",
		 "1:30: a key of table 't' has storage parameters (WITH (...)), which SQLite does "
		 "not have"},
		{"CREATE TABLE t (a INT);\nCREATE INDEX i ON t (a) WITH (fillfactor = 70)",
		 "2:25: index 'i' has storage parameters (WITH (...)), which SQLite does not have"},
		{"CREATE TABLE t (a INT PRIMARY KEY, b INT REFERENCES t ON DELETE SET NULL (b))",
		 "1:74: foreign key 't_b_fkey' of table 't' sets only some of its columns (ON "
		 "DELETE SET ... (columns)), which SQLite does not have"},
		{"CREATE TABLE t (a INT CHECK (a > 0) NO INHERIT)",
		 "1:37: a CHECK of table 't' is NO INHERIT, which SQLite does not have"},
		{"CREATE TABLE t (a INT);\nCREATE INDEX i ON t (a) INCLUDE (a)",
		 "2:25: index 'i' has INCLUDE columns, which SQLite does not have"},
		{"CREATE TABLE t (a INTEGER GENERATED ALWAYS AS IDENTITY (CACHE 5) PRIMARY KEY)",
		 "1:56: column 't.a' has identity sequence options, which SQLite does not have"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dbt_schema *s = parse(cases[i].model);

		assert_int_equal(dbt_schema_adapt(s, SQLITE), DBT_EPARSE);
		assert_string_equal(dbt_error_last(), cases[i].msg);
		dbt_schema_free(s);
	}
}

static void test_postgres_add_and_drop_constraints(void **state)
{
	struct pair p;
	dbt_table *from, *to;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	from = table_of(p.from, "users");
	to = table_of(p.to, "users");
	op = object_op(DBT_OP_ADD_CHECK, to);
	op.check = to->checks[0];
	assert_op_sql(PG, &op, "ALTER TABLE users ADD CONSTRAINT ck_age CHECK (age >= 0);\n");
	op.kind = DBT_OP_DROP_CHECK;
	assert_op_sql(PG, &op, "ALTER TABLE users DROP CONSTRAINT ck_age;\n");
	op = object_op(DBT_OP_ADD_UNIQUE, to);
	op.key = to->uniques[0];
	assert_op_sql(PG, &op, "ALTER TABLE users ADD CONSTRAINT uq_name UNIQUE (name);\n");
	op.kind = DBT_OP_DROP_UNIQUE;
	assert_op_sql(PG, &op, "ALTER TABLE users DROP CONSTRAINT uq_name;\n");
	op = object_op(DBT_OP_DROP_PK, from);
	op.key = from->pk;
	assert_op_sql(PG, &op, "ALTER TABLE users DROP CONSTRAINT users_pkey;\n");
	op.kind = DBT_OP_ADD_PK;
	assert_op_sql(PG, &op, "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n");
	pair_free(&p);
}

static void test_postgres_add_and_drop_foreign_key(void **state)
{
	dbt_schema *s = parse(fk_model);
	dbt_table *t = table_of(s, "ch");
	dbt_op op = object_op(DBT_OP_ADD_FK, t);

	(void)state;
	op.fk = t->fks[1];
	assert_op_sql(PG, &op,
		      "ALTER TABLE ch ADD CONSTRAINT fk_pair FOREIGN KEY (k1, k2) REFERENCES p "
		      "(k1, k2) "
		      "ON DELETE SET DEFAULT ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED;\n");
	op.kind = DBT_OP_DROP_FK;
	assert_op_sql(PG, &op, "ALTER TABLE ch DROP CONSTRAINT fk_pair;\n");
	dbt_schema_free(s);
}

static void test_postgres_ops_quote_every_name(void **state)
{
	struct pair p;
	dbt_table *to;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE \"Order\" (\"select\" INTEGER)",
		   "CREATE TABLE \"Order\" (\"select\" BIGINT NOT NULL, \"user\" TEXT,\n"
		   "  CONSTRAINT \"Check\" CHECK (\"select\" > 0))");
	to = table_of(p.to, "Order");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "Order", "select");
	assert_op_sql(PG, &op, "ALTER TABLE \"Order\" ALTER COLUMN \"select\" TYPE BIGINT;\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "Order", "user");
	assert_op_sql(PG, &op, "ALTER TABLE \"Order\" ADD COLUMN \"user\" TEXT;\n");
	op = object_op(DBT_OP_ADD_CHECK, to);
	op.check = to->checks[0];
	assert_op_sql(PG, &op,
		      "ALTER TABLE \"Order\" ADD CONSTRAINT \"Check\" CHECK (\"select\" > 0);\n");
	op.kind = DBT_OP_DROP_CHECK;
	assert_op_sql(PG, &op, "ALTER TABLE \"Order\" DROP CONSTRAINT \"Check\";\n");
	pair_free(&p);
}

/* ---------------------------------------------------------- SQLite ops */

static void test_sqlite_add_column_when_alter_table_allows_it(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, SQLITE, users_from, users_to);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "email");
	assert_op_sql(SQLITE, &op,
		      "ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "nick");
	assert_op_sql(SQLITE, &op, "ALTER TABLE users ADD COLUMN nick TEXT;\n");
	pair_free(&p);
}

static void test_sqlite_add_column_needing_rebuild_is_refused(void **state)
{
	static const char *const columns[] = {"nn", "fn", "ts", "k", "u", "expr"};
	struct pair p;
	dbt_op op;
	size_t i;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INTEGER)",
		   "CREATE TABLE t (id INTEGER, nn TEXT NOT NULL, fn TEXT DEFAULT lower('A'),\n"
		   "  ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP, k INTEGER, u INTEGER UNIQUE,\n"
		   "  expr INTEGER DEFAULT 1 + 1, ok INTEGER NOT NULL DEFAULT -1,\n"
		   "  PRIMARY KEY (id, k))");
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		op = column_op(&p, DBT_OP_ADD_COLUMN, "t", columns[i]);
		assert_rebuild(&op);
	}
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "ok");
	assert_op_sql(SQLITE, &op, "ALTER TABLE t ADD COLUMN ok INTEGER NOT NULL DEFAULT -1;\n");
	pair_free(&p);
}

static void
test_sqlite_adds_virtual_generated_columns_in_place_and_rebuilds_for_stored(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (a INTEGER, b INTEGER AS (a) STORED, c INTEGER)",
		   "CREATE TABLE t (a INTEGER, v INTEGER AS (a + 1), s INTEGER AS (a + 2) STORED,\n"
		   "  n INTEGER AS (a + 3) NOT NULL, c INTEGER)");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "v");
	assert_op_sql(SQLITE, &op,
		      "ALTER TABLE t ADD COLUMN v INTEGER GENERATED ALWAYS AS (a + 1) VIRTUAL;\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "s");
	assert_rebuild(&op);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "n");
	assert_rebuild(&op);
	/* Nor can SQLite drop a STORED column, or one an expression uses. */
	op = column_op(&p, DBT_OP_DROP_COLUMN, "t", "b");
	assert_rebuild(&op);
	pair_free(&p);
	pair_parse(&p, SQLITE, "CREATE TABLE t (a INTEGER, b INTEGER AS (a) VIRTUAL, c INTEGER)",
		   "CREATE TABLE t (b INTEGER, c INTEGER)");
	op = column_op(&p, DBT_OP_DROP_COLUMN, "t", "a");
	assert_rebuild(&op);
	pair_free(&p);
}

static void test_sqlite_drop_column_when_alter_table_allows_it(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, SQLITE, users_from, users_to);
	op = column_op(&p, DBT_OP_DROP_COLUMN, "users", "code");
	assert_op_sql(SQLITE, &op, "ALTER TABLE users DROP COLUMN code;\n");
	pair_free(&p);
}

static void test_sqlite_drop_column_used_by_a_constraint_is_refused(void **state)
{
	static const char *const columns[] = {"k", "u", "r", "c", "Weird Col"};
	struct pair p;
	dbt_op op;
	size_t i;

	(void)state;
	pair_parse(&p, SQLITE,
		   "CREATE TABLE o (id INTEGER PRIMARY KEY);\n"
		   "CREATE TABLE t (id INTEGER, k INTEGER, u INTEGER UNIQUE, r INTEGER REFERENCES "
		   "o (id),\n"
		   "  c INTEGER CHECK (C > 0), \"Weird Col\" INTEGER, cc INTEGER, x INTEGER,\n"
		   "  CHECK (\"weird col\" < cc), PRIMARY KEY (id, k))",
		   "CREATE TABLE t (id INTEGER PRIMARY KEY)");
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		op = column_op(&p, DBT_OP_DROP_COLUMN, "t", columns[i]);
		assert_rebuild(&op);
	}
	op = column_op(&p, DBT_OP_DROP_COLUMN, "t", "x");
	assert_op_sql(SQLITE, &op, "ALTER TABLE t DROP COLUMN x;\n");
	pair_free(&p);
}

static void test_sqlite_alters_and_constraint_ops_need_rebuild(void **state)
{
	static const dbt_op_kind alters[] = {DBT_OP_ALTER_TYPE, DBT_OP_ALTER_NULL,
					     DBT_OP_ALTER_DEFAULT, DBT_OP_ALTER_IDENTITY};
	struct pair p;
	dbt_table *to;
	dbt_op op;
	size_t i;

	(void)state;
	pair_parse(&p, SQLITE, users_from, users_to);
	to = table_of(p.to, "users");
	for (i = 0; i < sizeof(alters) / sizeof(alters[0]); i++) {
		op = column_op(&p, alters[i], "users", "name");
		assert_rebuild(&op);
	}
	op = object_op(DBT_OP_ADD_PK, to);
	op.key = to->pk;
	assert_rebuild(&op);
	op.kind = DBT_OP_DROP_PK;
	assert_rebuild(&op);
	op.kind = DBT_OP_ADD_UNIQUE;
	op.key = to->uniques[0];
	assert_rebuild(&op);
	op.kind = DBT_OP_DROP_UNIQUE;
	assert_rebuild(&op);
	op = object_op(DBT_OP_ADD_CHECK, to);
	op.check = to->checks[0];
	assert_rebuild(&op);
	op.kind = DBT_OP_DROP_CHECK;
	assert_rebuild(&op);
	pair_free(&p);
}

static void test_sqlite_foreign_key_ops_need_rebuild(void **state)
{
	dbt_schema *s = parse(fk_model);
	dbt_table *t = table_of(s, "ch");
	dbt_op op = object_op(DBT_OP_ADD_FK, t);

	(void)state;
	op.fk = t->fks[0];
	assert_rebuild(&op);
	op.kind = DBT_OP_DROP_FK;
	assert_rebuild(&op);
	dbt_schema_free(s);
}

/* ------------------------------------------------------------ adapting */

static void test_adapt_sqlite_turns_serial_key_into_autoincrement_integer(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, x TEXT)");
	dbt_column *c = column_of(table_of(s, "t"), "id");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_schema_adapt(s, SQLITE), 0);
	assert_int_equal(c->type.kind, DBT_TYPE_INTEGER);
	assert_int_equal(c->identity, DBT_IDENTITY_NONE);
	assert_int_equal(c->autoincrement, 1);
	assert_int_equal(c->not_null, 1);
	assert_sql(&b, dbt_render_create_table(&b, SQLITE, table_of(s, "t"), NULL, NULL),
		   "CREATE TABLE t (\n"
		   "    id INTEGER NOT NULL CONSTRAINT t_pkey PRIMARY KEY AUTOINCREMENT,\n"
		   "    x TEXT\n"
		   ");\n");
	dbt_schema_free(s);
}

static void test_adapt_sqlite_turns_identity_key_into_autoincrement(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (id SMALLINT GENERATED BY DEFAULT AS IDENTITY,\n"
			      "  CONSTRAINT pk_t PRIMARY KEY (id))");
	dbt_column *c = column_of(table_of(s, "t"), "id");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_schema_adapt(s, SQLITE), 0);
	assert_int_equal(c->type.kind, DBT_TYPE_INTEGER);
	assert_int_equal(c->identity, DBT_IDENTITY_NONE);
	assert_int_equal(c->autoincrement, 1);
	assert_sql(&b, dbt_render_create_table(&b, SQLITE, table_of(s, "t"), NULL, NULL),
		   "CREATE TABLE t (\n"
		   "    id INTEGER NOT NULL CONSTRAINT pk_t PRIMARY KEY AUTOINCREMENT\n"
		   ");\n");
	dbt_schema_free(s);
}

static void assert_adapt_error(const char *model, const char *msg)
{
	dbt_schema *s = parse(model);

	assert_int_equal(dbt_schema_adapt(s, SQLITE), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	dbt_schema_free(s);
}

static void assert_adapt_error_for(dbt_dialect_kind kind, const char *model, const char *msg)
{
	dbt_schema *s = parse(model);

	assert_int_equal(dbt_schema_adapt(s, kind), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	dbt_schema_free(s);
}

static void test_adapt_sqlite_refuses_what_strict_and_without_rowid_tables_refuse(void **state)
{
	(void)state;
	assert_adapt_error("CREATE TABLE t (a INT, b TEXT)\n  WITHOUT ROWID",
			   "2:3: PRIMARY KEY missing on table t");
	assert_adapt_error("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID",
			   "1:17: AUTOINCREMENT not allowed on WITHOUT ROWID tables (column "
			   "'t.id')");
	assert_adapt_error("CREATE TABLE t (id INT PRIMARY KEY,\n  name VARCHAR(20)) STRICT",
			   "2:3: unknown datatype for t.name: \"VARCHAR(20)\" (a STRICT table "
			   "takes "
			   "INT, INTEGER, REAL, TEXT, BLOB or ANY)");
	assert_adapt_error("CREATE TABLE t (id INT PRIMARY KEY, flag BOOLEAN) STRICT",
			   "1:37: unknown datatype for t.flag: \"BOOLEAN\" (a STRICT table takes "
			   "INT, INTEGER, REAL, TEXT, BLOB or ANY)");
	assert_adapt_error("CREATE TABLE t (id INT PRIMARY KEY, x) STRICT",
			   "1:37: missing datatype for t.x");
	assert_adapt_error("CREATE TABLE t (a INT, b INT AS (a) STORED PRIMARY KEY)",
			   "1:24: generated column 't.b' cannot be part of the primary key");
}

static void test_adapt_sqlite_takes_strict_types_as_sqlite_stores_them(void **state)
{
	dbt_schema *s;

	(void)state;
	/* SERIAL becomes INTEGER and BYTEA BLOB on SQLite: both are STRICT
	 * types there. */
	s = parse_for(SQLITE, "CREATE TABLE t (id SERIAL PRIMARY KEY, a int, b Real, c text,"
			      " d BYTEA, e any) STRICT");
	assert_true(table_of(s, "t")->strict);
	dbt_schema_free(s);
}

static void test_adapt_postgres_refuses_sqlite_table_options_and_virtual_columns(void **state)
{
	(void)state;
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT PRIMARY KEY)\n  STRICT",
			       "2:3: table 't' is STRICT, a table option of SQLite's that "
			       "PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT PRIMARY KEY) WITHOUT ROWID",
			       "1:36: table 't' is WITHOUT ROWID, a table option of SQLite's that "
			       "PostgreSQL does not have");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT,\n  b INT AS (a + 1))",
			       "2:9: column 't.b' is a VIRTUAL generated column, which PostgreSQL "
			       "does not have: write STORED");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT, b INT GENERATED ALWAYS AS (a) VIRTUAL)",
			       "1:30: column 't.b' is a VIRTUAL generated column, which PostgreSQL "
			       "does not have: write STORED");
}

/* MariaDB's COMMENT and ON UPDATE are refused where the model is for
 * another database, at their place; a table's COMMENT '' too. */
static void test_adapt_refuses_mariadb_comments_and_on_update(void **state)
{
	(void)state;
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT,\n  b INT COMMENT 'x')",
			       "2:9: column 't.b' has a COMMENT, which PostgreSQL does not have: "
			       "write COMMENT ON after the table");
	assert_adapt_error_for(SQLITE, "CREATE TABLE t (a INT, b INT COMMENT 'x')",
			       "1:30: column 't.b' has a COMMENT, which SQLite does not have: an "
			       "SQL comment can say it");
	assert_adapt_error_for(SQLITE,
			       "CREATE TABLE t (a INT, b DATETIME COMMENT 'x' ON UPDATE now())",
			       "1:35: column 't.b' has a COMMENT and ON UPDATE, which SQLite does "
			       "not have (a trigger can set the column instead)");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT, b TIMESTAMP ON UPDATE now())",
			       "1:36: column 't.b' has ON UPDATE, which PostgreSQL does not have "
			       "(a trigger can set the column instead)");
	assert_adapt_error_for(PG, "CREATE TABLE t (a INT)\n  COMMENT = ''",
			       "2:3: table 't' has the table option COMMENT, which PostgreSQL does "
			       "not have: write COMMENT ON after the table");
}

static void test_adapt_sqlite_refuses_serial_outside_sole_primary_key(void **state)
{
	(void)state;
	assert_adapt_error("CREATE TABLE items (\n    id INTEGER PRIMARY KEY,\n    n SERIAL\n);",
			   "3:5: column 'items.n' is SERIAL, but SQLite generates values only for "
			   "an "
			   "INTEGER PRIMARY KEY column");
	assert_adapt_error("CREATE TABLE x (a SERIAL, b INTEGER, PRIMARY KEY (a, b))",
			   "1:17: column 'x.a' is SERIAL, but SQLite generates values only for an "
			   "INTEGER PRIMARY KEY column");
	assert_adapt_error("CREATE TABLE y (\n  id BIGINT GENERATED ALWAYS AS IDENTITY\n)",
			   "2:3: column 'y.id' is GENERATED ALWAYS AS IDENTITY, but SQLite "
			   "generates "
			   "values only for an INTEGER PRIMARY KEY column");
}

static void test_adapt_sqlite_leaves_other_columns_alone(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (id BIGINT PRIMARY KEY, n SMALLINT NOT NULL);\n"
			      "CREATE TABLE u (a INTEGER PRIMARY KEY AUTOINCREMENT)");
	dbt_table *t;

	(void)state;
	assert_int_equal(dbt_schema_adapt(s, SQLITE), 0);
	t = table_of(s, "t");
	assert_int_equal(column_of(t, "id")->type.kind, DBT_TYPE_BIGINT);
	assert_int_equal(column_of(t, "id")->autoincrement, 0);
	assert_int_equal(column_of(t, "n")->type.kind, DBT_TYPE_SMALLINT);
	assert_int_equal(column_of(table_of(s, "u"), "a")->autoincrement, 1);
	assert_int_equal(column_of(table_of(s, "u"), "a")->identity, DBT_IDENTITY_NONE);
	dbt_schema_free(s);
}

static void test_adapt_postgres_turns_autoincrement_into_serial(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"
			      "CREATE TABLE u (id BIGINT GENERATED ALWAYS AS IDENTITY, n SERIAL)");
	dbt_column *c = column_of(table_of(s, "t"), "id");

	(void)state;
	assert_int_equal(dbt_schema_adapt(s, PG), 0);
	assert_int_equal(c->identity, DBT_IDENTITY_SERIAL);
	assert_int_equal(c->type.kind, DBT_TYPE_INTEGER);
	assert_int_equal(c->not_null, 1);
	assert_int_equal(column_of(table_of(s, "u"), "id")->identity, DBT_IDENTITY_ALWAYS);
	assert_int_equal(column_of(table_of(s, "u"), "n")->identity, DBT_IDENTITY_SERIAL);
	dbt_schema_free(s);
}

/* Sets `*field` to a copy of `text`, as MariaDB's reflection fills it. */
static void set_expr(char **field, const char *text)
{
	free(*field);
	*field = strdup(text);
	assert_non_null(*field);
}

/*
 * MariaDB's `names` in expressions (a schema reflected there) become
 * "names" for the other databases; a backtick that is not a name's (in a
 * PostgreSQL operator such as ||`, in a string, in a "name") stays.
 */
static void test_adapt_postgres_quotes_only_backquoted_names(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a) STORED, c text,"
			      " d text GENERATED ALWAYS AS (c) STORED)");
	dbt_table *t = table_of(s, "t");

	(void)state;
	set_expr(&column_of(t, "a")->default_expr, "`x``y` + 1");
	set_expr(&column_of(t, "b")->generated_expr, "a ||` ' ' |]] | b");
	set_expr(&column_of(t, "c")->default_expr, "'`a`' || \"`b`\" || `c\"d`");
	set_expr(&column_of(t, "d")->generated_expr, "a ||`");
	if (dbt_schema_adapt(s, PG) < 0)
		fail_msg("%s", dbt_error_last());
	assert_string_equal(column_of(t, "a")->default_expr, "\"x`y\" + 1");
	assert_string_equal(column_of(t, "b")->generated_expr, "a ||` ' ' |]] | b");
	assert_string_equal(column_of(t, "c")->default_expr, "'`a`' || \"`b`\" || \"c\"\"d\"");
	assert_string_equal(column_of(t, "d")->generated_expr, "a ||`");
	dbt_schema_free(s);
}

/* An empty `` names nothing: PostgreSQL's rendering leaves it as the
 * model's normalizer does, rather than write the empty name "", which
 * the model's own parser refuses (found by fuzz_model). */
static void test_adapt_postgres_leaves_empty_backquotes(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (a int, b int GENERATED ALWAYS AS ((``)) STORED,"
			      " c int DEFAULT (`` + `x`))");
	dbt_table *t = table_of(s, "t");

	(void)state;
	if (dbt_schema_adapt(s, PG) < 0)
		fail_msg("%s", dbt_error_last());
	assert_string_equal(column_of(t, "b")->generated_expr, "``");
	assert_string_equal(column_of(t, "c")->default_expr, "`` + x");
	dbt_schema_free(s);
}

/* ------------------------------------------------- executing on SQLite */

static const char *const exec_models[] = {
	/* users/characters */
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE);\n"
	"CREATE TABLE characters (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES "
	"users,\n"
	"  name TEXT NOT NULL);\n"
	"CREATE INDEX ON characters (user_id);\n",
	/* authors/books, one-to-many with ON DELETE CASCADE */
	"CREATE TABLE authors (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n"
	"CREATE TABLE books (id BIGSERIAL PRIMARY KEY, title VARCHAR(200) NOT NULL,\n"
	"  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE);\n",
	/* orders/items, an association table with a composite key */
	"CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TIMESTAMP DEFAULT "
	"CURRENT_TIMESTAMP);\n"
	"CREATE TABLE items (id INTEGER PRIMARY KEY, price NUMERIC(10,2) CHECK (price >= 0));\n"
	"CREATE TABLE order_items (order_id INTEGER REFERENCES orders ON DELETE CASCADE,\n"
	"  item_id INTEGER REFERENCES items, qty INTEGER NOT NULL DEFAULT 1,\n"
	"  PRIMARY KEY (order_id, item_id));\n",
	/* books/publishers, many-to-many */
	"CREATE TABLE publishers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE);\n"
	"CREATE TABLE titles (id INTEGER PRIMARY KEY, isbn CHAR(13) NOT NULL UNIQUE);\n"
	"CREATE TABLE title_publishers (title_id INTEGER NOT NULL REFERENCES titles (id),\n"
	"  publisher_id INTEGER NOT NULL REFERENCES publishers (id),\n"
	"  CONSTRAINT pk_tp PRIMARY KEY (title_id, publisher_id));\n",
	/* reserved words, mixed case, UTF-8 and embedded quotes */
	"CREATE TABLE \"order\" (\"select\" INTEGER PRIMARY KEY, \"MixedCase\" TEXT,\n"
	"  \"na\xc3\xafve\" TEXT, \"say \"\"hi\"\"\" TEXT, \"group\" INTEGER,\n"
	"  CONSTRAINT \"Order Key\" UNIQUE (\"MixedCase\"), CHECK (\"group\" > 0));\n"
	"CREATE INDEX \"Idx \"\"q\"\"\" ON \"order\" (\"na\xc3\xafve\", \"group\" DESC);\n",
	/* defaults of every shape */
	"CREATE TABLE d (a TEXT DEFAULT lower('X'), b INTEGER DEFAULT 1 + 2,\n"
	"  c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, e BOOLEAN DEFAULT TRUE, f INTEGER DEFAULT -3,\n"
	"  g TEXT DEFAULT 'it''s', h REAL DEFAULT 2.5e3, i DATE DEFAULT CURRENT_DATE);\n",
	/* SQLite's collations */
	"CREATE TABLE c (a TEXT COLLATE nocase, d TEXT COLLATE \"binary\" NOT NULL DEFAULT 'x',\n"
	"  e CHAR(2) COLLATE RTRIM);\n"
	"CREATE INDEX ix_c ON c (a, e);\n",
	/* every type */
	"CREATE TABLE types (s SMALLINT, i INT, b BIGINT, bo BOOLEAN, r REAL, d DOUBLE PRECISION,\n"
	"  n NUMERIC(12,3), v VARCHAR(20), ch CHAR(3), t TEXT, da DATE, ti TIME(3),\n"
	"  tz TIME WITH TIME ZONE, ts TIMESTAMP, tstz TIMESTAMP WITH TIME ZONE, bl BLOB, j JSON,\n"
	"  u UUID);\n",
	/* indexes: unique, expressions, DESC, partial */
	"CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT, created DATE, active BOOLEAN);\n"
	"CREATE UNIQUE INDEX ux_email ON u (lower(email));\n"
	"CREATE INDEX ix_recent ON u (created DESC, id, (length(email)) DESC) WHERE active;\n"
	"CREATE UNIQUE INDEX ON u (email) WHERE email IS NOT NULL AND active;\n",
	/* checks, named and generated */
	"CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance NUMERIC(12,2) NOT NULL DEFAULT 0,\n"
	"  kind VARCHAR(10) CHECK (kind IN ('a', 'b')), lo INTEGER, hi INTEGER,\n"
	"  CONSTRAINT ck_range CHECK (lo <= hi), CHECK (balance >= -100 OR kind = 'b'));\n",
	/* a foreign-key cycle, a self-reference and deferrable keys */
	"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id),\n"
	"  parent INTEGER REFERENCES a (id) ON DELETE SET NULL);\n"
	"CREATE TABLE b (id INTEGER PRIMARY KEY,\n"
	"  a_id INTEGER REFERENCES a (id) DEFERRABLE INITIALLY DEFERRED);\n",
	/* a composite unique key as a foreign key's target */
	fk_model,
	/* identity columns */
	"CREATE TABLE ev (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TIMESTAMP NOT "
	"NULL);\n"
	"CREATE TABLE tags (id SMALLINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, t TEXT);\n",
};

static void test_sqlite_executes_rendered_tables_and_indexes(void **state)
{
	const struct dbt_dialect *d = &dbt_dialect_sqlite;
	size_t m, i;

	(void)state;
	for (m = 0; m < sizeof(exec_models) / sizeof(exec_models[0]); m++) {
		dbt_url url = {.kind = DBT_DIALECT_SQLITE, .database = NULL};
		dbt_schema *s = parse_for(SQLITE, exec_models[m]);
		dbt_buf sql = DBT_BUF_INIT;
		dbt_conn *conn = NULL;

		for (i = 0; i < s->ntables; i++)
			assert_int_equal(dbt_render_create_table(&sql, SQLITE, s->tables[i], NULL,
								 NULL),
					 0);
		for (i = 0; i < s->nindexes; i++)
			assert_int_equal(dbt_render_create_index(&sql, SQLITE, s->indexes[i]), 0);
		assert_int_equal(d->open(&conn, &url, 0), 0);
		if (d->exec_script(conn, dbt_buf_str(&sql), "model", 1) < 0)
			fail_msg("model %zu: %s\n%s", m, dbt_error_last(), dbt_buf_str(&sql));
		/* And everything drops again. */
		dbt_buf_clear(&sql);
		for (i = 0; i < s->nindexes; i++)
			assert_int_equal(dbt_render_drop_index(&sql, SQLITE, s->indexes[i]), 0);
		for (i = s->ntables; i-- > 0;)
			assert_int_equal(dbt_render_drop_table(&sql, SQLITE, s->tables[i]->name),
					 0);
		if (d->exec_script(conn, dbt_buf_str(&sql), "drop", 1) < 0)
			fail_msg("model %zu: %s\n%s", m, dbt_error_last(), dbt_buf_str(&sql));
		d->close(conn);
		dbt_buf_release(&sql);
		dbt_schema_free(s);
	}
}

static void test_sqlite_executes_rendered_add_and_drop_column(void **state)
{
	const struct dbt_dialect *d = &dbt_dialect_sqlite;
	dbt_url url = {.kind = DBT_DIALECT_SQLITE, .database = NULL};
	dbt_conn *conn = NULL;
	dbt_buf sql = DBT_BUF_INIT;
	struct pair p;
	dbt_op op;
	char *v = NULL;

	(void)state;
	pair_parse(&p, SQLITE,
		   "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, code INTEGER, tag TEXT)",
		   "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, tag TEXT,\n"
		   "  email TEXT COLLATE nocase NOT NULL DEFAULT '', n INTEGER DEFAULT -1, nick "
		   "TEXT)");
	assert_int_equal(dbt_render_create_table(&sql, SQLITE, table_of(p.from, "users"), NULL,
						 NULL),
			 0);
	dbt_buf_puts(&sql, "INSERT INTO users (id, name) VALUES (1, 'a');\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "email");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "n");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "nick");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_DROP_COLUMN, "users", "code");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	assert_int_equal(d->open(&conn, &url, 0), 0);
	if (d->exec_script(conn, dbt_buf_str(&sql), "ops", 1) < 0)
		fail_msg("%s\n%s", dbt_error_last(), dbt_buf_str(&sql));
	assert_int_equal(d->query_value(conn,
					"SELECT group_concat(name, ',') FROM "
					"pragma_table_info('users')",
					&v),
			 0);
	assert_string_equal(v, "id,name,tag,email,n,nick");
	free(v);
	d->close(conn);
	dbt_buf_release(&sql);
	pair_free(&p);
}

/* -------------------------------------------------------- lists of ops */

/* The ops of diff(from, to), as autogenerate makes them for `kind`. */
static dbt_diff diff_for(dbt_dialect_kind kind, const struct pair *p)
{
	dbt_diff_opts opts = {.fk_forward_refs = kind == SQLITE};
	dbt_diff d;

	assert_int_equal(dbt_diff_schemas(&d, p->from, p->to, &opts), 0);
	return d;
}

/* The inverses of a list, last op first: the downgrade.  Caller frees. */
static dbt_op *inverses(const dbt_diff *d)
{
	dbt_op *inv = calloc(d->n ? d->n : 1, sizeof(*inv));
	size_t i;

	assert_non_null(inv);
	for (i = 0; i < d->n; i++)
		dbt_op_inverse(&inv[i], &d->ops[d->n - 1 - i]);
	return inv;
}

/* The upgrade from `from` to `to` renders as `up`, and the downgrade
 * (inverses in reverse, towards `from`) as `down`. */
static void assert_lists(dbt_dialect_kind kind, const char *from, const char *to, const char *up,
			 const char *down)
{
	struct pair p;
	dbt_diff d;
	dbt_op *inv;
	dbt_buf b = DBT_BUF_INIT;

	pair_parse(&p, kind, from, to);
	d = diff_for(kind, &p);
	assert_sql(&b, dbt_render_ops(&b, kind, d.ops, d.n, p.to), up);
	inv = inverses(&d);
	assert_sql(&b, dbt_render_ops(&b, kind, inv, d.n, p.from), down);
	free(inv);
	dbt_diff_release(&d);
	pair_free(&p);
}

/* A rebuild of a table whose key the database has as the model declared
 * it (`id INT PRIMARY KEY`, no rowid alias), which the auto-increment rule
 * made the alias in the model, keeps the key as it is: the differ finds
 * it equal, and making it the alias would give ids to rows without one. */
static void test_sqlite_rebuild_keeps_a_key_as_declared(void **state)
{
	struct pair p;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INT PRIMARY KEY, n TEXT)",
		   "CREATE TABLE t (id INT PRIMARY KEY, n TEXT CHECK (n <> ''))");
	assert_int_equal(dbt_schema_autoincrement(p.to, SQLITE), 0);
	d = diff_for(SQLITE, &p);
	assert_int_equal(d.n, 1);
	assert_sql(&b, dbt_render_ops(&b, SQLITE, d.ops, d.n, p.to),
		   "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		   "--   + check t (n <> '')\n"
		   "CREATE TABLE _dbtool_new_t (\n"
		   "    id INT,\n"
		   "    n TEXT,\n"
		   "    CONSTRAINT t_pkey PRIMARY KEY (id),\n"
		   "    CONSTRAINT t_n_check CHECK (n <> '')\n"
		   ");\n"
		   "INSERT INTO _dbtool_new_t (id, n) SELECT id, n FROM t;\n"
		   "DROP TABLE t;\n"
		   "ALTER TABLE _dbtool_new_t RENAME TO t;\n");
	dbt_diff_release(&d);
	pair_free(&p);
}

/* ------------------------------------------ lock-friendly forms (--safe) */

/* The forms dbt_render_safe_form gives the ops of diff(from, to) on
 * PostgreSQL, as a string of digits (one per op), and the upgrade and
 * downgrade of the ops that take one, as the revision outside a
 * transaction holds them. */
static void assert_safe(const char *from, const char *to, const char *forms, const char *up,
			const char *down)
{
	struct pair p;
	dbt_diff d;
	dbt_op *moved;
	dbt_safe_form *mforms;
	dbt_buf b = DBT_BUF_INIT;
	char got[64];
	size_t i, n = 0;

	pair_parse(&p, PG, from, to);
	d = diff_for(PG, &p);
	assert_true(d.n < sizeof(got));
	moved = calloc(d.n ? d.n : 1, sizeof(*moved));
	mforms = calloc(d.n ? d.n : 1, sizeof(*mforms));
	assert_non_null(moved);
	assert_non_null(mforms);
	for (i = 0; i < d.n; i++) {
		dbt_safe_form f = dbt_render_safe_form(d.ops, d.n, i, p.to);

		got[i] = (char)('0' + f);
		if (f != DBT_SAFE_PLAIN) {
			moved[n] = d.ops[i];
			mforms[n++] = f;
		}
	}
	got[d.n] = '\0';
	assert_string_equal(got, forms);
	assert_sql(&b, dbt_render_safe_ops(&b, moved, mforms, n, 1), up);
	assert_sql(&b, dbt_render_safe_ops(&b, moved, mforms, n, 0), down);
	free(moved);
	free(mforms);
	dbt_diff_release(&d);
	pair_free(&p);
}

static void
test_safe_index_on_existing_table_is_built_concurrently_after_clearing_a_failed_build(void **state)
{
	(void)state;
	assert_safe("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT);",
		    "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT);\n"
		    "CREATE UNIQUE INDEX t_v ON t (v) WHERE w IS NOT NULL;",
		    "1",
		    "-- + unique index t_v ON t (v) WHERE w IS NOT NULL\n"
		    "DROP INDEX CONCURRENTLY IF EXISTS t_v;\n"
		    "CREATE UNIQUE INDEX CONCURRENTLY t_v ON t (v) WHERE w IS NOT NULL;\n",
		    "-- - index t_v\n"
		    "DROP INDEX CONCURRENTLY IF EXISTS t_v;\n");
}

static void test_safe_leaves_a_new_table_and_its_index_plain(void **state)
{
	(void)state;
	assert_safe("CREATE TABLE t (id INTEGER PRIMARY KEY);",
		    "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
		    "CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INTEGER REFERENCES t (id),\n"
		    "  n INTEGER CHECK (n > 0));\n"
		    "CREATE INDEX u_n ON u (n);",
		    "00", "", "");
}

static void
test_safe_foreign_key_and_check_on_existing_table_are_added_not_valid_then_validated(void **state)
{
	(void)state;
	assert_safe("CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
		    "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER, n INTEGER);",
		    "CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
		    "CREATE TABLE \"B\" (id INTEGER PRIMARY KEY);\n"
		    "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id),\n"
		    "  n INTEGER CONSTRAINT n_positive CHECK (n > 0));",
		    "022",
		    "-- + check b (n > 0)\n"
		    "ALTER TABLE b DROP CONSTRAINT IF EXISTS n_positive;\n"
		    "ALTER TABLE b ADD CONSTRAINT n_positive CHECK (n > 0) NOT VALID;\n"
		    "ALTER TABLE b VALIDATE CONSTRAINT n_positive;\n"
		    "\n"
		    "-- + foreign key b (a_id) -> a (id)\n"
		    "ALTER TABLE b DROP CONSTRAINT IF EXISTS b_a_id_fkey;\n"
		    "ALTER TABLE b ADD CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id) "
		    "NOT VALID;\n"
		    "ALTER TABLE b VALIDATE CONSTRAINT b_a_id_fkey;\n",
		    "-- - foreign key b (a_id) -> a (id)\n"
		    "ALTER TABLE b DROP CONSTRAINT IF EXISTS b_a_id_fkey;\n"
		    "\n"
		    "-- - check b (n > 0)\n"
		    "ALTER TABLE b DROP CONSTRAINT IF EXISTS n_positive;\n");
}

static void test_safe_set_not_null_is_proven_by_a_validated_check_dropped_after(void **state)
{
	(void)state;
	assert_safe("CREATE TABLE t (id INTEGER PRIMARY KEY, \"Name\" TEXT DEFAULT 'x');",
		    "CREATE TABLE t (id INTEGER PRIMARY KEY, \"Name\" TEXT NOT NULL DEFAULT 'x');",
		    "3",
		    "-- ~ column t.\"Name\" NULL -> NOT NULL\n"
		    "UPDATE t SET \"Name\" = 'x' WHERE \"Name\" IS NULL;\n"
		    "ALTER TABLE t DROP CONSTRAINT IF EXISTS \"dbtool_not_null_Name\";\n"
		    "ALTER TABLE t ADD CONSTRAINT \"dbtool_not_null_Name\" CHECK (\"Name\" IS NOT "
		    "NULL) "
		    "NOT VALID;\n"
		    "ALTER TABLE t VALIDATE CONSTRAINT \"dbtool_not_null_Name\";\n"
		    "ALTER TABLE t ALTER COLUMN \"Name\" SET NOT NULL;\n"
		    "ALTER TABLE t DROP CONSTRAINT \"dbtool_not_null_Name\";\n",
		    "-- ~ column t.\"Name\" NOT NULL -> NULL\n"
		    "ALTER TABLE t ALTER COLUMN \"Name\" DROP NOT NULL;\n"
		    "ALTER TABLE t DROP CONSTRAINT IF EXISTS \"dbtool_not_null_Name\";\n");
}

/* A unique index that a new foreign key rests on must exist inside the
 * transaction; a column made NOT NULL for a new primary key too, and an
 * index of a partitioned table cannot be built concurrently. */
static void test_safe_keeps_plain_what_the_transaction_needs_or_postgres_refuses(void **state)
{
	(void)state;
	assert_safe("CREATE TABLE a (id INTEGER PRIMARY KEY, code TEXT);",
		    "CREATE TABLE a (id INTEGER PRIMARY KEY, code TEXT);\n"
		    "CREATE UNIQUE INDEX a_code ON a (code);\n"
		    "CREATE TABLE c (id INTEGER PRIMARY KEY, code TEXT REFERENCES a (code));",
		    "000", "", "");
	assert_safe("CREATE TABLE k (n INTEGER, v TEXT);",
		    "CREATE TABLE k (n INTEGER NOT NULL PRIMARY KEY, v TEXT);", "00", "", "");
	assert_safe("CREATE TABLE log (at DATE, v TEXT) PARTITION BY RANGE (at);",
		    "CREATE TABLE log (at DATE, v TEXT) PARTITION BY RANGE (at);\n"
		    "CREATE INDEX log_v ON log (v);",
		    "0", "", "");
}

static const char people_from[] =
	"CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(50), age INTEGER, code TEXT);";
static const char people_to[] =
	"CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL DEFAULT 'x',\n"
	"  age BIGINT, email TEXT);";

static void test_ops_postgres_comment_each_op_and_warn_before_data_loss(void **state)
{
	(void)state;
	assert_lists(PG, people_from, people_to,
		     "-- + column people.email TEXT NULL\n"
		     "ALTER TABLE people ADD COLUMN email TEXT;\n"
		     "\n"
		     "-- ~ column people.name VARCHAR(50) -> VARCHAR(30)\n"
		     "-- WARNING: narrows people.name from VARCHAR(50) to VARCHAR(30)\n"
		     "ALTER TABLE people ALTER COLUMN name TYPE VARCHAR(30);\n"
		     "\n"
		     "-- ~ column people.name NULL -> NOT NULL\n"
		     "UPDATE people SET name = 'x' WHERE name IS NULL;\n"
		     "ALTER TABLE people ALTER COLUMN name SET NOT NULL;\n"
		     "\n"
		     "-- ~ column people.name no default -> DEFAULT 'x'\n"
		     "ALTER TABLE people ALTER COLUMN name SET DEFAULT 'x';\n"
		     "\n"
		     "-- ~ column people.age INTEGER -> BIGINT\n"
		     "ALTER TABLE people ALTER COLUMN age TYPE BIGINT;\n"
		     "\n"
		     "-- - column people.code\n"
		     "-- WARNING: drops column people.code and its values\n"
		     "ALTER TABLE people DROP COLUMN code;\n",
		     "-- + column people.code TEXT NULL\n"
		     "ALTER TABLE people ADD COLUMN code TEXT;\n"
		     "\n"
		     "-- ~ column people.age BIGINT -> INTEGER\n"
		     "-- WARNING: narrows people.age from BIGINT to INTEGER\n"
		     "ALTER TABLE people ALTER COLUMN age TYPE INTEGER;\n"
		     "\n"
		     "-- ~ column people.name DEFAULT 'x' -> no default\n"
		     "ALTER TABLE people ALTER COLUMN name DROP DEFAULT;\n"
		     "\n"
		     "-- ~ column people.name NOT NULL -> NULL\n"
		     "ALTER TABLE people ALTER COLUMN name DROP NOT NULL;\n"
		     "\n"
		     "-- ~ column people.name VARCHAR(30) -> VARCHAR(50)\n"
		     "ALTER TABLE people ALTER COLUMN name TYPE VARCHAR(50);\n"
		     "\n"
		     "-- - column people.email\n"
		     "-- WARNING: drops column people.email and its values\n"
		     "ALTER TABLE people DROP COLUMN email;\n");
}

/* A type and a default that change together, between types whose
 * defaults do not fit each other: whichever op comes first (the
 * downgrade reverses them) drops the old default, changes the type and
 * sets the new default; the other adds only its comment. */
static void test_ops_postgres_type_and_default_change_at_one_place(void **state)
{
	(void)state;
	assert_lists(PG, "CREATE TABLE k (s TEXT DEFAULT 'pending', n BOOLEAN DEFAULT TRUE)",
		     "CREATE TABLE k (s state, n INTEGER DEFAULT 3)",
		     "-- ~ column k.s TEXT -> state\n"
		     "-- WARNING: converts k.s from TEXT to state, which may not keep every value\n"
		     "-- ~ column k.s DEFAULT 'pending' -> no default\n"
		     "ALTER TABLE k ALTER COLUMN s DROP DEFAULT;\n"
		     "ALTER TABLE k ALTER COLUMN s TYPE state USING s::state;\n"
		     "\n"
		     "-- ~ column k.n BOOLEAN -> INTEGER\n"
		     "-- WARNING: converts k.n from BOOLEAN to INTEGER, which may not keep every "
		     "value\n"
		     "-- ~ column k.n DEFAULT TRUE -> DEFAULT 3\n"
		     "ALTER TABLE k ALTER COLUMN n DROP DEFAULT;\n"
		     "ALTER TABLE k ALTER COLUMN n TYPE INTEGER USING n::INTEGER;\n"
		     "ALTER TABLE k ALTER COLUMN n SET DEFAULT 3;\n",
		     "-- ~ column k.n DEFAULT 3 -> DEFAULT TRUE\n"
		     "-- ~ column k.n INTEGER -> BOOLEAN\n"
		     "-- WARNING: converts k.n from INTEGER to BOOLEAN, which may not keep every "
		     "value\n"
		     "ALTER TABLE k ALTER COLUMN n DROP DEFAULT;\n"
		     "ALTER TABLE k ALTER COLUMN n TYPE BOOLEAN USING n::BOOLEAN;\n"
		     "ALTER TABLE k ALTER COLUMN n SET DEFAULT TRUE;\n"
		     "\n"
		     "-- ~ column k.s no default -> DEFAULT 'pending'\n"
		     "-- ~ column k.s state -> TEXT\n"
		     "-- WARNING: converts k.s from state to TEXT, which may not keep every value\n"
		     "ALTER TABLE k ALTER COLUMN s TYPE TEXT;\n"
		     "ALTER TABLE k ALTER COLUMN s SET DEFAULT 'pending';\n");
}

static void test_ops_postgres_fill_nulls_with_a_non_literal_default(void **state)
{
	(void)state;
	assert_lists(PG, "CREATE TABLE \"Log\" (at TIMESTAMP, \"select\" INTEGER)",
		     "CREATE TABLE \"Log\" (at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
		     "  \"select\" INTEGER NOT NULL DEFAULT 1 + 1)",
		     "-- ~ column \"Log\".at NULL -> NOT NULL\n"
		     "UPDATE \"Log\" SET at = CURRENT_TIMESTAMP WHERE at IS NULL;\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN at SET NOT NULL;\n"
		     "\n"
		     "-- ~ column \"Log\".at no default -> DEFAULT CURRENT_TIMESTAMP\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN at SET DEFAULT CURRENT_TIMESTAMP;\n"
		     "\n"
		     "-- ~ column \"Log\".\"select\" NULL -> NOT NULL\n"
		     "UPDATE \"Log\" SET \"select\" = (1 + 1) WHERE \"select\" IS NULL;\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN \"select\" SET NOT NULL;\n"
		     "\n"
		     "-- ~ column \"Log\".\"select\" no default -> DEFAULT 1 + 1\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN \"select\" SET DEFAULT (1 + 1);\n",
		     "-- ~ column \"Log\".\"select\" DEFAULT 1 + 1 -> no default\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN \"select\" DROP DEFAULT;\n"
		     "\n"
		     "-- ~ column \"Log\".\"select\" NOT NULL -> NULL\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN \"select\" DROP NOT NULL;\n"
		     "\n"
		     "-- ~ column \"Log\".at DEFAULT CURRENT_TIMESTAMP -> no default\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN at DROP DEFAULT;\n"
		     "\n"
		     "-- ~ column \"Log\".at NOT NULL -> NULL\n"
		     "ALTER TABLE \"Log\" ALTER COLUMN at DROP NOT NULL;\n");
}

/* The differ drops a table's indexes with the table; creating it again
 * (the downgrade) creates them too. */
static void test_ops_postgres_restore_what_a_regenerated_column_took_along(void **state)
{
	(void)state;
	/* DROP COLUMN takes the indexes and constraints that use the column:
	 * the target's come back after ADD COLUMN. */
	assert_lists(
		PG,
		"CREATE TABLE t (a INTEGER, g INTEGER GENERATED ALWAYS AS (a + 1) STORED UNIQUE,\n"
		"  CHECK (g > 0));\n"
		"CREATE INDEX ix_g ON t (g);\n",
		"CREATE TABLE t (a INTEGER, g INTEGER GENERATED ALWAYS AS (a + 2) STORED UNIQUE,\n"
		"  CHECK (g > 0));\n"
		"CREATE INDEX ix_g ON t (g);\n",
		"-- ~ column t.g GENERATED ALWAYS AS (a + 1) STORED -> GENERATED ALWAYS AS "
		"(a + 2) STORED\n"
		"ALTER TABLE t DROP COLUMN g;\n"
		"ALTER TABLE t ADD COLUMN g INTEGER GENERATED ALWAYS AS (a + 2) STORED;\n"
		"ALTER TABLE t ADD CONSTRAINT t_g_key UNIQUE (g);\n"
		"ALTER TABLE t ADD CONSTRAINT t_g_check CHECK (g > 0);\n"
		"CREATE INDEX ix_g ON t (g);\n",
		"-- ~ column t.g GENERATED ALWAYS AS (a + 2) STORED -> GENERATED ALWAYS AS "
		"(a + 1) STORED\n"
		"ALTER TABLE t DROP COLUMN g;\n"
		"ALTER TABLE t ADD COLUMN g INTEGER GENERATED ALWAYS AS (a + 1) STORED;\n"
		"ALTER TABLE t ADD CONSTRAINT t_g_key UNIQUE (g);\n"
		"ALTER TABLE t ADD CONSTRAINT t_g_check CHECK (g > 0);\n"
		"CREATE INDEX ix_g ON t (g);\n");
}

static void test_ops_sqlite_rebuild_leaves_generated_columns_to_sqlite(void **state)
{
	(void)state;
	assert_lists(SQLITE,
		     "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, g INT AS (a + 1) STORED)",
		     "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, g INT AS (a + 2) STORED)"
		     " STRICT",
		     "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		     "--   ~ table t no table options -> STRICT\n"
		     "--   ~ column t.g GENERATED ALWAYS AS (a + 1) STORED -> GENERATED ALWAYS AS "
		     "(a + 2) STORED\n"
		     "CREATE TABLE _dbtool_new_t (\n"
		     "    id INTEGER NOT NULL,\n"
		     "    a INT,\n"
		     "    g INT GENERATED ALWAYS AS (a + 2) STORED,\n"
		     "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
		     ") STRICT;\n"
		     "INSERT INTO _dbtool_new_t (id, a) SELECT id, a FROM t;\n"
		     "DROP TABLE t;\n"
		     "ALTER TABLE _dbtool_new_t RENAME TO t;\n",
		     "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		     "--   ~ column t.g GENERATED ALWAYS AS (a + 2) STORED -> GENERATED ALWAYS AS "
		     "(a + 1) STORED\n"
		     "--   ~ table t STRICT -> no table options\n"
		     "CREATE TABLE _dbtool_new_t (\n"
		     "    id INTEGER NOT NULL,\n"
		     "    a INT,\n"
		     "    g INT GENERATED ALWAYS AS (a + 1) STORED,\n"
		     "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
		     ");\n"
		     "INSERT INTO _dbtool_new_t (id, a) SELECT id, a FROM t;\n"
		     "DROP TABLE t;\n"
		     "ALTER TABLE _dbtool_new_t RENAME TO t;\n");
}

static void test_ops_warn_before_dropping_a_table_and_recreate_its_indexes(void **state)
{
	static const char model[] = "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, at DATE);\n"
				    "CREATE INDEX ix_at ON \"order\" (at DESC);";
	static const char down[] = "-- + table \"order\"\n"
				   "--   + index ix_at ON \"order\" (at DESC)\n"
				   "CREATE TABLE \"order\" (\n"
				   "    id INTEGER NOT NULL,\n"
				   "    at DATE,\n"
				   "    CONSTRAINT order_pkey PRIMARY KEY (id)\n"
				   ");\n"
				   "CREATE INDEX ix_at ON \"order\" (at DESC);\n";
	int k;

	(void)state;
	for (k = SQLITE; k <= PG; k++)
		assert_lists(k, model, "",
			     "-- - table \"order\"\n"
			     "-- WARNING: drops table \"order\" and its rows\n"
			     "DROP TABLE \"order\";\n",
			     down);
}

static void test_ops_sqlite_run_what_alter_table_can_do_in_place(void **state)
{
	(void)state;
	assert_lists(SQLITE,
		     "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, old TEXT);\n"
		     "CREATE INDEX ix_a ON t (a);",
		     "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER NOT NULL DEFAULT "
		     "0);\n"
		     "CREATE INDEX ix_ab ON t (a, b);\n"
		     "CREATE TABLE \"order\" (\"select\" INTEGER);",
		     "-- - index ix_a\n"
		     "DROP INDEX ix_a;\n"
		     "\n"
		     "-- + table \"order\"\n"
		     "CREATE TABLE \"order\" (\n"
		     "    \"select\" INTEGER\n"
		     ");\n"
		     "\n"
		     "-- + column t.b INTEGER NOT NULL DEFAULT 0\n"
		     "ALTER TABLE t ADD COLUMN b INTEGER NOT NULL DEFAULT 0;\n"
		     "\n"
		     "-- - column t.old\n"
		     "-- WARNING: drops column t.old and its values\n"
		     "ALTER TABLE t DROP COLUMN old;\n"
		     "\n"
		     "-- + index ix_ab ON t (a, b)\n"
		     "CREATE INDEX ix_ab ON t (a, b);\n",
		     "-- - index ix_ab\n"
		     "DROP INDEX ix_ab;\n"
		     "\n"
		     "-- + column t.old TEXT NULL\n"
		     "ALTER TABLE t ADD COLUMN old TEXT;\n"
		     "\n"
		     "-- - column t.b\n"
		     "-- WARNING: drops column t.b and its values\n"
		     "ALTER TABLE t DROP COLUMN b;\n"
		     "\n"
		     "-- - table \"order\"\n"
		     "-- WARNING: drops table \"order\" and its rows\n"
		     "DROP TABLE \"order\";\n"
		     "\n"
		     "-- + index ix_a ON t (a)\n"
		     "CREATE INDEX ix_a ON t (a);\n");
}

static void test_ops_sqlite_rebuild_a_table_for_what_alter_table_cannot_do(void **state)
{
	(void)state;
	assert_lists(
		SQLITE,
		"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, age INTEGER, code TEXT);\n"
		"CREATE INDEX ix_name ON users (name);",
		"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '',\n"
		"  age SMALLINT CHECK (age >= 0));\n"
		"CREATE INDEX ix_name ON users (name);\n"
		"CREATE INDEX ix_age ON users (age) WHERE age > 0;",
		"-- rebuild table users (SQLite cannot ALTER it in place):\n"
		"--   ~ column users.name NULL -> NOT NULL\n"
		"--   ~ column users.name no default -> DEFAULT ''\n"
		"--   ~ column users.age INTEGER -> SMALLINT\n"
		"--   - column users.code\n"
		"--   + check users (age >= 0)\n"
		"--   + index ix_age ON users (age) WHERE age > 0\n"
		"-- WARNING: narrows users.age from INTEGER to SMALLINT\n"
		"-- WARNING: drops column users.code and its values\n"
		"CREATE TABLE _dbtool_new_users (\n"
		"    id INTEGER NOT NULL,\n"
		"    name TEXT NOT NULL DEFAULT '',\n"
		"    age SMALLINT,\n"
		"    CONSTRAINT users_pkey PRIMARY KEY (id),\n"
		"    CONSTRAINT users_age_check CHECK (age >= 0)\n"
		");\n"
		"INSERT INTO _dbtool_new_users (id, name, age) SELECT id, COALESCE(name, ''), age "
		"FROM users;\n"
		"DROP TABLE users;\n"
		"ALTER TABLE _dbtool_new_users RENAME TO users;\n"
		"CREATE INDEX ix_name ON users (name);\n"
		"CREATE INDEX ix_age ON users (age) WHERE age > 0;\n",
		"-- - index ix_age\n"
		"DROP INDEX ix_age;\n"
		"\n"
		"-- rebuild table users (SQLite cannot ALTER it in place):\n"
		"--   - check users (age >= 0)\n"
		"--   + column users.code TEXT NULL\n"
		"--   ~ column users.age SMALLINT -> INTEGER\n"
		"--   ~ column users.name DEFAULT '' -> no default\n"
		"--   ~ column users.name NOT NULL -> NULL\n"
		"CREATE TABLE _dbtool_new_users (\n"
		"    id INTEGER NOT NULL,\n"
		"    name TEXT,\n"
		"    age INTEGER,\n"
		"    code TEXT,\n"
		"    CONSTRAINT users_pkey PRIMARY KEY (id)\n"
		");\n"
		"INSERT INTO _dbtool_new_users (id, name, age) SELECT id, name, age FROM users;\n"
		"DROP TABLE users;\n"
		"ALTER TABLE _dbtool_new_users RENAME TO users;\n"
		"CREATE INDEX ix_name ON users (name);\n");
}

static void test_ops_sqlite_rebuild_moves_the_autoincrement_counter(void **state)
{
	(void)state;
	assert_lists(SQLITE, "CREATE TABLE \"Tag\" (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT)",
		     "CREATE TABLE \"Tag\" (id INTEGER PRIMARY KEY AUTOINCREMENT, t TEXT UNIQUE)",
		     "-- rebuild table \"Tag\" (SQLite cannot ALTER it in place):\n"
		     "--   + unique \"Tag\" (t)\n"
		     "CREATE TABLE \"_dbtool_new_Tag\" (\n"
		     "    id INTEGER NOT NULL CONSTRAINT \"Tag_pkey\" PRIMARY KEY AUTOINCREMENT,\n"
		     "    t TEXT,\n"
		     "    CONSTRAINT \"Tag_t_key\" UNIQUE (t)\n"
		     ");\n"
		     "INSERT INTO \"_dbtool_new_Tag\" (id, t) SELECT id, t FROM \"Tag\";\n"
		     "DELETE FROM sqlite_sequence WHERE name = '_dbtool_new_Tag';\n"
		     "UPDATE sqlite_sequence SET name = '_dbtool_new_Tag' WHERE name = 'Tag';\n"
		     "DROP TABLE \"Tag\";\n"
		     "ALTER TABLE \"_dbtool_new_Tag\" RENAME TO \"Tag\";\n",
		     "-- rebuild table \"Tag\" (SQLite cannot ALTER it in place):\n"
		     "--   - unique \"Tag\" (t)\n"
		     "CREATE TABLE \"_dbtool_new_Tag\" (\n"
		     "    id INTEGER NOT NULL CONSTRAINT \"Tag_pkey\" PRIMARY KEY AUTOINCREMENT,\n"
		     "    t TEXT\n"
		     ");\n"
		     "INSERT INTO \"_dbtool_new_Tag\" (id, t) SELECT id, t FROM \"Tag\";\n"
		     "DELETE FROM sqlite_sequence WHERE name = '_dbtool_new_Tag';\n"
		     "UPDATE sqlite_sequence SET name = '_dbtool_new_Tag' WHERE name = 'Tag';\n"
		     "DROP TABLE \"Tag\";\n"
		     "ALTER TABLE \"_dbtool_new_Tag\" RENAME TO \"Tag\";\n");
}

static void test_ops_sqlite_rebuild_keeps_rows_when_no_column_carries_over(void **state)
{
	(void)state;
	assert_lists(SQLITE, "CREATE TABLE t (a INTEGER UNIQUE)",
		     "CREATE TABLE t (b INTEGER NOT NULL DEFAULT 7 UNIQUE)",
		     "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		     "--   - unique t (a)\n"
		     "--   + column t.b INTEGER NOT NULL DEFAULT 7\n"
		     "--   - column t.a\n"
		     "--   + unique t (b)\n"
		     "-- WARNING: drops column t.a and its values\n"
		     "CREATE TABLE _dbtool_new_t (\n"
		     "    b INTEGER NOT NULL DEFAULT 7,\n"
		     "    CONSTRAINT t_b_key UNIQUE (b)\n"
		     ");\n"
		     "INSERT INTO _dbtool_new_t (rowid) SELECT rowid FROM t;\n"
		     "DROP TABLE t;\n"
		     "ALTER TABLE _dbtool_new_t RENAME TO t;\n",
		     "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		     "--   - unique t (b)\n"
		     "--   + column t.a INTEGER NULL\n"
		     "--   - column t.b\n"
		     "--   + unique t (a)\n"
		     "-- WARNING: drops column t.b and its values\n"
		     "CREATE TABLE _dbtool_new_t (\n"
		     "    a INTEGER,\n"
		     "    CONSTRAINT t_a_key UNIQUE (a)\n"
		     ");\n"
		     "INSERT INTO _dbtool_new_t (rowid) SELECT rowid FROM t;\n"
		     "DROP TABLE t;\n"
		     "ALTER TABLE _dbtool_new_t RENAME TO t;\n");
}

/* A rebuild that a DROP FOREIGN KEY asks for, before the list drops an
 * index and a table, waits for them: its CREATE INDEX takes their index
 * names again. */
static const char moved_from[] =
	"CREATE TABLE b (id INTEGER PRIMARY KEY, y INTEGER);\n"
	"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b, x INTEGER);\n"
	"CREATE INDEX ix ON b (y);\n"
	"CREATE TABLE gone (id INTEGER PRIMARY KEY, z INTEGER);\n"
	"CREATE INDEX ix2 ON gone (z);\n";
static const char moved_to[] = "CREATE TABLE b (id INTEGER PRIMARY KEY, y INTEGER);\n"
			       "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER, x INTEGER);\n"
			       "CREATE INDEX ix ON a (x);\n"
			       "CREATE INDEX ix2 ON a (b_id);\n";
static const char moved_up[] =
	"-- - index ix\n"
	"DROP INDEX ix;\n"
	"\n"
	"-- - table gone\n"
	"-- WARNING: drops table gone and its rows\n"
	"DROP TABLE gone;\n"
	"\n"
	"-- rebuild table a (SQLite cannot ALTER it in place):\n"
	"--   - foreign key a (b_id) -> b (id)\n"
	"--   + index ix ON a (x)\n"
	"--   + index ix2 ON a (b_id)\n"
	"CREATE TABLE _dbtool_new_a (\n"
	"    id INTEGER NOT NULL,\n"
	"    b_id INTEGER,\n"
	"    x INTEGER,\n"
	"    CONSTRAINT a_pkey PRIMARY KEY (id)\n"
	");\n"
	"INSERT INTO _dbtool_new_a (id, b_id, x) SELECT id, b_id, x FROM a;\n"
	"DROP TABLE a;\n"
	"ALTER TABLE _dbtool_new_a RENAME TO a;\n"
	"CREATE INDEX ix ON a (x);\n"
	"CREATE INDEX ix2 ON a (b_id);\n";

static void test_ops_sqlite_rebuild_waits_for_the_names_it_takes(void **state)
{
	struct pair p;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	pair_parse(&p, SQLITE, moved_from, moved_to);
	d = diff_for(SQLITE, &p);
	assert_sql(&b, dbt_render_ops(&b, SQLITE, d.ops, d.n, p.to), moved_up);
	dbt_diff_release(&d);
	pair_free(&p);
}

/* A rebuild drops and creates again the triggers and views that use the
 * table (quoted, in another case, through a view), and no other. */
static void test_ops_sqlite_rebuild_keeps_triggers_and_views(void **state)
{
	static dbt_sql_object objs[] = {
		{"trigger", "on_t", "t",
		 "CREATE TRIGGER on_t AFTER INSERT ON t BEGIN SELECT 1; END"},
		{"view", "vt", "vt", "CREATE VIEW vt AS SELECT x FROM \"T\" -- note"},
		{"view", "vv", "vv", "CREATE VIEW vv AS SELECT * FROM [vt]"},
		{"trigger", "on_u", "u",
		 "CREATE TRIGGER on_u AFTER INSERT ON u BEGIN SELECT 't'; END"},
		{"view", "vu", "vu", "CREATE VIEW vu AS SELECT tt FROM u /* t */"},
	};
	dbt_sql_objects keep = {objs, sizeof(objs) / sizeof(objs[0])};
	struct pair p;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);",
		   "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL);");
	d = diff_for(SQLITE, &p);
	assert_sql(&b, dbt_render_ops_keep(&b, SQLITE, d.ops, d.n, p.to, &keep),
		   "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		   "--   ~ column t.x NULL -> NOT NULL\n"
		   "-- keep view vv: dropped here, created again after the rebuild\n"
		   "DROP VIEW vv;\n"
		   "-- keep view vt: dropped here, created again after the rebuild\n"
		   "DROP VIEW vt;\n"
		   "-- keep trigger on_t: dropped here, created again after the rebuild\n"
		   "DROP TRIGGER on_t;\n"
		   "CREATE TABLE _dbtool_new_t (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    x TEXT NOT NULL,\n"
		   "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
		   ");\n"
		   "INSERT INTO _dbtool_new_t (id, x) SELECT id, x FROM t;\n"
		   "DROP TABLE t;\n"
		   "ALTER TABLE _dbtool_new_t RENAME TO t;\n"
		   "CREATE TRIGGER on_t AFTER INSERT ON t BEGIN SELECT 1; END;\n"
		   "CREATE VIEW vt AS SELECT x FROM \"T\" -- note\n;\n"
		   "CREATE VIEW vv AS SELECT * FROM [vt];\n");
	dbt_diff_release(&d);
	pair_free(&p);
}

/* A rebuild that drops a column a kept view uses is refused. */
static void test_ops_sqlite_rebuild_refuses_to_lose_a_column_a_view_uses(void **state)
{
	static dbt_sql_object objs[] = {
		{"view", "vt", "vt", "CREATE VIEW vt AS SELECT id, \"X\" FROM t"},
	};
	dbt_sql_objects keep = {objs, 1};
	struct pair p;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT, y TEXT);",
		   "CREATE TABLE t (id INTEGER PRIMARY KEY, y TEXT NOT NULL);");
	d = diff_for(SQLITE, &p);
	assert_int_equal(dbt_render_ops_keep(&b, SQLITE, d.ops, d.n, p.to, &keep), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "cannot rebuild table 't': view 'vt' uses column 'x', which the change "
			    "drops, so it could not be created again: drop or change the view in a "
			    "revision of its own first");
	assert_string_equal(dbt_buf_str(&b), "");
	dbt_buf_release(&b);
	dbt_diff_release(&d);
	pair_free(&p);
}

/* Without forward references, the differ adds the fks of a cycle later;
 * SQLite writes them in CREATE TABLE, and dropping them before the
 * tables is nothing to run. */
static void test_ops_sqlite_write_a_new_tables_fks_inline(void **state)
{
	static const char cycle[] =
		"CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id));\n"
		"CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n";
	dbt_schema *empty = parse(""), *s = parse(cycle);
	dbt_diff_opts opts = {0};
	dbt_buf b = DBT_BUF_INIT;
	dbt_diff d;
	dbt_op *inv;

	(void)state;
	assert_int_equal(dbt_diff_schemas(&d, empty, s, &opts), 0);
	assert_int_equal(d.n, 4);
	assert_sql(&b, dbt_render_ops(&b, SQLITE, d.ops, d.n, s),
		   "-- + table a\n"
		   "--   + foreign key a (b_id) -> b (id)\n"
		   "CREATE TABLE a (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    b_id INTEGER,\n"
		   "    CONSTRAINT a_pkey PRIMARY KEY (id),\n"
		   "    CONSTRAINT a_b_id_fkey FOREIGN KEY (b_id) REFERENCES b (id)\n"
		   ");\n"
		   "\n"
		   "-- + table b\n"
		   "--   + foreign key b (a_id) -> a (id)\n"
		   "CREATE TABLE b (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    a_id INTEGER,\n"
		   "    CONSTRAINT b_pkey PRIMARY KEY (id),\n"
		   "    CONSTRAINT b_a_id_fkey FOREIGN KEY (a_id) REFERENCES a (id)\n"
		   ");\n");
	inv = inverses(&d);
	assert_sql(&b, dbt_render_ops(&b, SQLITE, inv, d.n, empty),
		   "-- - foreign key b (a_id) -> a (id)\n"
		   "-- nothing to run: SQLite drops it with table b\n"
		   "\n"
		   "-- - foreign key a (b_id) -> b (id)\n"
		   "-- nothing to run: SQLite drops it with table a\n"
		   "\n"
		   "-- - table b\n"
		   "-- WARNING: drops table b and its rows\n"
		   "DROP TABLE b;\n"
		   "\n"
		   "-- - table a\n"
		   "-- WARNING: drops table a and its rows\n"
		   "DROP TABLE a;\n");
	free(inv);
	dbt_diff_release(&d);
	dbt_schema_free(empty);
	dbt_schema_free(s);
}

static void test_ops_sqlite_refuse_a_rebuild_without_the_target_table(void **state)
{
	struct pair p;
	dbt_schema *empty = parse("");
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE users (age INTEGER)",
		   "CREATE TABLE users (age SMALLINT)");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "age");
	dbt_buf_puts(&b, "kept\n");
	assert_int_equal(dbt_render_ops(&b, SQLITE, &op, 1, empty), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "~ column users.age INTEGER -> SMALLINT: SQLite needs a table rebuild "
			    "for "
			    "this, but table 'users' is not in the target schema");
	assert_string_equal(dbt_buf_str(&b), "kept\n");
	assert_int_equal(dbt_render_ops(&b, SQLITE, &op, 1, NULL), DBT_ERROR);
	assert_string_equal(dbt_buf_str(&b), "kept\n");
	dbt_buf_release(&b);
	dbt_schema_free(empty);
	pair_free(&p);
}

static void test_ops_keep_line_breaks_out_of_comments(void **state)
{
	(void)state;
	assert_lists(PG, "CREATE TABLE t (note TEXT)",
		     "CREATE TABLE t (note TEXT, CONSTRAINT ck CHECK (note <> 'a\nDROP TABLE t;'))",
		     "-- + check t (note <> 'a DROP TABLE t;')\n"
		     "ALTER TABLE t ADD CONSTRAINT ck CHECK (note <> 'a\nDROP TABLE t;');\n",
		     "-- - check t (note <> 'a DROP TABLE t;')\n"
		     "ALTER TABLE t DROP CONSTRAINT ck;\n");
}

static void test_ops_empty_list_renders_nothing(void **state)
{
	dbt_schema *s = parse("CREATE TABLE t (a INTEGER)");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_render_ops(&b, SQLITE, NULL, 0, s), 0);
	assert_int_equal(dbt_render_ops(&b, PG, NULL, 0, s), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(dbt_render_ops(&b, (dbt_dialect_kind)99, NULL, 0, s), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "unsupported database kind");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

/* The inverse of ADD COLUMN points at the `to` table as `table`: SQLite
 * refuses to drop the column when that table's key uses it, even though
 * the table it leads back to has no such key. */
static void test_sqlite_drop_column_of_an_inverse_checks_the_table_that_has_it(void **state)
{
	struct pair p;
	dbt_op op, inv;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INTEGER)",
		   "CREATE TABLE t (id INTEGER, u INTEGER UNIQUE)");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "u");
	dbt_op_inverse(&inv, &op);
	assert_rebuild(&inv);
	pair_free(&p);
}

/* -------------------------------------- op lists executed on SQLite */

static dbt_conn *sqlite_memory(void)
{
	dbt_conn *conn = NULL;

	assert_int_equal(test_sqlite_open(&conn, NULL), 0);
	return conn;
}

static void exec_ok(dbt_conn *conn, const char *sql, const char *what)
{
	if (dbt_dialect_sqlite.exec_script(conn, sql, what, 1) < 0)
		fail_msg("%s: %s\n%s", what, dbt_error_last(), sql);
}

/* The first value of a query, "" for NULL. */
static void assert_value(dbt_conn *conn, const char *sql, const char *want, const char *when)
{
	char *v = NULL;

	if (dbt_dialect_sqlite.query_value(conn, sql, &v) < 0)
		fail_msg("%s: %s (in %s)", when, dbt_error_last(), sql);
	if (strcmp(v ? v : "", want))
		fail_msg("%s: %s\n  gives '%s'\n  wanted '%s'", when, sql, v ? v : "", want);
	free(v);
}

/* Every row references a row that exists, and the file is sound. */
static void assert_sound(dbt_conn *conn, const char *when)
{
	assert_value(conn, "SELECT count(*) FROM pragma_foreign_key_check", "0", when);
	assert_value(conn, "PRAGMA integrity_check", "ok", when);
}

static dbt_schema *reflect_now(dbt_conn *conn)
{
	dbt_schema *s = NULL;

	if (dbt_sqlite_reflect(&s, conn, NULL) < 0)
		fail_msg("cannot reflect: %s", dbt_error_last());
	return s;
}

/* The database's schema is `want`: the same dump, names included, and
 * nothing for the differ to do. */
static void assert_schema(dbt_conn *conn, const dbt_schema *want, const char *when)
{
	dbt_schema *now = reflect_now(conn);
	char *a = test_schema_dump(now, DBT_DUMP_NAMES),
	     *b = test_schema_dump(want, DBT_DUMP_NAMES);
	dbt_diff_opts opts = {.fk_forward_refs = 1};
	dbt_diff d;

	if (strcmp(a, b))
		fail_msg("%s: the database has\n%s\nbut should have\n%s", when, a, b);
	assert_int_equal(dbt_diff_schemas(&d, now, want, &opts), 0);
	assert_int_equal(d.n, 0);
	free(a);
	free(b);
	dbt_schema_free(now);
}

static void create_all(dbt_conn *conn, const dbt_schema *s)
{
	dbt_buf sql = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < s->ntables; i++)
		assert_int_equal(dbt_render_create_table(&sql, SQLITE, s->tables[i], NULL, NULL),
				 0);
	for (i = 0; i < s->nindexes; i++)
		assert_int_equal(dbt_render_create_index(&sql, SQLITE, s->indexes[i]), 0);
	exec_ok(conn, dbt_buf_str(&sql), "create");
	dbt_buf_release(&sql);
}

/* Renders the ops towards `target` and runs them in one transaction, as
 * the runner does. */
static void run_ops(dbt_conn *conn, const dbt_op *ops, size_t n, const dbt_schema *target,
		    const char *when)
{
	const struct dbt_dialect *d = &dbt_dialect_sqlite;
	dbt_buf sql = DBT_BUF_INIT;

	if (dbt_render_ops(&sql, SQLITE, ops, n, target) < 0)
		fail_msg("%s: cannot render: %s", when, dbt_error_last());
	assert_int_equal(d->begin(conn), 0);
	if (d->exec_script(conn, dbt_buf_str(&sql), when, 1) < 0 || d->commit(conn) < 0) {
		char *msg = strdup(dbt_error_last());

		d->rollback(conn);
		fail_msg("%s: %s\n%s", when, msg, dbt_buf_str(&sql));
	}
	dbt_buf_release(&sql);
}

/*
 * A change from model `a` to model `b` on a database that has rows.
 * `query` sums up, in one value, the rows in columns both versions have;
 * it gives `want_a` on A, `want_b` after the upgrade (NULL: want_a) and
 * `want_down` after the downgrade (NULL: want_a), which differ only
 * where the change itself sets values (a new default, a dropped column).
 */
struct change {
	const char *name;
	const char *a, *b;
	const char *rows;
	const char *query;
	const char *want_a, *want_b, *want_down;
};

/*
 * Creates A with its rows, diffs the reflected database against B,
 * upgrades in a transaction, and checks that the database is B with
 * every row; then downgrades with the inverses in reverse order towards
 * the reflected A and checks that it is A again, rows still there.
 */
static void round_trip(void **state)
{
	const struct change *c = *state;
	dbt_conn *conn = sqlite_memory();
	dbt_schema *a = parse_for(SQLITE, c->a), *b = parse_for(SQLITE, c->b), *from;
	dbt_diff_opts opts = {.fk_forward_refs = 1};
	dbt_diff d;
	dbt_op *inv;

	create_all(conn, a);
	exec_ok(conn, c->rows, "rows");
	assert_value(conn, c->query, c->want_a, "before");
	from = reflect_now(conn);
	assert_schema(conn, a, "before");

	assert_int_equal(dbt_diff_schemas(&d, from, b, &opts), 0);
	assert_true(d.n > 0);
	run_ops(conn, d.ops, d.n, b, "upgrade");
	assert_schema(conn, b, "after the upgrade");
	assert_value(conn, c->query, c->want_b ? c->want_b : c->want_a, "after the upgrade");
	assert_sound(conn, "after the upgrade");

	inv = inverses(&d);
	run_ops(conn, inv, d.n, from, "downgrade");
	assert_schema(conn, a, "after the downgrade");
	assert_value(conn, c->query, c->want_down ? c->want_down : c->want_a,
		     "after the downgrade");
	assert_sound(conn, "after the downgrade");

	free(inv);
	dbt_diff_release(&d);
	dbt_schema_free(from);
	dbt_schema_free(a);
	dbt_schema_free(b);
	dbt_dialect_sqlite.close(conn);
}

/* clang-format off */
#define USERS_A \
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n" \
	"  email TEXT);\n" \
	"CREATE INDEX ix_users_name ON users (name);\n"
#define USERS_ROWS \
	"INSERT INTO users VALUES (1, 'ann', 30, 'ann@x'), (2, 'bob', NULL, NULL),\n" \
	"  (3, 'cy', 7, 'cy@x');\n"
#define USERS_QUERY \
	"SELECT group_concat(id || ':' || name || ':' || ifnull(age, '-') || ':' ||\n" \
	"  ifnull(email, '-'), ',') FROM (SELECT * FROM users ORDER BY id)"
/* clang-format on */
#define USERS_WANT "1:ann:30:ann@x,2:bob:-:-,3:cy:7:cy@x"

/* clang-format off */
#define BOOKS_A \
	"CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n" \
	"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,\n" \
	"  author_id INTEGER REFERENCES authors ON DELETE CASCADE);\n" \
	"CREATE INDEX ix_books_author ON books (author_id);\n"
#define BOOKS_ROWS \
	"INSERT INTO authors VALUES (1, 'austen'), (2, 'borges'), (3, 'carver');\n" \
	"INSERT INTO books VALUES (10, 'emma', 1), (11, 'ficciones', 2), (12, 'persuasion', 1),\n" \
	"  (13, 'anon', NULL);\n"
#define BOOKS_QUERY \
	"SELECT group_concat(b.title || '>' || ifnull(a.name, '-'), ',') FROM (SELECT * FROM books\n" \
	"  ORDER BY id) b LEFT JOIN authors a ON a.id = b.author_id"
/* clang-format on */
#define BOOKS_WANT "emma>austen,ficciones>borges,persuasion>austen,anon>-"

static const struct change changes[] = {
	{"integer_to_bigint", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age BIGINT,\n"
	 "  email TEXT);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"widen_varchar", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, age INTEGER,\n"
	 "  email TEXT);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"text_to_varchar", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email VARCHAR(80));\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"set_not_null", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT NOT NULL);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 "INSERT INTO users VALUES (1, 'ann', 30, 'ann@x'), (2, 'bob', NULL, 'bob@x');\n",
	 USERS_QUERY, "1:ann:30:ann@x,2:bob:-:bob@x", NULL, NULL},
	{"drop_not_null", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30), age INTEGER, email TEXT);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"set_not_null_fills_nulls_with_the_default", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL,\n"
	 "  age INTEGER NOT NULL DEFAULT 0, email TEXT);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, "1:ann:30:ann@x,2:bob:0:-,3:cy:7:cy@x",
	 "1:ann:30:ann@x,2:bob:0:-,3:cy:7:cy@x"},
	{"set_default", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL,\n"
	 "  age INTEGER DEFAULT 18, email TEXT);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"change_default",
	 "CREATE TABLE s (id INTEGER PRIMARY KEY, state TEXT DEFAULT 'new', n REAL DEFAULT 1.5);\n",
	 "CREATE TABLE s (id INTEGER PRIMARY KEY, state TEXT DEFAULT 'open', n REAL DEFAULT -2);\n",
	 "INSERT INTO s (id) VALUES (1); INSERT INTO s VALUES (2, 'done', 3);\n",
	 "SELECT group_concat(id || state || n, ',') FROM (SELECT * FROM s ORDER BY id)",
	 "1new1.5,2done3.0", NULL, NULL},
	{"drop_default",
	 "CREATE TABLE s (id INTEGER PRIMARY KEY, at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,\n"
	 "  k TEXT DEFAULT lower('X'));\n",
	 "CREATE TABLE s (id INTEGER PRIMARY KEY, at TIMESTAMP, k TEXT);\n",
	 "INSERT INTO s VALUES (1, '2024-01-02 03:04:05', 'k');\n", "SELECT id || at || k FROM s",
	 "12024-01-02 03:04:05k", NULL, NULL},
	{"add_unique", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT UNIQUE);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"drop_composite_unique",
	 "CREATE TABLE p (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, CONSTRAINT uq_ab UNIQUE "
	 "(a, b));\n",
	 "CREATE TABLE p (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);\n",
	 "INSERT INTO p VALUES (1, 1, 1), (2, 1, 2), (3, NULL, NULL);\n",
	 "SELECT group_concat(id || ifnull(a, '-') || ifnull(b, '-'), ',') FROM (SELECT * FROM p "
	 "ORDER BY id)",
	 "111,212,3--", NULL, NULL},
	{"add_fk_on_delete_cascade",
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER);\n"
	 "CREATE INDEX ix_books_author ON books (author_id);\n",
	 BOOKS_A, BOOKS_ROWS, BOOKS_QUERY, BOOKS_WANT, NULL, NULL},
	{"drop_fk", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER);\n"
	 "CREATE INDEX ix_books_author ON books (author_id);\n",
	 BOOKS_ROWS, BOOKS_QUERY, BOOKS_WANT, NULL, NULL},
	{"change_fk_action", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,\n"
	 "  author_id INTEGER REFERENCES authors ON DELETE SET NULL ON UPDATE CASCADE);\n"
	 "CREATE INDEX ix_books_author ON books (author_id);\n",
	 BOOKS_ROWS, BOOKS_QUERY, BOOKS_WANT, NULL, NULL},
	{"rebuild_parent_keeps_children_and_their_references", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
	 "  born INTEGER CHECK (born > 0));\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,\n"
	 "  author_id INTEGER REFERENCES authors ON DELETE CASCADE);\n"
	 "CREATE INDEX ix_books_author ON books (author_id);\n",
	 BOOKS_ROWS, BOOKS_QUERY, BOOKS_WANT, NULL, NULL},
	{"rebuild_parent_and_child_together", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title VARCHAR(200) NOT NULL,\n"
	 "  author_id INTEGER REFERENCES authors ON DELETE CASCADE);\n"
	 "CREATE INDEX ix_books_author ON books (author_id);\n",
	 BOOKS_ROWS, BOOKS_QUERY, BOOKS_WANT, NULL, NULL},
	{"drop_fk_column", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
	 "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n",
	 BOOKS_ROWS, "SELECT group_concat(title, ',') FROM (SELECT * FROM books ORDER BY id)",
	 "emma,ficciones,persuasion,anon", NULL, NULL},
	{"self_referential_fk",
	 "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL, boss INTEGER);\n",
	 "CREATE TABLE staff (id INTEGER PRIMARY KEY, name TEXT NOT NULL,\n"
	 "  boss INTEGER REFERENCES staff (id) ON DELETE SET NULL);\n",
	 "INSERT INTO staff VALUES (1, 'ceo', NULL), (2, 'cto', 1), (3, 'dev', 2);\n",
	 "SELECT group_concat(s.name || '<' || ifnull(b.name, '-'), ',') FROM (SELECT * FROM "
	 "staff\n"
	 "  ORDER BY id) s LEFT JOIN staff b ON b.id = s.boss",
	 "ceo<-,cto<ceo,dev<cto", NULL, NULL},
	{"add_check", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT, CONSTRAINT ck_age CHECK (age >= 0 AND age < 200));\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"drop_check",
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT, CHECK (age >= 0), CHECK (length(name) > 1));\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_A, "INSERT INTO users VALUES (1, 'ann', 30, 'ann@x'), (2, 'bob', NULL, NULL);\n",
	 USERS_QUERY, "1:ann:30:ann@x,2:bob:-:-", NULL, NULL},
	{"drop_column_used_by_an_index",
	 "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER);\n"
	 "CREATE INDEX ix_t_ab ON t (a, b);\n",
	 "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n",
	 "INSERT INTO t VALUES (1, 'x', 10), (2, 'y', 20);\n",
	 "SELECT group_concat(id || a, ',') FROM (SELECT * FROM t ORDER BY id)", "1x,2y", NULL,
	 NULL},
	{"drop_column_used_by_a_check",
	 "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER CHECK (b > 0));\n",
	 "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n",
	 "INSERT INTO t VALUES (1, 'x', 10), (2, 'y', 20);\n",
	 "SELECT group_concat(id || a, ',') FROM (SELECT * FROM t ORDER BY id)", "1x,2y", NULL,
	 NULL},
	{"add_not_null_column_with_default", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT, active BOOLEAN NOT NULL DEFAULT TRUE);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"add_column_with_a_non_constant_default", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT, seen TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"add_unique_column", USERS_A,
	 "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, age INTEGER,\n"
	 "  email TEXT, handle TEXT UNIQUE);\n"
	 "CREATE INDEX ix_users_name ON users (name);\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"composite_primary_key",
	 "CREATE TABLE stock (shop INTEGER NOT NULL, item INTEGER NOT NULL, qty INTEGER,\n"
	 "  PRIMARY KEY (shop));\n",
	 "CREATE TABLE stock (shop INTEGER NOT NULL, item INTEGER NOT NULL, qty INTEGER,\n"
	 "  PRIMARY KEY (shop, item));\n",
	 "INSERT INTO stock VALUES (1, 10, 5), (2, 10, 0), (3, 11, NULL);\n",
	 "SELECT group_concat(shop || '/' || item || '/' || ifnull(qty, '-'), ',') FROM (SELECT * "
	 "FROM\n"
	 "  stock ORDER BY shop)",
	 "1/10/5,2/10/0,3/11/-", NULL, NULL},
	{"add_autoincrement", "CREATE TABLE ev (id INTEGER PRIMARY KEY, what TEXT);\n",
	 "CREATE TABLE ev (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT);\n",
	 "INSERT INTO ev VALUES (1, 'a'), (5, 'b');\n",
	 "SELECT group_concat(id || what, ',') FROM (SELECT * FROM ev ORDER BY id)", "1a,5b", NULL,
	 NULL},
	{"change_collation",
	 "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT);\n"
	 "CREATE INDEX ix_c_name ON c (name);\n",
	 "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE);\n"
	 "CREATE INDEX ix_c_name ON c (name);\n",
	 "INSERT INTO c VALUES (1, 'Bob'), (2, 'alice');\n",
	 "SELECT group_concat(name, ',') FROM (SELECT * FROM c ORDER BY id)", "Bob,alice", NULL,
	 NULL},
	{"numeric_precision",
	 "CREATE TABLE m (id INTEGER PRIMARY KEY, price NUMERIC(10,2) NOT NULL);\n",
	 "CREATE TABLE m (id INTEGER PRIMARY KEY, price NUMERIC(14,4) NOT NULL);\n",
	 "INSERT INTO m VALUES (1, 9.5), (2, 1234.25);\n",
	 "SELECT group_concat(id || '=' || price, ',') FROM (SELECT * FROM m ORDER BY id)",
	 "1=9.5,2=1234.25", NULL, NULL},
	{"quoted_names",
	 "CREATE TABLE \"order\" (\"select\" INTEGER PRIMARY KEY, \"Mixed Case\" TEXT,\n"
	 "  \"na\xc3\xafve\" INTEGER, \"group\" TEXT);\n"
	 "CREATE INDEX \"Ix Order\" ON \"order\" (\"Mixed Case\", \"na\xc3\xafve\" DESC);\n",
	 "CREATE TABLE \"order\" (\"select\" INTEGER PRIMARY KEY, \"Mixed Case\" VARCHAR(40),\n"
	 "  \"na\xc3\xafve\" BIGINT NOT NULL DEFAULT 0, \"group\" TEXT UNIQUE,\n"
	 "  CONSTRAINT \"Check Select\" CHECK (\"select\" > 0));\n"
	 "CREATE INDEX \"Ix Order\" ON \"order\" (\"Mixed Case\", \"na\xc3\xafve\" DESC);\n"
	 "CREATE TABLE \"user\" (id INTEGER PRIMARY KEY,\n"
	 "  \"order\" INTEGER REFERENCES \"order\" ON DELETE CASCADE);\n",
	 "INSERT INTO \"order\" VALUES (1, 'A b', 3, 'g1'), (2, 'C', NULL, 'g2');\n",
	 "SELECT group_concat(\"select\" || \"Mixed Case\" || ifnull(\"na\xc3\xafve\", '-') || "
	 "\"group\",\n"
	 "  ',') FROM (SELECT * FROM \"order\" ORDER BY 1)",
	 "1A b3g1,2C-g2", "1A b3g1,2C0g2", "1A b3g1,2C0g2"},
	{"indexes_survive_a_rebuild",
	 "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT, created DATE, active BOOLEAN);\n"
	 "CREATE UNIQUE INDEX ux_email ON u (lower(email));\n"
	 "CREATE INDEX ix_recent ON u (created DESC, id) WHERE active;\n"
	 "CREATE INDEX ix_pair ON u (email, created);\n",
	 "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT NOT NULL, created DATE,\n"
	 "  active BOOLEAN NOT NULL DEFAULT FALSE);\n"
	 "CREATE UNIQUE INDEX ux_email ON u (lower(email));\n"
	 "CREATE INDEX ix_recent ON u (created DESC, id) WHERE active;\n"
	 "CREATE INDEX ix_pair ON u (email, created);\n",
	 "INSERT INTO u VALUES (1, 'A@x', '2024-01-01', 1), (2, 'b@x', NULL, NULL);\n",
	 "SELECT group_concat(id || email || ifnull(created, '-') || ifnull(active, '-'), ',') "
	 "FROM\n"
	 "  (SELECT * FROM u ORDER BY id)",
	 "1A@x2024-01-011,2b@x--", "1A@x2024-01-011,2b@x-0", "1A@x2024-01-011,2b@x-0"},
	{"add_composite_partial_and_expression_indexes", USERS_A,
	 USERS_A
	 "CREATE INDEX ix_users_age_name ON users (age, name DESC);\n"
	 "CREATE UNIQUE INDEX ux_users_email ON users (lower(email)) WHERE email IS NOT NULL;\n"
	 "CREATE INDEX ix_users_adult ON users (id) WHERE age >= 18;\n",
	 USERS_ROWS, USERS_QUERY, USERS_WANT, NULL, NULL},
	{"index_moves_between_rebuilt_tables",
	 "CREATE TABLE t1 (id INTEGER PRIMARY KEY, x INTEGER);\n"
	 "CREATE TABLE t2 (id INTEGER PRIMARY KEY, y INTEGER);\n"
	 "CREATE INDEX ix_moving ON t1 (x);\n",
	 "CREATE TABLE t1 (id INTEGER PRIMARY KEY, x INTEGER CHECK (x > 0));\n"
	 "CREATE TABLE t2 (id INTEGER PRIMARY KEY, y INTEGER CHECK (y > 0));\n"
	 "CREATE INDEX ix_moving ON t2 (y);\n",
	 "INSERT INTO t1 VALUES (1, 5); INSERT INTO t2 VALUES (1, 6);\n",
	 "SELECT (SELECT x FROM t1) || (SELECT y FROM t2)", "56", NULL, NULL},
	{"many_to_many_association_table",
	 "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n"
	 "CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);\n",
	 "CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);\n"
	 "CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);\n"
	 "CREATE TABLE post_tags (post_id INTEGER NOT NULL REFERENCES posts ON DELETE CASCADE,\n"
	 "  tag_id INTEGER NOT NULL REFERENCES tags ON DELETE CASCADE, PRIMARY KEY (post_id, "
	 "tag_id));\n"
	 "CREATE INDEX ix_post_tags_tag ON post_tags (tag_id);\n",
	 "INSERT INTO posts VALUES (1, 'hello'), (2, 'again');\n"
	 "INSERT INTO tags VALUES (1, 'c'), (2, 'sql');\n",
	 "SELECT (SELECT group_concat(title, ',') FROM posts) || '|' || (SELECT "
	 "group_concat(label, ',')\n"
	 "  FROM tags)",
	 "hello,again|c,sql", NULL, NULL},
	{"add_stored_generated_column",
	 "CREATE TABLE lines (id INTEGER PRIMARY KEY, price INT NOT NULL, qty INT NOT NULL);\n",
	 "CREATE TABLE lines (id INTEGER PRIMARY KEY, price INT NOT NULL, qty INT NOT NULL,\n"
	 "  total INT AS (price * qty) STORED, half INT AS (price / 2));\n"
	 "CREATE INDEX ix_lines_total ON lines (total);\n",
	 "INSERT INTO lines VALUES (1, 3, 4), (2, 10, 2);\n",
	 "SELECT group_concat(id || ':' || price || ':' || qty, ',') FROM lines", "1:3:4,2:10:2",
	 NULL, NULL},
	{"generated_expression_changes",
	 "CREATE TABLE lines (id INTEGER PRIMARY KEY, price INT NOT NULL, qty INT NOT NULL,\n"
	 "  total INT AS (price * qty) STORED);\n",
	 "CREATE TABLE lines (id INTEGER PRIMARY KEY, price INT NOT NULL, qty INT NOT NULL,\n"
	 "  total INT AS (price * qty + 1) STORED);\n",
	 "INSERT INTO lines VALUES (1, 3, 4), (2, 10, 2);\n",
	 "SELECT group_concat(id || ':' || total, ',') FROM lines", "1:12,2:20", "1:13,2:21", NULL},
	{"plain_column_becomes_generated_and_back",
	 "CREATE TABLE people (id INTEGER PRIMARY KEY, first TEXT, last TEXT, fullname TEXT);\n",
	 "CREATE TABLE people (id INTEGER PRIMARY KEY, first TEXT, last TEXT,\n"
	 "  fullname TEXT AS (first || ' ' || last) STORED);\n",
	 "INSERT INTO people VALUES (1, 'ada', 'lovelace', 'x');\n",
	 "SELECT group_concat(id || ':' || fullname, ',') FROM people", "1:x", "1:ada lovelace",
	 "1:ada lovelace"},
	{"table_becomes_strict_and_without_rowid",
	 "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER);\n"
	 "CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT NOT NULL);\n",
	 "CREATE TABLE kv (k TEXT PRIMARY KEY, v INTEGER) STRICT, WITHOUT ROWID;\n"
	 "CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT NOT NULL) STRICT;\n",
	 "INSERT INTO kv VALUES ('a', 1), ('b', NULL);\n"
	 "INSERT INTO log VALUES (3, 'x'), (9, 'y');\n",
	 "SELECT (SELECT group_concat(k || ':' || ifnull(v, '-'), ',') FROM kv) || '|' ||\n"
	 "  (SELECT group_concat(id || msg, ',') FROM log)",
	 "a:1,b:-|3x,9y", NULL, NULL},
	{"add_and_drop_tables", BOOKS_A,
	 "CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
	 "CREATE TABLE reviews (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors,\n"
	 "  stars SMALLINT CHECK (stars BETWEEN 1 AND 5));\n",
	 BOOKS_ROWS, "SELECT group_concat(name, ',') FROM (SELECT * FROM authors ORDER BY id)",
	 "austen,borges,carver", NULL, NULL},
};

#define NCHANGES (sizeof(changes) / sizeof(changes[0]))

/* After a rebuild keeps an AUTOINCREMENT table's counter, a new row never
 * takes the id of one deleted before. */
static void test_sqlite_rebuild_keeps_the_autoincrement_counter(void **state)
{
	struct pair p;
	dbt_conn *conn = sqlite_memory();
	dbt_diff d;

	(void)state;
	pair_parse(&p, SQLITE, "CREATE TABLE ev (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT)",
		   "CREATE TABLE ev (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL)");
	create_all(conn, p.from);
	exec_ok(conn,
		"INSERT INTO ev (what) VALUES ('a'), ('b'), ('c');\n"
		"DELETE FROM ev WHERE id = 3;\n",
		"rows");
	d = diff_for(SQLITE, &p);
	run_ops(conn, d.ops, d.n, p.to, "upgrade");
	exec_ok(conn, "INSERT INTO ev (what) VALUES ('d')", "insert");
	assert_value(conn,
		     "SELECT group_concat(id || what, ',') FROM (SELECT * FROM ev ORDER BY id)",
		     "1a,2b,4d", "after the upgrade");
	assert_value(conn, "SELECT count(*) FROM sqlite_sequence", "1", "after the upgrade");
	dbt_diff_release(&d);
	pair_free(&p);
	dbt_dialect_sqlite.close(conn);
}

/* A rebuild of a parent leaves its children's foreign keys working: after
 * the commit, deleting a parent still cascades. */
static void test_sqlite_rebuilt_parent_still_cascades_to_children(void **state)
{
	struct pair p;
	dbt_conn *conn = sqlite_memory();
	dbt_diff d;

	(void)state;
	pair_parse(&p, SQLITE, BOOKS_A,
		   "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
		   "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,\n"
		   "  author_id INTEGER REFERENCES authors ON DELETE CASCADE);\n"
		   "CREATE INDEX ix_books_author ON books (author_id);\n");
	create_all(conn, p.from);
	exec_ok(conn, BOOKS_ROWS, "rows");
	d = diff_for(SQLITE, &p);
	run_ops(conn, d.ops, d.n, p.to, "upgrade");
	assert_value(conn, "PRAGMA foreign_keys", "1", "after the upgrade");
	exec_ok(conn, "DELETE FROM authors WHERE id = 1", "delete");
	assert_value(conn, "SELECT group_concat(title, ',') FROM (SELECT * FROM books ORDER BY id)",
		     "ficciones,anon", "after the delete");
	dbt_diff_release(&d);
	pair_free(&p);
	dbt_dialect_sqlite.close(conn);
}

/* A column that becomes NOT NULL without a default fails on a NULL, and
 * the transaction leaves the table as it was. */
static void test_sqlite_rebuild_refuses_nulls_in_a_new_not_null_column(void **state)
{
	const struct dbt_dialect *dl = &dbt_dialect_sqlite;
	struct pair p;
	dbt_conn *conn = sqlite_memory();
	dbt_buf sql = DBT_BUF_INIT;
	dbt_diff d;

	(void)state;
	pair_parse(&p, SQLITE, USERS_A,
		   "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL,\n"
		   "  age INTEGER NOT NULL, email TEXT);\n"
		   "CREATE INDEX ix_users_name ON users (name);\n");
	create_all(conn, p.from);
	exec_ok(conn, USERS_ROWS, "rows");
	d = diff_for(SQLITE, &p);
	assert_int_equal(dbt_render_ops(&sql, SQLITE, d.ops, d.n, p.to), 0);
	assert_int_equal(dl->begin(conn), 0);
	assert_int_equal(dl->exec_script(conn, dbt_buf_str(&sql), "up.sql", 1), DBT_EDB);
	assert_error_contains("NOT NULL constraint failed: _dbtool_new_users.age");
	assert_int_equal(dl->rollback(conn), 0);
	assert_schema(conn, p.from, "after the rollback");
	assert_value(conn, USERS_QUERY, USERS_WANT, "after the rollback");
	dbt_buf_release(&sql);
	dbt_diff_release(&d);
	pair_free(&p);
	dbt_dialect_sqlite.close(conn);
}

static void test_sqlite_rebuild_runs_after_the_names_it_takes_are_free(void **state)
{
	struct pair p;
	dbt_conn *conn = sqlite_memory();
	dbt_diff d;

	(void)state;
	pair_parse(&p, SQLITE, moved_from, moved_to);
	create_all(conn, p.from);
	exec_ok(conn, "INSERT INTO b VALUES (1, 2); INSERT INTO a VALUES (1, 1, 3);", "rows");
	d = diff_for(SQLITE, &p);
	run_ops(conn, d.ops, d.n, p.to, "upgrade");
	assert_schema(conn, p.to, "after the upgrade");
	assert_value(conn, "SELECT id || b_id || x FROM a", "113", "after the upgrade");
	dbt_diff_release(&d);
	pair_free(&p);
	dbt_dialect_sqlite.close(conn);
}

/* ------------------------------------------------------------- objects */

static dbt_object *add_object(dbt_schema *s, dbt_object_kind kind, const char *name,
			      const char *table, const char *create, const char *drop,
			      const char *replace, const char *dep)
{
	dbt_object *o;

	assert_int_equal(dbt_schema_add_object(&o, s, kind, name, table, create, create, drop,
					       replace),
			 0);
	if (dep)
		assert_int_equal(dbt_object_add_dep(o, dep), 0);
	return o;
}

/* Objects' statements are written as reflection gave them, under the
 * differ's line, on both databases; the downgrade writes the other
 * side's. */
static void test_ops_write_object_statements_as_they_are(void **state)
{
	static const char *const up = "-- - view old_v\n"
				      "DROP VIEW old_v;\n"
				      "\n"
				      "-- + table u\n"
				      "CREATE TABLE u (\n"
				      "    id INTEGER\n"
				      ");\n"
				      "\n"
				      "-- + view v\n"
				      "CREATE VIEW v AS SELECT id FROM u;\n"
				      "\n"
				      "-- ~ comment TABLE u\n"
				      "COMMENT ON TABLE u IS 'new';\n";
	static const char *const down = "-- ~ comment TABLE u\n"
					"COMMENT ON TABLE u IS 'old';\n"
					"\n"
					"-- - view v\n"
					"DROP VIEW v;\n"
					"\n"
					"-- - table u\n"
					"-- WARNING: drops table u and its rows\n"
					"DROP TABLE u;\n"
					"\n"
					"-- + view old_v\n"
					"CREATE VIEW old_v AS SELECT 1;\n";
	dbt_dialect_kind kinds[] = {SQLITE, PG};
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct pair p;
		dbt_diff d;
		dbt_op *inv;
		dbt_buf b = DBT_BUF_INIT;

		pair_parse(&p, kinds[k], "", "CREATE TABLE u (id INTEGER);");
		add_object(p.from, DBT_OBJ_VIEW, "old_v", NULL, "CREATE VIEW old_v AS SELECT 1;",
			   "DROP VIEW old_v;", NULL, NULL);
		add_object(p.from, DBT_OBJ_COMMENT, "TABLE u", "u", "COMMENT ON TABLE u IS 'old';",
			   "COMMENT ON TABLE u IS NULL;", "COMMENT ON TABLE u IS 'old';", "u");
		add_object(p.to, DBT_OBJ_VIEW, "v", NULL, "CREATE VIEW v AS SELECT id FROM u;",
			   "DROP VIEW v;", NULL, "u");
		add_object(p.to, DBT_OBJ_COMMENT, "TABLE u", "u", "COMMENT ON TABLE u IS 'new';",
			   "COMMENT ON TABLE u IS NULL;", "COMMENT ON TABLE u IS 'new';", "u");
		d = diff_for(kinds[k], &p);
		assert_sql(&b, dbt_render_ops(&b, kinds[k], d.ops, d.n, p.to), up);
		dbt_buf_clear(&b);
		inv = inverses(&d);
		assert_sql(&b, dbt_render_ops(&b, kinds[k], inv, d.n, p.from), down);
		free(inv);
		dbt_buf_release(&b);
		dbt_diff_release(&d);
		pair_free(&p);
	}
}

/* A replace without SQL to do it in place is refused, and leaves nothing
 * in the buffer. */
static void test_op_replace_without_sql_is_an_error(void **state)
{
	dbt_schema *s = parse("");
	dbt_object *o = add_object(s, DBT_OBJ_VIEW, "v", NULL, "CREATE VIEW v AS SELECT 1;",
				   "DROP VIEW v;", NULL, NULL);
	dbt_buf b = DBT_BUF_INIT;
	dbt_op op;

	(void)state;
	memset(&op, 0, sizeof(op));
	op.kind = DBT_OP_REPLACE_OBJECT;
	op.object = op.old_object = o;
	dbt_buf_puts(&b, "before;\n");
	assert_int_equal(dbt_render_op(&b, PG, &op), DBT_ERROR);
	assert_string_equal(dbt_error_last(), "replace_object operation has no SQL");
	assert_string_equal(dbt_buf_str(&b), "before;\n");
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

/* A view that the list drops before a rebuild is no longer there to keep:
 * the rebuild leaves it to the list, which creates it again after. */
static void test_ops_sqlite_rebuild_leaves_views_the_list_drops_to_the_list(void **state)
{
	dbt_sql_object *objs = calloc(2, sizeof(*objs));
	dbt_sql_objects keep = {objs, 2};
	struct pair p;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_non_null(objs);
	objs[0].type = strdup("view");
	objs[0].name = strdup("v");
	objs[0].table = strdup("v");
	objs[0].sql = strdup("CREATE VIEW v AS SELECT x FROM t");
	objs[1].type = strdup("trigger");
	objs[1].name = strdup("trg");
	objs[1].table = strdup("t");
	objs[1].sql = strdup("CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END");
	pair_parse(&p, SQLITE, "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);",
		   "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL);");
	add_object(p.from, DBT_OBJ_VIEW, "v", NULL, "CREATE VIEW v AS SELECT x FROM t",
		   "DROP VIEW v;", NULL, "t");
	add_object(p.from, DBT_OBJ_TRIGGER, "trg ON t", "t",
		   "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END", "DROP TRIGGER trg;",
		   NULL, "t");
	add_object(p.to, DBT_OBJ_VIEW, "v", NULL, "CREATE VIEW v AS SELECT id, x FROM t",
		   "DROP VIEW v;", NULL, "t");
	add_object(p.to, DBT_OBJ_TRIGGER, "trg ON t", "t",
		   "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END", "DROP TRIGGER trg;",
		   NULL, "t");
	d = diff_for(SQLITE, &p);
	dbt_sql_objects_forget(&keep, d.ops, d.n);
	assert_int_equal(keep.n, 1);
	assert_string_equal(keep.v[0].name, "trg");
	assert_sql(&b, dbt_render_ops_keep(&b, SQLITE, d.ops, d.n, p.to, &keep),
		   "-- - view v\n"
		   "DROP VIEW v;\n"
		   "\n"
		   "-- rebuild table t (SQLite cannot ALTER it in place):\n"
		   "--   ~ column t.x NULL -> NOT NULL\n"
		   "-- keep trigger trg: dropped here, created again after the rebuild\n"
		   "DROP TRIGGER trg;\n"
		   "CREATE TABLE _dbtool_new_t (\n"
		   "    id INTEGER NOT NULL,\n"
		   "    x TEXT NOT NULL,\n"
		   "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
		   ");\n"
		   "INSERT INTO _dbtool_new_t (id, x) SELECT id, x FROM t;\n"
		   "DROP TABLE t;\n"
		   "ALTER TABLE _dbtool_new_t RENAME TO t;\n"
		   "CREATE TRIGGER trg AFTER INSERT ON t BEGIN SELECT 1; END;\n"
		   "\n"
		   "-- + view v\n"
		   "CREATE VIEW v AS SELECT id, x FROM t\n");
	dbt_sql_objects_release(&keep);
	dbt_diff_release(&d);
	pair_free(&p);
}

/* ------------------------------------------- partitions and exclusions */

static const char partitions_model[] =
	"CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL,\n"
	"  CONSTRAINT m_no_overlap EXCLUDE USING gist (daterange(at, at, '[]') WITH &&))\n"
	"  PARTITION BY RANGE (at);\n"
	"CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	"CREATE TABLE m_rest PARTITION OF m (CONSTRAINT m_rest_id CHECK (id > 0)) DEFAULT\n"
	"  PARTITION BY HASH (id);\n";

static void test_create_table_postgres_writes_partitions_and_exclusions(void **state)
{
	(void)state;
	assert_table_sql(PG, partitions_model, "m",
			 "CREATE TABLE m (\n"
			 "    id INTEGER NOT NULL,\n"
			 "    at DATE NOT NULL,\n"
			 "    CONSTRAINT m_no_overlap EXCLUDE USING gist(daterange(at, at, '[]') "
			 "WITH &&)\n"
			 ") PARTITION BY RANGE (at);\n");
	assert_table_sql(PG, partitions_model, "m_2024",
			 "CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
			 "('2025-01-01');\n");
	assert_table_sql(PG, partitions_model, "m_rest",
			 "CREATE TABLE m_rest PARTITION OF m (\n"
			 "    CONSTRAINT m_rest_id CHECK (id > 0)\n"
			 ") DEFAULT PARTITION BY HASH (id);\n");
}

/* A buffer that ran out of memory before a partition without a list of
 * its own has nothing to take back of "(\n" (it crashed). */
static void test_create_table_partition_into_a_buffer_out_of_memory(void **state)
{
	dbt_schema *s = parse_for(PG, partitions_model);
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	b.oom = 1;
	assert_true(dbt_render_create_table(&b, PG, table_of(s, "m_2024"), NULL, NULL) < 0 ||
		    b.oom);
	assert_true(b.oom);
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

static void test_adapt_sqlite_refuses_partitions_and_exclusions(void **state)
{
	static const struct {
		const char *model, *msg;
	} cases[] = {
		{"CREATE TABLE m (a INT) PARTITION BY LIST (a);",
		 "1:14: table 'm' is partitioned (PARTITION BY), which SQLite does not support"},
		{"CREATE TABLE t (a INT,\n  EXCLUDE (a WITH =));",
		 "2:3: table 't' has an exclusion constraint (EXCLUDE), which SQLite does not "
		 "support"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dbt_schema *s = parse(cases[i].model);

		assert_int_equal(dbt_schema_adapt(s, SQLITE), DBT_EPARSE);
		assert_string_equal(dbt_error_last(), cases[i].msg);
		dbt_schema_free(s);
	}
}

static void test_ops_postgres_detach_and_attach_a_partition_with_a_new_bound(void **state)
{
	(void)state;
	assert_lists(
		PG,
		"CREATE TABLE m (at DATE) PARTITION BY RANGE (at);\n"
		"CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
		"CREATE TABLE m (at DATE) PARTITION BY RANGE (at);\n"
		"CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');",
		"-- ~ partition m_1 OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') -> "
		"FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')\n"
		"ALTER TABLE m DETACH PARTITION m_1;\n"
		"ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES FROM ('2024-01-01') TO "
		"('2024-02-01');\n",
		"-- ~ partition m_1 OF m FOR VALUES FROM ('2024-01-01') TO ('2024-02-01') -> "
		"FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')\n"
		"ALTER TABLE m DETACH PARTITION m_1;\n"
		"ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES FROM ('2024-01-01') TO "
		"('2025-01-01');\n");
}

static void test_ops_postgres_add_and_drop_an_exclusion_constraint(void **state)
{
	(void)state;
	assert_lists(PG, "CREATE TABLE b (during TSRANGE);",
		     "CREATE TABLE b (during TSRANGE, EXCLUDE USING gist (during WITH &&));",
		     "-- + exclude b USING gist(during WITH &&)\n"
		     "ALTER TABLE b ADD CONSTRAINT b_during_excl EXCLUDE USING gist(during WITH "
		     "&&);\n",
		     "-- - exclude b USING gist(during WITH &&)\n"
		     "ALTER TABLE b DROP CONSTRAINT b_during_excl;\n");
}

static void test_ops_postgres_exclusion_without_using_names_btree(void **state)
{
	(void)state;
	assert_lists(PG, "CREATE TABLE b (name TEXT);",
		     "CREATE TABLE b (name TEXT, EXCLUDE (name WITH =));",
		     "-- + exclude b USING btree(name WITH =)\n"
		     "ALTER TABLE b ADD CONSTRAINT b_name_excl EXCLUDE USING btree(name WITH =);\n",
		     "-- - exclude b USING btree(name WITH =)\n"
		     "ALTER TABLE b DROP CONSTRAINT b_name_excl;\n");
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_create_table_lists_columns_then_named_constraints),
		cmocka_unit_test(test_create_table_sqlite_keeps_declared_types),
		cmocka_unit_test(test_create_table_quotes_sqlite_own_table_names),
		cmocka_unit_test(test_create_table_postgres_spells_blob_serial_and_identity),
		cmocka_unit_test(test_create_table_postgres_writes_types_as_postgres_names_them),
		cmocka_unit_test(test_create_table_sqlite_puts_autoincrement_key_inline),
		cmocka_unit_test(test_create_table_sqlite_writes_conflict_clauses),
		cmocka_unit_test(test_postgres_refuses_sqlite_conflict_clauses_and_dq_defaults),
		cmocka_unit_test(test_create_table_sqlite_writes_key_desc_and_collations),
		cmocka_unit_test(test_postgres_refuses_sqlite_key_desc_and_collations),
		cmocka_unit_test(test_sqlite_rebuild_keeps_a_key_as_declared),
		cmocka_unit_test(test_create_table_postgres_makes_autoincrement_serial),
		cmocka_unit_test(test_create_table_quotes_reserved_mixed_case_utf8_and_quotes),
		cmocka_unit_test(test_create_table_sqlite_parenthesises_non_literal_defaults),
		cmocka_unit_test(test_create_table_postgres_leaves_function_call_defaults_bare),
		cmocka_unit_test(test_create_table_sqlite_writes_builtin_collations_bare),
		cmocka_unit_test(test_create_table_postgres_quotes_collations_as_names),
		cmocka_unit_test(test_create_table_writes_fk_actions_and_deferrability),
		cmocka_unit_test(test_create_table_leaves_out_fks_the_callback_skips),
		cmocka_unit_test(test_create_table_with_no_column_has_empty_list),
		cmocka_unit_test(test_create_table_writes_generated_columns),
		cmocka_unit_test(test_create_table_sqlite_writes_table_options),
		cmocka_unit_test(test_create_table_postgres_refuses_sqlite_table_options),
		cmocka_unit_test(test_create_table_appends_to_what_the_buffer_holds),
		cmocka_unit_test(test_adapt_sqlite_refuses_names_differing_in_case_only),
		cmocka_unit_test(
			test_create_table_sqlite_rejects_unadapted_serial_and_keeps_buffer),
		cmocka_unit_test(
			test_create_table_sqlite_error_for_reflected_column_has_no_position),
		cmocka_unit_test(test_create_index_writes_unique_expressions_desc_and_where),
		cmocka_unit_test(test_drop_table_and_index_quote_names),
		cmocka_unit_test(test_drop_tables_drops_a_list_at_once),
		cmocka_unit_test(test_unknown_dialect_is_an_error),
		cmocka_unit_test(test_op_create_table_without_deferral_keeps_every_fk),
		cmocka_unit_test(test_op_create_table_with_deferred_fks_keeps_self_references),
		cmocka_unit_test(test_op_drop_table_and_index),
		cmocka_unit_test(test_postgres_add_and_drop_column),
		cmocka_unit_test(test_postgres_add_column_writes_serial_and_identity),
		cmocka_unit_test(
			test_postgres_alter_type_with_collation_and_no_cast_where_assignment_works),
		cmocka_unit_test(
			test_postgres_alter_type_casts_only_where_no_assignment_cast_exists),
		cmocka_unit_test(test_postgres_alter_type_sets_the_default_again_after_the_type),
		cmocka_unit_test(test_postgres_alter_type_sets_a_string_default_again),
		cmocka_unit_test(test_postgres_alter_type_between_own_types_casts_through_text),
		cmocka_unit_test(test_postgres_alter_nullability_both_ways),
		cmocka_unit_test(
			test_safe_index_on_existing_table_is_built_concurrently_after_clearing_a_failed_build),
		cmocka_unit_test(test_safe_leaves_a_new_table_and_its_index_plain),
		cmocka_unit_test(
			test_safe_foreign_key_and_check_on_existing_table_are_added_not_valid_then_validated),
		cmocka_unit_test(
			test_safe_set_not_null_is_proven_by_a_validated_check_dropped_after),
		cmocka_unit_test(
			test_safe_keeps_plain_what_the_transaction_needs_or_postgres_refuses),
		cmocka_unit_test(test_postgres_alter_default_set_and_drop),
		cmocka_unit_test(test_postgres_alter_identity_add_drop_and_switch),
		cmocka_unit_test(test_postgres_alter_identity_renders_serial_changes),
		cmocka_unit_test(test_autoincrement_rule_and_its_hint),
		cmocka_unit_test(test_postgres_add_and_drop_constraints),
		cmocka_unit_test(
			test_postgres_alter_generated_drops_and_adds_or_drops_the_expression),
		cmocka_unit_test(test_postgres_alter_options_is_refused),
		cmocka_unit_test(test_postgres_identity_options_move_the_sequence_into_a_new_range),
		cmocka_unit_test(test_postgres_unlogged_include_nulls_and_identity_options),
		cmocka_unit_test(test_postgres_deferrable_keys),
		cmocka_unit_test(test_postgres_check_no_inherit),
		cmocka_unit_test(test_postgres_column_statistics_and_storage),
		cmocka_unit_test(test_postgres_storage_parameters),
		cmocka_unit_test(test_postgres_identity_gains_options_when_added),
		cmocka_unit_test(test_adapt_sqlite_refuses_postgres_table_key_and_index_forms),
		cmocka_unit_test(test_postgres_add_and_drop_foreign_key),
		cmocka_unit_test(test_postgres_ops_quote_every_name),
		cmocka_unit_test(test_sqlite_add_column_when_alter_table_allows_it),
		cmocka_unit_test(test_sqlite_add_column_needing_rebuild_is_refused),
		cmocka_unit_test(test_sqlite_drop_column_when_alter_table_allows_it),
		cmocka_unit_test(
			test_sqlite_adds_virtual_generated_columns_in_place_and_rebuilds_for_stored),
		cmocka_unit_test(test_sqlite_drop_column_used_by_a_constraint_is_refused),
		cmocka_unit_test(test_sqlite_alters_and_constraint_ops_need_rebuild),
		cmocka_unit_test(test_sqlite_foreign_key_ops_need_rebuild),
		cmocka_unit_test(test_adapt_sqlite_turns_serial_key_into_autoincrement_integer),
		cmocka_unit_test(test_adapt_sqlite_turns_identity_key_into_autoincrement),
		cmocka_unit_test(test_adapt_refuses_mariadb_comments_and_on_update),
		cmocka_unit_test(test_adapt_sqlite_refuses_serial_outside_sole_primary_key),
		cmocka_unit_test(
			test_adapt_sqlite_refuses_what_strict_and_without_rowid_tables_refuse),
		cmocka_unit_test(test_adapt_sqlite_takes_strict_types_as_sqlite_stores_them),
		cmocka_unit_test(
			test_adapt_postgres_refuses_sqlite_table_options_and_virtual_columns),
		cmocka_unit_test(test_adapt_sqlite_leaves_other_columns_alone),
		cmocka_unit_test(test_adapt_postgres_turns_autoincrement_into_serial),
		cmocka_unit_test(test_adapt_postgres_quotes_only_backquoted_names),
		cmocka_unit_test(test_adapt_postgres_leaves_empty_backquotes),
		cmocka_unit_test(test_sqlite_executes_rendered_tables_and_indexes),
		cmocka_unit_test(test_sqlite_executes_rendered_add_and_drop_column),
		cmocka_unit_test(test_ops_postgres_comment_each_op_and_warn_before_data_loss),
		cmocka_unit_test(test_ops_postgres_type_and_default_change_at_one_place),
		cmocka_unit_test(test_ops_postgres_fill_nulls_with_a_non_literal_default),
		cmocka_unit_test(test_ops_warn_before_dropping_a_table_and_recreate_its_indexes),
		cmocka_unit_test(test_ops_postgres_restore_what_a_regenerated_column_took_along),
		cmocka_unit_test(test_ops_sqlite_rebuild_leaves_generated_columns_to_sqlite),
		cmocka_unit_test(test_ops_sqlite_run_what_alter_table_can_do_in_place),
		cmocka_unit_test(test_ops_sqlite_rebuild_a_table_for_what_alter_table_cannot_do),
		cmocka_unit_test(test_ops_sqlite_rebuild_moves_the_autoincrement_counter),
		cmocka_unit_test(test_ops_sqlite_rebuild_keeps_rows_when_no_column_carries_over),
		cmocka_unit_test(test_ops_sqlite_rebuild_waits_for_the_names_it_takes),
		cmocka_unit_test(test_ops_sqlite_rebuild_keeps_triggers_and_views),
		cmocka_unit_test(test_ops_write_object_statements_as_they_are),
		cmocka_unit_test(test_create_table_postgres_writes_partitions_and_exclusions),
		cmocka_unit_test(test_create_table_partition_into_a_buffer_out_of_memory),
		cmocka_unit_test(test_adapt_sqlite_refuses_partitions_and_exclusions),
		cmocka_unit_test(test_ops_postgres_detach_and_attach_a_partition_with_a_new_bound),
		cmocka_unit_test(test_ops_postgres_add_and_drop_an_exclusion_constraint),
		cmocka_unit_test(test_ops_postgres_exclusion_without_using_names_btree),
		cmocka_unit_test(test_op_replace_without_sql_is_an_error),
		cmocka_unit_test(test_ops_sqlite_rebuild_leaves_views_the_list_drops_to_the_list),
		cmocka_unit_test(test_ops_sqlite_rebuild_refuses_to_lose_a_column_a_view_uses),
		cmocka_unit_test(test_ops_sqlite_write_a_new_tables_fks_inline),
		cmocka_unit_test(test_ops_sqlite_refuse_a_rebuild_without_the_target_table),
		cmocka_unit_test(test_ops_keep_line_breaks_out_of_comments),
		cmocka_unit_test(test_ops_empty_list_renders_nothing),
		cmocka_unit_test(
			test_sqlite_drop_column_of_an_inverse_checks_the_table_that_has_it),
		cmocka_unit_test(test_sqlite_rebuild_keeps_the_autoincrement_counter),
		cmocka_unit_test(test_sqlite_rebuilt_parent_still_cascades_to_children),
		cmocka_unit_test(test_sqlite_rebuild_refuses_nulls_in_a_new_not_null_column),
		cmocka_unit_test(test_sqlite_rebuild_runs_after_the_names_it_takes_are_free),
	};
	static char names[NCHANGES][96];
	struct CMUnitTest tests[sizeof(fixed) / sizeof(fixed[0]) + NCHANGES];
	size_t i, nfixed = sizeof(fixed) / sizeof(fixed[0]);

	/* Then one round trip per change, named after it. */
	memcpy(tests, fixed, sizeof(fixed));
	for (i = 0; i < NCHANGES; i++) {
		snprintf(names[i], sizeof(names[i]), "test_sqlite_round_trip_%s", changes[i].name);
		tests[nfixed + i] =
			(struct CMUnitTest){names[i], round_trip, NULL, NULL, (void *)&changes[i]};
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
