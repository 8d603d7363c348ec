/*
 * test_render.c - rendering a Schema's objects and the differ's operations
 * as SQL for SQLite and PostgreSQL: the exact text of every statement and
 * operation kind, identifier quoting, the operations SQLite cannot do
 * without a table rebuild, adapting a model to each dialect, and SQLite
 * executing what is rendered for a set of varied models.
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

#define SQLITE DBT_DIALECT_SQLITE
#define PG DBT_DIALECT_POSTGRES

static const char rebuild_suffix[] = ": SQLite needs a table rebuild for this, which is not supported yet";

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
static dbt_op column_op(const struct pair *p, dbt_op_kind kind, const char *table, const char *column)
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
		"  born DATE, bio TEXT DEFAULT 'none', score NUMERIC(5,2) DEFAULT -1.5 CHECK (score >= -10),\n"
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

static void test_create_table_sqlite_keeps_canonical_types(void **state)
{
	(void)state;
	assert_table_sql(SQLITE,
			 "CREATE TABLE files (id BIGINT PRIMARY KEY, data BYTEA NOT NULL, "
			 "at TIMESTAMP(3) WITH TIME ZONE, d DOUBLE PRECISION, f FLOAT4, j JSON, u UUID, "
			 "c CHAR, t TIME WITH TIME ZONE)",
			 "files",
			 "CREATE TABLE files (\n"
			 "    id BIGINT NOT NULL,\n"
			 "    data BLOB NOT NULL,\n"
			 "    at \"TIMESTAMP(3) WITH TIME ZONE\",\n"
			 "    d DOUBLE PRECISION,\n"
			 "    f REAL,\n"
			 "    j JSON,\n"
			 "    u UUID,\n"
			 "    c CHAR(1),\n"
			 "    t TIME WITH TIME ZONE,\n"
			 "    CONSTRAINT files_pkey PRIMARY KEY (id)\n"
			 ");\n");
}

static void test_create_table_postgres_spells_blob_serial_and_identity(void **state)
{
	(void)state;
	assert_table_sql(PG,
			 "CREATE TABLE files (id BIGSERIAL PRIMARY KEY, data BLOB NOT NULL, small SMALLSERIAL,\n"
			 "  n SERIAL, a INTEGER GENERATED ALWAYS AS IDENTITY,\n"
			 "  b BIGINT GENERATED BY DEFAULT AS IDENTITY, created TIMESTAMP(3) WITH TIME ZONE)",
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

static void test_create_table_sqlite_puts_autoincrement_key_inline(void **state)
{
	(void)state;
	assert_table_sql(SQLITE, "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT)",
			 "users",
			 "CREATE TABLE users (\n"
			 "    id INTEGER NOT NULL CONSTRAINT users_pkey PRIMARY KEY AUTOINCREMENT,\n"
			 "    email TEXT\n"
			 ");\n");
}

static void test_create_table_postgres_makes_autoincrement_serial(void **state)
{
	(void)state;
	assert_table_sql(PG, "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT)",
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
			 "  c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, e BOOLEAN DEFAULT TRUE, f INTEGER DEFAULT -3,\n"
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
			 "  c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, e BOOLEAN DEFAULT FALSE, f INTEGER DEFAULT +3,\n"
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
			 "  d TEXT COLLATE \"binary\" NOT NULL DEFAULT 'x', e CHAR(2) COLLATE RTRIM)",
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
			 "CREATE TABLE c (a TEXT COLLATE \"C\", b VARCHAR(10) COLLATE \"en_US\" NOT NULL,\n"
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
	static const char want[] =
		"CREATE TABLE ch (\n"
		"    id INTEGER NOT NULL,\n"
		"    p_id INTEGER,\n"
		"    k1 INTEGER,\n"
		"    k2 INTEGER,\n"
		"    CONSTRAINT ch_pkey PRIMARY KEY (id),\n"
		"    CONSTRAINT ch_p_id_fkey FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE "
		"ON UPDATE SET NULL,\n"
		"    CONSTRAINT fk_pair FOREIGN KEY (k1, k2) REFERENCES p (k1, k2) ON DELETE SET DEFAULT "
		"ON UPDATE RESTRICT DEFERRABLE INITIALLY DEFERRED,\n"
		"    CONSTRAINT fk_imm FOREIGN KEY (k1) REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE\n"
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

static void test_create_table_with_no_column_has_empty_list(void **state)
{
	dbt_schema *s = NULL;
	dbt_table *t;
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_schema_new(&s), 0);
	assert_int_equal(dbt_schema_add_table(&t, s, "empty", 0), 0);
	assert_sql(&b, dbt_render_create_table(&b, PG, t, NULL, NULL), "CREATE TABLE empty (\n);\n");
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

static void test_create_table_sqlite_rejects_unadapted_serial_and_keeps_buffer(void **state)
{
	dbt_schema *s = parse("CREATE TABLE items (id INTEGER PRIMARY KEY,\n  n SERIAL)");
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	dbt_buf_puts(&b, "-- kept\n");
	assert_int_equal(dbt_render_create_table(&b, SQLITE, table_of(s, "items"), NULL, NULL),
			 DBT_EPARSE);
	assert_string_equal(dbt_error_last(),
			    "2:3: column 'items.n' is SERIAL, but SQLite generates values only for an "
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
	assert_string_equal(dbt_error_last(),
			    "column 'items.n' is BIGSERIAL, but SQLite generates values only for an "
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
		assert_index_sql(k, "ux_email", "CREATE UNIQUE INDEX ux_email ON u ((lower(email)));\n");
		assert_index_sql(k, "ix_recent",
				 "CREATE INDEX ix_recent ON u (created DESC, id, (length(email)) DESC) "
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
	"  name VARCHAR(50) COLLATE \"C\" NOT NULL, age INTEGER DEFAULT 1 + 1, data BLOB NOT NULL,\n"
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
		   "CREATE TABLE t (x INTEGER, s BIGSERIAL, i SMALLINT GENERATED BY DEFAULT AS IDENTITY)");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "s");
	assert_op_sql(PG, &op, "ALTER TABLE t ADD COLUMN s BIGSERIAL NOT NULL;\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "t", "i");
	assert_op_sql(PG, &op,
		      "ALTER TABLE t ADD COLUMN i SMALLINT GENERATED BY DEFAULT AS IDENTITY NOT NULL;\n");
	pair_free(&p);
}

static void test_postgres_alter_type_with_collation_and_using(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, users_from, users_to);
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "name");
	assert_op_sql(PG, &op,
		      "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(50) COLLATE \"C\" "
		      "USING name::VARCHAR(50);\n");
	op = swapped(&p, &op);
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(30) USING name::VARCHAR(30);\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "tag");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN tag TYPE TEXT USING tag::TEXT;\n");
	op = column_op(&p, DBT_OP_ALTER_TYPE, "users", "data");
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN data TYPE BYTEA USING data::BYTEA;\n");
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
	pair_parse(&p, PG, "CREATE TABLE t (x INTEGER DEFAULT now())", "CREATE TABLE t (x INTEGER)");
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
	assert_op_sql(PG, &op, "ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;\n");
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

static void test_postgres_alter_identity_refuses_serial_changes(void **state)
{
	struct pair p;
	dbt_op op;

	(void)state;
	pair_parse(&p, PG, "CREATE TABLE t (x SERIAL, y INTEGER PRIMARY KEY AUTOINCREMENT)",
		   "CREATE TABLE t (x INTEGER GENERATED ALWAYS AS IDENTITY, y INTEGER PRIMARY KEY)");
	op = column_op(&p, DBT_OP_ALTER_IDENTITY, "t", "x");
	assert_op_error(PG, &op, "cannot alter column 't.x': changing SERIAL is not supported yet");
	op = swapped(&p, &op);
	assert_op_error(PG, &op, "cannot alter column 't.x': changing SERIAL is not supported yet");
	pair_free(&p);
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
		      "ALTER TABLE ch ADD CONSTRAINT fk_pair FOREIGN KEY (k1, k2) REFERENCES p (k1, k2) "
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
	assert_op_sql(PG, &op,
		      "ALTER TABLE \"Order\" ALTER COLUMN \"select\" TYPE BIGINT USING \"select\"::BIGINT;\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "Order", "user");
	assert_op_sql(PG, &op, "ALTER TABLE \"Order\" ADD COLUMN \"user\" TEXT;\n");
	op = object_op(DBT_OP_ADD_CHECK, to);
	op.check = to->checks[0];
	assert_op_sql(PG, &op, "ALTER TABLE \"Order\" ADD CONSTRAINT \"Check\" CHECK (\"select\" > 0);\n");
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
	assert_op_sql(SQLITE, &op, "ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';\n");
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
		   "CREATE TABLE t (id INTEGER, k INTEGER, u INTEGER UNIQUE, r INTEGER REFERENCES o (id),\n"
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
	static const dbt_op_kind alters[] = {DBT_OP_ALTER_TYPE, DBT_OP_ALTER_NULL, DBT_OP_ALTER_DEFAULT,
					     DBT_OP_ALTER_IDENTITY};
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

static void test_adapt_sqlite_refuses_serial_outside_sole_primary_key(void **state)
{
	(void)state;
	assert_adapt_error("CREATE TABLE items (\n    id INTEGER PRIMARY KEY,\n    n SERIAL\n);",
			   "3:5: column 'items.n' is SERIAL, but SQLite generates values only for an "
			   "INTEGER PRIMARY KEY column");
	assert_adapt_error("CREATE TABLE x (a SERIAL, b INTEGER, PRIMARY KEY (a, b))",
			   "1:17: column 'x.a' is SERIAL, but SQLite generates values only for an "
			   "INTEGER PRIMARY KEY column");
	assert_adapt_error("CREATE TABLE y (\n  id BIGINT GENERATED ALWAYS AS IDENTITY\n)",
			   "2:3: column 'y.id' is GENERATED ALWAYS AS IDENTITY, but SQLite generates "
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

/* ------------------------------------------------- executing on SQLite */

static const char *const exec_models[] = {
	/* users/characters */
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE);\n"
	"CREATE TABLE characters (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users,\n"
	"  name TEXT NOT NULL);\n"
	"CREATE INDEX ON characters (user_id);\n",
	/* authors/books, one-to-many with ON DELETE CASCADE */
	"CREATE TABLE authors (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n"
	"CREATE TABLE books (id BIGSERIAL PRIMARY KEY, title VARCHAR(200) NOT NULL,\n"
	"  author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE);\n",
	/* orders/items, an association table with a composite key */
	"CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TIMESTAMP DEFAULT CURRENT_TIMESTAMP);\n"
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
	"CREATE TABLE ev (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TIMESTAMP NOT NULL);\n"
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
			assert_int_equal(dbt_render_create_table(&sql, SQLITE, s->tables[i], NULL, NULL), 0);
		for (i = 0; i < s->nindexes; i++)
			assert_int_equal(dbt_render_create_index(&sql, SQLITE, s->indexes[i]), 0);
		assert_int_equal(d->open(&conn, &url), 0);
		if (d->exec_script(conn, dbt_buf_str(&sql), "model", 1) < 0)
			fail_msg("model %zu: %s\n%s", m, dbt_error_last(), dbt_buf_str(&sql));
		/* And everything drops again. */
		dbt_buf_clear(&sql);
		for (i = 0; i < s->nindexes; i++)
			assert_int_equal(dbt_render_drop_index(&sql, SQLITE, s->indexes[i]), 0);
		for (i = s->ntables; i-- > 0;)
			assert_int_equal(dbt_render_drop_table(&sql, SQLITE, s->tables[i]->name), 0);
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
		   "  email TEXT COLLATE nocase NOT NULL DEFAULT '', n INTEGER DEFAULT -1, nick TEXT)");
	assert_int_equal(dbt_render_create_table(&sql, SQLITE, table_of(p.from, "users"), NULL, NULL), 0);
	dbt_buf_puts(&sql, "INSERT INTO users (id, name) VALUES (1, 'a');\n");
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "email");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "n");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_ADD_COLUMN, "users", "nick");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	op = column_op(&p, DBT_OP_DROP_COLUMN, "users", "code");
	assert_int_equal(dbt_render_op(&sql, SQLITE, &op), 0);
	assert_int_equal(d->open(&conn, &url), 0);
	if (d->exec_script(conn, dbt_buf_str(&sql), "ops", 1) < 0)
		fail_msg("%s\n%s", dbt_error_last(), dbt_buf_str(&sql));
	assert_int_equal(d->query_value(conn, "SELECT group_concat(name, ',') FROM pragma_table_info('users')",
					&v),
			 0);
	assert_string_equal(v, "id,name,tag,email,n,nick");
	free(v);
	d->close(conn);
	dbt_buf_release(&sql);
	pair_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_table_lists_columns_then_named_constraints),
		cmocka_unit_test(test_create_table_sqlite_keeps_canonical_types),
		cmocka_unit_test(test_create_table_postgres_spells_blob_serial_and_identity),
		cmocka_unit_test(test_create_table_sqlite_puts_autoincrement_key_inline),
		cmocka_unit_test(test_create_table_postgres_makes_autoincrement_serial),
		cmocka_unit_test(test_create_table_quotes_reserved_mixed_case_utf8_and_quotes),
		cmocka_unit_test(test_create_table_sqlite_parenthesises_non_literal_defaults),
		cmocka_unit_test(test_create_table_postgres_leaves_function_call_defaults_bare),
		cmocka_unit_test(test_create_table_sqlite_writes_builtin_collations_bare),
		cmocka_unit_test(test_create_table_postgres_quotes_collations_as_names),
		cmocka_unit_test(test_create_table_writes_fk_actions_and_deferrability),
		cmocka_unit_test(test_create_table_leaves_out_fks_the_callback_skips),
		cmocka_unit_test(test_create_table_with_no_column_has_empty_list),
		cmocka_unit_test(test_create_table_appends_to_what_the_buffer_holds),
		cmocka_unit_test(test_create_table_sqlite_rejects_unadapted_serial_and_keeps_buffer),
		cmocka_unit_test(test_create_table_sqlite_error_for_reflected_column_has_no_position),
		cmocka_unit_test(test_create_index_writes_unique_expressions_desc_and_where),
		cmocka_unit_test(test_drop_table_and_index_quote_names),
		cmocka_unit_test(test_unknown_dialect_is_an_error),
		cmocka_unit_test(test_op_create_table_without_deferral_keeps_every_fk),
		cmocka_unit_test(test_op_create_table_with_deferred_fks_keeps_self_references),
		cmocka_unit_test(test_op_drop_table_and_index),
		cmocka_unit_test(test_postgres_add_and_drop_column),
		cmocka_unit_test(test_postgres_add_column_writes_serial_and_identity),
		cmocka_unit_test(test_postgres_alter_type_with_collation_and_using),
		cmocka_unit_test(test_postgres_alter_nullability_both_ways),
		cmocka_unit_test(test_postgres_alter_default_set_and_drop),
		cmocka_unit_test(test_postgres_alter_identity_add_drop_and_switch),
		cmocka_unit_test(test_postgres_alter_identity_refuses_serial_changes),
		cmocka_unit_test(test_postgres_add_and_drop_constraints),
		cmocka_unit_test(test_postgres_add_and_drop_foreign_key),
		cmocka_unit_test(test_postgres_ops_quote_every_name),
		cmocka_unit_test(test_sqlite_add_column_when_alter_table_allows_it),
		cmocka_unit_test(test_sqlite_add_column_needing_rebuild_is_refused),
		cmocka_unit_test(test_sqlite_drop_column_when_alter_table_allows_it),
		cmocka_unit_test(test_sqlite_drop_column_used_by_a_constraint_is_refused),
		cmocka_unit_test(test_sqlite_alters_and_constraint_ops_need_rebuild),
		cmocka_unit_test(test_sqlite_foreign_key_ops_need_rebuild),
		cmocka_unit_test(test_adapt_sqlite_turns_serial_key_into_autoincrement_integer),
		cmocka_unit_test(test_adapt_sqlite_turns_identity_key_into_autoincrement),
		cmocka_unit_test(test_adapt_sqlite_refuses_serial_outside_sole_primary_key),
		cmocka_unit_test(test_adapt_sqlite_leaves_other_columns_alone),
		cmocka_unit_test(test_adapt_postgres_turns_autoincrement_into_serial),
		cmocka_unit_test(test_sqlite_executes_rendered_tables_and_indexes),
		cmocka_unit_test(test_sqlite_executes_rendered_add_and_drop_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
