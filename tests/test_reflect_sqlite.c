/*
 * test_reflect_sqlite.c - reflecting SQLite databases into a Schema.
 *
 * Most tests parse a model, adapt it for SQLite, run DDL that creates the
 * same schema on an in-memory database (often the model's own text, else
 * written as another tool or a person might write it), reflect, and check
 * that the reflected schema dumps exactly as the model does, with and
 * without names.  Large databases are also reflected with the stored SQL
 * parsed on two threads, and compared with the one-thread result.  The
 * rest cover what only reflection meets: syntax
 * outside the model, declared types the model does not know, tables that
 * are never reflected, the number of catalog queries, and what a schema
 * cannot represent, each with its exact message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "dialect.h"
#include "error.h"
#include "parse.h"
#include "reflect_sqlite_int.h"
#include "render.h"
#include "schema.h"
#include "schema_dump.h"
#include "testutil.h"

static const struct dbt_dialect *const d = &dbt_dialect_sqlite;

/* ----------------------------------------------------------- helpers */

static dbt_conn *open_memory(void)
{
	dbt_url url = {.kind = DBT_DIALECT_SQLITE};
	dbt_conn *conn = NULL;

	assert_int_equal(d->open(&conn, &url, 0), 0);
	assert_non_null(conn);
	return conn;
}

static int setup(void **state)
{
	*state = open_memory();
	return 0;
}

static int teardown(void **state)
{
	d->close(*state);
	return 0;
}

static void run_ddl(dbt_conn *conn, const char *ddl)
{
	if (d->exec_script(conn, ddl, "ddl.sql", 1) < 0)
		fail_msg("DDL failed: %s", dbt_error_last());
}

static dbt_schema *reflect_ok(dbt_conn *conn)
{
	dbt_schema *s = NULL;

	if (dbt_sqlite_reflect(&s, conn, NULL) < 0)
		fail_msg("reflection failed: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

static void assert_same_dumps(const dbt_schema *want, const dbt_schema *got)
{
	char *a = test_schema_dump(want, 0), *b = test_schema_dump(got, 0);

	assert_string_equal(b, a);
	free(a);
	free(b);
	a = test_schema_dump(want, DBT_DUMP_NAMES);
	b = test_schema_dump(got, DBT_DUMP_NAMES);
	assert_string_equal(b, a);
	free(a);
	free(b);
}

/*
 * The check most tests make: `ddl` run on the empty database reflects as
 * the model `model` parses and adapts for SQLite, names included (the
 * names SQLite does not keep are generated alike on both sides).
 */
static void assert_reflects(dbt_conn *conn, const char *model, const char *ddl)
{
	dbt_schema *want = NULL, *got;

	if (dbt_parse_model(&want, "schema.sql", model, strlen(model)) < 0)
		fail_msg("model failed: %s", dbt_error_last());
	assert_int_equal(dbt_schema_adapt(want, DBT_DIALECT_SQLITE), 0);
	run_ddl(conn, ddl);
	got = reflect_ok(conn);
	assert_same_dumps(want, got);
	dbt_schema_free(want);
	dbt_schema_free(got);
}

/* The model is valid SQLite DDL as it stands. */
static void assert_reflects_model(dbt_conn *conn, const char *model)
{
	assert_reflects(conn, model, model);
}

/* `ddl` reflects as the text dump `want` (without names). */
static void assert_dump(dbt_conn *conn, const char *ddl, const char *want)
{
	dbt_schema *got;
	char *text;

	run_ddl(conn, ddl);
	got = reflect_ok(conn);
	text = test_schema_dump(got, 0);
	assert_string_equal(text, want);
	free(text);
	dbt_schema_free(got);
}

static void assert_reflect_error(dbt_conn *conn, const char *ddl, int code, const char *msg)
{
	dbt_schema *s = (dbt_schema *)1;

	run_ddl(conn, ddl);
	assert_int_equal(dbt_sqlite_reflect(&s, conn, NULL), code);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
}

static dbt_table *table(const dbt_schema *s, const char *name)
{
	dbt_table *t = dbt_schema_find_table(s, name);

	if (!t)
		fail_msg("no table '%s'", name);
	return t;
}

/* ------------------------------------------------------------- types */

static void test_reflects_every_model_type(void **state)
{
	/* SQLite takes type parameters only at the end of a type name, so a
	 * precision WITH TIME ZONE is written as one quoted name, which
	 * SQLite reports unquoted. */
	assert_reflects(*state,
			"CREATE TABLE t (a SMALLINT, b INTEGER, c BIGINT, d BOOLEAN, e REAL,"
			" f DOUBLE PRECISION, g NUMERIC(10,2), h NUMERIC, i VARCHAR(50), j CHAR(3),"
			" k TEXT, l DATE, m TIME, n TIME(3), o TIME WITH TIME ZONE,"
			" p TIME(2) WITH TIME ZONE, q TIMESTAMP, r TIMESTAMP(0),"
			" s TIMESTAMP WITH TIME ZONE, u TIMESTAMP(3) WITH TIME ZONE, v BLOB, w "
			"JSON,"
			" x UUID, y VARCHAR, z CHAR)",
			"CREATE TABLE t (a SMALLINT, b INTEGER, c BIGINT, d BOOLEAN, e REAL,"
			" f DOUBLE PRECISION, g NUMERIC(10,2), h NUMERIC, i VARCHAR(50), j CHAR(3),"
			" k TEXT, l DATE, m TIME, n TIME(3), o TIME WITH TIME ZONE,"
			" p \"TIME(2) WITH TIME ZONE\", q TIMESTAMP, r TIMESTAMP(0),"
			" s TIMESTAMP WITH TIME ZONE, u \"TIMESTAMP(3) WITH TIME ZONE\", v BLOB,"
			" w JSON, x UUID, y VARCHAR, z CHAR)");
}

/* The declared type is the type: no alias is another's spelling, only
 * blanks are normalised. */
static void test_reflects_declared_types_as_declared(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a int2, b INT, c int8, d bool, e float4, f float8,"
			" g decimal(5), h character varying(20), i character, j datetime,"
			" k timestamptz, l bytea, m jsonb, n dec(8,3), o float, p float(10))",
			"create table t (a int2, b int, c int8, d bool, e float4, f float8,"
			" g decimal(5), h character  varying ( 20 ), i character, j datetime,"
			" k timestamptz, l blob, m jsonb, n dec(8, 3), o float, p float(10))");
}

static void test_reflects_any_type_name_or_none(void **state)
{
	assert_dump(*state,
		    "CREATE TABLE t (a VARCHAR2(20), b NVARCHAR(10) NOT NULL, c CLOB, d STRING,"
		    " e UNSIGNED BIG INT, f SINGLE FLOAT, g, h VARCHAR(0), i MEDIUMBLOB,"
		    " j NUM, k FLOATING POINT, l ANY, m INT, n DATETIME, o DECIMAL(12),"
		    " p \"My Type\", q text[], r VARCHAR(20), s integer)",
		    "table t\n"
		    "  column a VARCHAR2(20) NULL\n"
		    "  column b NVARCHAR(10) NOT NULL\n"
		    "  column c CLOB NULL\n"
		    "  column d STRING NULL\n"
		    "  column e UNSIGNED BIG INT NULL\n"
		    "  column f SINGLE FLOAT NULL\n"
		    "  column g  NULL\n"
		    "  column h VARCHAR(0) NULL\n"
		    "  column i MEDIUMBLOB NULL\n"
		    "  column j NUM NULL\n"
		    "  column k FLOATING POINT NULL\n"
		    "  column l ANY NULL\n"
		    "  column m INT NULL\n"
		    "  column n DATETIME NULL\n"
		    "  column o DECIMAL(12) NULL\n"
		    "  column p My Type NULL\n"
		    "  column q text[] NULL\n"
		    "  column r VARCHAR(20) NULL\n"
		    "  column s INTEGER NULL\n");
}

/* A type as SQLite keeps it (what pragma_table_xinfo reports): one quoted
 * token of three characters or more loses its quotes, ANY, BLOB, INT,
 * INTEGER, REAL and TEXT are upper case, any other is as written (and
 * then read as the model reads it: VarChar is VARCHAR). */
static void test_reflects_type_names_spelled_as_sqlite_keeps_them(void **state)
{
	assert_dump(*state,
		    "CREATE TABLE t (a 'integer', b \"text\", c [real], d `ab`, e Integer(5),"
		    " f 'x', g blob, h VarChar)",
		    "table t\n"
		    "  column a INTEGER NULL\n"
		    "  column b TEXT NULL\n"
		    "  column c REAL NULL\n"
		    "  column d ab NULL\n"
		    "  column e Integer(5) NULL\n"
		    "  column f x NULL\n"
		    "  column g BLOB NULL\n"
		    "  column h VARCHAR NULL\n");
}

/* Only INTEGER PRIMARY KEY is the rowid alias, which never holds NULL;
 * SQLite lets any other primary-key column hold NULL unless it is
 * declared NOT NULL. */
static void test_reflects_primary_key_nulls_as_sqlite_enforces_them(void **state)
{
	assert_dump(*state,
		    "CREATE TABLE a (id INTEGER PRIMARY KEY);"
		    " CREATE TABLE b (id INT PRIMARY KEY);"
		    " CREATE TABLE c (id INT NOT NULL PRIMARY KEY);"
		    " CREATE TABLE d (x TEXT, y TEXT, PRIMARY KEY (x, y))",
		    "table a\n"
		    "  column id INTEGER NOT NULL\n"
		    "  primary key (id)\n"
		    "table b\n"
		    "  column id INT NULL\n"
		    "  primary key (id)\n"
		    "table c\n"
		    "  column id INT NOT NULL\n"
		    "  primary key (id)\n"
		    "table d\n"
		    "  column x TEXT NULL\n"
		    "  column y TEXT NULL\n"
		    "  primary key (x, y)\n");
}

/* --------------------------------------------------- columns, defaults */

static void test_reflects_nullability(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER NOT NULL, b TEXT NULL, c TEXT,"
				      " d VARCHAR(10) NOT NULL)");
}

static void test_reflects_literal_defaults(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE t (a INTEGER DEFAULT 0, b INTEGER DEFAULT -1,"
			      " c NUMERIC(6,2) DEFAULT -12.5, d REAL DEFAULT 1.5e3,"
			      " e TEXT DEFAULT 'it''s', f TEXT DEFAULT '', g BOOLEAN DEFAULT TRUE,"
			      " h BOOLEAN DEFAULT false, i BLOB DEFAULT X'00ff', j TEXT DEFAULT "
			      "NULL,"
			      " k INTEGER NOT NULL DEFAULT +7, l TEXT DEFAULT 'a \"b\" -- c')");
}

static void test_reflects_a_quoted_word_default_as_a_string(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a TEXT DEFAULT 'hello', b TEXT DEFAULT 'it''s \"x\"',"
			" c TEXT DEFAULT 'x y', d TEXT DEFAULT 'z', e TEXT DEFAULT \"true\")",
			"CREATE TABLE t (a TEXT DEFAULT \"hello\", b TEXT DEFAULT \"it's "
			"\"\"x\"\"\","
			" c TEXT DEFAULT [x y], d TEXT DEFAULT `z`, e TEXT DEFAULT \"true\")");
}

/* SQLite takes a bare word after DEFAULT as the string of its letters;
 * TRUE and CURRENT_TIMESTAMP are values of their own. */
static void test_reflects_a_bare_word_default_as_a_string(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a TEXT DEFAULT 'Hello', b TEXT DEFAULT 'action',"
			" c BOOLEAN DEFAULT true, d TEXT DEFAULT current_timestamp)",
			"CREATE TABLE t (a TEXT DEFAULT Hello, b TEXT DEFAULT action,"
			" c BOOLEAN DEFAULT true, d TEXT DEFAULT current_timestamp)");
}

static void test_reflects_conflict_clauses(void **state)
{
	dbt_schema *s;
	const dbt_table *t;

	run_ddl(*state, "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT REPLACE,"
			" a TEXT NOT NULL ON CONFLICT IGNORE UNIQUE ON CONFLICT FAIL,"
			" b TEXT NULL ON CONFLICT ABORT, c INT NOT NULL,"
			" UNIQUE (b, c) ON CONFLICT ROLLBACK, CHECK (c > 0) ON CONFLICT ABORT);"
			"CREATE TABLE u (x INT, y INT, PRIMARY KEY (x, y) ON CONFLICT IGNORE)"
			" WITHOUT ROWID;");
	s = reflect_ok(*state);
	t = table(s, "t");
	assert_int_equal(t->pk->conflict, DBT_CONFLICT_REPLACE);
	assert_int_equal(t->columns[1]->not_null_conflict, DBT_CONFLICT_IGNORE);
	assert_int_equal(t->columns[2]->not_null_conflict, DBT_CONFLICT_NONE);
	assert_int_equal(t->columns[3]->not_null_conflict, DBT_CONFLICT_NONE);
	assert_int_equal(t->nuniques, 2);
	assert_int_equal(t->uniques[0]->conflict, DBT_CONFLICT_FAIL);
	assert_int_equal(t->uniques[1]->conflict, DBT_CONFLICT_ROLLBACK);
	assert_int_equal(t->checks[0]->conflict, DBT_CONFLICT_ABORT);
	assert_int_equal(table(s, "u")->pk->conflict, DBT_CONFLICT_IGNORE);
	dbt_schema_free(s);
}

static void test_reflects_expression_defaults(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE t (a TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
			      " b DATE DEFAULT current_date, c TIME DEFAULT CURRENT_TIME,"
			      " d TEXT DEFAULT (lower('ABC')), e TEXT DEFAULT (datetime('now', "
			      "'utc')),"
			      " f INTEGER DEFAULT ((1 + 2) * 3), g TEXT DEFAULT (upper(  'x' ))"
			      ")");
}

static void test_reflects_defaults_written_differently(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a TEXT DEFAULT lower('ABC'), b INTEGER DEFAULT (-1),"
			" c TIMESTAMP DEFAULT CURRENT_TIMESTAMP)",
			"CREATE TABLE t (a TEXT DEFAULT (LOWER ( 'ABC' )), b INTEGER DEFAULT "
			"((-1)),"
			" c TIMESTAMP DEFAULT (current_timestamp))");
}

static void test_reflects_autoincrement(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT)");
}

static void test_reflects_serial_model_adapted_for_sqlite(void **state)
{
	assert_reflects(*state, "CREATE TABLE t (id SERIAL PRIMARY KEY, name TEXT)",
			"CREATE TABLE t (id INTEGER CONSTRAINT t_pkey PRIMARY KEY AUTOINCREMENT,"
			" name TEXT)");
}

static void test_reflects_collate_nocase(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (email VARCHAR(200) COLLATE NOCASE NOT NULL,"
				      " code TEXT COLLATE rtrim, tag CHAR(2) COLLATE \"NOCASE\")");
}

/* ---------------------------------------------------- primary keys */

static void test_reflects_integer_primary_key_as_not_null(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;

	assert_reflects_model(conn, "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT)");
	s = reflect_ok(conn);
	assert_true(table(s, "t")->columns[0]->not_null);
	dbt_schema_free(s);
}

static void test_reflects_composite_primary_key_in_key_order(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER, b TEXT, c INTEGER,"
				      " PRIMARY KEY (c, a))");
}

static void test_reflects_named_primary_key(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (id INTEGER CONSTRAINT pk_t PRIMARY KEY);"
				      " CREATE TABLE u (a TEXT, b TEXT, CONSTRAINT pk_u PRIMARY "
				      "KEY (a, b))");
}

static void test_reflects_text_primary_key(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (code VARCHAR(10) PRIMARY KEY, name TEXT)");
}

/* --------------------------------------------- unique constraints */

static void test_reflects_unnamed_unique_constraints(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT UNIQUE,"
				      " a INTEGER, b INTEGER, UNIQUE (b, a))");
}

static void test_reflects_named_unique_constraints(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE t (email TEXT CONSTRAINT uq_email UNIQUE, a INTEGER,"
			      " b INTEGER, CONSTRAINT uq_ab UNIQUE (a, b))");
}

static void test_drops_unique_constraints_that_repeat_a_key(void **state)
{
	/* SQLite makes no index for a repeated key; the name moves to the
	 * kept constraint as dbt_table_normalize moves it. */
	assert_reflects_model(*state,
			      "CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT, UNIQUE (id),"
			      " UNIQUE (code), CONSTRAINT uq_code UNIQUE (code));"
			      " CREATE TABLE u (k TEXT PRIMARY KEY, CONSTRAINT uq_k UNIQUE (k));"
			      " CREATE TABLE v (id INTEGER PRIMARY KEY, CONSTRAINT uq_id UNIQUE "
			      "(id))");
}

/* -------------------------------------------------------- foreign keys */

static void test_reflects_foreign_key_to_primary_key(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE users (id INTEGER PRIMARY KEY, name "
				      "VARCHAR(50) NOT NULL);"
				      " CREATE TABLE characters (id INTEGER PRIMARY KEY,"
				      " user_id INTEGER NOT NULL REFERENCES users, name TEXT)");
}

static void test_reflects_on_delete_cascade(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
			      " CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
			      " author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE "
			      "CASCADE)");
}

static void test_reflects_every_foreign_key_action(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE p (id INTEGER PRIMARY KEY);"
			      " CREATE TABLE c (a INTEGER REFERENCES p ON DELETE SET NULL,"
			      " b INTEGER REFERENCES p ON UPDATE CASCADE ON DELETE RESTRICT,"
			      " d INTEGER DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT ON UPDATE "
			      "SET NULL,"
			      " e INTEGER REFERENCES p ON DELETE NO ACTION ON UPDATE RESTRICT)");
}

static void test_reflects_named_foreign_keys(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE p (id INTEGER PRIMARY KEY);"
			      " CREATE TABLE c (a INTEGER CONSTRAINT fk_a REFERENCES p (id),"
			      " b INTEGER, CONSTRAINT fk_b FOREIGN KEY (b) REFERENCES p)");
}

static void test_reflects_composite_foreign_key(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE p (a INTEGER, b TEXT, c INTEGER, PRIMARY KEY (a, b),"
			      " UNIQUE (c, b));"
			      " CREATE TABLE q (x INTEGER, y TEXT, z INTEGER,"
			      " FOREIGN KEY (x, y) REFERENCES p, FOREIGN KEY (z, y) REFERENCES p "
			      "(c, b)"
			      " ON DELETE CASCADE)");
}

static void test_reflects_self_referential_foreign_key(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE nodes (id INTEGER PRIMARY KEY,"
				      " parent_id INTEGER REFERENCES nodes (id) ON DELETE CASCADE,"
				      " name TEXT)");
}

static void test_reflects_foreign_key_cycle(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b);"
			      " CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a,"
			      " c_id INTEGER REFERENCES c);"
			      " CREATE TABLE c (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
			      "(id))");
}

static void test_reflects_deferrable_foreign_keys(void **state)
{
	assert_reflects_model(
		*state, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
			" CREATE TABLE c (a INTEGER REFERENCES p DEFERRABLE INITIALLY DEFERRED,"
			" b INTEGER REFERENCES p DEFERRABLE,"
			" d INTEGER REFERENCES p DEFERRABLE INITIALLY IMMEDIATE,"
			" e INTEGER REFERENCES p NOT DEFERRABLE,"
			" f INTEGER REFERENCES p ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED)");
}

static void test_reflects_many_to_many_associations(void **state)
{
	assert_reflects_model(
		*state,
		"CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TIMESTAMP NOT NULL);"
		" CREATE TABLE items (id INTEGER PRIMARY KEY, sku VARCHAR(20) NOT NULL UNIQUE);"
		" CREATE TABLE order_items (order_id INTEGER NOT NULL REFERENCES orders"
		" ON DELETE CASCADE, item_id INTEGER NOT NULL REFERENCES items,"
		" quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),"
		" PRIMARY KEY (order_id, item_id));"
		" CREATE TABLE publishers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
		" CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
		" CREATE TABLE book_publishers (book_id INTEGER REFERENCES books (id),"
		" publisher_id INTEGER REFERENCES publishers (id),"
		" PRIMARY KEY (book_id, publisher_id));"
		" CREATE INDEX ix_bp_publisher ON book_publishers (publisher_id)");
}

static void test_reflects_foreign_keys_with_names_as_rendered(void **state)
{
	/* What a renderer writes: every constraint named, the generated
	 * names included. */
	assert_reflects(*state,
			"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
			" CREATE TABLE books (id INTEGER PRIMARY KEY,"
			" author_id INTEGER NOT NULL REFERENCES authors ON DELETE CASCADE,"
			" pages INTEGER CHECK (pages > 0))",
			"CREATE TABLE authors (id INTEGER NOT NULL, name TEXT NOT NULL,"
			" CONSTRAINT authors_pkey PRIMARY KEY (id),"
			" CONSTRAINT authors_name_key UNIQUE (name));\n"
			"CREATE TABLE books (id INTEGER NOT NULL, author_id INTEGER NOT NULL,"
			" pages INTEGER, CONSTRAINT books_pkey PRIMARY KEY (id),"
			" CONSTRAINT books_pages_check CHECK (pages > 0),"
			" CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id)"
			" REFERENCES authors (id) ON DELETE CASCADE);\n");
}

/* ------------------------------------------------------------ checks */

static void test_reflects_check_constraints(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE t (price NUMERIC(8,2) CHECK (price >= 0),"
			      " qty INTEGER CONSTRAINT ck_qty CHECK (qty BETWEEN 1 AND 100),"
			      " lo INTEGER, hi INTEGER, CHECK (lo < hi),"
			      " CONSTRAINT ck_name CHECK (length(lo) > 0 OR hi IS NOT NULL))");
}

static void test_reflects_checks_written_differently(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a INTEGER CHECK (a > 0 AND a IS NOT NULL), b TEXT,"
			" CHECK (b IN ('x', 'y')))",
			"CREATE TABLE t (a INTEGER CHECK ((A>0 and a is not NULL)), b TEXT,"
			" CHECK (  b in ('x','y') /* one of two */ ))");
}

/* ----------------------------------------------------------- indexes */

static void test_reflects_plain_index(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER, b TEXT, c TEXT);"
				      " CREATE INDEX ix_t_b ON t (b); CREATE INDEX ix_t_cba ON t "
				      "(c, b, a)");
}

static void test_reflects_unique_index(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER, b TEXT);"
				      " CREATE UNIQUE INDEX ux_t ON t (b, a)");
}

static void test_reflects_descending_index(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER, b TEXT);"
				      " CREATE INDEX ix_t ON t (a DESC, b ASC)");
}

static void test_reflects_partial_index(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (a INTEGER, b TEXT, deleted BOOLEAN);"
				      " CREATE UNIQUE INDEX ux_live ON t (b) WHERE deleted = FALSE "
				      "AND a > 0;"
				      " CREATE INDEX ix_named ON t (a) WHERE b IS NOT NULL");
}

static void test_reflects_expression_index(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (email TEXT, a INTEGER, b INTEGER);"
				      " CREATE UNIQUE INDEX ux_email ON t (lower(email));"
				      " CREATE INDEX ix_sum ON t ((a + b) DESC, a, (b));"
				      " CREATE INDEX ix_sub ON t (substr(email, 1, 3) DESC)");
}

static void test_reflects_index_names_given_or_generated(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (a INTEGER, b TEXT); CREATE INDEX ON t (a);"
			" CREATE INDEX ON t (lower(b)); CREATE INDEX Ix_B ON t (b)",
			"CREATE TABLE t (a INTEGER, b TEXT); CREATE INDEX t_a_idx ON t (a);"
			" CREATE INDEX t_lower_idx ON t (lower(b)); CREATE INDEX IX_B ON T (B)");
}

/* ------------------------------------------------------------- names */

static void test_reflects_quoted_mixed_case_names(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE \"UserAccount\" (\"Id\" INTEGER PRIMARY KEY,"
			      " \"eMail\" TEXT CONSTRAINT \"UQ_Mail\" UNIQUE, \"two words\" TEXT);"
			      " CREATE TABLE \"Login\" (\"accountId\" INTEGER REFERENCES "
			      "\"UserAccount\");"
			      " CREATE INDEX \"IX_Login\" ON \"Login\" (\"accountId\")");
}

static void test_folds_unquoted_names_as_the_model_does(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);"
			" CREATE TABLE posts (id INTEGER PRIMARY KEY,"
			" user_id INTEGER CONSTRAINT fk_user REFERENCES users (id));"
			" CREATE INDEX ix_posts ON posts (user_id)",
			"CREATE TABLE Users (ID INTEGER PRIMARY KEY, Name TEXT);"
			" CREATE TABLE POSTS (Id INTEGER PRIMARY KEY,"
			" User_Id INTEGER CONSTRAINT FK_User REFERENCES USERS (Id));"
			" CREATE INDEX IX_Posts ON posts (USER_ID)");
}

static void test_reflects_utf8_names(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE café (crème TEXT, \"Größe\" INTEGER, 名前 TEXT "
				      "DEFAULT 'ü');"
				      " CREATE INDEX \"índice\" ON café (\"Größe\", 名前)");
}

static void test_reflects_reserved_word_names(void **state)
{
	assert_reflects_model(*state,
			      "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, \"select\" TEXT,"
			      " \"from\" INTEGER CHECK (\"from\" > 0));"
			      " CREATE TABLE \"group\" (\"order\" INTEGER REFERENCES \"order\","
			      " \"table\" TEXT);"
			      " CREATE INDEX \"where\" ON \"group\" (\"table\")");
}

static void test_reads_sqlite_bracket_and_backtick_quotes(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE \"My Table\" (\"a b\" INTEGER PRIMARY KEY, \"c`d\" TEXT,"
			" \"e]f\" TEXT CHECK (\"e]f\" <> ''), \"G\" INTEGER CHECK (\"G\" > \"a "
			"b\"));"
			" CREATE INDEX \"My Index\" ON \"My Table\" (\"c`d\");"
			" CREATE INDEX ix_expr ON \"My Table\" (lower(\"c`d\")) WHERE \"a b\" > 0",
			"CREATE TABLE [My Table] ([a b] INTEGER PRIMARY KEY, `c``d` TEXT,"
			" \"e]f\" TEXT CHECK (\"e]f\" <> ''), [G] INTEGER CHECK (`G` > [a b]));"
			" CREATE INDEX `My Index` ON [My Table] ([c`d]);"
			" CREATE INDEX ix_expr ON `My Table` (lower([c`d])) WHERE `a b` > 0");
}

/* ------------------------------------------------ syntax outside the model */

static void test_reads_sqlite_only_table_syntax(void **state)
{
	/* ON CONFLICT clauses, constraints without a comma between, MATCH,
	 * comments and odd spacing: what other tools write. */
	assert_reflects(*state,
			"CREATE TABLE p (id INTEGER PRIMARY KEY);"
			" CREATE TABLE t (a INTEGER NOT NULL, b TEXT, c INTEGER REFERENCES p,"
			" PRIMARY KEY (a), UNIQUE (b), CHECK (a > 0))",
			"CREATE TABLE p (id INTEGER PRIMARY KEY ASC ON CONFLICT ROLLBACK);"
			" create table if not exists main.t ( -- comment\n"
			" a INTEGER NOT NULL ON CONFLICT FAIL,\n"
			" b TEXT /* block */, c INTEGER REFERENCES p MATCH SIMPLE,\n"
			" PRIMARY KEY (a DESC) ON CONFLICT ABORT UNIQUE (b) ON CONFLICT IGNORE"
			" CHECK (a > 0))");
}

static void test_reflects_without_rowid_table(void **state)
{
	/* The key of a WITHOUT ROWID table is NOT NULL, and INTEGER
	 * PRIMARY KEY no rowid alias there. */
	assert_reflects_model(*state, "CREATE TABLE kv (k TEXT PRIMARY KEY, v BLOB, n INTEGER NOT "
				      "NULL DEFAULT 0)"
				      " WITHOUT ROWID");
	assert_dump(*state, "CREATE TABLE w (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID",
		    "table kv WITHOUT ROWID\n"
		    "  column k TEXT NOT NULL\n"
		    "  column v BLOB NULL\n"
		    "  column n INTEGER NOT NULL DEFAULT 0\n"
		    "  primary key (k)\n"
		    "table w WITHOUT ROWID\n"
		    "  column id INTEGER NOT NULL\n"
		    "  column v TEXT NULL\n"
		    "  primary key (id)\n");
}

static void test_reflects_strict_table(void **state)
{
	assert_dump(*state,
		    "CREATE TABLE s (id INTEGER PRIMARY KEY, name TEXT NOT NULL, r REAL,"
		    " b BLOB, v ANY) STRICT, WITHOUT ROWID",
		    "table s STRICT WITHOUT ROWID\n"
		    "  column id INTEGER NOT NULL\n"
		    "  column name TEXT NOT NULL\n"
		    "  column r REAL NULL\n"
		    "  column b BLOB NULL\n"
		    "  column v ANY NULL\n"
		    "  primary key (id)\n");
}

static void test_reflects_strict_table_keys_as_not_null(void **state)
{
	/* A STRICT table's key holds no NULL, whatever its type. */
	assert_reflects_model(*state, "CREATE TABLE s (code INT PRIMARY KEY, name TEXT) STRICT;\n"
				      "CREATE TABLE p (a TEXT, b INT, PRIMARY KEY (a, b)) STRICT");
	assert_dump(*state, "",
		    "table p STRICT\n"
		    "  column a TEXT NOT NULL\n"
		    "  column b INT NOT NULL\n"
		    "  primary key (a, b)\n"
		    "table s STRICT\n"
		    "  column code INT NOT NULL\n"
		    "  column name TEXT NULL\n"
		    "  primary key (code)\n");
}

static void test_reflects_tables_changed_by_alter_table(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT);"
		      " ALTER TABLE t ADD COLUMN c TEXT NOT NULL DEFAULT 'x' CHECK (c <> '');"
		      " ALTER TABLE t RENAME COLUMN b TO Bee;"
		      " ALTER TABLE t RENAME TO renamed");
	assert_reflects(conn,
			"CREATE TABLE renamed (a INTEGER PRIMARY KEY, bee TEXT,"
			" c TEXT NOT NULL DEFAULT 'x' CHECK (c <> ''))",
			"");
}

static void test_reflects_foreign_key_to_missing_table_with_columns(void **state)
{
	assert_dump(*state, "CREATE TABLE t (a INTEGER REFERENCES Gone (Id) ON DELETE CASCADE)",
		    "table t\n"
		    "  column a INTEGER NULL\n"
		    "  foreign key (a) -> gone (id) on delete CASCADE on update NO ACTION\n");
}

/* ------------------------------------------------------ what is skipped */

static void test_reflects_empty_database(void **state)
{
	dbt_schema *s = reflect_ok(*state);

	assert_int_equal(s->ntables, 0);
	assert_int_equal(s->nindexes, 0);
	dbt_schema_free(s);
}

static void test_skips_version_table_and_internal_tables(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT);"
			" CREATE INDEX ix_b ON t (b)",
			"CREATE TABLE dbtool_version (version_num VARCHAR(32) PRIMARY KEY);"
			" CREATE INDEX ix_version ON dbtool_version (version_num);"
			" CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT);"
			" CREATE INDEX ix_b ON t (b);"
			" INSERT INTO t (b) VALUES ('x'); ANALYZE;"
			" CREATE VIEW v AS SELECT b FROM t;"
			" CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
}

static void test_skips_version_table_in_any_case(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;

	run_ddl(conn, "CREATE TABLE DBTool_Version (v TEXT)");
	s = reflect_ok(conn);
	assert_int_equal(s->ntables, 0);
	dbt_schema_free(s);
}

/* --------------------------------------------------- what comes out */

static void test_marks_only_declared_names_as_given(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	dbt_table *t;

	run_ddl(conn, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
		      " CREATE TABLE t (id INTEGER CONSTRAINT pk PRIMARY KEY, a INTEGER UNIQUE,"
		      " b INTEGER CONSTRAINT fk REFERENCES p, c INTEGER CHECK (c > 0),"
		      " CONSTRAINT uq UNIQUE (b, c));"
		      " CREATE INDEX ix ON t (a)");
	s = reflect_ok(conn);
	t = table(s, "t");
	assert_string_equal(t->pk->name, "pk");
	assert_true(t->pk->name_given);
	assert_false(table(s, "p")->pk->name_given);
	assert_string_equal(table(s, "p")->pk->name, "p_pkey");
	assert_int_equal(t->nuniques, 2);
	assert_string_equal(t->uniques[0]->name, "t_a_key");
	assert_false(t->uniques[0]->name_given);
	assert_string_equal(t->uniques[1]->name, "uq");
	assert_true(t->uniques[1]->name_given);
	assert_string_equal(t->fks[0]->name, "fk");
	assert_true(t->fks[0]->name_given);
	assert_string_equal(t->checks[0]->name, "t_c_check");
	assert_false(t->checks[0]->name_given);
	assert_string_equal(s->indexes[0]->name, "ix");
	assert_true(s->indexes[0]->name_given);
	dbt_schema_free(s);
}

static void test_sets_quoted_only_for_names_that_need_quotes(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	dbt_table *t;

	run_ddl(conn, "CREATE TABLE \"plain\" (\"Mixed\" INTEGER, \"order\" TEXT, ok TEXT);"
		      " CREATE INDEX \"Ix\" ON plain (ok)");
	s = reflect_ok(conn);
	t = table(s, "plain");
	assert_false(t->quoted);
	assert_true(t->columns[0]->quoted);
	assert_true(t->columns[1]->quoted);
	assert_false(t->columns[2]->quoted);
	assert_true(s->indexes[0]->quoted);
	dbt_schema_free(s);
}

static void test_keeps_foreign_keys_in_declaration_order(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	dbt_table *t;

	run_ddl(conn, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
		      " CREATE TABLE t (c INTEGER REFERENCES p, a INTEGER, b INTEGER,"
		      " FOREIGN KEY (a) REFERENCES p, FOREIGN KEY (b) REFERENCES p)");
	s = reflect_ok(conn);
	t = table(s, "t");
	assert_int_equal(t->nfks, 3);
	assert_string_equal(t->fks[0]->columns[0], "c");
	assert_string_equal(t->fks[1]->columns[0], "a");
	assert_string_equal(t->fks[2]->columns[0], "b");
	assert_false(t->fks[0]->ref_columns_given);
	assert_string_equal(t->fks[0]->ref_columns[0], "id");
	dbt_schema_free(s);
}

/* ----------------------------------------------------- query count */

/* The statements one reflection sends for `ntables` tables, each with
 * an index and a foreign key to the one before. */
static unsigned long queries_for(size_t ntables)
{
	dbt_conn *conn = open_memory();
	dbt_buf ddl = DBT_BUF_INIT;
	dbt_schema *s;
	unsigned long before;
	size_t i;

	dbt_buf_puts(&ddl, "CREATE TABLE t0 (id INTEGER PRIMARY KEY, name TEXT);\n");
	for (i = 1; i < ntables; i++)
		dbt_buf_printf(&ddl,
			       "CREATE TABLE t%zu (id INTEGER PRIMARY KEY, name TEXT UNIQUE,"
			       " prev_id INTEGER REFERENCES t%zu (id), CHECK (id > 0));\n"
			       "CREATE INDEX t%zu_prev_idx ON t%zu (prev_id, name);\n",
			       i, i - 1, i, i);
	assert_false(ddl.oom);
	run_ddl(conn, ddl.ptr);
	dbt_buf_release(&ddl);
	before = conn->nqueries;
	s = reflect_ok(conn);
	assert_int_equal(s->ntables, ntables);
	assert_int_equal(s->nindexes, ntables - 1);
	dbt_schema_free(s);
	before = conn->nqueries - before;
	d->close(conn);
	return before;
}

static void test_uses_a_constant_number_of_queries(void **state)
{
	unsigned long one = queries_for(2), many = queries_for(1000);

	(void)state;
	assert_int_equal(many, one);
	/* PRAGMA cache_size read and set small, BEGIN, one catalog query,
	 * COMMIT, the cache's size set back. */
	assert_int_equal(one, 6);
}

static void test_reads_inside_an_open_transaction(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	unsigned long before;

	run_ddl(conn, "CREATE TABLE t (a INTEGER)");
	assert_int_equal(d->begin(conn), 0);
	run_ddl(conn, "CREATE TABLE u (b INTEGER)");
	before = conn->nqueries;
	s = reflect_ok(conn);
	assert_int_equal(conn->nqueries - before, 1);
	assert_int_equal(s->ntables, 2);
	assert_int_equal(sqlite3_get_autocommit(dbt_sqlite_handle(conn)), 0);
	assert_int_equal(d->rollback(conn), 0);
	dbt_schema_free(s);
	s = reflect_ok(conn);
	assert_int_equal(s->ntables, 1);
	dbt_schema_free(s);
}

static void test_ends_its_own_transaction(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;

	run_ddl(conn, "CREATE TABLE t (a INTEGER)");
	s = reflect_ok(conn);
	dbt_schema_free(s);
	assert_int_equal(sqlite3_get_autocommit(dbt_sqlite_handle(conn)), 1);
	assert_reflect_error(conn, "CREATE VIRTUAL TABLE docs USING fts5(body)", DBT_ERROR,
			     "cannot reflect table 'docs': it is a virtual table, which a schema "
			     "cannot represent");
	assert_int_equal(sqlite3_get_autocommit(dbt_sqlite_handle(conn)), 1);
}

/* ------------------------------------------------------------ errors */

static void test_refuses_virtual_tables(void **state)
{
	assert_reflect_error(*state, "CREATE VIRTUAL TABLE docs USING fts5(body)", DBT_ERROR,
			     "cannot reflect table 'docs': it is a virtual table, which a schema "
			     "cannot represent");
}

static void test_reflects_generated_columns(void **state)
{
	/* The expression from the stored SQL, STORED or VIRTUAL from the
	 * pragma; the short form and a column without a type too. */
	assert_dump(*state,
		    "CREATE TABLE \"Prices\" (net INTEGER, gross INTEGER GENERATED ALWAYS AS"
		    " (net*2) STORED, half AS ( net / 2 ), [tax] REAL GENERATED ALWAYS AS"
		    " (`net` * 0.2) VIRTUAL NOT NULL)",
		    "table Prices\n"
		    "  column net INTEGER NULL\n"
		    "  column gross INTEGER NULL GENERATED ALWAYS AS (net * 2) STORED\n"
		    "  column half  NULL GENERATED ALWAYS AS (net / 2) VIRTUAL\n"
		    "  column tax REAL NOT NULL GENERATED ALWAYS AS (net * 0.2) VIRTUAL\n");
}

static void test_reflects_generated_columns_as_the_model_declares_them(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT, b INT,\n"
				      "  c INTEGER GENERATED ALWAYS AS (a + b) STORED,\n"
				      "  d GENERATED ALWAYS AS (a * b),\n"
				      "  e TEXT AS (CAST(a AS TEXT) || 'x') VIRTUAL NOT NULL)");
}

/* An index key with a collation of its own is the expression
 * "key COLLATE name", as the model holds it; written with or without
 * parentheses, as the model renders it and as other tools write it. */
static void test_reflects_index_key_with_its_own_collation(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE t (email TEXT COLLATE NOCASE, a TEXT);"
			" CREATE INDEX ix ON t (email COLLATE BINARY, a COLLATE NOCASE DESC)",
			"CREATE TABLE t (email TEXT COLLATE NOCASE, a TEXT);"
			" CREATE INDEX ix ON t ((email COLLATE BINARY), (a COLLATE NOCASE) DESC)");
}

/* A COLLATE written on an index key is kept as the model keeps it, an
 * expression, even when it names the column's own collation. */
static void test_reflects_index_key_with_the_columns_own_collation_as_written(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (z TEXT COLLATE NOCASE, w TEXT);"
				      " CREATE INDEX ix ON t (z COLLATE NOCASE, w COLLATE BINARY)");
}

static void test_reflects_expression_key_with_a_collation(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (email TEXT); CREATE INDEX ix ON t "
				      "(lower(email) COLLATE"
				      " NOCASE DESC)");
}

/* A key column's collation of its own is part of the key, as written;
 * its ASC or DESC is not kept, as the model reads it. */
static void test_reflects_key_columns_with_their_own_collations(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *got;
	char *text;

	assert_reflects(conn,
			"CREATE TABLE t (a TEXT, email TEXT, b TEXT, PRIMARY KEY (a COLLATE "
			"NOCASE), UNIQUE (email COLLATE NOCASE), UNIQUE (b COLLATE RTRIM, a))",
			"CREATE TABLE t (a TEXT, email TEXT, b TEXT, PRIMARY KEY (a COLLATE "
			"NOCASE), UNIQUE (email COLLATE NOCASE DESC), UNIQUE (b COLLATE RTRIM "
			"ASC, a))");
	got = reflect_ok(conn);
	text = test_schema_dump(got, 0);
	assert_string_equal(text, "table t\n"
				  "  column a TEXT NULL\n"
				  "  column email TEXT NULL\n"
				  "  column b TEXT NULL\n"
				  "  primary key (a) a collate nocase\n"
				  "  unique (b, a) b collate rtrim\n"
				  "  unique (email) email collate nocase\n");
	free(text);
	dbt_schema_free(got);
}

/* UNIQUE (z) and UNIQUE (z COLLATE NOCASE) are two indexes to SQLite,
 * and two keys. */
static void test_reflects_keys_that_differ_by_collation_as_two(void **state)
{
	assert_reflects_model(*state, "CREATE TABLE t (z TEXT, UNIQUE (z), UNIQUE (z COLLATE "
				      "NOCASE))");
}

/* A column's INTEGER PRIMARY KEY DESC is no rowid alias (it holds NULL
 * and has an index of its own); the table constraint PRIMARY KEY (id
 * DESC) is one. */
static void test_reflects_integer_primary_key_desc_as_no_rowid_alias(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *got;

	assert_reflects_model(conn, "CREATE TABLE t (id INTEGER PRIMARY KEY DESC, n TEXT);"
				    " CREATE TABLE u (id INTEGER, n TEXT, PRIMARY KEY (id DESC))");
	got = reflect_ok(conn);
	assert_false(dbt_table_is_rowid_alias(table(got, "t"), table(got, "t")->columns[0]));
	assert_false(table(got, "t")->columns[0]->not_null);
	assert_true(dbt_table_is_rowid_alias(table(got, "u"), table(got, "u")->columns[0]));
	assert_false(table(got, "u")->pk->column_desc);
	dbt_schema_free(got);
}

static void test_refuses_foreign_key_to_missing_table_without_columns(void **state)
{
	assert_reflect_error(*state, "CREATE TABLE t (a INTEGER REFERENCES gone)", DBT_ERROR,
			     "cannot reflect table 't': a foreign key references table 'gone', "
			     "which does not exist");
}

static void test_refuses_foreign_key_to_table_without_primary_key(void **state)
{
	assert_reflect_error(*state,
			     "CREATE TABLE p (a INTEGER); CREATE TABLE t (a INTEGER REFERENCES p)",
			     DBT_ERROR,
			     "cannot reflect table 't': a foreign key references table 'p', which "
			     "has no primary key");
}

/* Replaces the stored CREATE TABLE of `table`, as only a damaged or
 * hand-edited database would have it, while SQLite keeps its schema. */
static void rewrite_stored_sql(dbt_conn *conn, const char *table, const char *sql)
{
	char *stmt = sqlite3_mprintf("PRAGMA writable_schema = ON;"
				     " UPDATE sqlite_schema SET sql = %Q WHERE name = %Q;"
				     " PRAGMA writable_schema = OFF",
				     sql, table);

	assert_non_null(stmt);
	run_ddl(conn, stmt);
	sqlite3_free(stmt);
}

static void test_names_the_table_when_a_check_does_not_tokenize(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER CHECK (a <> 1))");
	rewrite_stored_sql(conn, "t", "CREATE TABLE t (a INTEGER CHECK (a <> {1}))");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect table 't': unexpected character '{'");
}

static void test_names_the_table_when_its_definition_does_not_read(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER)");
	rewrite_stored_sql(conn, "t", "CREATE TABLE t (a INTEGER) WITH garbage");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect table 't': expected WITHOUT ROWID, STRICT or the end, "
			     "found 'WITH'");
}

/* ------------------------------------------------------ two threads */

/* A database of `n` tables, t000 on, with what the stored SQL's reader
 * meets: types, NOT NULL, collations, defaults, checks, named and unnamed
 * keys, foreign keys forward and back, WITHOUT ROWID, STRICT, indexes
 * with keys, collations and WHERE, a view and a trigger. */
static void make_tables(dbt_conn *conn, int n)
{
	dbt_buf b = DBT_BUF_INIT;
	int i;

	for (i = 0; i < n; i++) {
		int p = i > 0 ? i - 1 : 0, q = (i + 7) % n;

		if (i % 5 == 4) {
			dbt_buf_printf(&b,
				       "CREATE TABLE t%03d (id INTEGER PRIMARY KEY, qty INT NOT "
				       "NULL"
				       " DEFAULT 0 CHECK (qty >= 0), label TEXT COLLATE NOCASE,"
				       " data BLOB, extra ANY) STRICT;\n",
				       i);
		} else if (i % 3 == 2) {
			dbt_buf_printf(&b,
				       "CREATE TABLE [T%03d] (code VARCHAR(12) NOT NULL,"
				       " part INTEGER, `note` TEXT DEFAULT 'n/a',"
				       " CONSTRAINT pk_t%03d PRIMARY KEY (code, part DESC),"
				       " FOREIGN KEY (part) REFERENCES t%03d (id) ON DELETE SET "
				       "NULL"
				       " DEFERRABLE INITIALLY DEFERRED) WITHOUT ROWID;\n",
				       i, i, p);
		} else {
			dbt_buf_printf(
				&b,
				"CREATE TABLE t%03d (id INTEGER PRIMARY KEY AUTOINCREMENT,"
				" name VARCHAR(40) NOT NULL COLLATE NOCASE DEFAULT 'x',"
				" score NUMERIC(8,2) DEFAULT (1.5 * 2) CHECK (score >= 0),"
				" created TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
				" parent INTEGER REFERENCES t%03d (id) ON DELETE CASCADE,"
				" next_id INTEGER, code TEXT UNIQUE, \"Mixed Case\" REAL,"
				" twice REAL GENERATED ALWAYS AS (score * 2) STORED,"
				" CONSTRAINT uq_t%03d UNIQUE (name, code COLLATE BINARY),"
				" CONSTRAINT ck_t%03d CHECK (length(name) > 0),"
				" CONSTRAINT fk_t%03d FOREIGN KEY (next_id) REFERENCES t%03d (id)"
				" ON UPDATE CASCADE);\n"
				"CREATE INDEX ix_t%03d_name ON t%03d (name DESC, lower(code));\n"
				"CREATE UNIQUE INDEX ux_t%03d ON t%03d (code COLLATE NOCASE)"
				" WHERE score > 0;\n",
				i, p, i, i, i, q, i, i, i, i);
		}
	}
	dbt_buf_puts(&b, "CREATE VIEW v AS SELECT id, name FROM t000;\n"
			 "CREATE TRIGGER tr AFTER INSERT ON t000 BEGIN"
			 " UPDATE t001 SET score = 0 WHERE id = new.id; END;\n");
	assert_false(b.oom);
	run_ddl(conn, dbt_buf_str(&b));
	dbt_buf_release(&b);
}

static dbt_schema *reflect_threads(dbt_conn *conn, size_t threads_min)
{
	dbt_schema *s = NULL;

	if (dbt_sqlite_reflect_threads(&s, conn, threads_min) < 0)
		fail_msg("reflection failed: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

static void test_reflects_on_two_threads_as_on_one(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *one, *two, *dflt;

	make_tables(conn, 200);
	one = reflect_threads(conn, SIZE_MAX);
	two = reflect_threads(conn, 1);
	dflt = reflect_ok(conn);
	assert_int_equal(one->ntables, 200);
	assert_int_equal(one->nindexes, 214);
	assert_same_dumps(one, two);
	assert_same_dumps(one, dflt);
	dbt_schema_free(one);
	dbt_schema_free(two);
	dbt_schema_free(dflt);
}

/* A few tables, one of each kind: one thread may take them all. */
static void test_reflects_on_two_threads_with_a_few_tables(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *one, *two;

	make_tables(conn, 5);
	one = reflect_threads(conn, SIZE_MAX);
	two = reflect_threads(conn, 1);
	assert_same_dumps(one, two);
	dbt_schema_free(one);
	dbt_schema_free(two);
}

/* Two tables fail, wherever each was parsed: the error is the first's in
 * creation order, as on one thread. */
static void test_names_the_first_table_that_does_not_read_on_two_threads(void **state)
{
	dbt_conn *conn = *state;
	const char *msg = "cannot reflect table 't151': expected WITHOUT ROWID, STRICT or the "
			  "end, found 'WITH'";
	dbt_schema *s = (dbt_schema *)1;

	make_tables(conn, 200);
	rewrite_stored_sql(conn, "t151", "CREATE TABLE t151 (a INTEGER) WITH garbage");
	rewrite_stored_sql(conn, "t190", "CREATE TABLE t190 (a INTEGER CHECK (a <> {1}))");
	assert_int_equal(dbt_sqlite_reflect_threads(&s, conn, SIZE_MAX), DBT_EPARSE);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
	s = (dbt_schema *)1;
	assert_int_equal(dbt_sqlite_reflect_threads(&s, conn, 1), DBT_EPARSE);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
	s = (dbt_schema *)1;
	assert_int_equal(dbt_sqlite_reflect(&s, conn, NULL), DBT_EPARSE);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
}

/* A connection opened on a database of many tables starts the helper
 * before it reads sqlite_schema (dbt_sqlite_schema_rows): the result is
 * what one thread reads.  When fewer tables than the bound are read than
 * the count at the opening promised, the waiting helper is let go with
 * nothing (the sanitizer build finds a thread or scratch schema left
 * otherwise). */
static void test_reflects_with_the_helper_started_before_the_query(void **state)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	dbt_url url = {.kind = DBT_DIALECT_SQLITE};
	dbt_conn *conn = NULL;
	dbt_schema *one, *two, *none;

	(void)state;
	assert_non_null(test_mkdtemp(dir, sizeof(dir), "reflect_early"));
	snprintf(path, sizeof(path), "%s/app.db", dir);
	url.database = path;
	assert_int_equal(d->open(&conn, &url, 0), 0);
	make_tables(conn, 200);
	one = reflect_threads(conn, SIZE_MAX);
	d->close(conn);

	assert_int_equal(d->open(&conn, &url, 0), 0);
	assert_true(dbt_sqlite_schema_rows(conn) >= 400);
	two = reflect_ok(conn);
	assert_same_dumps(one, two);
	none = reflect_threads(conn, 300);
	assert_same_dumps(one, none);
	d->close(conn);
	dbt_schema_free(one);
	dbt_schema_free(two);
	dbt_schema_free(none);
	test_rmtree(dir);
}

/* A virtual table late in a large database is refused as on one thread. */
static void test_refuses_a_late_virtual_table_on_two_threads(void **state)
{
	dbt_conn *conn = *state;

	make_tables(conn, 100);
	assert_reflect_error(conn, "CREATE VIRTUAL TABLE zz USING fts5(body)", DBT_ERROR,
			     "cannot reflect table 'zz': it is a virtual table, which a schema "
			     "cannot represent");
}

/* A name SQLite would refuse twice, as only a damaged database has it,
 * is named as written. */
static void test_names_a_repeated_column_as_written(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER, b TEXT)");
	rewrite_stored_sql(conn, "t", "CREATE TABLE t (Ab INTEGER, \"aB\" TEXT)");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect table 't': duplicate column 'aB'");
}

/* The columns are those of the stored SQL, which is what SQLite itself
 * reads back as the schema: names, types, NOT NULL, defaults. */
static void test_reads_columns_from_the_definition(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER, b TEXT)");
	rewrite_stored_sql(conn, "t",
			   "CREATE TABLE t (a integer PRIMARY KEY, c VARCHAR(10) NOT NULL DEFAULT "
			   "'x')");
	assert_reflects(conn,
			"CREATE TABLE t (a INTEGER PRIMARY KEY, c VARCHAR(10) NOT NULL DEFAULT "
			"'x')",
			"");
}

/* The foreign keys are those of the stored SQL, which is what SQLite
 * itself reads back as the schema. */
static void test_reads_foreign_keys_from_the_definition(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE p (id INTEGER PRIMARY KEY);"
		      " CREATE TABLE t (a INTEGER REFERENCES p, b INTEGER)");
	rewrite_stored_sql(conn, "t", "CREATE TABLE t (a INTEGER, b INTEGER REFERENCES p)");
	assert_reflects(conn,
			"CREATE TABLE p (id INTEGER PRIMARY KEY);"
			" CREATE TABLE t (a INTEGER, b INTEGER REFERENCES p)",
			"");
}

/* Of repeated actions the last holds, as SQLite keeps them. */
static void test_reflects_the_last_of_repeated_foreign_key_actions(void **state)
{
	assert_reflects(*state,
			"CREATE TABLE p (id INTEGER PRIMARY KEY);"
			" CREATE TABLE t (a INTEGER REFERENCES p (id) ON DELETE SET NULL"
			" ON UPDATE SET DEFAULT)",
			"CREATE TABLE p (id INTEGER PRIMARY KEY);"
			" CREATE TABLE t (a INTEGER REFERENCES p (id) ON DELETE CASCADE"
			" ON UPDATE NO ACTION ON DELETE SET NULL ON UPDATE SET DEFAULT)");
}

static void test_names_the_index_when_its_definition_does_not_read(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER); CREATE INDEX ix ON t (a)");
	rewrite_stored_sql(conn, "ix", "CREATE INDEX ix ON t (a) garbage");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect index 'ix' of table 't': expected WHERE or the end, "
			     "found 'garbage'");
}

/* ------------------------------------------ the order of the build */

/* A foreign key without columns to a table made after its own takes that
 * table's primary key, which is built after it. */
static void test_reflects_foreign_key_to_a_later_table(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	const dbt_fk *fk;

	run_ddl(conn, "CREATE TABLE a (x INTEGER REFERENCES b, y INTEGER REFERENCES a (x));"
		      " CREATE TABLE b (id INTEGER, k TEXT, PRIMARY KEY (k, id))");
	s = reflect_ok(conn);
	assert_int_equal(table(s, "a")->nfks, 2);
	fk = table(s, "a")->fks[0];
	assert_string_equal(fk->ref_table, "b");
	assert_int_equal(fk->nref_columns, 2);
	assert_string_equal(fk->ref_columns[0], "k");
	assert_string_equal(fk->ref_columns[1], "id");
	assert_string_equal(table(s, "a")->fks[1]->ref_table, "a");
	dbt_schema_free(s);
}

/* A foreign key to a later table is the only constraint without a name:
 * it is named all the same, after the tables. */
static void test_names_a_foreign_key_to_a_later_table(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;

	run_ddl(conn, "CREATE TABLE a (x INTEGER REFERENCES b);"
		      " CREATE TABLE b (id INTEGER, CONSTRAINT b_key PRIMARY KEY (id))");
	s = reflect_ok(conn);
	assert_int_equal(table(s, "a")->nfks, 1);
	assert_string_equal(table(s, "a")->fks[0]->name, "a_x_fkey");
	assert_false(table(s, "a")->fks[0]->name_given);
	assert_string_equal(table(s, "b")->pk->name, "b_key");
	dbt_schema_free(s);
}

/* Each table's indexes are built with it; the result has them in the
 * order they were made all the same. */
static void test_keeps_indexes_in_creation_order_across_tables(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;

	run_ddl(conn, "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER);"
		      " CREATE INDEX ib ON b (y); CREATE INDEX ia ON a (x);"
		      " CREATE INDEX ib2 ON b (y DESC); CREATE INDEX ia2 ON a (x DESC)");
	s = reflect_ok(conn);
	assert_int_equal(s->nindexes, 4);
	assert_string_equal(s->indexes[0]->name, "ib");
	assert_string_equal(s->indexes[1]->name, "ia");
	assert_string_equal(s->indexes[2]->name, "ib2");
	assert_string_equal(s->indexes[3]->name, "ia2");
	dbt_schema_free(s);
}

/* Of two indexes that do not read, the one made first is named, though
 * the other's table comes first. */
static void test_names_the_first_index_made_that_does_not_read(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER);"
		      " CREATE INDEX ib ON b (y); CREATE INDEX ia ON a (x)");
	rewrite_stored_sql(conn, "ia", "CREATE INDEX ia ON a (x) garbage");
	rewrite_stored_sql(conn, "ib", "CREATE INDEX ib ON b (y) junk");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect index 'ib' of table 'b': expected WHERE or the end, "
			     "found 'junk'");
}

/* A table that does not read is named before an index of an earlier
 * table that does not read either: tables come first. */
static void test_names_a_later_table_before_an_earlier_index(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE a (x INTEGER); CREATE INDEX ia ON a (x);"
		      " CREATE TABLE b (y INTEGER)");
	rewrite_stored_sql(conn, "ia", "CREATE INDEX ia ON a (x) garbage");
	rewrite_stored_sql(conn, "b", "CREATE TABLE b (y INTEGER) WITH garbage");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect table 'b': expected WITHOUT ROWID, STRICT or the end, "
			     "found 'WITH'");
}

/* An index that does not read is named before a foreign key of an
 * earlier table that names no table. */
static void test_names_a_later_index_before_an_earlier_foreign_key(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE a (x INTEGER REFERENCES gone);"
		      " CREATE TABLE b (y INTEGER); CREATE INDEX ib ON b (y)");
	rewrite_stored_sql(conn, "ib", "CREATE INDEX ib ON b (y) junk");
	assert_reflect_error(conn, "", DBT_EPARSE,
			     "cannot reflect index 'ib' of table 'b': expected WHERE or the end, "
			     "found 'junk'");
}

/* The first table whose foreign keys fail is named, though its key waits
 * for a later table and the second table's fails at once. */
static void test_names_the_first_table_whose_foreign_key_fails(void **state)
{
	assert_reflect_error(*state,
			     "CREATE TABLE a (x INTEGER REFERENCES c);"
			     " CREATE TABLE b (x INTEGER REFERENCES gone);"
			     " CREATE TABLE c (x INTEGER)",
			     DBT_ERROR,
			     "cannot reflect table 'a': a foreign key references table 'c', which "
			     "has no primary key");
}

/* A failed foreign key's message outlasts the later tables' columns and
 * indexes, read after it (their defaults and expression keys are tried
 * as names, which fails quietly). */
static void test_keeps_the_message_of_a_foreign_key_past_later_tables(void **state)
{
	assert_reflect_error(*state,
			     "CREATE TABLE a (x INTEGER REFERENCES gone);"
			     " CREATE TABLE b (x TEXT DEFAULT \"word\", y TEXT DEFAULT w);"
			     " CREATE INDEX ib ON b (lower(x), \"y\", (x || 'a'))",
			     DBT_ERROR,
			     "cannot reflect table 'a': a foreign key references table 'gone', "
			     "which does not exist");
}

/* An index's keys are those of its stored SQL, which is what SQLite
 * itself reads back as the schema. */
static void test_reads_index_keys_from_its_definition(void **state)
{
	dbt_conn *conn = *state;

	run_ddl(conn, "CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX ix ON t (a)");
	rewrite_stored_sql(conn, "ix", "CREATE INDEX ix ON t (b DESC, (a))");
	assert_reflects(conn,
			"CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX ix ON t (b DESC, a)",
			"");
}

/* A UNIQUE on the primary key's columns is the key's own index in SQLite,
 * unless the key is the rowid alias, which has none (INTEGER, in a rowid
 * table, not declared DESC on its column); either way it is the primary
 * key, named as the constraint. */
static void test_reflects_unique_on_the_primary_key_as_the_key(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *got;
	char *text;

	run_ddl(conn,
		"CREATE TABLE a (id INTEGER PRIMARY KEY, CONSTRAINT ua UNIQUE (id));"
		" CREATE TABLE b (id INTEGER PRIMARY KEY DESC, CONSTRAINT ub UNIQUE (id));"
		" CREATE TABLE c (id INTEGER PRIMARY KEY, CONSTRAINT uc UNIQUE (id)) WITHOUT "
		"ROWID;"
		" CREATE TABLE d (id INTEGER, PRIMARY KEY (id DESC), CONSTRAINT ud UNIQUE (id))");
	got = reflect_ok(conn);
	text = test_schema_dump(got, DBT_DUMP_NAMES);
	assert_string_equal(text, "table a\n"
				  "  column id INTEGER NOT NULL\n"
				  "  primary key ua (id)\n"
				  "table b\n"
				  "  column id INTEGER NULL\n"
				  "  primary key ub (id) column desc\n"
				  "table c WITHOUT ROWID\n"
				  "  column id INTEGER NOT NULL\n"
				  "  primary key uc (id)\n"
				  "table d\n"
				  "  column id INTEGER NOT NULL\n"
				  "  primary key ud (id)\n");
	free(text);
	dbt_schema_free(got);
}

/* Views and triggers are objects held as the SQL SQLite keeps, with the
 * tables and views they name; triggers on dbtool's tables are not. */
static void test_reflects_views_and_triggers_as_definitions(void **state)
{
	dbt_conn *conn = *state;
	dbt_schema *s;
	dbt_object *v, *vv, *trg;

	run_ddl(conn,
		"CREATE TABLE Orders (id INTEGER PRIMARY KEY, total INTEGER);"
		"CREATE TABLE audit (id INTEGER PRIMARY KEY, order_id INTEGER);"
		"CREATE TABLE dbtool_version (version_num TEXT);"
		"CREATE TRIGGER Audit_Ins AFTER INSERT ON \"orders\" BEGIN\n"
		"  INSERT INTO audit (order_id) VALUES (NEW.id); END;"
		"CREATE VIEW vv AS SELECT id FROM \"Big Orders\";"
		"CREATE VIEW \"Big Orders\" AS SELECT id, total FROM orders -- big\n;"
		"CREATE TRIGGER dbtool_trg AFTER INSERT ON dbtool_version BEGIN SELECT 1; END;");
	s = reflect_ok(conn);
	assert_int_equal(s->ntables, 2);
	assert_int_equal(s->nobjects, 3);
	/* Views first, then triggers, each in the order they were made. */
	v = s->objects[1];
	assert_int_equal(v->kind, DBT_OBJ_VIEW);
	assert_string_equal(v->name, "\"big orders\"");
	assert_null(v->table);
	assert_string_equal(v->definition,
			    "CREATE VIEW \"Big Orders\" AS SELECT id, total FROM orders -- big");
	assert_string_equal(v->create_sql,
			    "CREATE VIEW \"Big Orders\" AS SELECT id, total FROM orders -- big\n;");
	assert_string_equal(v->drop_sql, "DROP VIEW \"Big Orders\";");
	assert_null(v->replace_sql);
	assert_int_equal(v->ndeps, 1);
	assert_string_equal(v->deps[0], "orders");
	vv = s->objects[0];
	assert_string_equal(vv->name, "vv");
	assert_int_equal(vv->ndeps, 1);
	assert_string_equal(vv->deps[0], "view \"big orders\"");
	trg = s->objects[2];
	assert_int_equal(trg->kind, DBT_OBJ_TRIGGER);
	assert_string_equal(trg->name, "audit_ins ON orders");
	assert_string_equal(trg->table, "orders");
	assert_string_equal(trg->create_sql,
			    "CREATE TRIGGER Audit_Ins AFTER INSERT ON \"orders\" "
			    "BEGIN\n  INSERT INTO audit (order_id) VALUES (NEW.id); END;");
	assert_string_equal(trg->drop_sql, "DROP TRIGGER \"Audit_Ins\";");
	assert_int_equal(trg->ndeps, 2);
	assert_string_equal(trg->deps[0], "orders");
	assert_string_equal(trg->deps[1], "audit");
	dbt_schema_free(s);
}

/* The connection's PRAGMA cache_size is `want`. */
static void assert_cache_size(sqlite3 *db, int want)
{
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), want);
	sqlite3_finalize(st);
}

/*
 * A reflection reads with a small cache and sets the connection's own
 * size back.  With release_after_reflect (what `check` sets) it also
 * gives back SQLite's parsed schema once its query is read: the same
 * schema results, SQLite keeps no parsed schema afterwards, and the
 * connection still works (SQLite reads its schema again when asked).
 */
static void test_reflection_can_release_the_schema_cache(void **state)
{
	dbt_conn *conn = *state;
	sqlite3 *db = dbt_sqlite_handle(conn);
	dbt_schema *kept, *released, *again;
	int used = 0, high = 0;

	run_ddl(conn, "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);\n"
		      "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"
		      "CREATE INDEX ix_b_a ON b (a_id);\n"
		      "CREATE VIEW v AS SELECT name FROM a;\n");
	kept = reflect_ok(conn);
	assert_int_equal(sqlite3_db_status(db, SQLITE_DBSTATUS_SCHEMA_USED, &used, &high, 0),
			 SQLITE_OK);
	assert_true(used > 0);

	run_ddl(conn, "PRAGMA cache_size = -1234");
	dbt_schema_free(reflect_ok(conn));
	assert_cache_size(db, -1234);
	conn->release_after_reflect = 1;
	released = reflect_ok(conn);
	conn->release_after_reflect = 0;
	assert_same_dumps(kept, released);
	assert_int_equal(sqlite3_db_status(db, SQLITE_DBSTATUS_SCHEMA_USED, &used, &high, 0),
			 SQLITE_OK);
	assert_int_equal(used, 0);
	assert_cache_size(db, -1234);

	again = reflect_ok(conn);
	assert_same_dumps(kept, again);
	dbt_schema_free(kept);
	dbt_schema_free(released);
	dbt_schema_free(again);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_reflects_every_model_type),
		T(test_reflection_can_release_the_schema_cache),
		T(test_reflects_views_and_triggers_as_definitions),
		T(test_reflects_declared_types_as_declared),
		T(test_reflects_any_type_name_or_none),
		T(test_reflects_primary_key_nulls_as_sqlite_enforces_them),
		T(test_reflects_nullability),
		T(test_reflects_literal_defaults),
		T(test_reflects_a_quoted_word_default_as_a_string),
		T(test_reflects_a_bare_word_default_as_a_string),
		T(test_reflects_conflict_clauses),
		T(test_reflects_expression_defaults),
		T(test_reflects_defaults_written_differently),
		T(test_reflects_type_names_spelled_as_sqlite_keeps_them),
		T(test_reflects_autoincrement),
		T(test_reflects_serial_model_adapted_for_sqlite),
		T(test_reflects_collate_nocase),
		T(test_reflects_integer_primary_key_as_not_null),
		T(test_reflects_composite_primary_key_in_key_order),
		T(test_reflects_named_primary_key),
		T(test_reflects_text_primary_key),
		T(test_reflects_unnamed_unique_constraints),
		T(test_reflects_named_unique_constraints),
		T(test_drops_unique_constraints_that_repeat_a_key),
		T(test_reflects_foreign_key_to_primary_key),
		T(test_reflects_on_delete_cascade),
		T(test_reflects_every_foreign_key_action),
		T(test_reflects_named_foreign_keys),
		T(test_reflects_composite_foreign_key),
		T(test_reflects_self_referential_foreign_key),
		T(test_reflects_foreign_key_cycle),
		T(test_reflects_deferrable_foreign_keys),
		T(test_reflects_many_to_many_associations),
		T(test_reflects_foreign_keys_with_names_as_rendered),
		T(test_reflects_check_constraints),
		T(test_reflects_checks_written_differently),
		T(test_reflects_plain_index),
		T(test_reflects_unique_index),
		T(test_reflects_descending_index),
		T(test_reflects_partial_index),
		T(test_reflects_expression_index),
		T(test_reflects_index_names_given_or_generated),
		T(test_reflects_quoted_mixed_case_names),
		T(test_folds_unquoted_names_as_the_model_does),
		T(test_reflects_utf8_names),
		T(test_reflects_reserved_word_names),
		T(test_reads_sqlite_bracket_and_backtick_quotes),
		T(test_reads_sqlite_only_table_syntax),
		T(test_reflects_without_rowid_table),
		T(test_reflects_strict_table),
		T(test_reflects_strict_table_keys_as_not_null),
		T(test_reflects_tables_changed_by_alter_table),
		T(test_reflects_foreign_key_to_missing_table_with_columns),
		T(test_reflects_empty_database),
		T(test_skips_version_table_and_internal_tables),
		T(test_skips_version_table_in_any_case),
		T(test_marks_only_declared_names_as_given),
		T(test_sets_quoted_only_for_names_that_need_quotes),
		T(test_keeps_foreign_keys_in_declaration_order),
		T(test_uses_a_constant_number_of_queries),
		T(test_reads_inside_an_open_transaction),
		T(test_ends_its_own_transaction),
		T(test_refuses_virtual_tables),
		T(test_reflects_generated_columns),
		T(test_reflects_generated_columns_as_the_model_declares_them),
		T(test_reflects_index_key_with_its_own_collation),
		T(test_reflects_index_key_with_the_columns_own_collation_as_written),
		T(test_reflects_expression_key_with_a_collation),
		T(test_reflects_key_columns_with_their_own_collations),
		T(test_reflects_keys_that_differ_by_collation_as_two),
		T(test_reflects_integer_primary_key_desc_as_no_rowid_alias),
		T(test_refuses_foreign_key_to_missing_table_without_columns),
		T(test_refuses_foreign_key_to_table_without_primary_key),
		T(test_names_the_table_when_a_check_does_not_tokenize),
		T(test_names_the_table_when_its_definition_does_not_read),
		T(test_reads_columns_from_the_definition),
		T(test_reads_foreign_keys_from_the_definition),
		T(test_reflects_the_last_of_repeated_foreign_key_actions),
		T(test_names_the_index_when_its_definition_does_not_read),
		T(test_reflects_foreign_key_to_a_later_table),
		T(test_names_a_foreign_key_to_a_later_table),
		T(test_keeps_indexes_in_creation_order_across_tables),
		T(test_names_the_first_index_made_that_does_not_read),
		T(test_names_a_later_table_before_an_earlier_index),
		T(test_names_a_later_index_before_an_earlier_foreign_key),
		T(test_names_the_first_table_whose_foreign_key_fails),
		T(test_keeps_the_message_of_a_foreign_key_past_later_tables),
		T(test_reads_index_keys_from_its_definition),
		T(test_reflects_unique_on_the_primary_key_as_the_key),
		T(test_names_a_repeated_column_as_written),
		T(test_reflects_on_two_threads_as_on_one),
		T(test_reflects_on_two_threads_with_a_few_tables),
		T(test_reflects_with_the_helper_started_before_the_query),
		T(test_names_the_first_table_that_does_not_read_on_two_threads),
		T(test_refuses_a_late_virtual_table_on_two_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
