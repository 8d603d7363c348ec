/*
 * test_render_mysql.c - the MariaDB/MySQL SQL of every differ operation
 * (lib/render_mysql.c): backtick quoting of hostile names, CREATE TABLE
 * with AUTO_INCREMENT and no ENGINE, MODIFY COLUMN restating the whole
 * column, DROP FOREIGN KEY apart from the index MariaDB made for the key,
 * index prefixes and FULLTEXT, the refusals of what MariaDB cannot
 * express, lists of ops with their comment lines, and the adaptation of a
 * model to what MariaDB reports.  What the server makes of this SQL is
 * test_render_mysql_server.c's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "error.h"
#include "parse.h"
#include "render_int.h"
#include "render_mysql.h"
#include "schema.h"

/* ----------------------------------------------------------- helpers */

/* Parsed and adapted to MariaDB, with the auto-increment rule. */
static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;
	size_t i, k;

	if (dbt_parse_model(&s, "schema.sql", text, strlen(text)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	if (dbt_mysql_adapt(s) < 0)
		fail_msg("cannot adapt model: %s", dbt_error_last());
	for (i = 0; i < s->ntables; i++)
		for (k = 0; k < s->tables[i]->ncolumns; k++)
			if (dbt_render_autoincrement_rule_applies(s->tables[i],
								  s->tables[i]->columns[k]))
				dbt_mysql_autoincrement(s->tables[i]->columns[k]);
	return s;
}

/* The model's adaptation fails with `msg`. */
static void assert_adapt_error(const char *text, const char *msg)
{
	dbt_schema *s = NULL;

	if (dbt_parse_model(&s, "schema.sql", text, strlen(text)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	assert_int_equal(dbt_mysql_adapt(s), DBT_EPARSE);
	assert_string_equal(dbt_error_last(), msg);
	dbt_schema_free(s);
}

static dbt_table *table_of(const dbt_schema *s, const char *name)
{
	dbt_table *t = dbt_schema_find_table(s, name);

	assert_non_null(t);
	return t;
}

static void assert_op_sql(const dbt_op *op, const char *want)
{
	dbt_buf b = DBT_BUF_INIT;

	if (dbt_mysql_render_op(&b, op) < 0)
		fail_msg("rendering failed: %s", dbt_error_last());
	assert_string_equal(dbt_buf_str(&b), want);
	dbt_buf_release(&b);
}

static void assert_op_error(const dbt_op *op, const char *msg)
{
	dbt_buf b = DBT_BUF_INIT;

	assert_int_equal(dbt_mysql_render_op(&b, op), DBT_ERROR);
	assert_string_equal(dbt_error_last(), msg);
	dbt_buf_release(&b);
}

/* The differ's ops from `from` to `to`, rendered as a list, are `want`
 * (NULL: any); and so are those back, `back`. */
static void assert_list_sql(const char *from, const char *to, const char *want, const char *back)
{
	dbt_schema *a = model(from), *b = model(to);
	dbt_buf out = DBT_BUF_INIT;
	dbt_op *inv;
	dbt_diff d;
	size_t i;

	assert_int_equal(dbt_diff_schemas(&d, a, b, NULL), 0);
	if (dbt_mysql_render_ops(&out, d.ops, d.n, b, NULL) < 0)
		fail_msg("rendering failed: %s", dbt_error_last());
	if (want)
		assert_string_equal(dbt_buf_str(&out), want);
	dbt_buf_clear(&out);
	inv = calloc(d.n, sizeof(*inv));
	assert_non_null(inv);
	for (i = 0; i < d.n; i++)
		dbt_op_inverse(&inv[i], &d.ops[d.n - 1 - i]);
	if (dbt_mysql_render_ops(&out, inv, d.n, a, NULL) < 0)
		fail_msg("rendering failed: %s", dbt_error_last());
	assert_string_equal(dbt_buf_str(&out), back);
	free(inv);
	dbt_buf_release(&out);
	dbt_diff_release(&d);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static dbt_op op_on(dbt_op_kind kind, const dbt_table *t)
{
	dbt_op op;

	memset(&op, 0, sizeof(op));
	op.kind = kind;
	op.table = t;
	op.old_table = t;
	return op;
}

/* ------------------------------------------------------ CREATE TABLE */

static void create_table_uses_mariadb_types_and_auto_increment(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (id INTEGER PRIMARY KEY, flag BOOLEAN NOT NULL "
			      "DEFAULT TRUE,\n"
			      "  price NUMERIC(10,2), at TIMESTAMP, zoned TIMESTAMPTZ(3), r REAL,\n"
			      "  name VARCHAR(20) DEFAULT 'x', doc JSON);");
	dbt_op op = op_on(DBT_OP_CREATE_TABLE, table_of(s, "t"));

	(void)state;
	op.old_table = NULL;
	assert_op_sql(&op, "CREATE TABLE t (\n"
			   "    id int(11) AUTO_INCREMENT NOT NULL,\n"
			   "    flag tinyint(1) NOT NULL DEFAULT 1,\n"
			   "    price decimal(10,2),\n"
			   "    at datetime,\n"
			   "    zoned TIMESTAMP(3),\n"
			   "    r float,\n"
			   "    name VARCHAR(20) DEFAULT 'x',\n"
			   "    doc longtext COLLATE utf8mb4_bin,\n"
			   "    CONSTRAINT t_pkey PRIMARY KEY (id),\n"
			   "    CONSTRAINT doc CHECK (json_valid(`doc`))\n"
			   ");\n");
	dbt_schema_free(s);
}

static void hostile_names_are_quoted_in_backticks_doubled(void **state)
{
	dbt_schema *s = model("CREATE TABLE \"we`ird\" (\"co`l\" INTEGER PRIMARY KEY, \"select\" "
			      "TEXT, \"a b\" TEXT);");
	dbt_op op = op_on(DBT_OP_CREATE_TABLE, table_of(s, "we`ird"));

	(void)state;
	op.old_table = NULL;
	assert_op_sql(&op, "CREATE TABLE `we``ird` (\n"
			   "    `co``l` int(11) AUTO_INCREMENT NOT NULL,\n"
			   "    `select` TEXT,\n"
			   "    `a b` TEXT,\n"
			   "    CONSTRAINT `we``ird_pkey` PRIMARY KEY (`co``l`)\n"
			   ");\n");
	op = op_on(DBT_OP_DROP_TABLE, table_of(s, "we`ird"));
	assert_op_sql(&op, "DROP TABLE `we``ird`;\n");
	dbt_schema_free(s);
}

/* A table named as one of SQLite's own, which the model's parser skips
 * when bare, is written in backticks and reads back as a table. */
static void sqlite_own_table_names_are_quoted(void **state)
{
	dbt_schema *s = model("CREATE TABLE \"sqlite_sequence\" (n INTEGER);"), *back = NULL;
	dbt_op op = op_on(DBT_OP_CREATE_TABLE, table_of(s, "sqlite_sequence"));
	dbt_buf b = DBT_BUF_INIT;

	(void)state;
	op.old_table = NULL;
	assert_op_sql(&op, "CREATE TABLE `sqlite_sequence` (\n"
			   "    n int(11)\n"
			   ");\n");
	assert_int_equal(dbt_mysql_render_op(&b, &op), 0);
	assert_int_equal(dbt_parse_model(&back, "schema.sql", dbt_buf_str(&b), b.len), 0);
	assert_int_equal(back->ntables, 1);
	assert_string_equal(back->tables[0]->name, "sqlite_sequence");
	dbt_schema_free(back);
	dbt_buf_release(&b);
	dbt_schema_free(s);
}

static void a_key_without_a_name_is_written_without_constraint(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b));");
	dbt_table *t = table_of(s, "t");
	dbt_op op = op_on(DBT_OP_ADD_PK, t);

	(void)state;
	free(t->pk->name);
	t->pk->name = NULL;
	op.key = t->pk;
	assert_op_sql(&op, "ALTER TABLE t ADD PRIMARY KEY (a, b);\n");
	dbt_schema_free(s);
}

/* ------------------------------------------------------------ columns */

static void columns_are_added_dropped_and_renamed(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT NOT NULL DEFAULT "
			      "0);");
	dbt_table *t = table_of(s, "t");
	dbt_op op = op_on(DBT_OP_ADD_COLUMN, t);
	dbt_column old = *t->columns[1];

	(void)state;
	op.column = t->columns[1];
	assert_op_sql(&op, "ALTER TABLE t ADD COLUMN n bigint(20) NOT NULL DEFAULT 0;\n");
	op.kind = DBT_OP_DROP_COLUMN;
	op.old_column = t->columns[1];
	assert_op_sql(&op, "ALTER TABLE t DROP COLUMN n;\n");
	old.name = "m";
	op.kind = DBT_OP_RENAME_COLUMN;
	op.old_column = &old;
	assert_op_sql(&op, "ALTER TABLE t RENAME COLUMN m TO n;\n");
	dbt_schema_free(s);
}

static void a_table_is_renamed(void **state)
{
	dbt_schema *s = model("CREATE TABLE a (x TEXT); CREATE TABLE \"b`\" (x TEXT);");
	dbt_op op = op_on(DBT_OP_RENAME_TABLE, table_of(s, "b`"));

	(void)state;
	op.old_table = table_of(s, "a");
	assert_op_sql(&op, "ALTER TABLE a RENAME TO `b```;\n");
	dbt_schema_free(s);
}

static void type_null_default_and_identity_changes_modify_the_whole_column(void **state)
{
	dbt_schema *a = model(
			   "CREATE TABLE t (id INTEGER PRIMARY KEY, -- dbtool: no-autoincrement\n"
			   "  v VARCHAR(10));"),
		   *b = model("CREATE TABLE t (id SERIAL PRIMARY KEY,\n"
			      "  v VARCHAR(20) NOT NULL DEFAULT 'z' COLLATE utf8mb4_bin);");
	dbt_op op = op_on(DBT_OP_ALTER_TYPE, table_of(b, "t"));
	dbt_op_kind kinds[] = {DBT_OP_ALTER_TYPE, DBT_OP_ALTER_NULL, DBT_OP_ALTER_DEFAULT};
	size_t i;

	(void)state;
	op.old_table = table_of(a, "t");
	op.column = table_of(b, "t")->columns[1];
	op.old_column = table_of(a, "t")->columns[1];
	for (i = 0; i < 3; i++) {
		op.kind = kinds[i];
		assert_op_sql(&op, "ALTER TABLE t MODIFY COLUMN v VARCHAR(20) COLLATE utf8mb4_bin "
				   "NOT NULL DEFAULT 'z';\n");
	}
	op.kind = DBT_OP_ALTER_IDENTITY;
	op.column = table_of(b, "t")->columns[0];
	op.old_column = table_of(a, "t")->columns[0];
	assert_op_sql(&op, "ALTER TABLE t MODIFY COLUMN id int(11) AUTO_INCREMENT NOT NULL;\n");
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void a_generated_column_is_added_again_or_modified_to_plain(void **state)
{
	dbt_schema *a = model("CREATE TABLE t (x INTEGER, g INTEGER GENERATED ALWAYS AS (x + 1) "
			      "STORED);"),
		   *b = model("CREATE TABLE t (x INTEGER, g INTEGER);"),
		   *c = model("CREATE TABLE t (x INTEGER, g INTEGER GENERATED ALWAYS AS (x * 2) "
			      "STORED);"),
		   *d = model("CREATE TABLE t (x INTEGER, g INTEGER GENERATED ALWAYS AS (x * 2) "
			      "VIRTUAL);");
	dbt_op op = op_on(DBT_OP_ALTER_GENERATED, table_of(a, "t"));

	(void)state;
	op.column = table_of(a, "t")->columns[1];
	op.old_column = table_of(b, "t")->columns[1];
	assert_op_sql(&op,
		      "ALTER TABLE t DROP COLUMN g;\n"
		      "ALTER TABLE t ADD COLUMN g int(11) GENERATED ALWAYS AS (x + 1) STORED;\n");
	op.table = table_of(b, "t");
	op.column = table_of(b, "t")->columns[1];
	op.old_column = table_of(a, "t")->columns[1];
	assert_op_sql(&op, "ALTER TABLE t MODIFY COLUMN g int(11);\n");
	/* A new expression, still STORED: MODIFY, which keeps g's indexes. */
	op.table = table_of(c, "t");
	op.column = table_of(c, "t")->columns[1];
	assert_op_sql(&op, "ALTER TABLE t MODIFY COLUMN g int(11) GENERATED ALWAYS AS (x * 2) "
			   "STORED;\n");
	/* STORED to VIRTUAL, which MariaDB does not MODIFY: added again. */
	op.table = table_of(d, "t");
	op.column = table_of(d, "t")->columns[1];
	op.old_column = table_of(c, "t")->columns[1];
	assert_op_sql(&op,
		      "ALTER TABLE t DROP COLUMN g;\n"
		      "ALTER TABLE t ADD COLUMN g int(11) GENERATED ALWAYS AS (x * 2) VIRTUAL;\n");
	dbt_schema_free(a);
	dbt_schema_free(b);
	dbt_schema_free(c);
	dbt_schema_free(d);
}

/* -------------------------------------------------------- constraints */

static void keys_and_checks_are_added_and_dropped_the_mariadb_way(void **state)
{
	dbt_schema *s = model("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			      "CREATE TABLE t (id INTEGER NOT NULL, pid INTEGER, k TEXT,\n"
			      "  CONSTRAINT t_pk PRIMARY KEY (id), CONSTRAINT uq_k UNIQUE (k),\n"
			      "  CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id) ON DELETE "
			      "CASCADE,\n"
			      "  CONSTRAINT ck_id CHECK (id > 0));");
	dbt_table *t = table_of(s, "t");
	dbt_op op = op_on(DBT_OP_ADD_PK, t);

	(void)state;
	op.key = t->pk;
	assert_op_sql(&op, "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY (id);\n");
	op.kind = DBT_OP_DROP_PK;
	assert_op_sql(&op, "ALTER TABLE t DROP PRIMARY KEY;\n");
	op.kind = DBT_OP_ADD_UNIQUE;
	op.key = t->uniques[0];
	assert_op_sql(&op, "ALTER TABLE t ADD CONSTRAINT uq_k UNIQUE (k);\n");
	op.kind = DBT_OP_DROP_UNIQUE;
	assert_op_sql(&op, "ALTER TABLE t DROP INDEX uq_k;\n");
	op.kind = DBT_OP_ADD_FK;
	op.fk = t->fks[0];
	assert_op_sql(&op, "ALTER TABLE t ADD CONSTRAINT fk_p FOREIGN KEY (pid) REFERENCES p (id) "
			   "ON DELETE CASCADE;\n");
	op.kind = DBT_OP_DROP_FK;
	assert_op_sql(&op, "ALTER TABLE t DROP FOREIGN KEY fk_p;\n");
	op.kind = DBT_OP_ADD_CHECK;
	op.check = t->checks[0];
	assert_op_sql(&op, "ALTER TABLE t ADD CONSTRAINT ck_id CHECK (id > 0);\n");
	op.kind = DBT_OP_DROP_CHECK;
	assert_op_sql(&op, "ALTER TABLE t DROP CONSTRAINT ck_id;\n");
	dbt_schema_free(s);
}

static void indexes_take_prefixes_fulltext_and_drop_on_their_table(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (a TEXT, b VARCHAR(50));\n"
			      "CREATE INDEX ix_a ON t (a, b DESC);\n"
			      "CREATE INDEX \"f`t\" ON t (a);");
	dbt_index *ix = s->indexes[0];
	dbt_op op;

	(void)state;
	memset(&op, 0, sizeof(op));
	op.kind = DBT_OP_ADD_INDEX;
	op.index = ix;
	ix->elems[0].prefix = 10;
	assert_op_sql(&op, "CREATE INDEX ix_a ON t (a(10), b DESC);\n");
	op.kind = DBT_OP_DROP_INDEX;
	assert_op_sql(&op, "DROP INDEX ix_a ON t;\n");
	op.kind = DBT_OP_ADD_INDEX;
	op.index = s->indexes[1];
	s->indexes[1]->method = strdup("fulltext");
	assert_non_null(s->indexes[1]->method);
	assert_op_sql(&op, "CREATE FULLTEXT INDEX `f``t` ON t (a);\n");
	ix->unique = 1;
	op.index = ix;
	assert_op_sql(&op, "CREATE UNIQUE INDEX ix_a ON t (a(10), b DESC);\n");
	dbt_schema_free(s);
}

/* ----------------------------------------------------------- refusals */

static void what_mariadb_cannot_express_is_refused_naming_it(void **state)
{
	static const char text[] =
		"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		"CREATE TABLE t (id INTEGER PRIMARY KEY, pid INTEGER,\n"
		"  CONSTRAINT fk_d FOREIGN KEY (pid) REFERENCES p (id) DEFERRABLE);\n"
		"CREATE INDEX ix_part ON t (pid) WHERE pid > 0;\n"
		"CREATE INDEX ix_expr ON t ((pid + 1));";
	dbt_schema *s = NULL;
	dbt_table *t;
	dbt_op op;

	(void)state;
	/* Parsed only: the adaptation refuses these indexes already
	 * (models_mariadb_cannot_store_are_refused_at_their_place), but ops
	 * may come from a schema that was not adapted. */
	if (dbt_parse_model(&s, "schema.sql", text, strlen(text)) < 0)
		fail_msg("cannot parse model: %s", dbt_error_last());
	t = table_of(s, "t");
	op = op_on(DBT_OP_ADD_FK, t);
	op.fk = t->fks[0];
	assert_op_error(&op, "cannot render foreign key 'fk_d' of table 't' for MariaDB/MySQL: it "
			     "has no deferrable foreign keys");
	op.kind = DBT_OP_CREATE_TABLE;
	assert_op_error(&op, "cannot render foreign key 'fk_d' of table 't' for MariaDB/MySQL: it "
			     "has no deferrable foreign keys");
	op.kind = DBT_OP_ADD_INDEX;
	op.index = dbt_schema_find_index(s, "ix_part");
	assert_op_error(&op, "cannot render index 'ix_part' on table 't' for MariaDB/MySQL: it has "
			     "no partial indexes (WHERE)");
	op.index = dbt_schema_find_index(s, "ix_expr");
	assert_op_error(&op, "cannot render index 'ix_expr' on table 't' for MariaDB/MySQL: dbtool "
			     "does not render its expression keys");
	op.kind = DBT_OP_ALTER_OPTIONS;
	assert_op_error(&op, "cannot change the options of table 't' on MariaDB/MySQL: STRICT and "
			     "WITHOUT ROWID are SQLite's");
	dbt_schema_free(s);
}

/* MariaDB computes no generated column from an AUTO_INCREMENT column:
 * the model's AUTO_INCREMENT, or the rule's, which the hint turns off. */
static void a_column_generated_from_an_auto_increment_key_is_refused(void **state)
{
	dbt_schema *s;

	(void)state;
	assert_adapt_error("CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n"
			   "  d INTEGER GENERATED ALWAYS AS (id * 2) STORED);",
			   "3:13: column 't.d' is generated from 'id', which is AUTO_INCREMENT on "
			   "MariaDB (the sole integer primary key), and MariaDB computes no "
			   "generated column from one: the hint '-- dbtool: no-autoincrement' at "
			   "the end of its line keeps it a plain key");
	assert_adapt_error("CREATE TABLE t (id INTEGER AUTO_INCREMENT, k INT PRIMARY KEY,\n"
			   "  UNIQUE (id), d INTEGER AS (\"ID\" + 1));",
			   "2:26: column 't.d' is generated from 'id', which is AUTO_INCREMENT on "
			   "MariaDB, and MariaDB computes no generated column from one");
	s = model("CREATE TABLE t (\n  id INTEGER PRIMARY KEY, -- dbtool: no-autoincrement\n"
		  "  d INTEGER GENERATED ALWAYS AS (id * 2) STORED);");
	assert_non_null(table_of(s, "t")->columns[1]->generated_expr);
	dbt_schema_free(s);
}

/* A column that stops being AUTO_INCREMENT does so before a generated
 * column reads it, and the downgrade drops that column before the other
 * is AUTO_INCREMENT again (MariaDB refused the ADD COLUMN: random pair
 * 1700390). */
static void auto_increment_ends_before_a_generated_column_reads_the_column(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE t (id INTEGER AUTO_INCREMENT, k INTEGER NOT NULL,\n"
			"  PRIMARY KEY (id, k));",
			"CREATE TABLE t (id INTEGER, k INTEGER NOT NULL,\n"
			"  d INTEGER GENERATED ALWAYS AS (id * 2) STORED, PRIMARY KEY (id, k));",
			"-- + column t.d int(11) NULL GENERATED ALWAYS AS (id * 2) STORED\n"
			"-- ~ column t.id AUTOINCREMENT -> no identity\n"
			"ALTER TABLE t MODIFY COLUMN id int(11) NOT NULL;\n"
			"ALTER TABLE t ADD COLUMN d int(11) GENERATED ALWAYS AS (id * 2) STORED;\n"
			"\n"
			"-- ~ column t.id AUTOINCREMENT -> no identity\n"
			"-- (before the generated column that reads it, above)\n",
			"-- ~ column t.id no identity -> AUTOINCREMENT\n"
			"-- - column t.d\n"
			"-- WARNING: drops column t.d and its values\n"
			"ALTER TABLE t DROP COLUMN d;\n"
			"ALTER TABLE t MODIFY COLUMN id int(11) AUTO_INCREMENT NOT NULL;\n"
			"\n"
			"-- - column t.d\n"
			"-- WARNING: drops column t.d and its values\n"
			"-- (before the column is AUTO_INCREMENT again, above)\n");
}

static void models_mariadb_cannot_store_are_refused_at_their_place(void **state)
{
	(void)state;
	assert_adapt_error("CREATE TABLE t (\n  v VARCHAR);",
			   "2:3: column 't.v' is VARCHAR without a length, which MariaDB requires");
	assert_adapt_error("CREATE TABLE t (a TIME WITH TIME ZONE);",
			   "1:17: column 't.a' is TIME WITH TIME ZONE, which MariaDB does not "
			   "have");
	assert_adapt_error("CREATE TABLE t (a INTEGER, n SERIAL);",
			   "1:28: column 't.n' is SERIAL, but MariaDB generates values "
			   "(AUTO_INCREMENT) only for a column that leads a key");
	assert_adapt_error("CREATE TABLE t (a INTEGER) STRICT;",
			   "1:28: table 't' is STRICT, a table option of SQLite's that MariaDB "
			   "does not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER NOT NULL ON CONFLICT IGNORE);",
			   "1:36: column 't.a' has ON CONFLICT, a clause of SQLite's that "
			   "MariaDB/MySQL does not have");
	/* PostgreSQL's forms, which the model parser takes. */
	assert_adapt_error("CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE e ();",
			   "2:14: table 'e' has no columns, which MariaDB/MySQL does not allow");
	assert_adapt_error("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			   "CREATE TABLE c (pid INTEGER NOT NULL REFERENCES p (id)\n"
			   "  ON UPDATE SET NULL);",
			   "2:38: foreign key 'c_pid_fkey' of table 'c' sets NULL in the NOT NULL "
			   "column 'pid', which InnoDB refuses");
	assert_adapt_error("CREATE TABLE t (a TEXT, b TEXT,\n"
			   "  c TEXT GENERATED ALWAYS AS (a || b || 'x' = 'y') STORED);",
			   "2:3: a generation expression of table 't' uses || among other "
			   "operators, which MariaDB reads as OR and dbtool writes as CONCAT() "
			   "only alone: write CONCAT(...) there");
	assert_adapt_error("CREATE UNLOGGED TABLE t (a INTEGER);",
			   "1:8: table 't' is UNLOGGED, which MariaDB/MySQL does not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER, b INTEGER, UNIQUE (a) INCLUDE (b));",
			   "1:50: a key of table 't' has INCLUDE columns, which MariaDB/MySQL does "
			   "not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER UNIQUE NULLS NOT DISTINCT);",
			   "1:34: a key of table 't' has NULLS NOT DISTINCT, which MariaDB/MySQL "
			   "does not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER) WITH (fillfactor = 70);",
			   "1:28: table 't' has storage parameters (WITH (...)), which "
			   "MariaDB/MySQL does not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER);\nCREATE INDEX i ON t (a) WITH (fillfactor "
			   "= 70);",
			   "2:25: index 'i' has storage parameters (WITH (...)), which "
			   "MariaDB/MySQL does not have");
	assert_adapt_error(
		"CREATE TABLE t (a INTEGER PRIMARY KEY, b INTEGER REFERENCES t ON DELETE "
		"SET NULL (b));",
		"1:82: foreign key 't_b_fkey' of table 't' sets only some of its columns "
		"(ON DELETE SET ... (columns)), which MariaDB/MySQL does not have");
	assert_adapt_error("CREATE TABLE t (a NUMERIC(5,-2));",
			   "1:17: column 't.a' is NUMERIC with a negative scale or one above its "
			   "precision, which MariaDB does not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER CHECK (a > 0) NO INHERIT);",
			   "1:41: a CHECK of table 't' is NO INHERIT, which MariaDB/MySQL does not "
			   "have");
	assert_adapt_error("CREATE TABLE t (a INTEGER, UNIQUE (a) INITIALLY DEFERRED);",
			   "1:39: a key of table 't' has DEFERRABLE, which MariaDB/MySQL does "
			   "not have");
	assert_adapt_error("CREATE TABLE t (a INTEGER, b INTEGER);\n"
			   "CREATE INDEX t_a ON t (a) INCLUDE (b);",
			   "2:27: index 't_a' has INCLUDE columns, which MariaDB/MySQL does not "
			   "have");
	assert_adapt_error("CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY "
			   "(START WITH 10) PRIMARY KEY);",
			   "1:61: column 't.id' has identity sequence options, which "
			   "MariaDB/MySQL does not have");
	/* Indexes MariaDB cannot have: refused before the scratch database
	 * that check and migrate build would get them as written. */
	assert_adapt_error("CREATE TABLE t (a INTEGER);\n"
			   "CREATE INDEX t_a ON t (a) WHERE a > 0;",
			   "2:14: cannot make index 't_a' on table 't' on MariaDB/MySQL: it has no "
			   "partial indexes (WHERE)");
	assert_adapt_error("CREATE TABLE t (a VARCHAR(10));\n"
			   "CREATE INDEX t_a ON t (lower(a));",
			   "2:14: cannot make index 't_a' on table 't' on MariaDB/MySQL: dbtool "
			   "does "
			   "not render its expression keys");
}

/* -------------------------------------------------------------- lists */

static void a_list_modifies_each_column_once_and_fills_nulls(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10));",
			"CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(20) NOT NULL DEFAULT "
			"'a');",
			"-- ~ column t.v VARCHAR(10) -> VARCHAR(20)\n"
			"UPDATE t SET v = 'a' WHERE v IS NULL;\n"
			"ALTER TABLE t MODIFY COLUMN v VARCHAR(20) NOT NULL DEFAULT 'a';\n"
			"\n"
			"-- ~ column t.v NULL -> NOT NULL\n"
			"-- (in the MODIFY COLUMN above)\n"
			"\n"
			"-- ~ column t.v no default -> DEFAULT 'a'\n"
			"-- (in the MODIFY COLUMN above)\n",
			"-- ~ column t.v DEFAULT 'a' -> no default\n"
			"-- WARNING: narrows t.v from VARCHAR(20) to VARCHAR(10)\n"
			"ALTER TABLE t MODIFY COLUMN v VARCHAR(10);\n"
			"\n"
			"-- ~ column t.v NOT NULL -> NULL\n"
			"-- (in the MODIFY COLUMN above)\n"
			"\n"
			"-- ~ column t.v VARCHAR(20) -> VARCHAR(10)\n"
			"-- (in the MODIFY COLUMN above)\n");
}

/* A column's COMMENT and ON UPDATE are in its definition, written in
 * MariaDB's escapes; a table's COMMENT follows its list, and changes on
 * its own. */
static void comments_and_on_update_are_written_where_mariadb_reads_them(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (id INTEGER PRIMARY KEY,\n"
			      "  at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE "
			      "CURRENT_TIMESTAMP(6),\n"
			      "  n INTEGER COMMENT 'it''s a \\\\ b') COMMENT 'the ''t''';");
	dbt_op op = op_on(DBT_OP_CREATE_TABLE, table_of(s, "t"));

	(void)state;
	op.old_table = NULL;
	assert_op_sql(&op, "CREATE TABLE t (\n"
			   "    id int(11) AUTO_INCREMENT NOT NULL,\n"
			   "    at datetime(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP(6)) ON UPDATE "
			   "current_timestamp(6),\n"
			   "    n int(11) COMMENT 'it''s a \\\\ b',\n"
			   "    CONSTRAINT t_pkey PRIMARY KEY (id)\n"
			   ") COMMENT 'the ''t''';\n");
	dbt_schema_free(s);
	assert_list_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10) COMMENT 'a',\n"
			"  at DATETIME);",
			"CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(20) COMMENT 'b',\n"
			"  at DATETIME ON UPDATE now()) COMMENT 't';",
			"-- ~ table t no comment -> COMMENT 't'\n"
			"ALTER TABLE t COMMENT 't';\n"
			"\n"
			"-- ~ column t.v VARCHAR(10) -> VARCHAR(20)\n"
			"ALTER TABLE t MODIFY COLUMN v VARCHAR(20) COMMENT 'b';\n"
			"\n"
			"-- ~ column t.v COMMENT 'a' -> COMMENT 'b'\n"
			"-- (in the MODIFY COLUMN above)\n"
			"\n"
			"-- ~ column t.at no default -> no default ON UPDATE current_timestamp()\n"
			"ALTER TABLE t MODIFY COLUMN at datetime ON UPDATE current_timestamp();\n",
			"-- ~ column t.at no default ON UPDATE current_timestamp() -> no default\n"
			"ALTER TABLE t MODIFY COLUMN at datetime;\n"
			"\n"
			"-- ~ column t.v COMMENT 'b' -> COMMENT 'a'\n"
			"-- WARNING: narrows t.v from VARCHAR(20) to VARCHAR(10)\n"
			"ALTER TABLE t MODIFY COLUMN v VARCHAR(10) COMMENT 'a';\n"
			"\n"
			"-- ~ column t.v VARCHAR(20) -> VARCHAR(10)\n"
			"-- (in the MODIFY COLUMN above)\n"
			"\n"
			"-- ~ table t COMMENT 't' -> no comment\n"
			"ALTER TABLE t COMMENT '';\n");
}

static void the_index_of_a_foreign_key_is_made_by_it_and_dropped_after_it(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));",
			"-- + foreign key c (pid) -> p (id)\n"
			"ALTER TABLE c ADD CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id);\n"
			"\n"
			"-- + index fk_c_p ON c (pid)\n"
			"-- (made by its foreign key)\n",
			"-- - index fk_c_p\n"
			"-- (after its foreign key, below)\n"
			"\n"
			"-- - foreign key c (pid) -> p (id)\n"
			"ALTER TABLE c DROP FOREIGN KEY fk_c_p;\n"
			"DROP INDEX fk_c_p ON c;\n");
}

static void the_index_of_a_foreign_key_of_a_dropped_table_goes_with_the_table(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));",
			"-- + table c\n"
			"CREATE TABLE c (\n"
			"    id int(11) AUTO_INCREMENT NOT NULL,\n"
			"    pid int(11),\n"
			"    CONSTRAINT c_pkey PRIMARY KEY (id),\n"
			"    CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id)\n"
			");\n"
			"\n"
			"-- + index fk_c_p ON c (pid)\n"
			"-- (made by its foreign key)\n",
			"-- - index fk_c_p\n"
			"-- (dropped with its table, below)\n"
			"\n"
			"-- - table c\n"
			"-- WARNING: drops table c and its rows\n"
			"DROP TABLE c;\n");
}

static void an_index_taking_over_a_foreign_key_is_created_before_the_drop(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));\n"
			"CREATE INDEX ix_c_pid ON c (pid, id);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));",
			"-- - index ix_c_pid\n"
			"-- + index fk_c_p ON c (pid)\n"
			"CREATE INDEX fk_c_p ON c (pid);\n"
			"DROP INDEX ix_c_pid ON c;\n"
			"\n"
			"-- + index fk_c_p ON c (pid)\n"
			"-- (before the index it takes over from, above)\n",
			"-- - index fk_c_p\n"
			"-- + index ix_c_pid ON c (pid, id)\n"
			"CREATE INDEX ix_c_pid ON c (pid, id);\n"
			"DROP INDEX IF EXISTS fk_c_p ON c;\n"
			"\n"
			"-- + index ix_c_pid ON c (pid, id)\n"
			"-- (before the index it takes over from, above)\n");
}

/* The index that takes over uses a column the list adds: the column goes
 * before it, and both before the drop of the key's own index (the
 * downgrade of a column dropped with its index). */
static void a_column_of_an_index_taking_over_goes_before_it(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER, at DATE,\n"
			"  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));\n"
			"CREATE INDEX ix_c_pid ON c (pid, at);",
			"-- - index fk_c_p\n"
			"-- + column c.at DATE NULL\n"
			"ALTER TABLE c ADD COLUMN at DATE;\n"
			"-- + index ix_c_pid ON c (pid, at)\n"
			"CREATE INDEX ix_c_pid ON c (pid, at);\n"
			"DROP INDEX IF EXISTS fk_c_p ON c;\n"
			"\n"
			"-- + column c.at DATE NULL\n"
			"-- (before the index that needs it, above)\n"
			"\n"
			"-- + index ix_c_pid ON c (pid, at)\n"
			"-- (before the index it takes over from, above)\n",
			"-- - index ix_c_pid\n"
			"-- + index fk_c_p ON c (pid)\n"
			"CREATE INDEX fk_c_p ON c (pid);\n"
			"DROP INDEX ix_c_pid ON c;\n"
			"\n"
			"-- - column c.at\n"
			"-- WARNING: drops column c.at and its values\n"
			"ALTER TABLE c DROP COLUMN at;\n"
			"\n"
			"-- + index fk_c_p ON c (pid)\n"
			"-- (before the index it takes over from, above)\n");
}

/* The key's own index named after another name than the model's key (a
 * table renamed: the key and its index keep the old table's name):
 * MariaDB drops it itself once another index serves the key, so its drop
 * is IF EXISTS too. */
static void the_keys_own_index_under_an_old_name_is_dropped_if_it_exists(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			"  FOREIGN KEY (pid) REFERENCES p (id));\n"
			"CREATE INDEX old_c_pid_fkey ON c (pid);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER UNIQUE,\n"
			"  FOREIGN KEY (pid) REFERENCES p (id));",
			"-- - index old_c_pid_fkey\n"
			"-- + unique c (pid)\n"
			"ALTER TABLE c ADD CONSTRAINT c_pid_key UNIQUE (pid);\n"
			"DROP INDEX IF EXISTS old_c_pid_fkey ON c;\n"
			"\n"
			"-- + unique c (pid)\n"
			"-- (before the index it takes over from, above)\n",
			"-- - unique c (pid)\n"
			"-- + index old_c_pid_fkey ON c (pid)\n"
			"CREATE INDEX old_c_pid_fkey ON c (pid);\n"
			"ALTER TABLE c DROP INDEX c_pid_key;\n"
			"\n"
			"-- + index old_c_pid_fkey ON c (pid)\n"
			"-- (before the index it takes over from, above)\n");
}

static void an_index_serving_a_foreign_key_goes_before_it_and_after_its_drop(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));\n"
			"CREATE INDEX ix_c_pid ON c (pid);",
			"-- + column c.pid int(11) NULL\n"
			"ALTER TABLE c ADD COLUMN pid int(11);\n"
			"\n"
			"-- + foreign key c (pid) -> p (id)\n"
			"-- + index ix_c_pid ON c (pid)\n"
			"CREATE INDEX ix_c_pid ON c (pid);\n"
			"ALTER TABLE c ADD CONSTRAINT c_pid_fkey FOREIGN KEY (pid) REFERENCES p "
			"(id);\n"
			"\n"
			"-- + index ix_c_pid ON c (pid)\n"
			"-- (before its foreign key, above)\n",
			"-- - index ix_c_pid\n"
			"-- (after its foreign key, below)\n"
			"\n"
			"-- - foreign key c (pid) -> p (id)\n"
			"ALTER TABLE c DROP FOREIGN KEY c_pid_fkey;\n"
			"DROP INDEX ix_c_pid ON c;\n"
			"\n"
			"-- - column c.pid\n"
			"-- WARNING: drops column c.pid and its values\n"
			"ALTER TABLE c DROP COLUMN pid;\n");
}

static void a_unique_key_taking_over_a_foreign_key_is_added_before_the_drop(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id),\n"
			"  e INTEGER);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id),\n"
			"  e INTEGER, CONSTRAINT uq_c UNIQUE (pid, e));",
			"-- - index c_pid_fkey\n"
			"-- + unique c (pid, e)\n"
			"ALTER TABLE c ADD CONSTRAINT uq_c UNIQUE (pid, e);\n"
			"DROP INDEX IF EXISTS c_pid_fkey ON c;\n"
			"\n"
			"-- + unique c (pid, e)\n"
			"-- (before the index it takes over from, above)\n",
			"-- - unique c (pid, e)\n"
			"-- + index c_pid_fkey ON c (pid)\n"
			"CREATE INDEX c_pid_fkey ON c (pid);\n"
			"ALTER TABLE c DROP INDEX uq_c;\n"
			"\n"
			"-- + index c_pid_fkey ON c (pid)\n"
			"-- (before the index it takes over from, above)\n");
}

static void auto_increment_goes_before_its_key_and_comes_after_it(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, v TEXT);",
			"CREATE TABLE t (id INTEGER NOT NULL, v TEXT);",
			"-- - primary key t (id)\n"
			"-- ~ column t.id AUTOINCREMENT -> no identity\n"
			"ALTER TABLE t MODIFY COLUMN id int(11) NOT NULL;\n"
			"ALTER TABLE t DROP PRIMARY KEY;\n"
			"\n"
			"-- ~ column t.id AUTOINCREMENT -> no identity\n"
			"-- (before the primary key's drop, above)\n",
			"-- ~ column t.id no identity -> AUTOINCREMENT\n"
			"-- + primary key t (id)\n"
			"ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n"
			"ALTER TABLE t MODIFY COLUMN id int(11) AUTO_INCREMENT NOT NULL;\n"
			"\n"
			"-- + primary key t (id)\n"
			"-- (before the AUTO_INCREMENT it needs, above)\n");
}

static void the_indexes_of_a_dropped_table_go_with_it(void **state)
{
	(void)state;
	assert_list_sql("CREATE TABLE p (id INTEGER PRIMARY KEY);",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			"CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));\n"
			"CREATE INDEX ix_c_pid ON c (pid);",
			NULL,
			"-- - index ix_c_pid\n"
			"-- (dropped with its table, below)\n"
			"\n"
			"-- - table c\n"
			"-- WARNING: drops table c and its rows\n"
			"DROP TABLE c;\n");
}

/*
 * A list diffed on another dialect drops an index that took over from the
 * one MariaDB made for a foreign key, without adding that one back (the
 * other dialect has none): the key needs an index, so it is made first.
 */
static void a_foreign_key_keeps_an_index_when_another_dialect_drops_its_own(void **state)
{
	dbt_schema *a = model("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			      "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			      "  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));\n"
			      "CREATE INDEX ix_c_pid ON c (pid);");
	dbt_schema *b = model("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
			      "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER,\n"
			      "  CONSTRAINT fk_c_p FOREIGN KEY (pid) REFERENCES p (id));");
	dbt_op drop = {.kind = DBT_OP_DROP_INDEX};
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	drop.index = dbt_schema_find_index(a, "ix_c_pid");
	assert_non_null(drop.index);
	assert_int_equal(dbt_mysql_render_ops(&out, &drop, 1, b, NULL), 0);
	assert_string_equal(dbt_buf_str(&out), "-- - index ix_c_pid\n"
					       "-- (its foreign key needs an index: the one "
					       "MariaDB makes for it first)\n"
					       "CREATE INDEX fk_c_p ON c (pid);\n"
					       "DROP INDEX ix_c_pid ON c;\n");
	dbt_buf_release(&out);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

/* Whether the ops from `from` to `to` that MariaDB does by itself are,
 * in order, `want` ("0" or "1" per op). */
static void assert_implied(const char *from, const char *to, const char *want)
{
	dbt_schema *a = model(from), *b = model(to);
	char got[16] = "";
	dbt_diff d;
	size_t i;

	assert_int_equal(dbt_diff_schemas(&d, a, b, NULL), 0);
	for (i = 0; i < d.n && i < sizeof(got) - 1; i++)
		got[i] = dbt_mysql_op_implied(d.ops, d.n, i) ? '1' : '0';
	got[i] = 0;
	assert_string_equal(got, want);
	dbt_diff_release(&d);
	dbt_schema_free(a);
	dbt_schema_free(b);
}

static void the_index_mariadb_makes_for_a_foreign_key_is_no_op_of_its_own(void **state)
{
	(void)state;
	/* Added with its key, by ADD CONSTRAINT or CREATE TABLE. */
	assert_implied("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER);",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));",
		       "01");
	assert_implied("CREATE TABLE p (id INTEGER PRIMARY KEY);",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));",
		       "01");
	/* Dropped with its key. */
	assert_implied("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER);",
		       "01");
	/* An index of the model's own, made before the key, is one. */
	assert_implied("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER);",
		       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
		       "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p (id));\n"
		       "CREATE INDEX ix_c_pid ON c (pid);",
		       "00");
}

/* dbt_mysql_expr of `expr` over the table t of `sql` is `want` (NULL:
 * it refuses). */
static void assert_expr(const char *sql, const char *expr, const char *want)
{
	dbt_schema *s = model(sql);
	dbt_buf out = DBT_BUF_INIT;
	int rc = dbt_mysql_expr(&out, table_of(s, "t"), expr);

	if (want) {
		assert_int_equal(rc, 0);
		assert_string_equal(dbt_buf_str(&out), want);
	} else {
		assert_int_equal(rc, -1);
		assert_string_equal(dbt_buf_str(&out), "");
	}
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

static void expressions_quote_reserved_columns_and_write_concat(void **state)
{
	static const char *const t = "CREATE TABLE t (a TEXT, b TEXT, \"condition\" TEXT, "
				     "\"Mixed\" INTEGER, n INTEGER);";

	(void)state;
	/* Only what needs it changes; blanks stay as written. */
	assert_expr(t, "n >= 0 AND n  <  10", "n >= 0 AND n  <  10");
	assert_expr(t, "condition IN ('new', 'used')", "`condition` IN ('new', 'used')");
	assert_expr(t, "\"Mixed\" > 0", "`Mixed` > 0");
	/* A function named like a column, a qualified name: not columns. */
	assert_expr(t, "left(a, 2) = t.condition", "left(a, 2) = t.condition");
	/* || is CONCAT, also inside brackets and argument lists. */
	assert_expr(t, "a || ' ' || b", "CONCAT(a, ' ', b)");
	assert_expr(t, "upper(a || b) <> lower(b)", "upper(CONCAT(a, b)) <> lower(b)");
	assert_expr(t, "coalesce(a, '') || (b)", "CONCAT(coalesce(a, ''), (b))");
	assert_expr(t, "length(a || b, condition)", "length(CONCAT(a, b), `condition`)");
	/* Among other operators, whose order dbtool does not work out: no. */
	assert_expr(t, "a || b = 'x'", NULL);
	assert_expr(t, "a || b IS NULL", NULL);
	/* Text MariaDB wrote, its names in backticks already, stays. */
	assert_expr(t, "json_valid(`a`) AND `condition` <> ''",
		    "json_valid(`a`) AND `condition` <> ''");
}

static void comment_lines_hold_no_line_break_of_a_name(void **state)
{
	dbt_schema *s = model("CREATE TABLE \"x\ny\" (a TEXT);");
	dbt_op op = op_on(DBT_OP_DROP_TABLE, table_of(s, "x\ny"));
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_mysql_render_ops(&out, &op, 1, NULL, NULL), 0);
	/* The name's line break stays inside the backticks of the SQL. */
	assert_string_equal(dbt_buf_str(&out), "-- - table \"x y\"\n"
					       "-- WARNING: drops table \"x y\" and its rows\n"
					       "DROP TABLE `x\ny`;\n");
	dbt_buf_release(&out);
	dbt_schema_free(s);
}

static void tables_are_dropped_at_once_with_foreign_key_checks_off(void **state)
{
	dbt_table_name names[] = {{NULL, "a"}, {"db`x", "b c"}};
	dbt_buf out = DBT_BUF_INIT;

	(void)state;
	assert_int_equal(dbt_mysql_drop_tables(&out, names, 2), 0);
	assert_string_equal(dbt_buf_str(&out),
			    "SET @dbtool_foreign_key_checks = @@SESSION.foreign_key_checks;\n"
			    "SET SESSION foreign_key_checks = 0;\n"
			    "DROP TABLE a, `db``x`.`b c`;\n"
			    "SET SESSION foreign_key_checks = @dbtool_foreign_key_checks;\n");
	dbt_buf_release(&out);
}

/* ----------------------------------------------------------- adapting */

static void adapted_types_are_what_mariadb_reports(void **state)
{
	dbt_schema *s =
		model("CREATE TABLE t (a INT UNSIGNED, b TINYINT, c ENUM('Up', 'down'),\n"
		      "  d DATETIME(6), e TEXT, f VARCHAR(5), g BOOLEAN, h JSON, i JSONB);");
	dbt_table *t = table_of(s, "t");
	static const char *const texts[] = {
		"int(10) unsigned", "tinyint(4)", "enum('Up','down')", "datetime(6)", NULL, NULL,
		"tinyint(1)",	    "longtext",	  "longtext",
	};
	static const dbt_type_kind kinds[] = {
		DBT_TYPE_INTEGER, DBT_TYPE_OTHER, DBT_TYPE_OTHER, DBT_TYPE_TIMESTAMP, DBT_TYPE_TEXT,
		DBT_TYPE_VARCHAR, DBT_TYPE_OTHER, DBT_TYPE_OTHER, DBT_TYPE_OTHER,
	};
	size_t i;

	(void)state;
	for (i = 0; i < t->ncolumns; i++) {
		const dbt_type *ty = &t->columns[i]->type;

		assert_int_equal(ty->kind, kinds[i]);
		if (texts[i])
			assert_string_equal(ty->text ? ty->text : "(null)", texts[i]);
		else
			assert_null(ty->text);
	}
	/* JSON and PostgreSQL's JSONB alike: MariaDB's one JSON type. */
	assert_int_equal(t->nchecks, 2);
	assert_string_equal(t->checks[0]->name, "h");
	assert_string_equal(t->checks[0]->expr, "json_valid(`h`)");
	assert_string_equal(t->checks[1]->name, "i");
	assert_string_equal(t->checks[1]->expr, "json_valid(`i`)");
	assert_string_equal(t->columns[8]->collation, "utf8mb4_bin");
	dbt_schema_free(s);
}

/* ZEROFILL, as mariadb-dump prints it, is a type of MariaDB's own words,
 * which MariaDB makes UNSIGNED and gives the unsigned display width. */
static void zerofill_is_unsigned_as_mariadb_reports(void **state)
{
	dbt_schema *s = model("CREATE TABLE t (a INT ZEROFILL, b INT(5) ZEROFILL,\n"
			      "  c int(5) unsigned zerofill, d BIGINT UNSIGNED ZEROFILL,\n"
			      "  e DOUBLE(6,2) ZEROFILL);");
	dbt_table *t = table_of(s, "t");
	static const char *const texts[] = {
		"int(10) unsigned zerofill",	 "int(5) unsigned zerofill",
		"int(5) unsigned zerofill",	 "bigint(20) unsigned zerofill",
		"double(6,2) unsigned zerofill",
	};
	size_t i;

	(void)state;
	assert_int_equal(t->ncolumns, 5);
	for (i = 0; i < t->ncolumns; i++)
		assert_string_equal(t->columns[i]->type.text ? t->columns[i]->type.text : "(null)",
				    texts[i]);
	dbt_schema_free(s);
}

/* MariaDB names every primary key PRIMARY: a model that names its key
 * matches the database that holds it. */
static void a_named_primary_key_matches_the_key_mariadb_names_primary(void **state)
{
	dbt_schema *db = model("CREATE TABLE w (id INTEGER NOT NULL, PRIMARY KEY (id));"),
		   *m = model("CREATE TABLE w (id INTEGER NOT NULL, CONSTRAINT pk_w PRIMARY KEY "
			      "(id));");
	dbt_diff d;

	(void)state;
	assert_int_equal(dbt_diff_schemas(&d, db, m, NULL), 0);
	assert_int_equal(d.n, 0);
	dbt_diff_release(&d);
	dbt_schema_free(db);
	dbt_schema_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_table_uses_mariadb_types_and_auto_increment),
		cmocka_unit_test(hostile_names_are_quoted_in_backticks_doubled),
		cmocka_unit_test(sqlite_own_table_names_are_quoted),
		cmocka_unit_test(a_key_without_a_name_is_written_without_constraint),
		cmocka_unit_test(columns_are_added_dropped_and_renamed),
		cmocka_unit_test(a_table_is_renamed),
		cmocka_unit_test(type_null_default_and_identity_changes_modify_the_whole_column),
		cmocka_unit_test(a_generated_column_is_added_again_or_modified_to_plain),
		cmocka_unit_test(keys_and_checks_are_added_and_dropped_the_mariadb_way),
		cmocka_unit_test(indexes_take_prefixes_fulltext_and_drop_on_their_table),
		cmocka_unit_test(what_mariadb_cannot_express_is_refused_naming_it),
		cmocka_unit_test(models_mariadb_cannot_store_are_refused_at_their_place),
		cmocka_unit_test(a_list_modifies_each_column_once_and_fills_nulls),
		cmocka_unit_test(the_index_of_a_foreign_key_is_made_by_it_and_dropped_after_it),
		cmocka_unit_test(the_index_of_a_foreign_key_of_a_dropped_table_goes_with_the_table),
		cmocka_unit_test(an_index_taking_over_a_foreign_key_is_created_before_the_drop),
		cmocka_unit_test(a_column_of_an_index_taking_over_goes_before_it),
		cmocka_unit_test(the_keys_own_index_under_an_old_name_is_dropped_if_it_exists),
		cmocka_unit_test(an_index_serving_a_foreign_key_goes_before_it_and_after_its_drop),
		cmocka_unit_test(a_unique_key_taking_over_a_foreign_key_is_added_before_the_drop),
		cmocka_unit_test(auto_increment_goes_before_its_key_and_comes_after_it),
		cmocka_unit_test(the_indexes_of_a_dropped_table_go_with_it),
		cmocka_unit_test(the_index_mariadb_makes_for_a_foreign_key_is_no_op_of_its_own),
		cmocka_unit_test(a_foreign_key_keeps_an_index_when_another_dialect_drops_its_own),
		cmocka_unit_test(expressions_quote_reserved_columns_and_write_concat),
		cmocka_unit_test(comment_lines_hold_no_line_break_of_a_name),
		cmocka_unit_test(tables_are_dropped_at_once_with_foreign_key_checks_off),
		cmocka_unit_test(adapted_types_are_what_mariadb_reports),
		cmocka_unit_test(zerofill_is_unsigned_as_mariadb_reports),
		cmocka_unit_test(comments_and_on_update_are_written_where_mariadb_reads_them),
		cmocka_unit_test(a_column_generated_from_an_auto_increment_key_is_refused),
		cmocka_unit_test(auto_increment_ends_before_a_generated_column_reads_the_column),
		cmocka_unit_test(a_named_primary_key_matches_the_key_mariadb_names_primary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
