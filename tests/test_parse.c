/*
 * test_parse.c - the model parser (its tokenizer: test_lex.c): every supported form
 * of CREATE TABLE and CREATE INDEX, names (folding, quoting, UTF-8),
 * comments, foreign keys declared in any order, the normalised schema that
 * comes out, and malformed models, each with its exact
 * "path:line:column: ..." message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "schema_dump.h"
#include "parse.h"

/* ----------------------------------------------------------- helpers */

static dbt_schema *parse_ok(const char *sql)
{
	dbt_schema *s = NULL;
	int rc = dbt_parse_model(&s, "schema.sql", sql, strlen(sql));

	if (rc != 0)
		fail_msg("parse failed: %s", dbt_error_last());
	assert_non_null(s);
	return s;
}

static void assert_parse_error_n(const char *sql, size_t len, const char *msg)
{
	dbt_schema *s = (dbt_schema *)1;

	assert_int_equal(dbt_parse_model(&s, "schema.sql", sql, len), DBT_EPARSE);
	assert_null(s);
	assert_string_equal(dbt_error_last(), msg);
}

static void assert_parse_error(const char *sql, const char *msg)
{
	assert_parse_error_n(sql, strlen(sql), msg);
}

static char *type_str(const dbt_column *c)
{
	dbt_buf b = DBT_BUF_INIT;

	dbt_type_format(&b, &c->type);
	return dbt_buf_detach(&b);
}

static void assert_column_type(const dbt_table *t, const char *column, const char *want)
{
	dbt_column *c = dbt_table_find_column(t, column);
	char *got;

	assert_non_null(c);
	got = type_str(c);
	assert_string_equal(got, want);
	free(got);
}

/* -------------------------------------------------------- valid models */

static void empty_model_is_an_empty_schema(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("");
	assert_int_equal(s->ntables, 0);
	assert_int_equal(s->nindexes, 0);
	dbt_schema_free(s);
	s = parse_ok("-- nothing yet\n/* still nothing */ ;;\n");
	assert_int_equal(s->ntables, 0);
	dbt_schema_free(s);
}

static void every_portable_type_and_alias_maps_to_its_canonical_type(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (\n"
		     " a INTEGER, b int, c INT4, d SMALLINT, e int2, f BIGINT, g int8,\n"
		     " h BOOLEAN, i bool, j REAL, k float4, l DOUBLE PRECISION, m float8,\n"
		     " n NUMERIC(10,2), o DECIMAL(8), p numeric, q VARCHAR(50),\n"
		     " r CHARACTER VARYING(20), s CHAR(3), t2 character, u TEXT, v DATE,\n"
		     " w TIME, x TIMESTAMP, y TIMESTAMP WITH TIME ZONE, z timestamptz,\n"
		     " aa timestamp without time zone, ab BLOB, ac BYTEA, ad JSON, ae JSON,\n"
		     " af UUID, ag float, ah timetz, ai datetime)");
	t = s->tables[0];
	assert_int_equal(t->ncolumns, 35);
	assert_column_type(t, "a", "INTEGER");
	assert_column_type(t, "b", "INTEGER");
	assert_column_type(t, "c", "INTEGER");
	assert_column_type(t, "d", "SMALLINT");
	assert_column_type(t, "e", "SMALLINT");
	assert_column_type(t, "f", "BIGINT");
	assert_column_type(t, "g", "BIGINT");
	assert_column_type(t, "h", "BOOLEAN");
	assert_column_type(t, "i", "BOOLEAN");
	assert_column_type(t, "j", "REAL");
	assert_column_type(t, "k", "REAL");
	assert_column_type(t, "l", "DOUBLE PRECISION");
	assert_column_type(t, "m", "DOUBLE PRECISION");
	assert_column_type(t, "n", "NUMERIC(10,2)");
	assert_column_type(t, "o", "NUMERIC(8,0)");
	assert_column_type(t, "p", "NUMERIC");
	assert_column_type(t, "q", "VARCHAR(50)");
	assert_column_type(t, "r", "VARCHAR(20)");
	assert_column_type(t, "s", "CHAR(3)");
	assert_column_type(t, "t2", "CHAR(1)");
	assert_column_type(t, "u", "TEXT");
	assert_column_type(t, "v", "DATE");
	assert_column_type(t, "w", "TIME");
	assert_column_type(t, "x", "TIMESTAMP");
	assert_column_type(t, "y", "TIMESTAMP WITH TIME ZONE");
	assert_column_type(t, "z", "TIMESTAMP WITH TIME ZONE");
	assert_column_type(t, "aa", "TIMESTAMP");
	assert_column_type(t, "ab", "BLOB");
	assert_column_type(t, "ac", "BLOB");
	assert_column_type(t, "ad", "JSON");
	assert_column_type(t, "ae", "JSON");
	assert_column_type(t, "af", "UUID");
	assert_column_type(t, "ag", "DOUBLE PRECISION");
	assert_column_type(t, "ah", "TIME WITH TIME ZONE");
	assert_column_type(t, "ai", "TIMESTAMP");
	dbt_schema_free(s);
}

/* The declared text of column `column`, and its kind. */
static void assert_declared(const dbt_table *t, const char *column, dbt_type_kind kind,
			    const char *decl)
{
	dbt_column *c = dbt_table_find_column(t, column);

	assert_non_null(c);
	assert_int_equal(c->type.kind, kind);
	assert_string_equal(c->type.decl, decl);
}

static void any_type_name_is_taken_as_declared(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (\n"
		     " a INT, b DATETIME, c DECIMAL(12), d NVARCHAR(40), e, f ANY,\n"
		     " g STRING NOT NULL, h text[], i integer[][], j int[3] DEFAULT '{1}',\n"
		     " k inet, l bit varying(5), m varbit, n interval day to second(3),\n"
		     " o time with time zone, p \"Mood\", q public.mood, r int4range,\n"
		     " s unsigned big int, t2 JSONB, u integer ARRAY, v xml PRIMARY KEY,\n"
		     " w character varying(20)[], x money COLLATE \"C\", y Decimal ( 10 , 2 ))");
	t = s->tables[0];
	assert_int_equal(t->ncolumns, 25);
	assert_declared(t, "a", DBT_TYPE_INTEGER, "INT");
	assert_declared(t, "b", DBT_TYPE_TIMESTAMP, "DATETIME");
	assert_declared(t, "c", DBT_TYPE_NUMERIC, "DECIMAL(12)");
	assert_declared(t, "d", DBT_TYPE_OTHER, "NVARCHAR(40)");
	assert_declared(t, "e", DBT_TYPE_OTHER, "");
	assert_declared(t, "f", DBT_TYPE_OTHER, "ANY");
	assert_declared(t, "g", DBT_TYPE_OTHER, "STRING");
	assert_true(dbt_table_find_column(t, "g")->not_null);
	assert_declared(t, "h", DBT_TYPE_OTHER, "text[]");
	assert_declared(t, "i", DBT_TYPE_OTHER, "integer[][]");
	assert_declared(t, "j", DBT_TYPE_OTHER, "int[3]");
	assert_string_equal(dbt_table_find_column(t, "j")->default_expr, "'{1}'");
	assert_declared(t, "k", DBT_TYPE_OTHER, "inet");
	assert_declared(t, "l", DBT_TYPE_OTHER, "bit varying(5)");
	assert_declared(t, "m", DBT_TYPE_OTHER, "varbit");
	assert_declared(t, "n", DBT_TYPE_OTHER, "interval day to second(3)");
	assert_declared(t, "o", DBT_TYPE_TIMETZ, "time with time zone");
	assert_declared(t, "p", DBT_TYPE_OTHER, "\"Mood\"");
	assert_declared(t, "q", DBT_TYPE_OTHER, "public.mood");
	assert_declared(t, "r", DBT_TYPE_OTHER, "int4range");
	assert_declared(t, "s", DBT_TYPE_OTHER, "unsigned big int");
	assert_declared(t, "t2", DBT_TYPE_OTHER, "JSONB");
	assert_declared(t, "u", DBT_TYPE_OTHER, "integer ARRAY");
	assert_declared(t, "v", DBT_TYPE_OTHER, "xml");
	assert_non_null(t->pk);
	assert_declared(t, "w", DBT_TYPE_OTHER, "character varying(20)[]");
	assert_declared(t, "x", DBT_TYPE_OTHER, "money");
	assert_string_equal(dbt_table_find_column(t, "x")->collation, "C");
	assert_declared(t, "y", DBT_TYPE_NUMERIC, "Decimal(10,2)");
	dbt_schema_free(s);
}

/* What `dbtool inspect` and mariadb-dump print of a MariaDB database reads
 * back: int(11), AUTO_INCREMENT, FULLTEXT, a key prefix and a check in
 * backticks. */
static void mariadb_spellings_as_inspect_prints_them(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (\n"
		     "  id int(11) AUTO_INCREMENT NOT NULL, n bigint(20), `a b` VARCHAR(20),\n"
		     "  PRIMARY KEY (id), CONSTRAINT c CHECK (`a b` <> '' AND `n` > 0));\n"
		     "CREATE FULLTEXT INDEX ft ON t (`a b`);\n"
		     "CREATE INDEX ix ON t (`a b`(10) DESC, n);");
	t = s->tables[0];
	assert_declared(t, "id", DBT_TYPE_OTHER, "int(11)");
	assert_true(dbt_table_find_column(t, "id")->autoincrement);
	assert_declared(t, "n", DBT_TYPE_OTHER, "bigint(20)");
	assert_string_equal(t->checks[0]->expr, "\"a b\" <> '' AND n > 0");
	assert_string_equal(s->indexes[0]->method, "fulltext");
	assert_int_equal(s->indexes[1]->nelems, 2);
	assert_string_equal(s->indexes[1]->elems[0].column, "a b");
	assert_int_equal(s->indexes[1]->elems[0].prefix, 10);
	assert_true(s->indexes[1]->elems[0].desc);
	assert_int_equal(s->indexes[1]->elems[1].prefix, 0);
	dbt_schema_free(s);
}

/* mariadb-dump --no-data's CREATE TABLE: its key lines (KEY, UNIQUE KEY,
 * FULLTEXT KEY, SPATIAL KEY, a key prefix), its constraints, and the table
 * options that are MariaDB's defaults, among its SET lines, conditional
 * comments and DROP TABLE IF EXISTS. */
static void mariadb_dump_create_table_reads(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("/*M!999999\\- enable the sandbox mode */ \n"
		     "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
		     "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, "
		     "FOREIGN_KEY_CHECKS=0 */;\n"
		     "DROP TABLE IF EXISTS `users`;\n"
		     "/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
		     "CREATE TABLE `users` (\n"
		     "  `id` int(11) NOT NULL AUTO_INCREMENT,\n"
		     "  `email` varchar(120) NOT NULL,\n"
		     "  `bio` text DEFAULT NULL,\n"
		     "  `pt` point NOT NULL,\n"
		     "  `j` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,\n"
		     "  `at` datetime NOT NULL DEFAULT current_timestamp(),\n"
		     "  PRIMARY KEY (`id`),\n"
		     "  UNIQUE KEY `users_email_key` (`email`),\n"
		     "  KEY `ix_bio` (`bio`(10),`email`),\n"
		     "  FULLTEXT KEY `ft_bio` (`bio`),\n"
		     "  SPATIAL KEY `sp_pt` (`pt`),\n"
		     "  CONSTRAINT `j_ok` CHECK (json_valid(`j`))\n"
		     ") ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 "
		     "COLLATE=utf8mb4_general_ci;\n"
		     "/*!40101 SET character_set_client = @saved_cs_client */;\n"
		     "DROP TABLE IF EXISTS `posts`;\n"
		     "CREATE TABLE `posts` (\n"
		     "  `id` int(11) NOT NULL,\n"
		     "  `user_id` int(11) NOT NULL,\n"
		     "  KEY `posts_user_id_fkey` (`user_id`),\n"
		     "  CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` "
		     "(`id`) "
		     "ON DELETE CASCADE\n"
		     ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n"
		     "LOCK TABLES `posts` WRITE;\n"
		     "UNLOCK TABLES;\n");
	assert_int_equal(s->ntables, 2);
	t = dbt_schema_find_table(s, "users");
	assert_non_null(t);
	assert_true(dbt_table_find_column(t, "id")->autoincrement);
	assert_string_equal(dbt_table_find_column(t, "j")->collation, "utf8mb4_bin");
	assert_non_null(t->pk);
	assert_int_equal(t->nchecks, 1);
	assert_string_equal(t->checks[0]->name, "j_ok");
	assert_int_equal(s->nindexes, 5);
	assert_string_equal(s->indexes[0]->name, "users_email_key");
	assert_true(s->indexes[0]->unique);
	assert_string_equal(s->indexes[0]->table, "users");
	assert_string_equal(s->indexes[1]->name, "ix_bio");
	assert_false(s->indexes[1]->unique);
	assert_null(s->indexes[1]->method);
	assert_int_equal(s->indexes[1]->nelems, 2);
	assert_int_equal(s->indexes[1]->elems[0].prefix, 10);
	assert_string_equal(s->indexes[1]->elems[1].column, "email");
	assert_string_equal(s->indexes[2]->method, "fulltext");
	assert_string_equal(s->indexes[3]->method, "spatial");
	assert_string_equal(s->indexes[4]->name, "posts_user_id_fkey");
	assert_string_equal(s->indexes[4]->table, "posts");
	t = dbt_schema_find_table(s, "posts");
	assert_int_equal(t->nfks, 1);
	assert_string_equal(t->fks[0]->name, "posts_user_id_fkey");
	dbt_schema_free(s);
}

/* A column named key or index is still a column; INDEX name (...) and an
 * unnamed KEY (...) are keys; a CONSTRAINT name names a UNIQUE KEY
 * without its own. */
static void mariadb_key_lines_and_columns_named_key(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (key varchar(10), index INTEGER, k2 INT,\n"
		     "  INDEX i2 (index), KEY (k2), CONSTRAINT u UNIQUE KEY (key));");
	t = s->tables[0];
	assert_int_equal(t->ncolumns, 3);
	assert_declared(t, "key", DBT_TYPE_VARCHAR, "varchar(10)");
	assert_int_equal(s->nindexes, 3);
	assert_string_equal(s->indexes[0]->name, "i2");
	assert_string_equal(s->indexes[0]->elems[0].column, "index");
	assert_string_equal(s->indexes[2]->name, "u");
	assert_true(s->indexes[2]->unique);
	dbt_schema_free(s);
}

/* The listing (names included) of the model `sql`. */
static char *dumped(const char *sql)
{
	dbt_schema *s = parse_ok(sql);
	dbt_buf b = DBT_BUF_INIT;
	char *out;

	dbt_schema_dump(&b, s, DBT_DUMP_NAMES);
	dbt_schema_free(s);
	out = dbt_buf_detach(&b);
	assert_non_null(out);
	return out;
}

/* MariaDB's USING BTREE and USING HASH, after a key's list or before it
 * on a key line (and in CREATE INDEX before ON or after the keys), as
 * SHOW CREATE TABLE and mariadb-dump print them (HASH
 * for a unique key of a TEXT column, which MariaDB makes so), are read
 * and not kept: the model is the one without them.  Another method, and
 * PostgreSQL's USING INDEX TABLESPACE (which the model does not read),
 * are not taken for one. */
static void mariadb_index_types_are_read_and_not_kept(void **state)
{
	char *with, *without;

	(void)state;
	with = dumped("CREATE TABLE `q` (\n"
		      "  `id` int(11) NOT NULL,\n"
		      "  `a` varchar(20) DEFAULT NULL,\n"
		      "  `b` varchar(20) DEFAULT NULL,\n"
		      "  `c` text DEFAULT NULL,\n"
		      "  PRIMARY KEY (`id`) USING BTREE,\n"
		      "  UNIQUE KEY `q_b` (`b`) USING BTREE,\n"
		      "  UNIQUE KEY `q_c` (`c`) USING HASH,\n"
		      "  KEY `q_a` USING HASH (`a`),\n"
		      "  KEY using btree (`b`, `a`),\n"
		      "  CONSTRAINT u2 UNIQUE (a, b) using Hash\n"
		      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n"
		      "CREATE INDEX q_ab USING BTREE ON q (a, b);\n"
		      "CREATE UNIQUE INDEX q_ba ON q (b, a) USING HASH;");
	without = dumped("CREATE TABLE `q` (\n"
			 "  `id` int(11) NOT NULL,\n"
			 "  `a` varchar(20) DEFAULT NULL,\n"
			 "  `b` varchar(20) DEFAULT NULL,\n"
			 "  `c` text DEFAULT NULL,\n"
			 "  PRIMARY KEY (`id`),\n"
			 "  UNIQUE KEY `q_b` (`b`),\n"
			 "  UNIQUE KEY `q_c` (`c`),\n"
			 "  KEY `q_a` (`a`),\n"
			 "  KEY (`b`, `a`),\n"
			 "  CONSTRAINT u2 UNIQUE (a, b)\n"
			 ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n"
			 "CREATE INDEX q_ab ON q (a, b);\n"
			 "CREATE UNIQUE INDEX q_ba ON q (b, a);");
	assert_string_equal(with, without);
	free(with);
	free(without);

	assert_parse_error("CREATE TABLE t (a INT, KEY k (a) USING RTREE);",
			   "schema.sql:1:34: index option 'USING' of MariaDB's is not read in a "
			   "model");
	assert_parse_error("CREATE TABLE t (a INT, KEY k USING GIN (a));",
			   "schema.sql:1:30: an index method other than MariaDB's BTREE or HASH "
			   "is not read in a key of CREATE TABLE: write CREATE INDEX ... USING");
	/* PostgreSQL's USING hash after the table is its hash index. */
	with = dumped("CREATE TABLE t (a INT);\nCREATE INDEX t_a ON t USING hash (a);");
	assert_non_null(strstr(with, "hash"));
	free(with);
	assert_parse_error("CREATE TABLE t (a INT);\nCREATE INDEX t_a ON t (a) USING gin;",
			   "schema.sql:2:27: expected ';', found 'USING'");
	assert_parse_error("CREATE TABLE t (a INT, CONSTRAINT t_a UNIQUE (a) USING INDEX "
			   "TABLESPACE ts);",
			   "schema.sql:1:50: expected ',' or ')', found 'USING'");
}

/* A table with MariaDB's options is one as MariaDB prints it: its float
 * is REAL and its timestamp one WITH TIME ZONE; without them, FLOAT and
 * TIMESTAMP keep their portable meaning. */
static void mariadb_table_options_make_its_types_mariadbs(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (f float, ts timestamp(3) NULL, d double) ENGINE=InnoDB;\n"
		     "CREATE TABLE b (f float, ts timestamp);");
	assert_int_equal(s->tables[0]->columns[0]->type.kind, DBT_TYPE_REAL);
	assert_int_equal(s->tables[0]->columns[1]->type.kind, DBT_TYPE_TIMESTAMPTZ);
	assert_int_equal(s->tables[0]->columns[1]->type.precision, 3);
	assert_int_equal(s->tables[0]->columns[2]->type.kind, DBT_TYPE_DOUBLE);
	assert_int_equal(s->tables[1]->columns[0]->type.kind, DBT_TYPE_DOUBLE);
	assert_int_equal(s->tables[1]->columns[1]->type.kind, DBT_TYPE_TIMESTAMP);
	dbt_schema_free(s);
}

/* MariaDB's COMMENT of a column and of a table, in its escapes, and ON
 * UPDATE CURRENT_TIMESTAMP in any of its spellings, as the server prints
 * it; '' is no comment.  A COMMENT alone does not make the table one that
 * MariaDB printed: its TIMESTAMP stays the portable one. */
static void mariadb_comments_and_on_update_read(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (\n"
		     "  a timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE "
		     "current_timestamp(),\n"
		     "  b datetime(3) NULL ON UPDATE NOW(3) COMMENT 'it''s \\\\ a\\nb\\%',\n"
		     "  c datetime COMMENT '' ON UPDATE localtimestamp,\n"
		     "  d INT\n"
		     ") COMMENT='the table';\n"
		     "CREATE TABLE u (a INT) COMMENT '';");
	t = s->tables[0];
	assert_int_equal(t->columns[0]->type.kind, DBT_TYPE_TIMESTAMP);
	assert_string_equal(dbt_column_on_update(t->columns[0]), "current_timestamp()");
	assert_null(dbt_column_comment(t->columns[0]));
	assert_string_equal(dbt_column_on_update(t->columns[1]), "current_timestamp(3)");
	assert_string_equal(dbt_column_comment(t->columns[1]), "it's \\ a\nb\\%");
	assert_int_equal(dbt_column_places_get(t->columns[1])->mysql_line, 3);
	assert_int_equal(dbt_column_places_get(t->columns[1])->mysql_col, 22);
	assert_null(dbt_column_comment(t->columns[2]));
	assert_string_equal(dbt_column_on_update(t->columns[2]), "current_timestamp()");
	assert_null(t->columns[3]->mysql);
	assert_string_equal(t->comment, "the table");
	assert_int_equal(t->comment_line, 6);
	assert_null(s->tables[1]->comment);
	assert_int_equal(s->tables[1]->comment_line, 7);
	dbt_schema_free(s);
}

/* MariaDB's attributes end a type of its own (ENUM, SET, MEDIUMINT), as
 * a column constraint does: before, COMMENT was read as a word of the
 * type (random pair 2400098). */
static void mariadb_attributes_end_a_type_of_its_own(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a ENUM('x','y') COMMENT 'c',\n"
		     "  b SET('p','q') CHARACTER SET latin1 COLLATE latin1_bin,\n"
		     "  c MEDIUMINT AUTO_INCREMENT UNIQUE, d VARYING CHARACTER(20));");
	t = s->tables[0];
	/* CHARACTER without SET goes on the type, as SQLite's names have it. */
	assert_string_equal(t->columns[3]->type.decl, "VARYING CHARACTER(20)");
	assert_string_equal(t->columns[0]->type.decl, "ENUM('x','y')");
	assert_string_equal(dbt_column_comment(t->columns[0]), "c");
	assert_string_equal(t->columns[1]->type.decl, "SET('p','q')");
	assert_string_equal(t->columns[1]->collation, "latin1_bin");
	assert_string_equal(t->columns[2]->type.decl, "MEDIUMINT");
	assert_true(t->columns[2]->autoincrement);
	dbt_schema_free(s);
}

/* MariaDB's conditional comments that hold SET or DROP lines are
 * comments, and so is a comment that starts so without a version. */
static void mariadb_conditional_comments_of_set_and_drop(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("/*!important */ CREATE TABLE t (a INT) /*! no version */;\n"
		     "/*!50001 DROP VIEW IF EXISTS `v`*/;\n"
		     "/*M!100616 SET @OLD_NOTE_VERBOSITY=@@NOTE_VERBOSITY, NOTE_VERBOSITY=0 */;\n"
		     "/*!40101 SET character_set_client = @saved_cs_client */;");
	assert_int_equal(s->ntables, 1);
	dbt_schema_free(s);
}

/* What mariadb-dump writes that the model does not hold is refused at its
 * place: table options other than MariaDB's defaults and COMMENT, index
 * options, and its views and triggers; a COMMENT or ON UPDATE that is not
 * one, or given twice. */
static void mariadb_dump_refusals(void **state)
{
	(void)state;
	assert_parse_error("CREATE TABLE t (a INT) ENGINE=MyISAM;",
			   "schema.sql:1:24: table 't' has ENGINE=myisam, which the model does not "
			   "hold: it keeps MariaDB's ENGINE=InnoDB, CHARSET=utf8mb4 and "
			   "COLLATE=utf8mb4_general_ci only (remove the option)");
	assert_parse_error("CREATE TABLE t (a INT) ENGINE=InnoDB DEFAULT CHARSET=latin1;",
			   "schema.sql:1:38: table 't' has CHARSET=latin1, which the model does "
			   "not "
			   "hold: it keeps MariaDB's ENGINE=InnoDB, CHARSET=utf8mb4 and "
			   "COLLATE=utf8mb4_general_ci only (remove the option)");
	assert_parse_error(
		"CREATE TABLE t (a INT) ROW_FORMAT=DYNAMIC;",
		"schema.sql:1:24: table 't' has the table option 'ROW_FORMAT', which the "
		"model does not hold: remove it (the model keeps MariaDB's defaults only)");
	assert_parse_error("CREATE TABLE t (a INT COMMENT 'x' COMMENT 'y');",
			   "schema.sql:1:35: column 't.a' has a second COMMENT");
	assert_parse_error("CREATE TABLE t (a INT COMMENT '' COMMENT 'y');",
			   "schema.sql:1:34: column 't.a' has a second COMMENT");
	assert_parse_error("CREATE TABLE t (a INT COMMENT \"x\");",
			   "schema.sql:1:31: expected the COMMENT's text in single quotes, found "
			   "'\"x\"'");
	assert_parse_error("CREATE TABLE t (a INT COMMENT 'x\\0y');",
			   "schema.sql:1:31: the COMMENT's text in single quotes holds \\0, a NUL "
			   "character, which dbtool does not keep");
	assert_parse_error("CREATE TABLE t (a INT ON UPDATE current_timestamp());",
			   "schema.sql:1:23: column 't.a' has ON UPDATE, which MariaDB takes on a "
			   "TIMESTAMP or DATETIME column only");
	assert_parse_error("CREATE TABLE t (a timestamp ON UPDATE now() ON UPDATE now());",
			   "schema.sql:1:45: column 't.a' has a second ON UPDATE");
	assert_parse_error("CREATE TABLE t (a datetime ON UPDATE now);",
			   "schema.sql:1:41: expected '(' after NOW, found ')'");
	assert_parse_error("CREATE TABLE t (a datetime ON UPDATE 1);",
			   "schema.sql:1:38: expected CURRENT_TIMESTAMP after ON UPDATE, found "
			   "'1'");
	assert_parse_error("CREATE TABLE t (a datetime(6) ON UPDATE current_timestamp(7));",
			   "schema.sql:1:59: ON UPDATE's precision is 0 to 6");
	assert_parse_error("CREATE TABLE t (a INT) COMMENT 'x' COMMENT='y';",
			   "schema.sql:1:36: table 't' has a second COMMENT");
	assert_parse_error("CREATE TABLE t (a varchar(5) CHARACTER SET latin1);",
			   "schema.sql:1:30: column 't.a' has a CHARACTER SET without COLLATE: "
			   "write "
			   "the collation (COLLATE), which names the character set too");
	assert_parse_error("CREATE TABLE t (a INT, KEY k (a) COMMENT 'x');",
			   "schema.sql:1:34: index option 'COMMENT' of MariaDB's is not read in a "
			   "model");
	assert_parse_error("CREATE TABLE t (a INT);\n/*!50001 CREATE VIEW `v` AS SELECT\n 1 AS "
			   "`a` */;",
			   "schema.sql:2:1: a view or trigger as mariadb-dump writes it (in a "
			   "/*!5000N CREATE ... */ comment) is not read in a model: declare it as "
			   "a CREATE VIEW or CREATE TRIGGER statement instead (dump with "
			   "--skip-triggers and without the views)");
	assert_parse_error("CREATE TABLE t (a INT)\n/*!50100 PARTITION BY HASH (a) */;",
			   "schema.sql:2:1: a conditional comment of MariaDB's, which MariaDB "
			   "runs, "
			   "is not read in a model but for its SET and DROP lines");
	assert_parse_error(
		"CREATE TABLE t (a INT);\nDELIMITER ;;\n/*!50003 CREATE*/ /*!50003 "
		"TRIGGER x BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1 */;;\n"
		"DELIMITER ;\n",
		"schema.sql:2:1: DELIMITER, which mariadb-dump writes around triggers, is "
		"not read in a model: declare each trigger as a CREATE TRIGGER statement "
		"instead (dump with --skip-triggers)");
}

static void keywords_are_read_in_any_case(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("create table T (ID integer Primary Key, n Varchar(5) not NULL);"
		     "Create Unique Index I on T (n)");
	assert_string_equal(s->tables[0]->name, "t");
	assert_true(s->tables[0]->columns[1]->not_null);
	assert_true(s->indexes[0]->unique);
	dbt_schema_free(s);
}

static void unquoted_names_fold_to_lower_case(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE Users (UserId INTEGER, caf\xc3\x89 TEXT)");
	t = s->tables[0];
	assert_string_equal(t->name, "users");
	assert_false(t->quoted);
	assert_string_equal(t->columns[0]->name, "userid");
	assert_false(t->columns[0]->quoted);
	/* Only ASCII letters fold, as in PostgreSQL with UTF-8. */
	assert_string_equal(t->columns[1]->name, "caf\xc3\x89");
	dbt_schema_free(s);
}

static void tables_of_other_schemas_keep_their_schema(void **state)
{
	dbt_schema *s;
	const dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE public.users (id INT PRIMARY KEY);\n"
		     "CREATE TABLE Audit.users (id INT PRIMARY KEY REFERENCES users,\n"
		     "  other INT REFERENCES \"MySchema\".\"Users\" (id));\n"
		     "CREATE TABLE \"MySchema\".\"Users\" (id INT UNIQUE);\n"
		     "CREATE INDEX users_id ON audit.users (other);\n"
		     "CREATE INDEX ON audit.users (other, id)");
	assert_int_equal(s->ntables, 3);
	assert_string_equal(s->tables[0]->name, "users");
	t = s->tables[1];
	assert_string_equal(t->name, "audit\x1fusers");
	assert_int_equal(t->line, 2);
	assert_int_equal(t->col, 14);
	assert_string_equal(t->fks[0]->ref_table, "users");
	assert_string_equal(t->fks[1]->ref_table, "MySchema\x1fUsers");
	assert_string_equal(s->tables[2]->name, "MySchema\x1fUsers");
	assert_string_equal(s->indexes[0]->name, "audit\x1fusers_id");
	assert_string_equal(s->indexes[0]->table, "audit\x1fusers");
	assert_string_equal(s->indexes[1]->name, "audit\x1fusers_other_id_idx");
	dbt_schema_free(s);
}

static void enums_and_domains_of_other_schemas_are_kept_qualified(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TYPE audit.mood AS ENUM ('a');\n"
		     "CREATE TYPE public.mood AS ENUM ('b');\n"
		     "CREATE TYPE \"My\".\"Kind\" AS ENUM ('c');\n"
		     "CREATE DOMAIN audit.size AS int CHECK (VALUE > 0)");
	assert_int_equal(s->nstatements, 4);
	assert_string_equal(s->statements[0]->kind, "type");
	assert_string_equal(s->statements[0]->name, "audit\x1fmood");
	assert_string_equal(s->statements[1]->name, "mood");
	assert_string_equal(s->statements[2]->name, "My\x1fKind");
	assert_string_equal(s->statements[3]->kind, "domain");
	assert_string_equal(s->statements[3]->name, "audit\x1fsize");
	dbt_schema_free(s);
}

static void one_name_in_two_schemas_is_two_tables(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE users (id INT CONSTRAINT users_pkey PRIMARY KEY);\n"
		     "CREATE TABLE test.users (id INT CONSTRAINT users_pkey PRIMARY KEY);\n"
		     "CREATE INDEX users_id ON users (id);\n"
		     "CREATE INDEX users_id ON test.users (id)");
	assert_int_equal(s->ntables, 2);
	assert_non_null(dbt_schema_find_table(s, "users"));
	assert_non_null(dbt_schema_find_table(s, "test\x1fusers"));
	assert_non_null(dbt_schema_find_index(s, "test\x1fusers_id"));
	dbt_schema_free(s);
	assert_parse_error("CREATE TABLE test.users (id INT CONSTRAINT u PRIMARY KEY);\n"
			   "CREATE INDEX u ON test.users (id)",
			   "schema.sql:2:14: name 'u' is already used by the primary key of table "
			   "'test.users' on line 1");
}

static void quoted_names_keep_case_and_are_marked(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE \"Users\" (\"UserId\" INTEGER, \"users\" TEXT)");
	t = s->tables[0];
	assert_string_equal(t->name, "Users");
	assert_true(t->quoted);
	assert_string_equal(t->columns[0]->name, "UserId");
	assert_true(t->columns[0]->quoted);
	assert_string_equal(t->columns[1]->name, "users");
	assert_true(t->columns[1]->quoted);
	dbt_schema_free(s);
}

static void quoted_names_hold_quotes_reserved_words_and_utf8(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE \"order\" (\"say \"\"hi\"\"\" TEXT, \"select\" INTEGER,"
		     " \"na\xc3\xafve \xe6\x97\xa5\xe6\x9c\xac\" TEXT, \"with space\" INT)");
	t = s->tables[0];
	assert_string_equal(t->name, "order");
	assert_string_equal(t->columns[0]->name, "say \"hi\"");
	assert_string_equal(t->columns[1]->name, "select");
	assert_string_equal(t->columns[2]->name, "na\xc3\xafve \xe6\x97\xa5\xe6\x9c\xac");
	assert_string_equal(t->columns[3]->name, "with space");
	dbt_schema_free(s);
}

static void comments_are_allowed_everywhere(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("-- the users\n"
		     "CREATE /* kind */ TABLE users -- name\n"
		     "( /* a /* nested */ comment */ id INTEGER -- the key\n"
		     "  PRIMARY /* ! */ KEY,\n"
		     "  name VARCHAR /* len */ (50) DEFAULT /* d */ 'x' -- end\n"
		     ") -- after\n"
		     "; /* trailing */");
	t = s->tables[0];
	assert_int_equal(t->ncolumns, 2);
	assert_non_null(t->pk);
	assert_column_type(t, "name", "VARCHAR(50)");
	assert_string_equal(t->columns[1]->default_expr, "'x'");
	dbt_schema_free(s);
}

static void if_not_exists_is_accepted(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE IF NOT EXISTS t (a INT);"
		     "CREATE INDEX IF NOT EXISTS t_a ON t (a);"
		     "CREATE UNIQUE INDEX IF NOT EXISTS ON t (a)");
	assert_int_equal(s->ntables, 1);
	assert_int_equal(s->nindexes, 2);
	assert_string_equal(s->indexes[1]->name, "t_a_idx");
	dbt_schema_free(s);
}

static void last_statement_needs_no_semicolon(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT)\n");
	assert_int_equal(s->ntables, 2);
	dbt_schema_free(s);
}

static void byte_order_mark_and_crlf_are_accepted(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("\xef\xbb\xbf"
		     "CREATE TABLE a (x INT);\r\nCREATE TABLE b (y INT);\r\n");
	assert_int_equal(s->ntables, 2);
	assert_int_equal(s->tables[0]->line, 1);
	assert_int_equal(s->tables[0]->col, 14);
	assert_int_equal(s->tables[1]->line, 2);
	assert_int_equal(s->tables[1]->col, 14);
	dbt_schema_free(s);
}

static void positions_are_kept_on_tables_columns_and_indexes(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("\n  CREATE TABLE t (\n\ta INT,\n\tb INT REFERENCES t (a)\n);\n"
		     "CREATE UNIQUE INDEX t_a ON t (a);\nCREATE INDEX ON t (b);\n");
	assert_int_equal(s->tables[0]->line, 2);
	assert_int_equal(s->tables[0]->col, 16);
	assert_int_equal(s->tables[0]->columns[1]->line, 4);
	assert_int_equal(s->tables[0]->columns[1]->col, 2);
	assert_int_equal(s->tables[0]->fks[0]->line, 4);
	assert_int_equal(s->tables[0]->fks[0]->col, 8);
	assert_int_equal(s->tables[0]->fks[0]->ref_line, 4);
	assert_int_equal(s->tables[0]->fks[0]->ref_col, 19);
	assert_int_equal(s->indexes[0]->line, 6);
	assert_int_equal(s->indexes[0]->col, 21);
	assert_int_equal(s->indexes[0]->table_line, 6);
	assert_int_equal(s->indexes[0]->table_col, 28);
	assert_int_equal(s->indexes[1]->line, 7);
	assert_int_equal(s->indexes[1]->col, 14);
	dbt_schema_free(s);
}

static void column_primary_key_is_the_table_key_and_not_null(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INTEGER PRIMARY KEY, x INT)");
	t = s->tables[0];
	assert_non_null(t->pk);
	assert_int_equal(t->pk->ncolumns, 1);
	assert_string_equal(t->pk->columns[0], "id");
	assert_string_equal(t->pk->name, "t_pkey");
	assert_false(t->pk->name_given);
	assert_true(t->columns[0]->not_null);
	assert_false(t->columns[1]->not_null);
	assert_false(t->columns[0]->autoincrement);
	dbt_schema_free(s);
}

static void table_primary_key_may_be_composite_and_named(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (CONSTRAINT t_key PRIMARY KEY (b, a), a INT, b INT, c INT)");
	t = s->tables[0];
	assert_int_equal(t->pk->ncolumns, 2);
	assert_string_equal(t->pk->columns[0], "b");
	assert_string_equal(t->pk->columns[1], "a");
	assert_string_equal(t->pk->name, "t_key");
	assert_true(t->pk->name_given);
	assert_true(t->columns[0]->not_null);
	assert_true(t->columns[1]->not_null);
	assert_false(t->columns[2]->not_null);
	dbt_schema_free(s);
}

static void unique_constraints_on_columns_and_tables(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT UNIQUE, b INT CONSTRAINT b_u UNIQUE, c INT,"
		     " UNIQUE (b, c), CONSTRAINT \"C Key\" UNIQUE (c))");
	t = s->tables[0];
	assert_int_equal(t->nuniques, 4);
	assert_string_equal(t->uniques[0]->name, "t_a_key");
	assert_false(t->uniques[0]->name_given);
	assert_string_equal(t->uniques[1]->name, "b_u");
	assert_true(t->uniques[1]->name_given);
	assert_string_equal(t->uniques[2]->name, "t_b_c_key");
	assert_int_equal(t->uniques[2]->ncolumns, 2);
	assert_string_equal(t->uniques[3]->name, "C Key");
	dbt_schema_free(s);
}

static void unique_repeating_the_primary_key_is_dropped(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INT PRIMARY KEY UNIQUE, a INT UNIQUE, UNIQUE (a))");
	t = s->tables[0];
	assert_int_equal(t->nuniques, 1);
	assert_string_equal(t->uniques[0]->columns[0], "a");
	assert_string_equal(t->pk->name, "t_pkey");
	dbt_schema_free(s);
}

static void column_references_make_a_one_column_foreign_key(void **state)
{
	dbt_schema *s;
	dbt_fk *fk;

	(void)state;
	s = parse_ok("CREATE TABLE users (id INT PRIMARY KEY);"
		     "CREATE TABLE posts (id INT, user_id INT REFERENCES users)");
	fk = s->tables[1]->fks[0];
	assert_string_equal(fk->name, "posts_user_id_fkey");
	assert_false(fk->name_given);
	assert_int_equal(fk->ncolumns, 1);
	assert_string_equal(fk->columns[0], "user_id");
	assert_string_equal(fk->ref_table, "users");
	/* The referenced table's key fills the columns left out. */
	assert_int_equal(fk->nref_columns, 1);
	assert_string_equal(fk->ref_columns[0], "id");
	assert_false(fk->ref_columns_given);
	assert_int_equal(fk->on_delete, DBT_FK_NO_ACTION);
	assert_int_equal(fk->on_update, DBT_FK_NO_ACTION);
	assert_false(fk->deferrable);
	dbt_schema_free(s);
}

static void table_foreign_key_may_be_composite_and_named(void **state)
{
	dbt_schema *s;
	dbt_fk *fk;

	(void)state;
	s = parse_ok("CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));"
		     "CREATE TABLE c (x INT, y INT,"
		     " CONSTRAINT c_p FOREIGN KEY (x, y) REFERENCES p (a, b))");
	fk = s->tables[1]->fks[0];
	assert_string_equal(fk->name, "c_p");
	assert_true(fk->name_given);
	assert_int_equal(fk->ncolumns, 2);
	assert_string_equal(fk->columns[1], "y");
	assert_int_equal(fk->nref_columns, 2);
	assert_string_equal(fk->ref_columns[1], "b");
	assert_true(fk->ref_columns_given);
	dbt_schema_free(s);
}

static void foreign_key_actions_are_read(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE p (id INT PRIMARY KEY);"
		     "CREATE TABLE c (a INT REFERENCES p ON DELETE CASCADE ON UPDATE RESTRICT,"
		     " b INT REFERENCES p ON UPDATE SET NULL ON DELETE SET DEFAULT,"
		     " d INT REFERENCES p ON DELETE NO ACTION)");
	t = s->tables[1];
	assert_int_equal(t->fks[0]->on_delete, DBT_FK_CASCADE);
	assert_int_equal(t->fks[0]->on_update, DBT_FK_RESTRICT);
	assert_int_equal(t->fks[1]->on_delete, DBT_FK_SET_DEFAULT);
	assert_int_equal(t->fks[1]->on_update, DBT_FK_SET_NULL);
	assert_int_equal(t->fks[2]->on_delete, DBT_FK_NO_ACTION);
	dbt_schema_free(s);
}

static void foreign_key_deferrable_forms(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE p (id INT PRIMARY KEY);"
		     "CREATE TABLE c (a INT REFERENCES p DEFERRABLE,"
		     " b INT REFERENCES p DEFERRABLE INITIALLY DEFERRED,"
		     " d INT REFERENCES p INITIALLY DEFERRED,"
		     " e INT REFERENCES p DEFERRABLE INITIALLY IMMEDIATE,"
		     " f INT REFERENCES p NOT DEFERRABLE NOT NULL)");
	t = s->tables[1];
	assert_true(t->fks[0]->deferrable);
	assert_false(t->fks[0]->initially_deferred);
	assert_true(t->fks[1]->deferrable);
	assert_true(t->fks[1]->initially_deferred);
	assert_true(t->fks[2]->deferrable);
	assert_true(t->fks[2]->initially_deferred);
	assert_true(t->fks[3]->deferrable);
	assert_false(t->fks[3]->initially_deferred);
	assert_false(t->fks[4]->deferrable);
	assert_true(t->columns[4]->not_null);
	dbt_schema_free(s);
}

static void keys_take_deferrable_forms(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INT PRIMARY KEY DEFERRABLE INITIALLY DEFERRED,"
		     " a INT UNIQUE NOT DEFERRABLE NOT NULL,"
		     " b INT UNIQUE DEFERRABLE,"
		     " c INT, d INT,"
		     " UNIQUE (c) INCLUDE (d) INITIALLY DEFERRED,"
		     " CONSTRAINT t_d UNIQUE (d) DEFERRABLE INITIALLY IMMEDIATE)");
	t = s->tables[0];
	assert_true(t->pk->deferrable);
	assert_true(t->pk->initially_deferred);
	assert_false(t->uniques[0]->deferrable);
	assert_true(t->columns[1]->not_null);
	assert_true(t->uniques[1]->deferrable);
	assert_false(t->uniques[1]->initially_deferred);
	assert_true(t->uniques[2]->deferrable);
	assert_true(t->uniques[2]->initially_deferred);
	assert_int_equal(t->uniques[2]->ninclude, 1);
	assert_true(t->uniques[3]->deferrable);
	assert_false(t->uniques[3]->initially_deferred);
	dbt_schema_free(s);
}

static void checks_keep_no_inherit(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT CHECK (a > 0) NO INHERIT NOT NULL,"
		     " b INT, CONSTRAINT t_b CHECK (b < 9) NO INHERIT NOT VALID, CHECK (a < b))");
	t = s->tables[0];
	assert_int_equal(t->nchecks, 3);
	assert_true(t->checks[0]->no_inherit);
	assert_int_equal(t->checks[0]->no_inherit_col, 37);
	assert_true(t->columns[0]->not_null);
	assert_true(t->checks[1]->no_inherit);
	assert_false(t->checks[2]->no_inherit);
	dbt_schema_free(s);
}

static void storage_parameters_are_canonical(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INT PRIMARY KEY WITH (fillfactor=80),"
		     " a INT, UNIQUE (a) WITH (fillfactor = 90) DEFERRABLE)"
		     " WITH (FillFactor = 070, autovacuum_enabled, toast_tuple_target = 'On');\n"
		     "CREATE INDEX i ON t (a) WITH (fillfactor='60', deduplicate_items = off)"
		     " WHERE a > 0;");
	t = s->tables[0];
	assert_string_equal(t->storage,
			    "autovacuum_enabled=true, fillfactor=70, toast_tuple_target=On");
	assert_int_equal(t->storage_col, 111);
	assert_string_equal(t->pk->storage, "fillfactor=80");
	assert_string_equal(t->uniques[0]->storage, "fillfactor=90");
	assert_true(t->uniques[0]->deferrable);
	assert_string_equal(s->indexes[0]->storage, "deduplicate_items=off, fillfactor=60");
	assert_non_null(s->indexes[0]->where);
	dbt_schema_free(s);
	/* A "quoted" name, as PostgreSQL takes it too. */
	s = parse_ok("CREATE TABLE t (a INT) WITH (\"fillfactor\" = 70)");
	assert_string_equal(s->tables[0]->storage, "fillfactor=70");
	dbt_schema_free(s);
}

static void foreign_key_set_null_takes_columns(void **state)
{
	dbt_schema *s;
	dbt_fk *fk;

	(void)state;
	s = parse_ok("CREATE TABLE p (t INT, id INT, PRIMARY KEY (t, id));"
		     "CREATE TABLE c (t INT NOT NULL, pid INT, FOREIGN KEY (t, pid) REFERENCES p"
		     " ON DELETE SET NULL (pid) ON UPDATE CASCADE)");
	fk = s->tables[1]->fks[0];
	assert_int_equal(fk->on_delete, DBT_FK_SET_NULL);
	assert_int_equal(fk->on_update, DBT_FK_CASCADE);
	assert_int_equal(fk->nset_columns, 1);
	assert_string_equal(fk->set_columns[0], "pid");
	assert_int_equal(fk->set_col, 147);
	dbt_schema_free(s);
}

static void alter_column_sets_statistics_and_storage(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT, b TEXT, c INT);\n"
		     "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;\n"
		     "ALTER TABLE ONLY t ALTER COLUMN b SET STORAGE external;\n"
		     "ALTER TABLE t ALTER COLUMN c SET STATISTICS 10;\n"
		     "ALTER TABLE t ALTER COLUMN c SET STATISTICS -1;");
	t = s->tables[0];
	assert_true(t->columns[0]->has_statistics);
	assert_int_equal(t->columns[0]->statistics, 500);
	assert_int_equal(dbt_column_places_get(t->columns[0])->pg_set_line, 2);
	assert_int_equal(t->columns[1]->storage, 'e');
	assert_false(t->columns[1]->has_statistics);
	assert_false(t->columns[2]->has_statistics);
	dbt_schema_free(s);
}

static void create_statistics_is_kept_as_a_statement(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, b INT);\n"
		     "CREATE STATISTICS t_a_b (ndistinct) ON a, b FROM t;");
	assert_int_equal(s->nstatements, 1);
	assert_string_equal(s->statements[0]->kind, "statistics");
	assert_string_equal(s->statements[0]->name, "t_a_b");
	assert_int_equal(s->statements[0]->line, 2);
	dbt_schema_free(s);
}

static void foreign_keys_may_reference_tables_declared_later(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE comments (id INT PRIMARY KEY, post_id INT REFERENCES posts);\n"
		     "CREATE TABLE posts (id INT PRIMARY KEY, author_id INT,\n"
		     "  FOREIGN KEY (author_id) REFERENCES authors (id));\n"
		     "CREATE TABLE authors (id INT PRIMARY KEY,\n"
		     "  best_post INT REFERENCES posts (id))");
	assert_string_equal(s->tables[0]->fks[0]->ref_table, "posts");
	assert_string_equal(s->tables[0]->fks[0]->ref_columns[0], "id");
	assert_string_equal(s->tables[1]->fks[0]->ref_table, "authors");
	assert_string_equal(s->tables[2]->fks[0]->ref_table, "posts");
	dbt_schema_free(s);
}

static void foreign_keys_may_reference_reserved_word_tables_declared_later(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE items (id INT PRIMARY KEY,\n"
		     "  order_id INT NOT NULL REFERENCES \"order\"(id),\n"
		     "  user_id INT REFERENCES public.\"user\" ON DELETE CASCADE);\n"
		     "CREATE TABLE \"order\" (id INT PRIMARY KEY);\n"
		     "CREATE TABLE \"user\" (id INT PRIMARY KEY);");
	assert_string_equal(s->tables[0]->fks[0]->ref_table, "order");
	assert_string_equal(s->tables[0]->fks[0]->ref_columns[0], "id");
	assert_string_equal(s->tables[0]->fks[1]->ref_table, "user");
	assert_string_equal(s->tables[0]->fks[1]->ref_columns[0], "id");
	dbt_schema_free(s);
}

static void foreign_key_may_reference_its_own_table(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE node (id INT PRIMARY KEY,"
		     " parent INT REFERENCES node ON DELETE CASCADE)");
	assert_string_equal(s->tables[0]->fks[0]->ref_table, "node");
	dbt_schema_free(s);
}

static void foreign_key_may_reference_a_unique_constraint_or_index(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE u (id INT PRIMARY KEY, email TEXT UNIQUE, a INT, b INT);"
		     "CREATE UNIQUE INDEX u_ab ON u (b, a);"
		     "CREATE TABLE r (e TEXT REFERENCES u (email), x INT, y INT,"
		     " FOREIGN KEY (x, y) REFERENCES u (a, b))");
	assert_string_equal(s->tables[1]->fks[0]->ref_columns[0], "email");
	assert_string_equal(s->tables[1]->fks[1]->ref_columns[0], "a");
	dbt_schema_free(s);
}

static void check_constraints_on_columns_and_tables(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (price NUMERIC CHECK (price>=0), qty INT,"
		     " CONSTRAINT sane CHECK ((qty BETWEEN 0 AND 100)),"
		     " CHECK (qty * price < 1e6))");
	t = s->tables[0];
	assert_int_equal(t->nchecks, 3);
	assert_string_equal(t->checks[0]->expr, "price >= 0");
	assert_string_equal(t->checks[0]->name, "t_price_check");
	assert_false(t->checks[0]->name_given);
	assert_string_equal(t->checks[1]->expr, "qty BETWEEN 0 AND 100");
	assert_string_equal(t->checks[1]->name, "sane");
	assert_true(t->checks[1]->name_given);
	assert_string_equal(t->checks[2]->expr, "qty * price < 1e6");
	assert_string_equal(t->checks[2]->name, "t_check");
	dbt_schema_free(s);
}

static void defaults_cast_to_the_managed_schema_lose_its_name(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a color DEFAULT 'red'::public.color,"
		     " b color[] DEFAULT '{red}'::\"public\".color[],"
		     " c text DEFAULT 'public.x'::other.t, d bigint DEFAULT nextval('public.s'))");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "'red'::color");
	assert_string_equal(t->columns[1]->default_expr, "'{red}'::color[]");
	assert_string_equal(t->columns[2]->default_expr, "'public.x'::other.t");
	assert_string_equal(t->columns[3]->default_expr, "nextval('s'::regclass)");
	dbt_schema_free(s);
}

static void literal_defaults_are_canonical(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT DEFAULT 'it''s', b INT DEFAULT 42,"
		     " c NUMERIC DEFAULT -1.5,"
		     " d BOOLEAN DEFAULT true, e BOOLEAN DEFAULT FALSE, f INT DEFAULT - 7,"
		     " g TEXT DEFAULT E'a\\nb', h INT DEFAULT +3)");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "'it''s'");
	assert_string_equal(t->columns[1]->default_expr, "42");
	assert_string_equal(t->columns[2]->default_expr, "-1.5");
	assert_string_equal(t->columns[3]->default_expr, "TRUE");
	assert_string_equal(t->columns[4]->default_expr, "FALSE");
	assert_string_equal(t->columns[5]->default_expr, "-7");
	assert_string_equal(t->columns[6]->default_expr, "E'a\\nb'");
	assert_string_equal(t->columns[7]->default_expr, "+3");
	dbt_schema_free(s);
}

static void default_null_is_no_default(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT DEFAULT NULL, b TEXT DEFAULT (NULL) NOT NULL)");
	assert_null(s->tables[0]->columns[0]->default_expr);
	assert_null(s->tables[0]->columns[1]->default_expr);
	assert_true(s->tables[0]->columns[1]->not_null);
	dbt_schema_free(s);
}

static void expression_defaults_are_canonical(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TIMESTAMP DEFAULT current_timestamp,"
		     " b TIMESTAMPTZ DEFAULT NOW( ), c DATE DEFAULT CURRENT_DATE,"
		     " d TEXT DEFAULT 'x'::text, e INT DEFAULT CAST('1' AS int4),"
		     " f TEXT DEFAULT (lower( 'A' ) || 'b'), g INT DEFAULT 1 + 2 NOT NULL,"
		     " h UUID DEFAULT gen_random_uuid(), i JSON DEFAULT '{}'::json,"
		     " j TEXT DEFAULT datetime('now', 'localtime'), k INT DEFAULT (-1))");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "CURRENT_TIMESTAMP");
	assert_string_equal(t->columns[1]->default_expr, "now()");
	assert_string_equal(t->columns[2]->default_expr, "CURRENT_DATE");
	assert_string_equal(t->columns[3]->default_expr, "'x'::TEXT");
	assert_string_equal(t->columns[4]->default_expr, "CAST('1' AS INTEGER)");
	assert_string_equal(t->columns[5]->default_expr, "lower('A') || 'b'");
	assert_string_equal(t->columns[6]->default_expr, "1 + 2");
	assert_true(t->columns[6]->not_null);
	assert_string_equal(t->columns[7]->default_expr, "gen_random_uuid()");
	assert_string_equal(t->columns[8]->default_expr, "'{}'::JSON");
	assert_string_equal(t->columns[9]->default_expr, "datetime('now', 'localtime')");
	assert_string_equal(t->columns[10]->default_expr, "-1");
	dbt_schema_free(s);
}

static void defaults_take_word_operators_without_parentheses(void **state)
{
	dbt_schema *s, *paren;
	dbt_table *t, *u;
	size_t i;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TIMESTAMP DEFAULT now() AT TIME ZONE 'utc',"
		     " b TIMESTAMP DEFAULT CURRENT_TIMESTAMP AT TIME ZONE 'UTC' NOT NULL,"
		     " c TIMESTAMP DEFAULT '2020-01-01'::timestamptz AT TIME ZONE 'utc',"
		     " d BOOLEAN DEFAULT 1 IS NOT DISTINCT FROM 2, e BOOLEAN DEFAULT 'x' IS NULL,"
		     " f TEXT DEFAULT 'a' || 'b' COLLATE \"C\", g INT DEFAULT '5'::text::int)");
	paren = parse_ok("CREATE TABLE t (a TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),"
			 " b TIMESTAMP DEFAULT (CURRENT_TIMESTAMP AT TIME ZONE 'UTC') NOT NULL,"
			 " c TIMESTAMP DEFAULT ('2020-01-01'::timestamptz AT TIME ZONE 'utc'),"
			 " d BOOLEAN DEFAULT (1 IS NOT DISTINCT FROM 2),"
			 " e BOOLEAN DEFAULT ('x' IS NULL), f TEXT DEFAULT ('a' || 'b'),"
			 " g INT DEFAULT ('5'::text::int))");
	t = s->tables[0];
	u = paren->tables[0];
	for (i = 0; i < u->ncolumns; i++)
		assert_string_equal(t->columns[i]->default_expr, u->columns[i]->default_expr);
	assert_true(t->columns[1]->not_null);
	/* COLLATE after a default is the column's, as PostgreSQL reads it. */
	assert_string_equal(t->columns[5]->collation, "C");
	assert_null(u->columns[5]->collation);
	dbt_schema_free(s);
	dbt_schema_free(paren);
}

static void default_may_be_a_case_expression(void **state)
{
	dbt_schema *s, *paren;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT DEFAULT CASE WHEN 1 > 0 THEN CASE WHEN 2 > 1 THEN 1"
		     " END ELSE coalesce(2, 3) END NOT NULL, b INT)");
	paren = parse_ok("CREATE TABLE t (a INT DEFAULT (CASE WHEN 1 > 0 THEN CASE WHEN 2 > 1 THEN"
			 " 1 END ELSE coalesce(2, 3) END) NOT NULL, b INT)");
	assert_string_equal(s->tables[0]->columns[0]->default_expr,
			    paren->tables[0]->columns[0]->default_expr);
	assert_true(s->tables[0]->columns[0]->not_null);
	assert_int_equal(s->tables[0]->ncolumns, 2);
	dbt_schema_free(s);
	dbt_schema_free(paren);
}

static void typed_literals_of_types_of_several_words_are_casts(void **state)
{
	dbt_schema *s, *casts;
	dbt_table *t, *u;
	size_t i;

	(void)state;
	s = parse_ok("CREATE TABLE t (a DOUBLE PRECISION DEFAULT double precision '1.5',"
		     " b TIMESTAMPTZ DEFAULT timestamp with time zone '2020-01-01 00:00:00+00',"
		     " c VARCHAR DEFAULT character varying 'x', d BIT VARYING DEFAULT bit varying"
		     " '101', e BOOLEAN DEFAULT boolean 'true', f NUMERIC DEFAULT numeric '1.0',"
		     " g INT DEFAULT int4 '5', h VARCHAR(10) DEFAULT varchar(10) 'y',"
		     " i NUMERIC DEFAULT numeric(5, 2) '1.5' CHECK (i > double precision '0.5'),"
		     " j TIMESTAMP CHECK (j > now() AT TIME ZONE 'utc'))");
	casts = parse_ok(
		"CREATE TABLE t (a DOUBLE PRECISION DEFAULT '1.5'::double precision,"
		" b TIMESTAMPTZ DEFAULT '2020-01-01 00:00:00+00'::timestamp with time zone,"
		" c VARCHAR DEFAULT 'x'::character varying, d BIT VARYING DEFAULT"
		" '101'::bit varying, e BOOLEAN DEFAULT 'true'::boolean, f NUMERIC DEFAULT"
		" '1.0'::numeric, g INT DEFAULT '5'::int4, h VARCHAR(10) DEFAULT"
		" 'y'::varchar(10), i NUMERIC DEFAULT '1.5'::numeric(5, 2)"
		" CHECK (i > '0.5'::double precision), j TIMESTAMP)");
	t = s->tables[0];
	u = casts->tables[0];
	for (i = 0; i + 1 < u->ncolumns; i++)
		assert_string_equal(t->columns[i]->default_expr, u->columns[i]->default_expr);
	assert_int_equal(t->nchecks, 2);
	assert_string_equal(t->checks[0]->expr, u->checks[0]->expr);
	/* TIME ZONE after AT is no typed literal's type. */
	assert_string_equal(t->checks[1]->expr, "j > now() at time zone 'utc'");
	dbt_schema_free(s);
	dbt_schema_free(casts);
}

/* A typed literal right after another type's word (BYTEA DATE '...',
 * which no database reads) is left as written: rewritten, it made
 * "bytea '...'::DATE", whose BYTEA began a typed literal of its own the
 * next time, and the model did not read back. */
static void typed_literal_after_a_type_word_is_left_as_written(void **state)
{
	char sql[256];
	dbt_schema *s, *again;
	const char *e;

	(void)state;
	s = parse_ok("CREATE TABLE t (a DATE CHECK (a >= BYTEA DATE '2020-01-01'),"
		     " b DATE CHECK (b >= DATE '2020-01-01'))");
	e = s->tables[0]->checks[0]->expr;
	assert_string_equal(e, "a >= bytea date '2020-01-01'");
	assert_string_equal(s->tables[0]->checks[1]->expr, "b >= '2020-01-01'::DATE");
	snprintf(sql, sizeof(sql), "CREATE TABLE t (a DATE CHECK (%s))", e);
	again = parse_ok(sql);
	assert_string_equal(again->tables[0]->checks[0]->expr, e);
	dbt_schema_free(again);
	dbt_schema_free(s);
}

/* An index key whose normal form does not read again (a comment holding
 * a byte of no UTF-8 character, in brackets after SQLite's [name]) is
 * refused at the key's place, not with the bare message of the index's
 * own normalization (found by fuzz_model). */
static void index_key_refused_by_its_second_reading_names_its_place(void **state)
{
	(void)state;
	assert_parse_error("CREATE INDEX ON s(([(])[--\xe0\n])",
			   "schema.sql:1:19: invalid expression '\"(\")[]': unbalanced "
			   "parentheses");
}

/* A type word after '::' is the cast's type, not a typed literal's,
 * though a string follows it: TEXT '' TEXT '' is made ''::TEXT ''::TEXT,
 * which must read back as itself (it was made ''::''::TEXT::TEXT). */
static void type_word_after_a_cast_begins_no_typed_literal(void **state)
{
	char sql[256];
	dbt_schema *s, *again;
	const char *e;

	(void)state;
	s = parse_ok("CREATE TABLE p (d S AS (text''text'') STORED)");
	e = s->tables[0]->columns[0]->generated_expr;
	assert_non_null(e);
	assert_string_equal(e, "''::TEXT ''::TEXT");
	snprintf(sql, sizeof(sql), "CREATE TABLE p (d S AS (%s) STORED)", e);
	again = parse_ok(sql);
	assert_string_equal(again->tables[0]->columns[0]->generated_expr, e);
	dbt_schema_free(again);
	dbt_schema_free(s);
	s = parse_ok("CREATE TABLE t (a TEXT CHECK (a <> 'x'::TEXT DATE '2020-01-01'))");
	assert_string_equal(s->tables[0]->checks[0]->expr, "a <> 'x'::TEXT date '2020-01-01'");
	dbt_schema_free(s);
}

/* A typed literal after MariaDB's `name` is a cast, as after "name":
 * reading on past a `name` the lexer alone cannot read (`it's`, a
 * control character), it stayed as written until the name was "name". */
static void typed_literal_after_a_backquoted_name_is_a_cast(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a DATE, CHECK (`it's` = DATE '2020-01-01'),"
		     " CHECK ((`\x14`DATE '')))");
	assert_string_equal(s->tables[0]->checks[0]->expr, "\"it's\" = '2020-01-01'::DATE");
	assert_string_equal(s->tables[0]->checks[1]->expr, "\"\x14\" ''::DATE");
	dbt_schema_free(s);
}

/* So is one whose type's modifiers hold such a `name`. */
static void typed_literal_with_a_backquoted_name_in_its_modifiers_is_a_cast(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a REAL, CHECK ((REAL(((`\x14`)))'')))");
	assert_string_equal(s->tables[0]->checks[0]->expr, "''::real(((\"\x14\")))");
	dbt_schema_free(s);
}

static void interval_literals_keep_their_fields(void **state)
{
	dbt_schema *s, *casts;
	dbt_table *t, *u;
	size_t i;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INTERVAL DEFAULT interval '1' day,"
		     " b INTERVAL DEFAULT interval '1:30' hour to minute,"
		     " c INTERVAL DEFAULT interval '1.5' second(3) NOT NULL,"
		     " d INTERVAL DEFAULT interval '2 days' CHECK (d > interval '1' hour))");
	casts = parse_ok("CREATE TABLE t (a INTERVAL DEFAULT '1'::interval day,"
			 " b INTERVAL DEFAULT '1:30'::interval hour to minute,"
			 " c INTERVAL DEFAULT '1.5'::interval second(3) NOT NULL,"
			 " d INTERVAL DEFAULT '2 days'::interval CHECK (d > '1'::interval hour))");
	t = s->tables[0];
	u = casts->tables[0];
	for (i = 0; i < u->ncolumns; i++)
		assert_string_equal(t->columns[i]->default_expr, u->columns[i]->default_expr);
	assert_true(t->columns[2]->not_null);
	assert_string_equal(t->checks[0]->expr, u->checks[0]->expr);
	dbt_schema_free(s);
	dbt_schema_free(casts);
}

static void serial_is_an_autoincrementing_not_null_integer(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a SERIAL PRIMARY KEY, b BIGSERIAL, c smallserial)");
	t = s->tables[0];
	assert_column_type(t, "a", "INTEGER");
	assert_column_type(t, "b", "BIGINT");
	assert_column_type(t, "c", "SMALLINT");
	assert_true(t->columns[1]->not_null);
	assert_true(t->columns[1]->autoincrement);
	assert_int_equal(t->columns[1]->identity, DBT_IDENTITY_SERIAL);
	assert_null(t->columns[1]->default_expr);
	dbt_schema_free(s);
}

static void integer_primary_key_autoincrement_is_autoincrement(void **state)
{
	dbt_schema *s;
	dbt_column *c;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)");
	c = s->tables[0]->columns[0];
	assert_true(c->autoincrement);
	assert_int_equal(c->identity, DBT_IDENTITY_NONE);
	assert_true(c->not_null);
	assert_string_equal(s->tables[0]->pk->columns[0], "id");
	dbt_schema_free(s);
}

static void generated_as_identity_sets_the_identity_kind(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
		     " b INT GENERATED BY DEFAULT AS IDENTITY)");
	t = s->tables[0];
	assert_int_equal(t->columns[0]->identity, DBT_IDENTITY_ALWAYS);
	assert_int_equal(t->columns[1]->identity, DBT_IDENTITY_BY_DEFAULT);
	assert_true(t->columns[1]->autoincrement);
	assert_true(t->columns[1]->not_null);
	dbt_schema_free(s);
}

static void generated_columns_keep_expression_and_storage(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, b INT,\n"
		     "  c INTEGER GENERATED ALWAYS AS ( A+b ) STORED NOT NULL,\n"
		     "  d GENERATED ALWAYS AS (a * 2) VIRTUAL,\n"
		     "  e TEXT AS (CAST(a AS TEXT)),\n"
		     "  f INT AS (b) STORED)");
	t = s->tables[0];
	assert_null(t->columns[0]->generated_expr);
	assert_string_equal(t->columns[2]->generated_expr, "a + b");
	assert_int_equal(t->columns[2]->generated_stored, 1);
	assert_true(t->columns[2]->not_null);
	assert_null(t->columns[2]->default_expr);
	assert_int_equal(dbt_column_places_get(t->columns[2])->generated_line, 2);
	assert_int_equal(dbt_column_places_get(t->columns[2])->generated_col, 13);
	assert_string_equal(t->columns[3]->generated_expr, "a * 2");
	assert_int_equal(t->columns[3]->generated_stored, 0);
	assert_string_equal(t->columns[3]->type.decl, "");
	assert_string_equal(t->columns[4]->generated_expr, "CAST(a AS TEXT)");
	assert_int_equal(t->columns[4]->generated_stored, 0);
	assert_int_equal(t->columns[4]->type.kind, DBT_TYPE_TEXT);
	assert_int_equal(t->columns[5]->generated_stored, 1);
	dbt_schema_free(s);
}

static void table_options_are_read_with_their_places(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (x INT PRIMARY KEY) STRICT;\n"
		     "CREATE TABLE b (x INT PRIMARY KEY) without rowid;\n"
		     "CREATE TABLE c (x INT PRIMARY KEY) WITHOUT ROWID, STRICT;\n"
		     "CREATE TABLE d (x INT);\n");
	assert_true(s->tables[0]->strict);
	assert_false(s->tables[0]->without_rowid);
	assert_int_equal(s->tables[0]->strict_line, 1);
	assert_int_equal(s->tables[0]->strict_col, 36);
	assert_false(s->tables[1]->strict);
	assert_true(s->tables[1]->without_rowid);
	assert_int_equal(s->tables[1]->wr_line, 2);
	assert_int_equal(s->tables[1]->wr_col, 36);
	assert_true(s->tables[2]->strict);
	assert_true(s->tables[2]->without_rowid);
	assert_int_equal(s->tables[2]->strict_col, 51);
	assert_false(s->tables[3]->strict);
	assert_false(s->tables[3]->without_rowid);
	dbt_schema_free(s);
}

/* pg_dump qualifies a column's collation by pg_catalog; the database
 * reads it back without the qualifier, and so does the model, on a
 * column and on an index key. */
static void collation_qualified_by_pg_catalog_is_the_collation(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT COLLATE pg_catalog.\"C\","
		     " b TEXT COLLATE public.\"de_DE\" NOT NULL);\n"
		     "CREATE INDEX ix ON t (a COLLATE pg_catalog.\"POSIX\");\n");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->collation, "C");
	assert_string_equal(t->columns[1]->collation, "de_DE");
	assert_true(t->columns[1]->not_null);
	assert_string_equal(s->indexes[0]->elems[0].expr, "a COLLATE \"POSIX\"");
	dbt_schema_free(s);
}

static void collation_is_kept_folded_like_a_name(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT COLLATE \"C\","
		     " b VARCHAR(5) COLLATE NOCASE NOT NULL, c TEXT)");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->collation, "C");
	assert_string_equal(t->columns[1]->collation, "nocase");
	assert_true(t->columns[1]->not_null);
	assert_null(t->columns[2]->collation);
	dbt_schema_free(s);
}

static void nullable_columns_may_say_null(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT NULL, b INT NOT NULL NOT NULL)");
	assert_false(s->tables[0]->columns[0]->not_null);
	assert_true(s->tables[0]->columns[1]->not_null);
	dbt_schema_free(s);
}

static void indexes_on_columns_with_directions(void **state)
{
	dbt_schema *s;
	dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, b INT);"
		     "CREATE UNIQUE INDEX t_ab ON t (a DESC, b ASC)");
	ix = s->indexes[0];
	assert_string_equal(ix->name, "t_ab");
	assert_true(ix->name_given);
	assert_string_equal(ix->table, "t");
	assert_true(ix->unique);
	assert_int_equal(ix->nelems, 2);
	assert_string_equal(ix->elems[0].column, "a");
	assert_true(ix->elems[0].desc);
	assert_string_equal(ix->elems[1].column, "b");
	assert_false(ix->elems[1].desc);
	assert_null(ix->where);
	dbt_schema_free(s);
}

static void indexes_on_expressions(void **state)
{
	dbt_schema *s;
	dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (email TEXT, a INT, b INT);"
		     "CREATE INDEX ON t (LOWER(email), (a + b) DESC, ((a)), (\"b\"))");
	ix = s->indexes[0];
	assert_int_equal(ix->nelems, 4);
	assert_null(ix->elems[0].column);
	assert_string_equal(ix->elems[0].expr, "lower(email)");
	assert_string_equal(ix->elems[1].expr, "a + b");
	assert_true(ix->elems[1].desc);
	/* A parenthesised column is the column, as PostgreSQL takes it. */
	assert_string_equal(ix->elems[2].column, "a");
	assert_string_equal(ix->elems[3].column, "b");
	assert_string_equal(ix->name, "t_lower_expr_a_b_idx");
	assert_false(ix->name_given);
	dbt_schema_free(s);
}

static void index_keys_take_word_operators_without_parentheses(void **state)
{
	dbt_schema *s;
	dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (created_at TIMESTAMP, note TEXT);"
		     "CREATE INDEX t_day ON t (created_at AT TIME ZONE 'utc' DESC, note IS NULL);"
		     "CREATE INDEX t_day2 ON t ((created_at AT TIME ZONE 'utc'));");
	ix = s->indexes[0];
	assert_int_equal(ix->nelems, 2);
	assert_null(ix->elems[0].column);
	assert_string_equal(ix->elems[0].expr, s->indexes[1]->elems[0].expr);
	assert_true(ix->elems[0].desc);
	assert_string_equal(ix->elems[1].expr, "note IS NULL");
	dbt_schema_free(s);
	/* NULLS FIRST/LAST ends a bare key, as ASC and DESC do. */
	s = parse_ok("CREATE TABLE t (a INT, b INT);"
		     "CREATE INDEX t_ab ON t (a + b NULLS FIRST, a * b DESC NULLS LAST);");
	ix = s->indexes[0];
	assert_string_equal(ix->elems[0].expr, "a + b");
	assert_int_equal(ix->elems[0].nulls, DBT_NULLS_FIRST);
	assert_string_equal(ix->elems[1].expr, "a * b");
	assert_true(ix->elems[1].desc);
	assert_int_equal(ix->elems[1].nulls, DBT_NULLS_LAST);
	dbt_schema_free(s);
}

static void index_built_concurrently_is_a_plain_index(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, b TEXT);"
		     "CREATE INDEX CONCURRENTLY t_a ON t (a);"
		     "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_b ON t USING btree (b)"
		     " INCLUDE (a) WHERE b IS NOT NULL;"
		     "CREATE INDEX CONCURRENTLY ON t USING hash (b);"
		     "CREATE UNIQUE INDEX ASYNC t_ab ON t (a, b) WHERE a > 0;"
		     "CREATE INDEX async ON t (b);");
	assert_int_equal(s->nindexes, 5);
	assert_string_equal(s->indexes[3]->name, "t_ab");
	assert_true(s->indexes[3]->unique);
	/* ASYNC before ON is the index's name. */
	assert_string_equal(s->indexes[4]->name, "async");
	assert_string_equal(s->indexes[0]->name, "t_a");
	assert_false(s->indexes[0]->unique);
	assert_string_equal(s->indexes[1]->name, "t_b");
	assert_true(s->indexes[1]->unique);
	assert_int_equal(s->indexes[1]->ninclude, 1);
	assert_non_null(s->indexes[1]->where);
	assert_string_equal(s->indexes[2]->method, "hash");
	dbt_schema_free(s);
	/* An index of a materialized view is kept as text, without the
	 * word that a transaction refuses. */
	s = parse_ok("CREATE TABLE t (a INT);\n"
		     "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n"
		     "CREATE UNIQUE INDEX CONCURRENTLY mv_a ON mv (a);");
	assert_int_equal(s->nstatements, 2);
	assert_string_equal(s->statements[1]->kind, "index");
	assert_null(strstr(s->statements[1]->sql, "CONCURRENTLY"));
	assert_non_null(strstr(s->statements[1]->sql, "mv_a ON mv (a)"));
	dbt_schema_free(s);
}

static void table_may_have_no_columns(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok(
		"CREATE TABLE t ();\nCREATE TABLE u (CHECK (1 > 0));\n"
		"CREATE TABLE v ();\nALTER TABLE v ADD COLUMN a INT;\n"
		"CREATE TABLE w (a INT, b INT);\nALTER TABLE w DROP COLUMN a, DROP COLUMN b;\n");
	assert_int_equal(s->ntables, 4);
	assert_int_equal(s->tables[0]->ncolumns, 0);
	assert_int_equal(s->tables[1]->ncolumns, 0);
	assert_int_equal(s->tables[1]->nchecks, 1);
	assert_int_equal(s->tables[2]->ncolumns, 1);
	assert_int_equal(s->tables[3]->ncolumns, 0);
	dbt_schema_free(s);
}

static void partial_index_keeps_its_where(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, deleted BOOLEAN);"
		     "CREATE UNIQUE INDEX live_a ON t (a) WHERE (NOT deleted) and a>0;");
	assert_string_equal(s->indexes[0]->where, "(NOT deleted) AND a > 0");
	dbt_schema_free(s);
}

static void index_may_come_before_its_table(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE INDEX early ON later (x);\nCREATE TABLE later (x INT)");
	assert_string_equal(s->indexes[0]->table, "later");
	dbt_schema_free(s);
}

static void index_names_fold_and_may_be_quoted(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT); CREATE INDEX Ix_A ON T (A);"
		     " CREATE INDEX \"Ix B\" ON t (a)");
	assert_string_equal(s->indexes[0]->name, "ix_a");
	assert_false(s->indexes[0]->quoted);
	assert_string_equal(s->indexes[0]->elems[0].column, "a");
	assert_string_equal(s->indexes[1]->name, "Ix B");
	assert_true(s->indexes[1]->quoted);
	dbt_schema_free(s);
}

static void model_file_is_read_from_disk(void **state)
{
	char path[] = "/tmp/test_parse_XXXXXX";
	const char sql[] = "CREATE TABLE t (a INT);";
	dbt_schema *s = NULL;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, sql, sizeof(sql) - 1), (ssize_t)(sizeof(sql) - 1));
	close(fd);
	assert_int_equal(dbt_parse_model_file(&s, path), 0);
	assert_int_equal(s->ntables, 1);
	dbt_schema_free(s);
	unlink(path);
}

static void missing_model_file_is_not_found(void **state)
{
	dbt_schema *s = (dbt_schema *)1;

	(void)state;
	assert_int_equal(dbt_parse_model_file(&s, "/nonexistent/schema.sql"), DBT_ENOTFOUND);
	assert_null(s);
	assert_string_equal(dbt_error_last(),
			    "cannot open '/nonexistent/schema.sql': No such file or directory");
}

static void model_file_errors_name_the_file(void **state)
{
	char path[] = "/tmp/test_parse_XXXXXX";
	const char sql[] = "CREATE TABLE t (a INT);\nDROP VIEW v;\n";
	char want[256];
	dbt_schema *s = NULL;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, sql, sizeof(sql) - 1), (ssize_t)(sizeof(sql) - 1));
	close(fd);
	assert_int_equal(dbt_parse_model_file(&s, path), DBT_EPARSE);
	snprintf(want, sizeof(want),
		 "%s:2:1: unsupported statement 'DROP' (the model holds CREATE TABLE and CREATE "
		 "INDEX)",
		 path);
	assert_string_equal(dbt_error_last(), want);
	unlink(path);
}

/* ---------------------------------------------------- malformed models */

/* clang-format off */
#define BAD(fn, sql, msg)                     \
	static void fn(void **state)          \
	{                                     \
		(void)state;                  \
		assert_parse_error(sql, msg); \
	}
/* clang-format on */

BAD(insert_is_refused_as_rows, "CREATE TABLE t (a INT);\n  INSERT INTO t VALUES (1);",
    "schema.sql:2:3: INSERT changes rows, which a model does not hold (it declares the schema): "
    "take the rows out, or dump the schema alone (sqlite3's .schema, pg_dump --schema-only)")
BAD(delete_is_refused_as_rows, "DELETE FROM t;",
    "schema.sql:1:1: DELETE changes rows, which a model does not hold (it declares the schema): "
    "take the rows out, or dump the schema alone (sqlite3's .schema, pg_dump --schema-only)")
BAD(drop_is_unsupported, "CREATE TABLE t (a INT);\n  drop view v;",
    "schema.sql:2:3: unsupported statement 'DROP' (the model holds CREATE TABLE and CREATE INDEX)")
BAD(create_temp_table_is_unsupported, "CREATE TEMP TABLE t (a INT)",
    "schema.sql:1:1: unsupported statement 'CREATE TEMP' (the model holds CREATE TABLE and CREATE "
    "INDEX)")
BAD(statement_must_start_with_a_word, "(1)",
    "schema.sql:1:1: expected CREATE TABLE or CREATE INDEX, found '('")
BAD(create_needs_a_kind, "CREATE;",
    "schema.sql:1:7: expected TABLE, INDEX or UNIQUE INDEX, found ';'")
BAD(create_unique_needs_index, "CREATE UNIQUE TABLE t (a INT)",
    "schema.sql:1:15: expected INDEX, found 'TABLE'")
BAD(statements_need_a_semicolon_between_them, "CREATE TABLE a (x INT)\nCREATE TABLE b (y INT)",
    "schema.sql:2:1: expected ';', found 'CREATE'")
BAD(unknown_table_option, "CREATE TABLE t (a INT) STRICT, TEMPORARY;",
    "schema.sql:1:32: expected STRICT or WITHOUT ROWID, found 'TEMPORARY'")
BAD(without_needs_rowid, "CREATE TABLE t (a INT PRIMARY KEY) WITHOUT OIDS;",
    "schema.sql:1:44: expected ROWID, found 'OIDS'")
BAD(table_option_twice, "CREATE TABLE t (a INT) STRICT, STRICT;",
    "schema.sql:1:32: table 't' is STRICT twice")
BAD(table_needs_a_name, "CREATE TABLE (a INT)", "schema.sql:1:14: expected a table name, found '('")
BAD(objects_of_other_schemas_are_unsupported, "CREATE VIEW audit.v AS SELECT 1",
    "schema.sql:1:13: schema 'audit' is not supported here (of schemas other than the managed "
    "one the model holds tables, indexes, enums, domains and policies)")
BAD(composite_types_of_other_schemas_are_unsupported, "CREATE TYPE audit.pair AS (a int)",
    "schema.sql:1:13: schema 'audit' is not supported here (of schemas other than the managed "
    "one the model holds tables, indexes, enums, domains and policies)")
BAD(sequences_of_other_schemas_are_unsupported, "CREATE SEQUENCE audit.s",
    "schema.sql:1:17: schema 'audit' is not supported here (of schemas other than the managed "
    "one the model holds tables, indexes, enums, domains and policies)")
BAD(a_name_holding_the_qualifier_byte_is_refused, "CREATE TABLE \"a\037b\" (x INT)",
    "schema.sql:1:14: a table name holds the control character 0x1f")
/* So is one in SQLite's quotes (it was read as another schema's name). */
BAD(a_bracketed_name_holding_the_qualifier_byte_is_refused,
    "CREATE TABLE t (x INT, CONSTRAINT [P\037K] PRIMARY KEY (x))",
    "schema.sql:1:35: a constraint name holds the control character 0x1f")
BAD(a_backquoted_name_holding_the_qualifier_byte_is_refused, "CREATE TABLE `a\037b` (x INT)",
    "schema.sql:1:14: a table name holds the control character 0x1f")
BAD(if_not_exists_must_be_complete, "CREATE TABLE IF EXISTS t (a INT)",
    "schema.sql:1:17: expected NOT, found 'EXISTS'")
BAD(table_list_needs_its_end, "CREATE TABLE t (",
    "schema.sql:1:17: expected a column name or table constraint, found end of file")
BAD(default_word_operator_needs_its_words, "CREATE TABLE t (a BOOLEAN DEFAULT 1 IS 2)",
    "schema.sql:1:40: expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM, found '2'")
BAD(default_case_needs_end, "CREATE TABLE t (a INT DEFAULT CASE WHEN true THEN 1);",
    "schema.sql:1:52: expected END, found ')'")
/* A parenthesis opened in a CASE and left open there: the END inside it
 * does not end the CASE (it ended it, and the rendered default did not
 * parse back). */
/* Likewise in an ARRAY[...]: its parentheses close before its ']'. */
BAD(default_array_keeps_its_parentheses, "CREATE TABLE t (a INT[] DEFAULT ARRAY[f( 1], b INT[]);",
    "schema.sql:1:43: expected ')', found ']'")
BAD(default_array_closes_no_other_parenthesis,
    "CREATE TABLE t (a INT[] DEFAULT ARRAY[1), b INT[]);",
    "schema.sql:1:40: expected ']', found ')'")
/* And an operator in it needs its operand, as in parentheses (the
 * default is rendered in them). */
BAD(default_array_operator_needs_an_operand,
    "CREATE TABLE t (a INT[] DEFAULT ARRAY[+, 0], b INT[]);",
    "schema.sql:1:40: expected an operand, found ','")
BAD(default_array_operator_needs_an_operand_in_parentheses,
    "CREATE TABLE t (a INT[] DEFAULT ARRAY[(1 -)], b INT[]);",
    "schema.sql:1:43: expected an operand, found ')'")
BAD(default_case_keeps_its_parentheses, "CREATE TABLE t (a INT DEFAULT CASE WHEN f( 1 END, b INT);",
    "schema.sql:1:46: expected ')', found 'END'")
BAD(default_at_time_zone_needs_zone, "CREATE TABLE t (a TIMESTAMP DEFAULT now() AT TIME 'utc')",
    "schema.sql:1:51: expected ZONE, found a string")
BAD(trailing_comma_in_table, "CREATE TABLE t (a INT,)",
    "schema.sql:1:23: expected a column name or table constraint, found ')'")
BAD(unclosed_table, "CREATE TABLE t (a INT",
    "schema.sql:1:22: expected a column constraint, ',' or ')', found end of file")
BAD(reserved_word_needs_quotes, "CREATE TABLE t (a INT, order INT)",
    "schema.sql:1:24: expected a column name or table constraint, found reserved word 'order'")
BAD(reserved_table_name_needs_quotes, "CREATE TABLE select (a INT)",
    "schema.sql:1:14: expected a table name, found reserved word 'select'")
BAD(unclosed_array_brackets, "CREATE TABLE t (a INT[3)", "schema.sql:1:24: expected ']', found ')'")
BAD(type_parameter_out_of_range, "CREATE TABLE t (a VARCHAR(0))",
    "schema.sql:1:27: VARCHAR length 0 must be between 1 and 10485760")
BAD(numeric_scale_out_of_range, "CREATE TABLE t (a NUMERIC(5, -1001))",
    "schema.sql:1:31: NUMERIC scale -1001 must be between -1000 and 1000")
BAD(numeric_scale_above_range, "CREATE TABLE t (a NUMERIC(5, 1001))",
    "schema.sql:1:30: NUMERIC scale 1001 must be between -1000 and 1000")
BAD(integer_takes_no_parameter, "CREATE TABLE t (a INTEGER(11, 2))",
    "schema.sql:1:26: expected end of type 'INTEGER', found '('")
BAD(time_zone_must_be_complete, "CREATE TABLE t (a TIMESTAMP WITH ZONE)",
    "schema.sql:1:34: expected TIME ZONE, found 'ZONE'")
BAD(unclosed_type_parameter, "CREATE TABLE t (a VARCHAR(10 NOT NULL)",
    "schema.sql:1:30: expected ')', found 'NOT'")
BAD(columns_are_separated_by_commas, "CREATE TABLE t (a INT b INT)",
    "schema.sql:1:23: expected a column constraint, ',' or ')', found 'b'")
BAD(duplicate_column, "CREATE TABLE t (\n  id INT,\n  ID TEXT\n)",
    "schema.sql:3:3: duplicate column 'id' in table 't' (first declared on line 2)")
BAD(duplicate_table, "CREATE TABLE t (a INT);\nCREATE TABLE IF NOT EXISTS T (b INT);",
    "schema.sql:2:28: duplicate table 't' (first declared on line 1)")
/* PostgreSQL keeps them apart; dbt_schema_adapt refuses them for SQLite. */
static void names_differing_in_case_only_are_distinct(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE users (a INT, \"A\" INT);\nCREATE TABLE \"Users\" (b INT);");
	assert_int_equal(s->ntables, 2);
	assert_string_equal(s->tables[1]->name, "Users");
	assert_int_equal(s->tables[0]->ncolumns, 2);
	dbt_schema_free(s);
}
BAD(two_column_primary_keys, "CREATE TABLE t (a INT PRIMARY KEY, b INT PRIMARY KEY)",
    "schema.sql:1:42: table 't' has more than one primary key")
BAD(column_and_table_primary_keys, "CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))",
    "schema.sql:1:43: table 't' has more than one primary key")
BAD(primary_key_on_unknown_column, "CREATE TABLE t (a INT, PRIMARY KEY (a, b))",
    "schema.sql:1:40: unknown column 'b' in table 't'")
BAD(column_twice_in_primary_key, "CREATE TABLE t (a INT, PRIMARY KEY (a, a))",
    "schema.sql:1:40: column 'a' appears twice in a primary key")
BAD(primary_needs_key, "CREATE TABLE t (a INT PRIMARY)", "schema.sql:1:30: expected KEY, found ')'")
BAD(unique_on_unknown_column, "CREATE TABLE t (a INT, UNIQUE (\"A\"))",
    "schema.sql:1:32: unknown column 'A' in table 't'")
BAD(empty_column_list, "CREATE TABLE t (a INT, UNIQUE ())",
    "schema.sql:1:32: expected a column name, found ')'")
BAD(null_and_not_null, "CREATE TABLE t (a INT NULL NOT NULL)",
    "schema.sql:1:28: column 'a' of table 't' is declared both NULL and NOT NULL")
BAD(null_primary_key, "CREATE TABLE t (a INT NULL PRIMARY KEY)",
    "schema.sql:1:28: column 'a' of table 't' is declared both NULL and NOT NULL")
BAD(not_needs_null, "CREATE TABLE t (a INT NOT 1)", "schema.sql:1:27: expected NULL, found '1'")
BAD(two_defaults, "CREATE TABLE t (a INT DEFAULT 1 DEFAULT 2)",
    "schema.sql:1:33: column 'a' of table 't' has more than one default")
BAD(default_needs_a_value, "CREATE TABLE t (a INT DEFAULT)",
    "schema.sql:1:30: expected a default value, found ')'")
BAD(default_may_not_name_a_column, "CREATE TABLE t (a INT, b INT DEFAULT a + 1)",
    "schema.sql:1:38: expected a default value, found 'a'")
BAD(default_operator_needs_an_operand, "CREATE TABLE t (a INT DEFAULT 1 +)",
    "schema.sql:1:34: expected a default value, found ')'")
BAD(default_cast_needs_a_type, "CREATE TABLE t (a TEXT DEFAULT 'x'::)",
    "schema.sql:1:37: expected a type, found ')'")
BAD(serial_with_default, "CREATE TABLE t (a SERIAL DEFAULT 1)",
    "schema.sql:1:26: column 'a' of table 't' cannot have both SERIAL and DEFAULT")
BAD(identity_with_default, "CREATE TABLE t (a INT DEFAULT 1 GENERATED ALWAYS AS IDENTITY)",
    "schema.sql:1:33: column 'a' of table 't' cannot have both DEFAULT and GENERATED AS IDENTITY")
BAD(serial_identity, "CREATE TABLE t (a BIGSERIAL GENERATED BY DEFAULT AS IDENTITY)",
    "schema.sql:1:29: column 'a' of table 't' cannot have both SERIAL and GENERATED AS IDENTITY")
BAD(identity_on_text, "CREATE TABLE t (a TEXT GENERATED ALWAYS AS IDENTITY)",
    "schema.sql:1:24: identity column 'a' must be SMALLINT, INTEGER or BIGINT, not TEXT")
BAD(generated_by_default_needs_identity, "CREATE TABLE t (a INT GENERATED BY DEFAULT AS (1))",
    "schema.sql:1:47: expected IDENTITY, found '('")
BAD(generated_with_default, "CREATE TABLE t (a INT, b INT AS (a + 1) STORED DEFAULT 2)",
    "schema.sql:1:48: column 'b' of table 't' cannot have both GENERATED and DEFAULT")
BAD(identity_and_generated, "CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY AS (1))",
    "schema.sql:1:52: column 'a' of table 't' cannot have both GENERATED AS IDENTITY and GENERATED")
BAD(generated_needs_an_expression, "CREATE TABLE t (a INT GENERATED ALWAYS AS () STORED)",
    "schema.sql:1:44: expected an expression, found ')'")
BAD(generated_needs_always_or_by_default, "CREATE TABLE t (a INT GENERATED BY NULL AS IDENTITY)",
    "schema.sql:1:36: expected DEFAULT, found 'NULL'")
BAD(autoincrement_needs_integer, "CREATE TABLE t (a BIGINT PRIMARY KEY AUTOINCREMENT)",
    "schema.sql:1:38: AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")
BAD(autoincrement_needs_primary_key, "CREATE TABLE t (a INTEGER AUTOINCREMENT)",
    "schema.sql:1:27: AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")
BAD(serial_autoincrement, "CREATE TABLE t (a SERIAL PRIMARY KEY AUTOINCREMENT)",
    "schema.sql:1:38: column 'a' of table 't' cannot have both SERIAL and AUTOINCREMENT")
BAD(collation_on_integer, "CREATE TABLE t (a INT COLLATE \"C\")",
    "schema.sql:1:23: column 'a' of type INTEGER cannot have a collation")
BAD(two_collations, "CREATE TABLE t (a TEXT COLLATE \"C\" COLLATE \"POSIX\")",
    "schema.sql:1:36: column 'a' of table 't' has more than one collation")
BAD(collation_of_another_schema, "CREATE TABLE t (a TEXT COLLATE other.\"C\")",
    "schema.sql:1:32: collation schema 'other' is not supported (a collation is named alone, "
    "or in 'public' or pg_catalog)")
BAD(collate_needs_a_name, "CREATE TABLE t (a TEXT COLLATE)",
    "schema.sql:1:31: expected a collation name, found ')'")
BAD(check_needs_parentheses, "CREATE TABLE t (a INT CHECK a > 0)",
    "schema.sql:1:29: expected '(', found 'a'")
BAD(check_needs_an_expression, "CREATE TABLE t (a INT CHECK ())",
    "schema.sql:1:30: expected an expression, found ')'")
BAD(unclosed_check, "CREATE TABLE t (a INT CHECK (a > (0);\nCREATE TABLE u (b INT)",
    "schema.sql:1:37: expected ')', found ';'")
BAD(column_constraint_name_needs_a_constraint, "CREATE TABLE t (a INT CONSTRAINT nn)",
    "schema.sql:1:36: expected PRIMARY KEY, UNIQUE, CHECK, REFERENCES, NOT NULL, DEFAULT or "
    "COLLATE, found ')'")

/* SQLite takes a name before NOT NULL, DEFAULT and COLLATE too; it names
 * nothing a database keeps. */
static void named_not_null_default_and_collate(void **state)
{
	dbt_schema *s;
	const dbt_column *c;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT CONSTRAINT nn NOT NULL CONSTRAINT d DEFAULT 'x'"
		     " CONSTRAINT c COLLATE NOCASE)");
	c = s->tables[0]->columns[0];
	assert_true(c->not_null);
	assert_string_equal(c->default_expr, "'x'");
	assert_non_null(c->collation);
	assert_int_equal(s->tables[0]->nchecks + s->tables[0]->nuniques, 0);
	dbt_schema_free(s);
}
BAD(constraint_needs_a_kind, "CREATE TABLE t (a INT, CONSTRAINT c)",
    "schema.sql:1:36: expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK, found ')'")
BAD(duplicate_constraint_name,
    "CREATE TABLE t (a INT,\n CONSTRAINT c CHECK (a > 0),\n CONSTRAINT C UNIQUE (a))",
    "schema.sql:3:2: duplicate constraint 'c' in table 't'")
BAD(key_name_used_by_a_table,
    "CREATE TABLE t (a INT, CONSTRAINT t_pkey PRIMARY KEY (a));\nCREATE TABLE t_pkey (b INT)",
    "schema.sql:1:24: name 't_pkey' is already used by table 't_pkey' on line 2")
BAD(key_name_used_in_two_tables,
    "CREATE TABLE t (a INT CONSTRAINT k UNIQUE);\nCREATE TABLE u (a INT CONSTRAINT k UNIQUE)",
    "schema.sql:2:23: name 'k' is already used by a unique constraint of table 't' on line 1")
BAD(foreign_needs_key, "CREATE TABLE t (a INT, FOREIGN (a) REFERENCES t)",
    "schema.sql:1:32: expected KEY, found '('")
BAD(foreign_key_needs_references, "CREATE TABLE t (a INT, FOREIGN KEY (a) t (a))",
    "schema.sql:1:40: expected REFERENCES, found 't'")
BAD(references_needs_a_table, "CREATE TABLE t (a INT REFERENCES (a))",
    "schema.sql:1:34: expected a table name, found '('")
BAD(foreign_key_to_unknown_table, "CREATE TABLE t (\n  a INT REFERENCES users\n);",
    "schema.sql:2:20: unknown table 'users'")
BAD(foreign_key_to_unknown_column,
    "CREATE TABLE u (id INT PRIMARY KEY);\nCREATE TABLE t (a INT REFERENCES u (idd))",
    "schema.sql:2:37: unknown column 'idd' in table 'u'")
BAD(foreign_key_from_unknown_column,
    "CREATE TABLE u (id INT PRIMARY KEY);\nCREATE TABLE t (a INT, FOREIGN KEY (b) REFERENCES u)",
    "schema.sql:2:37: unknown column 'b' in table 't'")
BAD(foreign_key_to_table_without_key,
    "CREATE TABLE u (id INT);\nCREATE TABLE t (a INT REFERENCES u)",
    "schema.sql:2:34: foreign key references table 'u', which has no primary key")
BAD(foreign_key_column_count_mismatch,
    "CREATE TABLE u (id INT PRIMARY KEY);\n"
    "CREATE TABLE t (a INT, b INT, FOREIGN KEY (a, b) REFERENCES u)",
    "schema.sql:2:61: foreign key has 2 columns but references 1")
BAD(foreign_key_to_columns_that_are_not_unique,
    "CREATE TABLE u (id INT PRIMARY KEY, e TEXT);\nCREATE TABLE t (a TEXT REFERENCES u (e))",
    "schema.sql:2:35: foreign key references columns (e) of table 'u', which are not its primary "
    "key or unique")
/* SQLite wants the referenced key to compare each column by the
 * column's own collation; a key column's COLLATE that says another is no
 * key for a foreign key (one that says the same is). */
BAD(foreign_key_to_key_with_another_collation,
    "CREATE TABLE u (e TEXT, UNIQUE (e COLLATE NOCASE));\nCREATE TABLE t (a TEXT REFERENCES u (e))",
    "schema.sql:2:35: foreign key references columns (e) of table 'u', whose key compares them "
    "by another collation than their own, which SQLite refuses")

static void foreign_key_to_key_with_the_columns_own_collation(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE u (e TEXT COLLATE NOCASE, UNIQUE (e COLLATE nocase));\n"
		     "CREATE TABLE t (a TEXT REFERENCES u (e));\n");
	assert_int_equal(s->tables[1]->nfks, 1);
	dbt_schema_free(s);
}

BAD(foreign_key_action_unknown, "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t ON DELETE EXPLODE)",
    "schema.sql:1:58: expected CASCADE, RESTRICT, SET NULL, SET DEFAULT or NO ACTION, found "
    "'EXPLODE'")
BAD(foreign_key_set_needs_null_or_default,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t ON UPDATE SET 0)",
    "schema.sql:1:62: expected NULL or DEFAULT, found '0'")
BAD(foreign_key_on_needs_delete_or_update,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t ON INSERT CASCADE)",
    "schema.sql:1:51: expected DELETE or UPDATE, found 'INSERT'")
BAD(foreign_key_action_twice,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t ON DELETE CASCADE ON DELETE RESTRICT)",
    "schema.sql:1:69: ON DELETE is given twice")
BAD(initially_deferred_not_deferrable,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t NOT DEFERRABLE INITIALLY DEFERRED)",
    "schema.sql:1:73: a foreign key declared INITIALLY DEFERRED must be DEFERRABLE")
BAD(deferrable_and_not_deferrable,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t DEFERRABLE NOT DEFERRABLE)",
    "schema.sql:1:35: a foreign key cannot be both DEFERRABLE and NOT DEFERRABLE")
BAD(key_not_deferrable_initially_deferred,
    "CREATE TABLE t (a INT UNIQUE NOT DEFERRABLE INITIALLY DEFERRED)",
    "schema.sql:1:30: a key cannot be both NOT DEFERRABLE and DEFERRABLE (or INITIALLY "
    "DEFERRED)")
BAD(key_initially_needs_deferred_or_immediate,
    "CREATE TABLE t (a INT, PRIMARY KEY (a) INITIALLY SOON)",
    "schema.sql:1:50: expected DEFERRED or IMMEDIATE, found 'SOON'")
BAD(check_no_needs_inherit, "CREATE TABLE t (a INT CHECK (a > 0) NO WAY)",
    "schema.sql:1:40: expected INHERIT, found 'WAY'")
BAD(statistics_target_out_of_range,
    "CREATE TABLE t (a INT);\nALTER TABLE t ALTER COLUMN a SET STATISTICS 10001",
    "schema.sql:2:45: statistics target must be between -1 and 10000")
BAD(storage_kind_unknown, "CREATE TABLE t (a INT);\nALTER TABLE t ALTER COLUMN a SET STORAGE big",
    "schema.sql:2:42: expected PLAIN, EXTERNAL, EXTENDED, MAIN or DEFAULT, found 'big'")
BAD(storage_name_of_other_characters,
    "CREATE TABLE t (a INT);\nCREATE INDEX i ON t (a) WITH (fast$update = off)",
    "schema.sql:2:31: expected a storage parameter, found 'fast$update'")
BAD(storage_name_quoted_in_capitals, "CREATE TABLE t (a INT) WITH (\"FillFactor\" = 70)",
    "schema.sql:1:30: expected a storage parameter, found '\"FillFactor\"'")
BAD(storage_of_toast_not_managed, "CREATE TABLE t (a INT) WITH (toast.fillfactor = 70)",
    "schema.sql:1:35: storage parameters of the TOAST table ('toast.') are not managed")
BAD(initially_needs_deferred_or_immediate,
    "CREATE TABLE t (a INT PRIMARY KEY REFERENCES t INITIALLY LATER)",
    "schema.sql:1:58: expected DEFERRED or IMMEDIATE, found 'LATER'")
BAD(index_on_unknown_table, "CREATE INDEX i ON nowhere (a)",
    "schema.sql:1:19: unknown table 'nowhere'")
BAD(index_on_unknown_column, "CREATE TABLE t (a INT);\nCREATE INDEX i ON t (a, b)",
    "schema.sql:2:25: unknown column 'b' in table 't'")
BAD(index_on_unknown_parenthesised_column, "CREATE TABLE t (a INT);\nCREATE INDEX i ON t ((b))",
    "schema.sql:2:22: unknown column 'b' in table 't'")
BAD(duplicate_index, "CREATE TABLE t (a INT);\nCREATE INDEX i ON t (a);\nCREATE INDEX I ON t (a);",
    "schema.sql:3:14: duplicate index 'i' (first declared on line 2)")
BAD(index_named_like_a_table, "CREATE TABLE t (a INT);\nCREATE INDEX t ON t (a);",
    "schema.sql:2:14: name 't' is already used by table 't' on line 1")
BAD(index_named_like_a_later_key,
    "CREATE TABLE a (x INT);\nCREATE INDEX K ON a (x);\nCREATE TABLE b (y INT);\n"
    "CREATE TABLE c (z INT CONSTRAINT k UNIQUE);",
    "schema.sql:2:14: name 'k' is already used by a unique constraint of table 'c' on line 4")
BAD(key_named_like_its_own_table,
    "CREATE TABLE s (a INT);\nCREATE TABLE t (a INT CONSTRAINT T PRIMARY KEY)",
    "schema.sql:2:23: name 't' is already used by table 't' on line 2")
BAD(index_needs_on, "CREATE TABLE t (a INT); CREATE INDEX i t (a)",
    "schema.sql:1:40: expected ON, found 't'")
BAD(index_nulls_needs_first_or_last, "CREATE TABLE t (a INT); CREATE INDEX i ON t (a NULLS LOW)",
    "schema.sql:1:54: expected FIRST or LAST, found 'LOW'")
BAD(autoincrement_in_primary_key_list_needs_an_integer,
    "CREATE TABLE t (a TEXT, PRIMARY KEY (a AUTOINCREMENT))",
    "schema.sql:1:40: AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")
BAD(autoincrement_in_primary_key_list_of_two_columns,
    "CREATE TABLE t (a INTEGER, b INTEGER, PRIMARY KEY (a, b AUTOINCREMENT))",
    "schema.sql:1:57: expected ',' or ')', found 'AUTOINCREMENT'")
BAD(index_needs_keys, "CREATE TABLE t (a INT); CREATE INDEX i ON t ()",
    "schema.sql:1:46: expected a column name or expression, found ')'")
BAD(index_where_needs_an_expression, "CREATE TABLE t (a INT); CREATE INDEX i ON t (a) WHERE;",
    "schema.sql:1:54: expected an expression, found ';'")
BAD(index_where_unbalanced, "CREATE TABLE t (a INT); CREATE INDEX i ON t (a) WHERE (a > 0;",
    "schema.sql:1:61: expected ')', found ';'")
BAD(index_expression_ends_in_an_operator,
    "CREATE TABLE t (a INT); CREATE INDEX i ON t ((a * 2) + DESC)",
    "schema.sql:1:56: expected an operand, found 'DESC'")
BAD(index_bare_expression_operator_before_comma,
    "CREATE TABLE t (a INT); CREATE INDEX i ON t (a ||, a)",
    "schema.sql:1:50: expected an operand, found ','")
BAD(exclude_method_is_one_name, "CREATE TABLE t (d INT, EXCLUDE USING gist x (d WITH =))",
    "schema.sql:1:43: expected '(', found 'x'")
BAD(check_of_an_empty_expression_names_its_place, "CREATE TABLE p (price INTEGER CHECK (()))",
    "schema.sql:1:31: invalid expression '()': no expression")
BAD(table_check_of_an_empty_expression_names_its_place,
    "CREATE TABLE p (price INTEGER, CHECK (()))",
    "schema.sql:1:32: invalid expression '()': no expression")
BAD(default_of_an_empty_expression_names_its_place, "CREATE TABLE p (price INTEGER DEFAULT (()))",
    "schema.sql:1:39: invalid expression '(())': no expression")
BAD(exclude_element_is_not_a_column_definition,
    "CREATE TABLE t (d INT, EXCLUDE (d INTEGER PRIMARY KEY, e TEXT))",
    "schema.sql:1:43: expected WITH and an operator, found 'PRIMARY'")
BAD(exclude_element_needs_an_operator, "CREATE TABLE t (d INT, EXCLUDE USING gist (d WITH))",
    "schema.sql:1:50: expected an operator, found ')'")
BAD(exclude_elements_need_a_separator,
    "CREATE TABLE t (d INT, EXCLUDE USING gist (d WITH = d WITH =))",
    "schema.sql:1:53: expected ',' or ')', found 'd'")
BAD(exclude_needs_a_method_after_using, "CREATE TABLE t (d INT, EXCLUDE USING (d WITH =))",
    "schema.sql:1:38: expected an index method, found '('")
BAD(index_where_extra_parenthesis, "CREATE TABLE t (a INT); CREATE INDEX i ON t (a) WHERE a > 0);",
    "schema.sql:1:60: expected ';', found ')'")
BAD(index_where_needs_an_expression_before_parenthesis,
    "CREATE TABLE t (a INT); CREATE INDEX i ON t (a) WHERE ) a > 0;",
    "schema.sql:1:55: expected an expression, found ')'")
BAD(concurrently_is_not_an_index_name,
    "CREATE TABLE t (a INT); CREATE INDEX CONCURRENTLY CONCURRENTLY ON t (a)",
    "schema.sql:1:51: expected an index name or ON, found reserved word 'CONCURRENTLY'")
BAD(empty_quoted_identifier, "CREATE TABLE t (a INT, \"\" INT)",
    "schema.sql:1:24: empty quoted identifier")
BAD(type_starts_with_its_name, "CREATE TABLE t (id INT, small(200) N)",
    "schema.sql:1:30: expected a type name, found '('")
BAD(type_qualifier_needs_a_type_after_it, "CREATE TABLE t (id INT, a public.[])",
    "schema.sql:1:34: expected a type name, found '['")
BAD(type_qualifier_needs_a_name_before_it, "CREATE TABLE t (id INT, a .x)",
    "schema.sql:1:27: expected a type name, found '.'")
BAD(type_qualifier_is_no_constraint_word, "CREATE TABLE t (id INT, a public. NOT NULL)",
    "schema.sql:1:35: expected a type name, found 'NOT'")
/* public.public.color: PostgreSQL's form drops one public. and keeps the
 * other (found by fuzz_model). */
BAD(type_has_one_qualifier_at_most, "CREATE TABLE t (id INT, a public.public.color[])",
    "schema.sql:1:40: a type's name is TYPE or SCHEMA.TYPE, with one '.' at most")
BAD(byte_order_mark_only_at_the_start,
    "CREATE TABLE t (md \xEF\xBB\xBF"
    "4 INT)",
    "schema.sql:1:20: unexpected byte-order mark (U+FEFF)")
BAD(byte_order_mark_inside_a_name,
    "CREATE TABLE t (a\xEF\xBB\xBF"
    "b INT)",
    "schema.sql:1:18: unexpected byte-order mark (U+FEFF)")
BAD(unterminated_quoted_identifier, "CREATE TABLE t (a INT,\n \"b INT)",
    "schema.sql:2:2: unterminated quoted identifier")
BAD(unterminated_string, "CREATE TABLE t (a TEXT DEFAULT 'x)",
    "schema.sql:1:32: unterminated string")
BAD(unterminated_comment, "CREATE TABLE t (a INT) /* never /* closed */",
    "schema.sql:1:24: unterminated comment")
BAD(stray_character, "CREATE TABLE t (a INT, {b} INT)", "schema.sql:1:24: unexpected character '{'")
BAD(parameter_marker, "CREATE TABLE t (a INT DEFAULT $1)",
    "schema.sql:1:31: unexpected character '$'")
BAD(name_longer_than_63_bytes,
    "CREATE TABLE t (a234567890123456789012345678901234567890123456789012345678901234 INT)",
    "schema.sql:1:17: name 'a234567890123456789012345678901234567890...' is longer than 63 bytes")

static void invalid_utf8_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("CREATE TABLE t (a INT, \"b\xff\" INT)",
			   "schema.sql:1:24: invalid UTF-8");
	assert_parse_error("CREATE TABLE t (a INT, b\xc3 INT)", "schema.sql:1:24: invalid UTF-8");
	/* An overlong encoding of '/' */
	assert_parse_error("CREATE TABLE t (a INT, \"\xc0\xaf\" INT)",
			   "schema.sql:1:24: invalid UTF-8");
	/* MariaDB's and SQLite's quotes no less than the standard's. */
	assert_parse_error("CREATE TABLE t (a INT, `b\xbd` INT)", "schema.sql:1:24: invalid UTF-8");
	assert_parse_error("CREATE TABLE t (a INT, [b\xbd] INT)", "schema.sql:1:24: invalid UTF-8");
}

static void nul_byte_is_an_error(void **state)
{
	static const char sql[] = "CREATE TABLE t (a INT,\0 b INT)";

	(void)state;
	assert_parse_error_n(sql, sizeof(sql) - 1, "schema.sql:1:23: unexpected byte 0x00");
}

static void nul_byte_inside_a_string_is_an_error(void **state)
{
	static const char sql[] = "CREATE TABLE t (a TEXT DEFAULT 'a\0b')";

	(void)state;
	assert_parse_error_n(sql, sizeof(sql) - 1, "schema.sql:1:32: unexpected byte 0x00");
}

/* A NUL in a comment would cut short the expression that holds the
 * comment, once handed on as a C string. */
static void nul_byte_inside_a_comment_is_an_error(void **state)
{
	static const char block[] = "CREATE TABLE t (a INT CHECK (a > 0 /* x\0 */))";
	static const char line[] = "CREATE TABLE t (a INT -- x\0\n)";

	(void)state;
	assert_parse_error_n(block, sizeof(block) - 1, "schema.sql:1:40: unexpected byte 0x00");
	assert_parse_error_n(line, sizeof(line) - 1, "schema.sql:1:27: unexpected byte 0x00");
}

/* Nor in SQLite's [name] and `name`, whose end the lexer looks for
 * itself: the expression holding one was cut short at the NUL. */
static void nul_byte_inside_a_bracket_or_backtick_name_is_an_error(void **state)
{
	static const char bracket[] = "CREATE TABLE [t\0] (a INT)";
	static const char backtick[] = "CREATE TABLE t (a INT, b INT CHECK (`a\0` > 0))";

	(void)state;
	assert_parse_error_n(bracket, sizeof(bracket) - 1, "schema.sql:1:14: unexpected byte 0x00");
	assert_parse_error_n(backtick, sizeof(backtick) - 1,
			     "schema.sql:1:37: unexpected byte 0x00");
}

/* A type is kept as written: a word of it in backticks would reach
 * PostgreSQL as they are, where they mean nothing (a fuzzing find);
 * double quotes are every database's. */
static void type_name_in_backticks_is_an_error(void **state)
{
	static const char quoted[] = "CREATE TABLE t (a \"my type\")";
	dbt_schema *s = NULL;

	(void)state;
	assert_parse_error("CREATE TABLE t (a `INTEGER`)",
			   "schema.sql:1:19: a type name is written bare or in double quotes, not "
			   "in "
			   "backticks");
	assert_parse_error("CREATE TABLE t (a INT, b my`type`)",
			   "schema.sql:1:28: a type name is written bare or in double quotes, not "
			   "in "
			   "backticks");
	assert_int_equal(dbt_parse_model(&s, "schema.sql", quoted, sizeof(quoted) - 1), 0);
	assert_int_equal(s->ntables, 1);
	dbt_schema_free(s);
}

/* So is a name in a type's parameters or brackets: the type's text is
 * read again without MariaDB's `name`, and `--` began a comment there. */
static void name_in_backticks_in_a_type_is_an_error(void **state)
{
	(void)state;
	assert_parse_error("CREATE TABLE t (a \"8\"(`--`))",
			   "schema.sql:1:23: a name in a type is written bare or in double quotes, "
			   "not in backticks");
	assert_parse_error("CREATE TABLE t (a x(1,\n `b`) NOT NULL)",
			   "schema.sql:2:2: a name in a type is written bare or in double quotes, "
			   "not in backticks");
	assert_parse_error("CREATE TABLE t (a x[`b`])",
			   "schema.sql:1:21: a name in a type is written bare or in double quotes, "
			   "not in backticks");
}

static void fault_right_after_a_name_is_reported(void **state)
{
	(void)state;
	assert_parse_error("CREATE TABLE t (a TEXT COLLATE c 'x)",
			   "schema.sql:1:34: unterminated string");
	assert_parse_error("CREATE TABLE t (a TEXT, FOREIGN KEY (a) REFERENCES t \"x)",
			   "schema.sql:1:54: unterminated quoted identifier");
}

static void sign_after_sign_in_a_default_keeps_a_space(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a NUMERIC DEFAULT - -1.5)");
	assert_string_equal(s->tables[0]->columns[0]->default_expr, "- -1.5");
	dbt_schema_free(s);
}

static void error_column_counts_characters_after_utf8(void **state)
{
	(void)state;
	assert_parse_error("CREATE TABLE \"\xc3\xa9t\xc3\xa9\" (a INT b)",
			   "schema.sql:1:27: expected a column constraint, ',' or ')', found 'b'");
}

/* ------------------------------------------------- real schema files */

static void pg_dump_head_and_alter_table_are_read(void **state)
{
	static const char sql[] =
		"\\restrict AbC123\n"
		"SET statement_timeout = 0;\n"
		"SET default_tablespace = '';\n"
		"SELECT pg_catalog.set_config('search_path', '', false);\n"
		"CREATE TABLE public.users (\n    id integer NOT NULL,\n    email text\n);\n"
		"ALTER TABLE public.users OWNER TO app;\n"
		"CREATE TABLE public.posts (id integer NOT NULL, user_id integer, n integer);\n"
		"ALTER TABLE ONLY public.users\n    ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
		"ALTER TABLE ONLY public.users ADD CONSTRAINT users_email_key UNIQUE (email);\n"
		"ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_n_check CHECK ((n > 0)), "
		"ALTER COLUMN n SET DEFAULT 1;\n"
		"CREATE INDEX ix ON public.posts USING btree (user_id);\n"
		"ALTER TABLE ONLY public.posts\n"
		"    ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES "
		"public.users(id) "
		"ON DELETE CASCADE;\n"
		"\\unrestrict AbC123\n";
	dbt_schema *s;
	dbt_table *u, *p;

	(void)state;
	s = parse_ok(sql);
	assert_int_equal(s->ntables, 2);
	u = dbt_schema_find_table(s, "users");
	p = dbt_schema_find_table(s, "posts");
	assert_non_null(u);
	assert_non_null(p);
	assert_non_null(u->pk);
	assert_string_equal(u->pk->name, "users_pkey");
	assert_int_equal(u->pk->line, 12);
	assert_int_equal(u->nuniques, 1);
	assert_int_equal(p->nchecks, 1);
	assert_string_equal(p->checks[0]->name, "posts_n_check");
	assert_string_equal(p->columns[2]->default_expr, "1");
	assert_int_equal(p->nfks, 1);
	assert_string_equal(p->fks[0]->ref_table, "users");
	assert_int_equal(p->fks[0]->on_delete, DBT_FK_CASCADE);
	assert_int_equal(s->nindexes, 1);
	assert_int_equal(s->nstatements, 0);
	dbt_schema_free(s);
}

static void owned_sequence_with_nextval_default_is_serial(void **state)
{
	static const char sql[] =
		"CREATE TABLE public.t (id integer NOT NULL, b bigint NOT NULL);\n"
		"CREATE SEQUENCE public.t_id_seq AS integer START WITH 1 INCREMENT BY 1 "
		"NO MINVALUE NO MAXVALUE CACHE 1;\n"
		"ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n"
		"CREATE SEQUENCE t_b_seq START WITH 10;\n"
		"ALTER SEQUENCE t_b_seq OWNED BY t.b;\n"
		"ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT "
		"nextval('public.t_id_seq'::regclass);\n"
		"ALTER TABLE t ALTER COLUMN b SET DEFAULT nextval('t_b_seq'::regclass);\n";
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok(sql);
	t = s->tables[0];
	assert_int_equal(t->columns[0]->identity, DBT_IDENTITY_SERIAL);
	assert_true(t->columns[0]->autoincrement);
	assert_null(t->columns[0]->default_expr);
	/* START WITH 10 is not a SERIAL's sequence: kept, and the default
	 * stays a default. */
	assert_int_equal(t->columns[1]->identity, DBT_IDENTITY_NONE);
	assert_non_null(t->columns[1]->default_expr);
	assert_int_equal(s->nstatements, 1);
	assert_string_equal(s->statements[0]->kind, "sequence");
	assert_string_equal(s->statements[0]->name, "t_b_seq");
	assert_string_equal(s->statements[0]->sql, "CREATE SEQUENCE t_b_seq START WITH 10");
	assert_int_equal(s->statements[0]->line, 4);
	assert_int_equal(s->statements[0]->col, 1);
	dbt_schema_free(s);
}

static void identity_added_by_alter_table_is_read(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (id integer NOT NULL);\n"
		     "ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (\n"
		     "  SEQUENCE NAME public.t_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE "
		     "NO MAXVALUE CACHE 1);");
	assert_int_equal(s->tables[0]->columns[0]->identity, DBT_IDENTITY_BY_DEFAULT);
	dbt_schema_free(s);
}

static void other_statements_are_kept_with_kind_name_and_place(void **state)
{
	static const char sql[] =
		"CREATE TABLE t (a INT);\n"
		"CREATE OR REPLACE VIEW public.v AS SELECT a FROM t;\n"
		"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
		"  CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
		"    UPDATE t SET a = CASE WHEN a > 0 THEN 1 ELSE 2 END; SELECT 1;\n"
		"  END;\n"
		"COMMENT ON TABLE public.t IS 'x';\n"
		"GRANT SELECT ON t TO PUBLIC;\n"
		"CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
		"CREATE TYPE mood AS ENUM ('a', 'b');\n"
		"ALTER VIEW v OWNER TO app;\n"
		"ALTER TYPE mood ADD VALUE 'c';\n";
	static const struct {
		const char *kind, *name;
		int line, col;
	} want[] = {
		{"view", "v", 2, 1},	 {"function", "f", 3, 1},
		{"trigger", "tr", 4, 3}, {"comment", "public.t", 7, 1},
		{"grant", NULL, 8, 1},	 {"extension", "pgcrypto", 9, 1},
		{"type", "mood", 10, 1}, {"alter", NULL, 12, 1},
	};
	dbt_schema *s;
	size_t i;

	(void)state;
	s = parse_ok(sql);
	assert_int_equal(s->nstatements, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < s->nstatements; i++) {
		assert_string_equal(s->statements[i]->kind, want[i].kind);
		if (want[i].name)
			assert_string_equal(s->statements[i]->name, want[i].name);
		else
			assert_null(s->statements[i]->name);
		assert_int_equal(s->statements[i]->line, want[i].line);
		assert_int_equal(s->statements[i]->col, want[i].col);
	}
	assert_string_equal(s->statements[2]->sql, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
						   "    UPDATE t SET a = CASE WHEN a > 0 THEN 1 "
						   "ELSE 2 END; SELECT 1;\n  END");
	dbt_schema_free(s);
}

static void sqlite_schema_output_is_read(void **state)
{
	dbt_schema *s;

	(void)state;
	/* What `sqlite3 .schema` prints: its own sqlite_sequence, and USER
	 * (reserved by PostgreSQL, not by SQLite) bare. */
	s = parse_ok("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT);\n"
		     "CREATE TABLE sqlite_sequence(name,seq);\n"
		     "/* No STAT tables available */\n");
	assert_int_equal(s->ntables, 1);
	assert_non_null(dbt_table_find_column(s->tables[0], "user"));
	dbt_schema_free(s);
}

BAD(alter_table_must_follow_create_table,
    "ALTER TABLE t ADD CONSTRAINT k UNIQUE (a);\nCREATE TABLE t (a INT);",
    "schema.sql:1:13: unknown table 't' (ALTER TABLE must follow its CREATE TABLE)")
BAD(alter_table_unknown_column,
    "CREATE TABLE t (a INT);\nALTER TABLE t ALTER COLUMN b SET DEFAULT 1;",
    "schema.sql:2:28: unknown column 'b' in table 't'")
BAD(alter_table_unknown_action, "CREATE TABLE t (a INT);\nALTER TABLE t DISCARD a;",
    "schema.sql:2:15: expected ADD, ALTER COLUMN, DROP, RENAME or OWNER TO, found 'DISCARD'")
BAD(alter_table_rename_to_existing,
    "CREATE TABLE t (a INT);\nCREATE TABLE u (a INT);\nALTER TABLE t RENAME TO u;",
    "schema.sql:3:25: there is already a table named 'u'")
BAD(alter_table_rename_unknown_column,
    "CREATE TABLE t (a INT);\nALTER TABLE t RENAME COLUMN b TO c;",
    "schema.sql:2:29: unknown column 'b' in table 't'")
BAD(alter_table_rename_to_existing_column,
    "CREATE TABLE t (a INT, b INT);\nALTER TABLE t RENAME a TO b;",
    "schema.sql:2:27: duplicate column 'b' in table 't'")
BAD(alter_table_drop_indexed_column,
    "CREATE TABLE t (a INT, b INT);\nCREATE INDEX tb ON t (lower(b));\nALTER TABLE t DROP COLUMN "
    "b;",
    "schema.sql:3:27: cannot drop column 'b' of table 't': index 'tb' uses it; drop or change that "
    "first")
BAD(alter_table_drop_referenced_column,
    "CREATE TABLE t (a INT UNIQUE, b INT);\nCREATE TABLE u (x INT REFERENCES t (a));\nALTER TABLE "
    "t DROP a;",
    "schema.sql:3:20: cannot drop column 'a' of table 't': a UNIQUE constraint uses it; drop or "
    "change that first")
BAD(alter_table_drop_unknown_column, "CREATE TABLE t (a INT, b INT);\nALTER TABLE t DROP COLUMN c;",
    "schema.sql:2:27: unknown column 'c' in table 't'")

/* RENAME TO: foreign keys and indexes follow the table, declared before
 * or after it. */
static void alter_table_rename_to_follows_references(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE c (p_id INT REFERENCES p (id));\n"
		     "CREATE TABLE p (id INT PRIMARY KEY);\n"
		     "CREATE INDEX p_id ON p (id);\n"
		     "ALTER TABLE p RENAME TO \"Parent\";\n");
	assert_null(dbt_schema_find_table(s, "p"));
	assert_non_null(dbt_schema_find_table(s, "Parent"));
	assert_string_equal(s->tables[0]->fks[0]->ref_table, "Parent");
	assert_string_equal(s->indexes[0]->table, "Parent");
	dbt_schema_free(s);
}

/* RENAME COLUMN: keys, foreign keys on both sides, index keys and
 * expressions, CHECKs and generated columns name the new column. */
static void alter_table_rename_column_follows_uses(void **state)
{
	dbt_schema *s;
	const dbt_table *t, *c;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT PRIMARY KEY, b TEXT UNIQUE CHECK (b <> 'x'),\n"
		     "  g INT GENERATED ALWAYS AS (a * 2) STORED);\n"
		     "CREATE TABLE c (x INT REFERENCES t (a));\n"
		     "CREATE INDEX tb ON t (lower(b), a) WHERE b IS NOT NULL;\n"
		     "ALTER TABLE t RENAME COLUMN a TO id;\n"
		     "ALTER TABLE t RENAME b TO \"Name\";\n");
	t = dbt_schema_find_table(s, "t");
	c = dbt_schema_find_table(s, "c");
	assert_null(dbt_table_find_column(t, "a"));
	assert_string_equal(t->pk->columns[0], "id");
	assert_string_equal(t->uniques[0]->columns[0], "Name");
	assert_string_equal(t->checks[0]->expr, "\"Name\" <> 'x'");
	assert_string_equal(t->columns[2]->generated_expr, "id * 2");
	assert_string_equal(c->fks[0]->ref_columns[0], "id");
	assert_string_equal(s->indexes[0]->elems[0].expr, "lower(\"Name\")");
	assert_string_equal(s->indexes[0]->elems[1].column, "id");
	assert_string_equal(s->indexes[0]->where, "\"Name\" IS NOT NULL");
	dbt_schema_free(s);
}

/* SQLite takes an index key that is an expression without parentheses,
 * and a key with a collation of its own: both are expressions. */
static void index_keys_bare_expression_and_collation(void **state)
{
	dbt_schema *s;
	const dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (id INTEGER PRIMARY KEY ASC, a INT, b TEXT);\n"
		     "CREATE INDEX ix ON t (a + 1, lower(b) || 'x' DESC, b COLLATE NOCASE, a);\n");
	ix = s->indexes[0];
	assert_int_equal(ix->nelems, 4);
	assert_null(ix->elems[0].column);
	assert_string_equal(ix->elems[0].expr, "a + 1");
	assert_string_equal(ix->elems[1].expr, "lower(b) || 'x'");
	assert_true(ix->elems[1].desc);
	assert_null(ix->elems[2].column);
	assert_string_equal(ix->elems[2].expr, "b COLLATE nocase");
	assert_string_equal(ix->elems[3].column, "a");
	assert_non_null(s->tables[0]->pk);
	dbt_schema_free(s);
}

/* SQLite's column PRIMARY KEY DESC is kept (it is no rowid alias), the
 * table constraint's DESC is not; a key column's COLLATE is kept. */
static void primary_key_desc_and_key_collations_are_kept(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (id INTEGER PRIMARY KEY DESC, n TEXT);\n"
		     "CREATE TABLE b (id INTEGER, z TEXT, w TEXT, PRIMARY KEY (id DESC),\n"
		     "  UNIQUE (z COLLATE NOCASE DESC, w));\n"
		     "CREATE TABLE c (k TEXT, PRIMARY KEY (k COLLATE \"RTRIM\"));\n");
	assert_true(s->tables[0]->pk->column_desc);
	assert_false(dbt_table_is_rowid_alias(s->tables[0], s->tables[0]->columns[0]));
	assert_false(s->tables[1]->pk->column_desc);
	assert_true(dbt_table_is_rowid_alias(s->tables[1], s->tables[1]->columns[0]));
	assert_string_equal(dbt_unique_collation(s->tables[1]->uniques[0], 0), "nocase");
	assert_null(dbt_unique_collation(s->tables[1]->uniques[0], 1));
	assert_null(dbt_unique_collation(s->tables[1]->pk, 0));
	assert_string_equal(dbt_unique_collation(s->tables[2]->pk, 0), "RTRIM");
	dbt_schema_free(s);
}

BAD(autoincrement_after_primary_key_desc,
    "CREATE TABLE t (id INTEGER PRIMARY KEY DESC AUTOINCREMENT);",
    "schema.sql:1:45: AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY")

BAD(index_bare_expression_unknown_column, "CREATE TABLE t (a INT);\nCREATE INDEX ix ON t (b + 1);",
    "schema.sql:2:23: unknown column 'b' in table 't'")

/* Views and triggers declared before a RENAME name the table and column
 * by their new names, as SQLite rewrites them; a statement that does not
 * name the table keeps a column of the same name. */
static void alter_table_rename_rewrites_earlier_statements(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE u (id INT PRIMARY KEY, mail TEXT);\n"
		     "CREATE TABLE o (id INT PRIMARY KEY, mail TEXT);\n"
		     "CREATE VIEW v AS SELECT u.id, u.mail FROM u;\n"
		     "CREATE VIEW w AS SELECT mail FROM o;\n"
		     "ALTER TABLE u RENAME COLUMN mail TO \"E-mail\";\n"
		     "ALTER TABLE u RENAME TO users;\n");
	assert_int_equal(s->nstatements, 2);
	assert_string_equal(s->statements[0]->sql,
			    "CREATE VIEW v AS SELECT users.id, users.\"E-mail\" FROM users");
	assert_string_equal(s->statements[1]->sql, "CREATE VIEW w AS SELECT mail FROM o");
	dbt_schema_free(s);
}

/* DROP COLUMN takes the CHECKs that name the column with it. */
static void alter_table_drop_column_takes_its_checks(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a INT, b INT CHECK (b > 0), c INT, CHECK (c > 1));\n"
		     "ALTER TABLE t DROP COLUMN b;\n");
	assert_int_equal(s->tables[0]->ncolumns, 2);
	assert_null(dbt_table_find_column(s->tables[0], "b"));
	assert_int_equal(s->tables[0]->nchecks, 1);
	assert_string_equal(s->tables[0]->checks[0]->expr, "c > 1");
	dbt_schema_free(s);
}
BAD(alter_table_second_default,
    "CREATE TABLE t (a INT DEFAULT 1);\nALTER TABLE t ALTER a SET DEFAULT 2;",
    "schema.sql:2:23: column 'a' of table 't' has more than one default")
BAD(alter_table_duplicate_constraint,
    "CREATE TABLE t (a INT CONSTRAINT k CHECK (a > 0));\nALTER TABLE t ADD CONSTRAINT k CHECK (a < "
    "9);",
    "schema.sql:2:19: duplicate constraint 'k' in table 't'")
BAD(owned_by_unknown_sequence, "CREATE TABLE t (a INT);\nALTER SEQUENCE s OWNED BY t.a;",
    "schema.sql:2:16: unknown sequence 's' (ALTER SEQUENCE must follow its CREATE SEQUENCE)")
BAD(owned_by_unknown_column,
    "CREATE TABLE t (a INT);\nCREATE SEQUENCE s;\nALTER SEQUENCE s OWNED BY t.b;",
    "schema.sql:3:29: unknown column 'b' in table 't'")
BAD(conflict_needs_a_resolution, "CREATE TABLE t (a INT NOT NULL ON CONFLICT DELETE);",
    "schema.sql:1:44: expected ROLLBACK, ABORT, FAIL, IGNORE or REPLACE, found 'DELETE'")
BAD(conflict_after_a_column_check, "CREATE TABLE t (a INT CHECK (a > 0) ON CONFLICT IGNORE);",
    "schema.sql:1:37: ON CONFLICT after the CHECK of column 'a' of table 't', which SQLite "
    "does not take: write the CHECK as a table constraint")
BAD(drop_unknown_constraint, "CREATE TABLE t (a INT);\nALTER TABLE t DROP CONSTRAINT k;",
    "schema.sql:2:31: unknown constraint 'k' in table 't'")
BAD(drop_default_the_column_has_not, "CREATE TABLE t (a INT);\nALTER TABLE t ALTER a DROP DEFAULT;",
    "schema.sql:2:23: cannot drop the default of column 'a' of table 't': it has none")
BAD(drop_not_null_the_column_has_not,
    "CREATE TABLE t (a INT);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;",
    "schema.sql:2:30: cannot drop NOT NULL of column 'a' of table 't': it is not NOT NULL")
BAD(drop_not_null_of_a_key_column,
    "CREATE TABLE t (a INT PRIMARY KEY);\nALTER TABLE t ALTER a DROP NOT NULL;",
    "schema.sql:2:23: cannot drop NOT NULL of column 'a' of table 't': it is in the primary key")
BAD(drop_key_a_foreign_key_uses,
    "CREATE TABLE a (id INT CONSTRAINT a_k PRIMARY KEY);\n"
    "CREATE TABLE b (x INT REFERENCES a);\nALTER TABLE a DROP CONSTRAINT a_k;",
    "schema.sql:3:31: cannot drop constraint 'a_k' of table 'a': a foreign key of table 'b' uses "
    "it")
BAD(drop_unknown_index, "CREATE TABLE t (a INT);\nDROP INDEX t_a;",
    "schema.sql:2:12: unknown index 't_a' (DROP INDEX must follow its CREATE INDEX)")
BAD(drop_unknown_table, "DROP TABLE t;\nCREATE TABLE t (a INT);",
    "schema.sql:1:12: unknown table 't' (DROP TABLE must follow its CREATE TABLE)")
BAD(drop_table_a_foreign_key_references_beside_its_own,
    "CREATE TABLE a (id INT PRIMARY KEY, up INT REFERENCES a);\n"
    "CREATE TABLE b (x INT REFERENCES a);\nDROP TABLE a;",
    "schema.sql:3:12: cannot drop table 'a': a foreign key of table 'b' references it")
BAD(drop_table_a_foreign_key_references,
    "CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (x INT REFERENCES a);\nDROP TABLE a;",
    "schema.sql:3:12: cannot drop table 'a': a foreign key of table 'b' references it")
BAD(select_is_unsupported, "SELECT 1;",
    "schema.sql:1:1: unsupported statement 'SELECT' (the model holds CREATE TABLE and CREATE "
    "INDEX)")
BAD(psql_meta_command_only_between_statements, "CREATE TABLE t (a INT)\n\\restrict x\n;",
    "schema.sql:2:1: unexpected character '\\'")

static void foreign_key_match_is_read(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE p (a INT, b INT, PRIMARY KEY (a, b));\n"
		     "CREATE TABLE c (a INT, b INT, x INT, y INT, z INT,\n"
		     "  FOREIGN KEY (a, b) REFERENCES p MATCH FULL ON DELETE CASCADE,\n"
		     "  FOREIGN KEY (x, y) REFERENCES p (a, b) MATCH SIMPLE,\n"
		     "  FOREIGN KEY (y, z) REFERENCES p (a, b) MATCH PARTIAL)");
	t = s->tables[1];
	assert_int_equal(t->fks[0]->match, DBT_FK_MATCH_FULL);
	assert_int_equal(t->fks[0]->on_delete, DBT_FK_CASCADE);
	assert_int_equal(t->fks[1]->match, DBT_FK_MATCH_SIMPLE);
	assert_int_equal(t->fks[2]->match, DBT_FK_MATCH_PARTIAL);
	dbt_schema_free(s);
}

BAD(foreign_key_match_needs_a_kind,
    "CREATE TABLE p (a INT PRIMARY KEY);\nCREATE TABLE c (a INT REFERENCES p MATCH ALL);",
    "schema.sql:2:42: expected FULL, PARTIAL or SIMPLE, found 'ALL'")

static void index_keys_take_operator_classes(void **state)
{
	dbt_schema *s;
	dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT, b TEXT);\n"
		     "CREATE INDEX i ON public.t USING btree (a text_pattern_ops, lower(b) "
		     "pg_catalog.\"Text_Ops\" DESC, b);");
	ix = s->indexes[0];
	assert_string_equal(ix->elems[0].opclass, "text_pattern_ops");
	assert_string_equal(ix->elems[1].opclass, "Text_Ops");
	assert_true(ix->elems[1].desc);
	assert_null(ix->elems[2].opclass);
	dbt_schema_free(s);
}

static void index_methods_and_nulls_order_are_kept(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT[], b TEXT);\n"
		     "CREATE INDEX i ON t USING GIN (a array_ops);\n"
		     "CREATE INDEX j ON t USING btree (b NULLS FIRST, b DESC NULLS LAST,\n"
		     "  lower(b) ASC NULLS LAST, b DESC NULLS FIRST);");
	assert_string_equal(s->indexes[0]->method, "gin");
	assert_string_equal(s->indexes[0]->elems[0].opclass, "array_ops");
	/* B-tree is the default, held as none, as reflection gives it. */
	assert_null(s->indexes[1]->method);
	/* Only the order that the direction does not give by itself. */
	assert_int_equal(s->indexes[1]->elems[0].nulls, DBT_NULLS_FIRST);
	assert_int_equal(s->indexes[1]->elems[1].nulls, DBT_NULLS_LAST);
	assert_int_equal(s->indexes[1]->elems[2].nulls, 0);
	assert_int_equal(s->indexes[1]->elems[3].nulls, 0);
	assert_true(s->indexes[1]->elems[3].desc);
	dbt_schema_free(s);
}

static void defaults_take_arrays_and_pg_dump_casts(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (a text[] DEFAULT ARRAY[]::text[] NOT NULL,\n"
		     " b integer[] DEFAULT ARRAY[1, 2],\n"
		     " c interval DEFAULT '01:00:00'::interval hour to minute,\n"
		     " d bit(3) DEFAULT B'101'::\"bit\",\n"
		     " e date DEFAULT (CURRENT_DATE + '30 days'::interval),\n"
		     " f mood DEFAULT 'ok'::public.mood);");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "ARRAY[]::TEXT[]");
	assert_true(t->columns[0]->not_null);
	assert_string_equal(t->columns[1]->default_expr, "ARRAY[1, 2]");
	assert_string_equal(t->columns[2]->default_expr, "'01:00:00'::interval hour TO minute");
	/* The quotes stay: ::bit would be bit(1). */
	assert_string_equal(t->columns[3]->default_expr, "B'101'::\"bit\"");
	assert_string_equal(t->columns[4]->default_expr, "CURRENT_DATE + '30 days'::interval");
	assert_string_equal(t->columns[5]->default_expr, "'ok'::mood");
	dbt_schema_free(s);
}

static void sqlite_type_spellings_of_other_tools(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok(
		"CREATE TABLE \"a\" (\"id\" integer NOT NULL, \"n\" smallint unsigned NOT NULL,\n"
		" \"at\" datetime(6) NOT NULL, PRIMARY KEY(\"id\" AUTOINCREMENT));");
	t = s->tables[0];
	assert_true(t->columns[0]->autoincrement);
	assert_string_equal(t->pk->columns[0], "id");
	assert_int_equal(t->columns[1]->type.kind, DBT_TYPE_OTHER);
	assert_string_equal(t->columns[1]->type.text, "smallint unsigned");
	assert_int_equal(t->columns[2]->type.kind, DBT_TYPE_TIMESTAMP);
	assert_int_equal(t->columns[2]->type.precision, 6);
	dbt_schema_free(s);
}

/* What MariaDB's inspect, mariadb-dump and SQLAlchemy's MySQL DDL write:
 * an integer's display width (and ZEROFILL), a floating-point type's
 * digits and decimals are a name taken as written, AUTO_INCREMENT
 * a column whose values the database generates. */
static void mariadb_display_width_and_auto_increment(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (id int(11) NOT NULL AUTO_INCREMENT, n bigint(20) unsigned,\n"
		     " f tinyint(1), z int(5) unsigned zerofill, z2 INT ZEROFILL, d double(10,2),\n"
		     " fl FLOAT(7,3) unsigned zerofill, PRIMARY KEY (id));");
	t = s->tables[0];
	assert_true(t->columns[0]->autoincrement);
	assert_true(t->columns[0]->not_null);
	assert_int_equal(t->columns[0]->type.kind, DBT_TYPE_OTHER);
	assert_string_equal(t->columns[0]->type.text, "int(11)");
	assert_string_equal(t->columns[1]->type.text, "bigint(20) unsigned");
	assert_string_equal(t->columns[2]->type.text, "tinyint(1)");
	assert_string_equal(t->columns[3]->type.text, "int(5) unsigned zerofill");
	assert_int_equal(t->columns[4]->type.kind, DBT_TYPE_OTHER);
	assert_string_equal(t->columns[4]->type.text, "INT ZEROFILL");
	assert_int_equal(t->columns[5]->type.kind, DBT_TYPE_OTHER);
	assert_string_equal(t->columns[5]->type.text, "double(10,2)");
	assert_int_equal(t->columns[6]->type.kind, DBT_TYPE_OTHER);
	assert_string_equal(t->columns[6]->type.text, "FLOAT(7,3) unsigned zerofill");
	assert_false(t->columns[1]->autoincrement);
	dbt_schema_free(s);
}

/* MariaDB prints its CHECK clauses and generated expressions with `names`
 * (inspect, mariadb-dump): they read as quoted names, kept quoted (in the
 * model's double quotes, which MariaDB's rendering turns back into
 * backticks) only where a name needs it. */
static void mariadb_backquoted_names_in_expressions(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE t (`a` int(11), `b c` longtext, `x``y` INT,\n"
		     " CONSTRAINT `b c` CHECK (json_valid(`b c`)),\n"
		     " CONSTRAINT a_max CHECK (`a` <= 90 AND `x``y`>0));");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->name, "a");
	assert_string_equal(t->columns[2]->name, "x`y");
	assert_int_equal(t->nchecks, 2);
	assert_string_equal(t->checks[0]->name, "b c");
	assert_string_equal(t->checks[0]->expr, "json_valid(\"b c\")");
	assert_string_equal(t->checks[1]->expr, "a <= 90 AND \"x`y\" > 0");
	dbt_schema_free(s);
}

/* MariaDB's key prefix, name(10), as inspect prints it; a call stays one. */
static void mariadb_key_prefix_is_a_column_with_its_length(void **state)
{
	dbt_schema *s;
	const dbt_index *ix;

	(void)state;
	s = parse_ok("CREATE TABLE t (v TEXT);\nCREATE INDEX ix ON t (v(10), lower(v));");
	ix = s->indexes[0];
	assert_int_equal(ix->nelems, 2);
	assert_string_equal(ix->elems[0].column, "v");
	assert_int_equal(ix->elems[0].prefix, 10);
	assert_null(ix->elems[1].column);
	assert_int_equal(ix->elems[1].prefix, 0);
	dbt_schema_free(s);
}

static void sqlite_quoting_styles_are_names(void **state)
{
	dbt_schema *s;
	dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE [Order Lines] ([Id] INT, `a``b` INT, 'c' INT);\n"
		     "CREATE INDEX [ix] ON `Order Lines` (`Id`);");
	t = s->tables[0];
	assert_string_equal(t->name, "Order Lines");
	assert_true(t->quoted);
	assert_string_equal(t->columns[0]->name, "Id");
	assert_string_equal(t->columns[1]->name, "a`b");
	assert_string_equal(t->columns[2]->name, "c");
	assert_string_equal(s->indexes[0]->name, "ix");
	assert_int_equal(t->columns[2]->line, 1);
	assert_int_equal(t->columns[2]->col, 51);
	dbt_schema_free(s);
}

BAD(bracket_name_must_end_on_its_line, "CREATE TABLE [t\n(a INT)",
    "schema.sql:1:14: unterminated quoted identifier")
BAD(bracket_name_must_not_be_empty, "CREATE TABLE t ([] INT)",
    "schema.sql:1:17: empty quoted identifier")
BAD(backtick_name_must_not_be_empty, "CREATE TABLE t (a INT,\n  `` b INT)",
    "schema.sql:2:3: empty quoted identifier")
BAD(backtick_table_name_must_not_be_empty, "CREATE TABLE `` (a INT)",
    "schema.sql:1:14: empty quoted identifier")

/* ------------------------------------------------ partitions, exclusions */

static void partitioned_table_and_partitions_are_held(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE m (id INT NOT NULL, at DATE NOT NULL) partition by range ( AT );\n"
		"CREATE TABLE m_1 PARTITION OF m for values from ('2024-01-01') TO ( '2025-01-01' "
		");\n"
		"CREATE TABLE m_2 PARTITION OF public.m DEFAULT;\n"
		"CREATE TABLE h (id INT) PARTITION BY HASH (id);\n"
		"CREATE TABLE h_0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0)\n"
		"  PARTITION BY LIST (lower(x));\n"
		"CREATE INDEX ON m_1 (at);");
	const dbt_table *m = dbt_schema_find_table(s, "m");
	const dbt_table *m1 = dbt_schema_find_table(s, "m_1");
	const dbt_table *m2 = dbt_schema_find_table(s, "m_2");
	const dbt_table *h0 = dbt_schema_find_table(s, "h_0");

	(void)state;
	assert_string_equal(m->partition_by, "RANGE (at)");
	assert_null(m->partition_of);
	assert_string_equal(m1->partition_of, "m");
	assert_string_equal(m1->partition_bound,
			    "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
	assert_int_equal(m1->ncolumns, 0);
	assert_null(m1->partition_by);
	assert_string_equal(m2->partition_of, "m");
	assert_string_equal(m2->partition_bound, "DEFAULT");
	assert_string_equal(h0->partition_bound, "FOR VALUES WITH (modulus 2, remainder 0)");
	assert_string_equal(h0->partition_by, "LIST (lower(x))");
	assert_string_equal(s->indexes[0]->table, "m_1");
	dbt_schema_free(s);
}

/* pg_dump's form: the partition made as a table with its parent's columns
 * and checks, then attached; its keys and indexes attached to the
 * parent's. */
static void pg_dump_attached_partitions_leave_the_parents_objects_out(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE public.m (id integer NOT NULL, x text,\n"
		"    CONSTRAINT m_id_check CHECK ((id > 0))\n"
		") PARTITION BY LIST (id);\n"
		"CREATE TABLE public.m_1 (id integer NOT NULL, x text,\n"
		"    CONSTRAINT m_id_check CHECK ((id > 0)), CONSTRAINT own CHECK ((x <> "
		"''::text)));\n"
		"ALTER TABLE ONLY public.m ATTACH PARTITION public.m_1 FOR VALUES IN (1);\n"
		"ALTER TABLE ONLY public.m ADD CONSTRAINT m_pkey PRIMARY KEY (id);\n"
		"ALTER TABLE ONLY public.m_1 ADD CONSTRAINT m_1_pkey PRIMARY KEY (id);\n"
		"CREATE INDEX m_x ON ONLY public.m USING btree (x);\n"
		"CREATE INDEX m_1_x_idx ON public.m_1 USING btree (x);\n"
		"CREATE INDEX m_1_own ON public.m_1 USING btree (lower(x));\n"
		"ALTER INDEX public.m_x ATTACH PARTITION public.m_1_x_idx;\n"
		"ALTER INDEX public.m_pkey ATTACH PARTITION public.m_1_pkey;\n");
	const dbt_table *m = dbt_schema_find_table(s, "m");
	const dbt_table *m1 = dbt_schema_find_table(s, "m_1");

	(void)state;
	assert_int_equal(m->ncolumns, 2);
	assert_non_null(m->pk);
	assert_int_equal(m->nchecks, 1);
	assert_string_equal(m1->partition_of, "m");
	assert_string_equal(m1->partition_bound, "FOR VALUES IN (1)");
	assert_int_equal(m1->ncolumns, 0);
	assert_null(m1->pk);
	assert_int_equal(m1->nchecks, 1);
	assert_string_equal(m1->checks[0]->name, "own");
	assert_int_equal(s->nindexes, 2);
	assert_string_equal(s->indexes[0]->name, "m_x");
	assert_string_equal(s->indexes[1]->name, "m_1_own");
	dbt_schema_free(s);
}

static void exclusion_constraints_are_held_with_their_definition(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE b (room INT, during TSRANGE,\n"
		"  EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 2),\n"
		"  CONSTRAINT b_x EXCLUDE USING GIST ( during WITH && ) DEFERRABLE);\n"
		"ALTER TABLE b ADD EXCLUDE USING gist (during WITH -|-);\n"
		"ALTER TABLE b ADD EXCLUDE (room WITH =, (lower(during)) WITH "
		"OPERATOR(pg_catalog.=), upper(during) COLLATE \"C\" text_ops DESC NULLS LAST "
		"WITH =);");
	const dbt_table *t = s->tables[0];

	(void)state;
	assert_int_equal(t->nexcludes, 4);
	assert_string_equal(t->excludes[0]->def,
			    "USING gist(room WITH =, during WITH &&) WHERE (room > 2)");
	assert_string_equal(t->excludes[0]->name, "b_room_during_excl");
	assert_int_equal(t->excludes[0]->name_given, 0);
	assert_int_equal(t->excludes[0]->line, 2);
	assert_int_equal(t->excludes[0]->col, 3);
	assert_string_equal(t->excludes[1]->def, "USING gist(during WITH &&) DEFERRABLE");
	assert_string_equal(t->excludes[1]->name, "b_x");
	assert_int_equal(t->excludes[1]->name_given, 1);
	assert_string_equal(t->excludes[2]->name, "b_during_excl");
	/* Without USING, the method PostgreSQL gives it, by name. */
	assert_string_equal(t->excludes[3]->def,
			    "USING btree(room WITH =, (lower(during)) WITH operator(pg_catalog.=), "
			    "upper(during) COLLATE \"C\" text_ops DESC nulls last WITH =)");
	dbt_schema_free(s);
}

/* Without USING the method is btree, as the database says; the list of
 * one element alone is no expression in parentheses to take off. */
static void exclusion_without_using_is_btree(void **state)
{
	dbt_schema *s =
		parse_ok("CREATE TABLE b (name TEXT, CONSTRAINT b_x EXCLUDE (name WITH =));\n"
			 "ALTER TABLE b ADD EXCLUDE (name WITH =) WHERE (name <> '');");
	const dbt_table *t = s->tables[0];

	(void)state;
	assert_int_equal(t->nexcludes, 2);
	assert_string_equal(t->excludes[0]->def, "USING btree(name WITH =)");
	assert_string_equal(t->excludes[1]->def, "USING btree(name WITH =) WHERE (name <> '')");
	dbt_schema_free(s);
}

static void unlogged_table_is_marked_where_written(void **state)
{
	dbt_schema *s = parse_ok("CREATE TABLE a (id INT);\n"
				 "CREATE UNLOGGED TABLE IF NOT EXISTS b (id INT);");

	(void)state;
	assert_int_equal(s->ntables, 2);
	assert_int_equal(s->tables[0]->unlogged, 0);
	assert_int_equal(s->tables[1]->unlogged, 1);
	assert_int_equal(s->tables[1]->unlogged_line, 2);
	assert_int_equal(s->tables[1]->unlogged_col, 8);
	dbt_schema_free(s);
}

static void keys_and_indexes_keep_include_and_nulls_not_distinct(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE t (a INT, b INT UNIQUE NULLS NOT DISTINCT, c INT, d INT,\n"
		"  PRIMARY KEY (a) INCLUDE (c),\n"
		"  CONSTRAINT t_u UNIQUE NULLS DISTINCT (c) INCLUDE (d, b),\n"
		"  UNIQUE NULLS NOT DISTINCT (d));\n"
		"CREATE UNIQUE INDEX t_i ON t USING btree (b) INCLUDE (c) NULLS NOT DISTINCT "
		"WHERE a > 0;\n"
		"CREATE INDEX t_j ON t (d) INCLUDE (a);");
	const dbt_table *t = s->tables[0];

	(void)state;
	assert_int_equal(t->pk->ninclude, 1);
	assert_string_equal(t->pk->include[0], "c");
	assert_int_equal(t->pk->nulls_not_distinct, 0);
	assert_int_equal(t->nuniques, 3);
	assert_int_equal(t->uniques[0]->nulls_not_distinct, 1);
	assert_int_equal(t->uniques[0]->ninclude, 0);
	assert_string_equal(t->uniques[1]->name, "t_u");
	assert_int_equal(t->uniques[1]->nulls_not_distinct, 0);
	assert_int_equal(t->uniques[1]->ninclude, 2);
	assert_string_equal(t->uniques[1]->include[0], "d");
	assert_string_equal(t->uniques[1]->include[1], "b");
	assert_int_equal(t->uniques[2]->nulls_not_distinct, 1);
	assert_int_equal(t->uniques[2]->pg_line, 4);
	assert_int_equal(t->uniques[2]->pg_col, 10);
	assert_int_equal(s->nindexes, 2);
	assert_int_equal(s->indexes[0]->ninclude, 1);
	assert_string_equal(s->indexes[0]->include[0], "c");
	assert_int_equal(s->indexes[0]->nulls_not_distinct, 1);
	assert_non_null(s->indexes[0]->where);
	assert_int_equal(s->indexes[1]->ninclude, 1);
	assert_string_equal(s->indexes[1]->include[0], "a");
	assert_int_equal(s->indexes[1]->nulls_not_distinct, 0);
	dbt_schema_free(s);
}

static void unique_keys_differing_in_include_or_nulls_are_both_kept(void **state)
{
	dbt_schema *s =
		parse_ok("CREATE TABLE t (a INT, b INT, UNIQUE (a), UNIQUE (a) INCLUDE (b),\n"
			 "  UNIQUE NULLS NOT DISTINCT (a), UNIQUE (a));");

	(void)state;
	assert_int_equal(s->tables[0]->nuniques, 3);
	dbt_schema_free(s);
}

static void check_not_valid_is_the_check(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE p (id INT PRIMARY KEY);\n"
		"CREATE TABLE t (a INT, CONSTRAINT pos CHECK (a > 0) NOT VALID);\n"
		"ALTER TABLE t ADD CONSTRAINT small CHECK (a < 10) NOT VALID;\n"
		"ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id) NOT VALID;");
	const dbt_table *t = s->tables[1];

	(void)state;
	assert_int_equal(t->nchecks, 2);
	assert_string_equal(t->checks[0]->name, "pos");
	assert_string_equal(t->checks[0]->expr, "a > 0");
	assert_string_equal(t->checks[1]->name, "small");
	assert_int_equal(t->nfks, 1);
	dbt_schema_free(s);
}

static void identity_options_are_kept_in_canonical_form(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE t (\n"
		"  a INT GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5),\n"
		"  b BIGINT GENERATED BY DEFAULT AS IDENTITY (CACHE 20 NO CYCLE INCREMENT -1),\n"
		"  c SMALLINT GENERATED ALWAYS AS IDENTITY (MINVALUE 1 MAXVALUE 32767 START 1 "
		"CACHE 1),\n"
		"  d INT GENERATED ALWAYS AS IDENTITY (MINVALUE 10 MAXVALUE 99 CYCLE),\n"
		"  e INT);\n"
		"ALTER TABLE t ALTER COLUMN e ADD GENERATED BY DEFAULT AS IDENTITY (\n"
		"  SEQUENCE NAME public.t_e_seq START WITH 7 INCREMENT BY 1 NO MINVALUE\n"
		"  NO MAXVALUE CACHE 1);");
	const dbt_table *t = s->tables[0];

	(void)state;
	assert_string_equal(t->columns[0]->identity_options, "START WITH 100 INCREMENT BY 5");
	assert_int_equal(dbt_column_places_get(t->columns[0])->identity_options_line, 2);
	assert_int_equal(dbt_column_places_get(t->columns[0])->identity_options_col, 38);
	assert_string_equal(t->columns[1]->identity_options, "INCREMENT BY -1 CACHE 20");
	assert_null(t->columns[2]->identity_options);
	assert_string_equal(t->columns[3]->identity_options, "MINVALUE 10 MAXVALUE 99 CYCLE");
	assert_int_equal(t->columns[4]->identity, DBT_IDENTITY_BY_DEFAULT);
	assert_string_equal(t->columns[4]->identity_options, "START WITH 7");
	dbt_schema_free(s);
}

BAD(identity_start_outside_its_bounds,
    "CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY (MINVALUE 5 START WITH 1))",
    "schema.sql:1:52: START value (1) cannot be outside MINVALUE and MAXVALUE")
BAD(identity_increment_zero, "CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY (INCREMENT 0))",
    "schema.sql:1:52: INCREMENT must not be zero")
BAD(identity_maxvalue_beyond_its_type,
    "CREATE TABLE t (a SMALLINT GENERATED ALWAYS AS IDENTITY (MAXVALUE 40000))",
    "schema.sql:1:57: MINVALUE or MAXVALUE is out of range for the column's type")
BAD(identity_unknown_option, "CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY (OWNED BY x))",
    "schema.sql:1:53: expected a sequence option or ')', found 'OWNED'")
BAD(identity_sequence_of_another_type,
    "CREATE TABLE t (a INT GENERATED ALWAYS AS IDENTITY (AS bigint))",
    "schema.sql:1:56: the sequence of identity column 'a' must have the column's type")
BAD(nulls_not_distinct_on_a_plain_index,
    "CREATE TABLE t (a INT);\n"
    "CREATE INDEX i ON t (a) NULLS NOT DISTINCT;",
    "schema.sql:2:25: NULLS NOT DISTINCT is only allowed on a unique index")
BAD(include_of_an_unknown_column, "CREATE TABLE t (a INT, UNIQUE (a) INCLUDE (b))",
    "schema.sql:1:44: unknown column 'b' in table 't'")
BAD(unlogged_needs_table, "CREATE UNLOGGED SEQUENCE s",
    "schema.sql:1:17: expected TABLE, found 'SEQUENCE'")

static void like_copies_per_its_options(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE a (id INT GENERATED ALWAYS AS IDENTITY (START 9) PRIMARY KEY,\n"
		"  b INT DEFAULT 3 CONSTRAINT b_pos CHECK (b > 0), c TEXT COLLATE \"C\" NOT NULL,\n"
		"  d INT GENERATED ALWAYS AS (b * 2) STORED, UNIQUE (c) INCLUDE (b),\n"
		"  CONSTRAINT a_fk FOREIGN KEY (b) REFERENCES a (id));\n"
		"CREATE INDEX a_b ON a USING hash (b);\n"
		"CREATE TABLE all_of_it (LIKE a INCLUDING ALL);\n"
		"CREATE TABLE bare (x INT, LIKE a, y INT);\n"
		"CREATE TABLE some (LIKE a INCLUDING ALL EXCLUDING INDEXES EXCLUDING DEFAULTS);\n");
	const dbt_table *t = dbt_schema_find_table(s, "all_of_it");
	const dbt_column *c;

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->ncolumns, 4);
	assert_int_equal(t->like_line, 6);
	assert_int_equal(t->like_col, 25);
	c = t->columns[0];
	assert_int_equal(c->identity, DBT_IDENTITY_ALWAYS);
	assert_string_equal(c->identity_options, "START WITH 9");
	assert_string_equal(t->columns[1]->default_expr, "3");
	assert_string_equal(t->columns[2]->collation, "C");
	assert_int_equal(t->columns[2]->not_null, 1);
	assert_non_null(t->columns[3]->generated_expr);
	assert_int_equal(t->nchecks, 1);
	assert_string_equal(t->checks[0]->name, "b_pos");
	assert_int_equal(t->nfks, 0);
	assert_non_null(t->pk);
	assert_string_equal(t->pk->name, "all_of_it_pkey");
	assert_int_equal(t->nuniques, 1);
	assert_string_equal(t->uniques[0]->name, "all_of_it_c_b_key");
	assert_int_equal(t->uniques[0]->name_given, 0);
	assert_int_equal(s->nindexes, 2);
	assert_string_equal(s->indexes[1]->table, "all_of_it");
	assert_string_equal(s->indexes[1]->name, "all_of_it_b_idx");
	assert_string_equal(s->indexes[1]->method, "hash");

	t = dbt_schema_find_table(s, "bare");
	assert_int_equal(t->ncolumns, 6);
	assert_string_equal(t->columns[0]->name, "x");
	assert_string_equal(t->columns[1]->name, "id");
	assert_int_equal(t->columns[1]->identity, DBT_IDENTITY_NONE);
	assert_int_equal(t->columns[1]->not_null, 1);
	assert_null(t->columns[2]->default_expr);
	assert_null(t->columns[4]->generated_expr);
	assert_string_equal(t->columns[5]->name, "y");
	assert_null(t->pk);
	assert_int_equal(t->nchecks, 0);

	t = dbt_schema_find_table(s, "some");
	assert_null(t->columns[1]->default_expr);
	assert_int_equal(t->columns[0]->identity, DBT_IDENTITY_ALWAYS);
	assert_int_equal(t->nchecks, 1);
	assert_null(t->pk);
	assert_int_equal(t->nuniques, 0);
	dbt_schema_free(s);
}

BAD(like_of_a_table_declared_later, "CREATE TABLE b (LIKE a);\nCREATE TABLE a (x INT);",
    "schema.sql:1:22: unknown table 'a' (LIKE must follow the source's CREATE TABLE)")
BAD(like_repeating_a_column, "CREATE TABLE a (x INT);\nCREATE TABLE b (x INT, LIKE a);",
    "schema.sql:2:24: duplicate column 'x' in table 'b' (LIKE 'a')")
BAD(like_unknown_option, "CREATE TABLE a (x INT);\nCREATE TABLE b (LIKE a INCLUDING KEYS);",
    "schema.sql:2:34: expected ALL, COMMENTS, COMPRESSION, CONSTRAINTS, DEFAULTS, GENERATED, "
    "IDENTITY, INDEXES, STATISTICS or STORAGE, found 'KEYS'")
BAD(like_defaults_of_a_serial,
    "CREATE TABLE a (id SERIAL PRIMARY KEY);\nCREATE TABLE b (LIKE a INCLUDING DEFAULTS);",
    "schema.sql:2:17: LIKE 'a' INCLUDING DEFAULTS would share the sequence of SERIAL column 'id': "
    "declare the column instead")

static void include_columns_follow_a_rename(void **state)
{
	dbt_schema *s = parse_ok("CREATE TABLE t (a INT, b INT, PRIMARY KEY (a) INCLUDE (b),\n"
				 "  UNIQUE (b) INCLUDE (a));\n"
				 "CREATE INDEX ti ON t (a) INCLUDE (b);\n"
				 "ALTER TABLE t RENAME COLUMN b TO c;\n");
	const dbt_table *t = s->tables[0];

	(void)state;
	assert_string_equal(t->pk->include[0], "c");
	assert_string_equal(t->uniques[0]->columns[0], "c");
	assert_string_equal(t->uniques[0]->include[0], "a");
	assert_string_equal(s->indexes[0]->include[0], "c");
	dbt_schema_free(s);
}

BAD(drop_column_a_key_includes,
    "CREATE TABLE t (a INT, b INT, UNIQUE (a) INCLUDE (b));\nALTER TABLE t DROP b;",
    "schema.sql:2:20: cannot drop column 'b' of table 't': a UNIQUE constraint uses it; drop or "
    "change that first")
BAD(drop_column_an_index_includes,
    "CREATE TABLE t (a INT, b INT);\nCREATE INDEX ti ON t (a) INCLUDE (b);\nALTER TABLE t DROP b;",
    "schema.sql:3:20: cannot drop column 'b' of table 't': index 'ti' uses it; drop or change that "
    "first")

BAD(partition_of_unknown_table, "CREATE TABLE p PARTITION OF m DEFAULT",
    "schema.sql:1:29: unknown table 'm'")
BAD(partition_needs_a_bound,
    "CREATE TABLE m (a INT) PARTITION BY LIST (a);\nCREATE TABLE p PARTITION OF m;",
    "schema.sql:2:30: expected FOR VALUES or DEFAULT, found ';'")
BAD(partition_bound_malformed,
    "CREATE TABLE m (a INT) PARTITION BY LIST (a);\nCREATE TABLE p PARTITION OF m FOR VALUES IN 1;",
    "schema.sql:2:31: invalid partition bound 'FOR VALUES IN 1': expected FOR VALUES ... or "
    "DEFAULT")
BAD(partition_key_malformed, "CREATE TABLE m (a INT) PARTITION BY SPLIT (a)",
    "schema.sql:1:37: invalid partition key 'SPLIT (a)': expected RANGE, LIST or HASH and the key "
    "in parentheses")
BAD(partition_declares_no_columns,
    "CREATE TABLE m (a INT) PARTITION BY LIST (a);\nCREATE TABLE p PARTITION OF m (b INT) DEFAULT;",
    "schema.sql:2:32: expected a constraint (a partition's columns are its parent's), found 'b'")
BAD(attach_partition_of_unknown_table,
    "CREATE TABLE m (a INT) PARTITION BY LIST (a);\nALTER TABLE m ATTACH PARTITION p DEFAULT;",
    "schema.sql:2:32: unknown table 'p' (ATTACH PARTITION must follow its CREATE TABLE)")
BAD(attach_index_of_unknown_index, "CREATE TABLE m (a INT);\nALTER INDEX m_a ATTACH PARTITION p_a;",
    "schema.sql:2:34: unknown index 'p_a' (ALTER INDEX must follow its CREATE INDEX or ADD "
    "CONSTRAINT)")
BAD(exclude_needs_a_method_or_list, "CREATE TABLE t (a INT, EXCLUDE WITH a)",
    "schema.sql:1:32: expected USING or '(', found 'WITH'")
BAD(duplicate_exclusion_name,
    "CREATE TABLE t (a INT CONSTRAINT c CHECK (a > 0),\n CONSTRAINT c EXCLUDE (a WITH =))",
    "schema.sql:2:2: duplicate constraint 'c' in table 't'")

/* ------------------------------------------------------------ rename hints */

static void sqlite_conflict_clauses_are_kept(void **state)
{
	const dbt_table *t;
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (\n"
		     "  id INTEGER PRIMARY KEY ASC ON CONFLICT REPLACE AUTOINCREMENT,\n"
		     "  a TEXT NOT NULL ON CONFLICT IGNORE,\n"
		     "  b TEXT UNIQUE ON CONFLICT FAIL,\n"
		     "  c INT,\n"
		     "  UNIQUE (a, b) ON CONFLICT ROLLBACK,\n"
		     "  CHECK (c > 0) ON CONFLICT abort\n"
		     ");\n"
		     "CREATE TABLE u (a INT, b INT, PRIMARY KEY (a, b) ON CONFLICT IGNORE);\n");
	t = s->tables[0];
	assert_int_equal(t->pk->conflict, DBT_CONFLICT_REPLACE);
	assert_true(t->columns[0]->autoincrement);
	assert_int_equal(dbt_column_places_get(t->columns[0])->conflict_line, 2);
	assert_int_equal(dbt_column_places_get(t->columns[0])->conflict_col, 30);
	assert_int_equal(t->columns[1]->not_null_conflict, DBT_CONFLICT_IGNORE);
	assert_int_equal(t->columns[2]->not_null_conflict, DBT_CONFLICT_NONE);
	assert_int_equal(t->nuniques, 2);
	assert_int_equal(t->uniques[0]->conflict, DBT_CONFLICT_FAIL);
	assert_int_equal(t->uniques[1]->conflict, DBT_CONFLICT_ROLLBACK);
	assert_int_equal(t->checks[0]->conflict, DBT_CONFLICT_ABORT);
	assert_int_equal(s->tables[1]->pk->conflict, DBT_CONFLICT_IGNORE);
	dbt_schema_free(s);
	/* NULL ON CONFLICT, which SQLite takes and which does nothing. */
	s = parse_ok("CREATE TABLE t (a TEXT NULL ON CONFLICT IGNORE);");
	assert_false(s->tables[0]->columns[0]->not_null);
	assert_int_equal(s->tables[0]->columns[0]->not_null_conflict, DBT_CONFLICT_NONE);
	assert_int_equal(dbt_column_places_get(s->tables[0]->columns[0])->conflict_line, 1);
	dbt_schema_free(s);
}

static void sqlite_default_double_quoted_is_a_string(void **state)
{
	const dbt_table *t;
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE t (a TEXT DEFAULT \"hello\",\n"
		     "  b TEXT DEFAULT \"it's \"\"x\"\"\" NOT NULL,\n"
		     "  c TEXT DEFAULT 'plain');\n");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "'hello'");
	assert_int_equal(dbt_column_places_get(t->columns[0])->dq_default_line, 1);
	assert_int_equal(dbt_column_places_get(t->columns[0])->dq_default_col, 32);
	assert_string_equal(t->columns[1]->default_expr, "'it''s \"x\"'");
	assert_true(t->columns[1]->not_null);
	assert_int_equal(dbt_column_places_get(t->columns[2])->dq_default_line, 0);
	dbt_schema_free(s);
}

static void model_drops_constraints_defaults_indexes_and_tables(void **state)
{
	const dbt_table *a, *b;
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x',\n"
		     "  code TEXT CONSTRAINT a_code_key UNIQUE, n INT CHECK (n > 0),\n"
		     "  CONSTRAINT a_n_max CHECK (n < 100));\n"
		     "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER CONSTRAINT b_a_fk\n"
		     "  REFERENCES a (id), note TEXT);\n"
		     "CREATE TABLE old (id INTEGER PRIMARY KEY, v TEXT);\n"
		     "CREATE INDEX old_v ON old (v);\n"
		     "CREATE INDEX b_note ON b (note);\n"
		     "CREATE INDEX b_note_a ON b (note, a_id);\n"
		     "ALTER TABLE a DROP CONSTRAINT a_code_key;\n"
		     "ALTER TABLE a DROP CONSTRAINT a_n_check, DROP CONSTRAINT IF EXISTS nope;\n"
		     "ALTER TABLE a ALTER COLUMN name DROP DEFAULT, ALTER name DROP NOT NULL;\n"
		     "ALTER TABLE b DROP CONSTRAINT b_a_fk;\n"
		     "DROP INDEX b_note;\n"
		     "DROP INDEX IF EXISTS nothing;\n"
		     "DROP TABLE old;\n");
	assert_int_equal(s->ntables, 2);
	a = s->tables[0];
	b = s->tables[1];
	assert_null(dbt_schema_find_table(s, "old"));
	assert_int_equal(a->nuniques, 0);
	assert_int_equal(a->nchecks, 1);
	assert_string_equal(a->checks[0]->name, "a_n_max");
	assert_null(a->columns[1]->default_expr);
	assert_false(a->columns[1]->not_null);
	assert_int_equal(b->nfks, 0);
	assert_int_equal(s->nindexes, 1);
	assert_string_equal(s->indexes[0]->name, "b_note_a");
	dbt_schema_free(s);
}

/* ALTER COLUMN ... [SET DATA] TYPE gives the column its new type and the
 * collation written or none; USING, how rows convert, is read and left. */
static void model_alter_column_type_changes_the_declared_type(void **state)
{
	const dbt_table *t;
	dbt_schema *s;

	(void)state;
	s = parse_ok(
		"CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s VARCHAR(10) COLLATE "
		"\"C\", m TEXT, k TEXT);\n"
		"ALTER TABLE t ALTER COLUMN n TYPE BIGINT;\n"
		"ALTER TABLE t ALTER COLUMN s SET DATA TYPE TEXT;\n"
		"ALTER TABLE t ALTER m TYPE INTEGER USING (coalesce(m, '0')::integer),\n"
		"  ALTER COLUMN k TYPE VARCHAR(20) COLLATE \"POSIX\", ALTER n SET DEFAULT 5;\n");
	t = s->tables[0];
	assert_int_equal(t->columns[1]->type.kind, DBT_TYPE_BIGINT);
	assert_int_equal(t->columns[1]->default_expr != NULL, 1);
	assert_int_equal(t->columns[2]->type.kind, DBT_TYPE_TEXT);
	assert_null(t->columns[2]->collation);
	assert_int_equal(t->columns[3]->type.kind, DBT_TYPE_INTEGER);
	assert_int_equal(t->columns[4]->type.length, 20);
	assert_string_equal(t->columns[4]->collation, "POSIX");
	dbt_schema_free(s);
	assert_parse_error("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER);\n"
			   "ALTER TABLE t ALTER COLUMN n SET DATA n;\n",
			   "schema.sql:2:39: expected TYPE, found 'n'");
}

static void model_drops_a_table_with_cascade_and_its_referencing_key(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
		     "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a);\n"
		     "DROP TABLE a CASCADE;\n");
	assert_int_equal(s->ntables, 1);
	assert_int_equal(s->tables[0]->nfks, 0);
	dbt_schema_free(s);
	s = parse_ok("CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
		     "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a);\n"
		     "DROP TABLE b, a;\n");
	assert_int_equal(s->ntables, 0);
	dbt_schema_free(s);
}

/* PostgreSQL keeps names that differ in case apart: "Users" and users,
 * with their keys and indexes as pg_dump names them. */
static void names_differing_in_case_are_two_relations(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok(
		"CREATE TABLE \"Users\" (id INT, email TEXT);\n"
		"CREATE TABLE users (id INT, email TEXT);\n"
		"ALTER TABLE ONLY \"Users\" ADD CONSTRAINT \"Users_pkey\" PRIMARY KEY (id);\n"
		"ALTER TABLE ONLY \"Users\" ADD CONSTRAINT \"Users_email_key\" UNIQUE (email);\n"
		"ALTER TABLE ONLY users ADD CONSTRAINT users_pkey PRIMARY KEY (id);\n"
		"ALTER TABLE ONLY users ADD CONSTRAINT users_email_key UNIQUE (email);\n"
		"CREATE INDEX \"Ix\" ON \"Users\" (email);\n"
		"CREATE INDEX ix ON users (email);\n"
		"CREATE TABLE t (a INT, CONSTRAINT \"C\" CHECK (a > 0), CONSTRAINT c CHECK (a < "
		"9));\n");
	assert_int_equal(s->ntables, 3);
	assert_int_equal(s->nindexes, 2);
	assert_string_equal(s->tables[1]->pk->name, "users_pkey");
	assert_int_equal(s->tables[2]->nchecks, 2);
	dbt_schema_free(s);
}

/* SQLite's forms in a sqlite3 .schema: a key's columns with an order,
 * and hexadecimal integers. */
static void sqlite_key_order_and_hex_literals(void **state)
{
	dbt_schema *s;
	const dbt_table *t;

	(void)state;
	s = parse_ok("CREATE TABLE b (x INT, y INT DEFAULT -0x10, z INT DEFAULT 0X1f,\n"
		     "  PRIMARY KEY (x DESC, y), UNIQUE (z ASC), CHECK (z < 0xFF));\n");
	t = s->tables[0];
	assert_int_equal(t->pk->ncolumns, 2);
	assert_string_equal(t->pk->columns[1], "y");
	assert_int_equal(t->uniques[0]->ncolumns, 1);
	assert_string_equal(t->columns[1]->default_expr, "-0x10");
	assert_string_equal(t->columns[2]->default_expr, "0X1f");
	assert_string_equal(t->checks[0]->expr, "z < 0xFF");
	dbt_schema_free(s);
}

/* The dump of a database that dbtool manages holds dbtool's own tables,
 * which are never part of a model: their statements are skipped. */
static void dbtool_own_tables_in_a_dump_are_skipped(void **state)
{
	dbt_schema *s;

	(void)state;
	s = parse_ok("CREATE TABLE public.dbtool_version (version_num character varying(64) NOT "
		     "NULL);\n"
		     "ALTER TABLE public.dbtool_version OWNER TO app;\n"
		     "CREATE TABLE \"dbtool_history\" (version_num VARCHAR(64) NOT NULL);\n"
		     "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
		     "ALTER TABLE ONLY public.dbtool_version\n"
		     "    ADD CONSTRAINT dbtool_version_pkc PRIMARY KEY (version_num);\n");
	assert_int_equal(s->ntables, 1);
	assert_string_equal(s->tables[0]->name, "t");
	assert_int_equal(s->nstatements, 0);
	dbt_schema_free(s);
}

/* What the database drops with a table goes with it in the model: its
 * triggers, comments, grants, policies and owned sequences; views on it
 * only with CASCADE (and the views on those). */
static void model_drops_a_table_with_what_is_on_it(void **state)
{
	dbt_schema *s;
	size_t i;

	(void)state;
	s = parse_ok("CREATE TABLE keep (id INTEGER PRIMARY KEY);\n"
		     "CREATE TABLE gone (id INTEGER PRIMARY KEY, n INTEGER);\n"
		     "CREATE SEQUENCE gone_n_seq;\n"
		     "ALTER SEQUENCE gone_n_seq OWNED BY public.gone.n;\n"
		     "CREATE TRIGGER tr AFTER UPDATE OF n ON public.gone FOR EACH ROW EXECUTE "
		     "FUNCTION f();\n"
		     "CREATE TRIGGER keep_tr AFTER INSERT ON keep BEGIN SELECT 1; END;\n"
		     "COMMENT ON TABLE gone IS 'x';\n"
		     "COMMENT ON COLUMN gone.n IS 'y';\n"
		     "COMMENT ON CONSTRAINT gone_pkey ON gone IS 'z';\n"
		     "GRANT SELECT ON TABLE gone TO reader;\n"
		     "CREATE POLICY p ON gone USING (true);\n"
		     "ALTER TABLE gone ENABLE ROW LEVEL SECURITY;\n"
		     "CREATE VIEW v AS SELECT g.id FROM keep k JOIN gone g ON g.id = k.id;\n"
		     "CREATE VIEW vv AS SELECT id FROM v;\n"
		     "CREATE VIEW keep_view AS SELECT id AS gone FROM keep;\n"
		     "COMMENT ON VIEW vv IS 'w';\n"
		     "DROP TABLE gone CASCADE;\n"
		     "CREATE SEQUENCE gone_n_seq;\n");
	assert_int_equal(s->ntables, 1);
	for (i = 0; i < s->nstatements; i++)
		if (strcmp(s->statements[i]->kind, "sequence"))
			assert_string_not_equal(s->statements[i]->name, "tr");
	assert_int_equal(s->nstatements, 3);
	assert_string_equal(s->statements[0]->name, "keep_tr");
	assert_string_equal(s->statements[1]->name, "keep_view");
	assert_string_equal(s->statements[2]->name, "gone_n_seq");
	dbt_schema_free(s);
}

BAD(drop_table_a_view_uses,
    "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n"
    "CREATE VIEW v AS SELECT x.id FROM a x, public.b;\nDROP TABLE b;",
    "schema.sql:4:12: cannot drop table 'b': view 'v' uses it (DROP TABLE ... CASCADE drops it "
    "too)")

BAD(drop_table_a_view_uses_in_brackets,
    "CREATE TABLE [Order Details] (id INT);\n"
    "CREATE VIEW v AS SELECT * FROM main.[Order Details];\nDROP TABLE [Order Details];",
    "schema.sql:3:12: cannot drop table 'Order Details': view 'v' uses it (DROP TABLE ... "
    "CASCADE drops it too)")

/* SQLite takes DEFAULT word as the string 'word', as written; a value of
 * its own (TRUE, CURRENT_TIMESTAMP), a typed literal, a call or a
 * reserved word is not one. */
static void sqlite_default_bare_word_is_a_string(void **state)
{
	const dbt_table *t;
	dbt_schema *s;

	(void)state;
	s = parse_ok(
		"CREATE TABLE t (a TEXT DEFAULT Hello,\n"
		"  b TEXT DEFAULT [br] NOT NULL, c TEXT DEFAULT `bq`, d BOOLEAN DEFAULT TRUE,\n"
		"  e DATE DEFAULT DATE '2020-01-01', f TEXT DEFAULT lower('X'),\n"
		"  g TIMESTAMP DEFAULT current_timestamp, h TEXT DEFAULT action);\n");
	t = s->tables[0];
	assert_string_equal(t->columns[0]->default_expr, "'Hello'");
	assert_int_equal(dbt_column_places_get(t->columns[0])->dq_default_line, 1);
	assert_int_equal(dbt_column_places_get(t->columns[0])->dq_default_col, 32);
	assert_true(t->columns[0]->dq_default_bare);
	assert_string_equal(t->columns[1]->default_expr, "'br'");
	assert_true(t->columns[1]->not_null);
	assert_string_equal(t->columns[2]->default_expr, "'bq'");
	assert_int_equal(dbt_column_places_get(t->columns[3])->dq_default_line, 0);
	assert_int_equal(dbt_column_places_get(t->columns[4])->dq_default_line, 0);
	assert_int_equal(dbt_column_places_get(t->columns[5])->dq_default_line, 0);
	assert_int_equal(dbt_column_places_get(t->columns[6])->dq_default_line, 0);
	assert_string_equal(t->columns[7]->default_expr, "'action'");
	dbt_schema_free(s);
}

BAD(default_reserved_word, "CREATE TABLE t (a TEXT DEFAULT select)",
    "schema.sql:1:32: expected a default value, found 'select'")

static void rename_hints_are_read_from_the_line_before(void **state)
{
	dbt_schema *s = parse_ok("-- people were users\n"
				 "--   Renamed   From:  users  \n"
				 "CREATE TABLE people (\n"
				 "    id INTEGER PRIMARY KEY,\n"
				 "    -- renamed from: \"Name\"\n"
				 "    full_name TEXT,\n"
				 "    age INT -- renamed from: nothing, on its own line only\n"
				 "    , years INT,\n"
				 "    -- renamed from: for_the_first_column_of_its_line\n"
				 "    x INT, y INT\n"
				 ");\n"
				 "-- renamed from: x\n"
				 "\n"
				 "CREATE TABLE t (a INT);\n");
	const dbt_table *t = dbt_schema_find_table(s, "people");

	(void)state;
	assert_string_equal(t->renamed_from, "users");
	assert_int_equal(t->renamed_line, 2);
	assert_int_equal(t->renamed_col, 23);
	assert_string_equal(dbt_table_find_column(t, "full_name")->renamed_from, "Name");
	assert_int_equal(dbt_column_places_get(dbt_table_find_column(t, "full_name"))->renamed_line,
			 5);
	assert_null(dbt_table_find_column(t, "id")->renamed_from);
	assert_null(dbt_table_find_column(t, "age")->renamed_from);
	assert_null(dbt_table_find_column(t, "years")->renamed_from);
	assert_non_null(dbt_table_find_column(t, "x")->renamed_from);
	assert_null(dbt_table_find_column(t, "y")->renamed_from);
	/* A blank line between hint and table: no hint. */
	assert_null(dbt_schema_find_table(s, "t")->renamed_from);
	dbt_schema_free(s);
}

BAD(rename_hint_without_a_name, "-- renamed from:\nCREATE TABLE t (a INT);",
    "schema.sql:1:17: expected one table or column name after '-- renamed from:'")
BAD(rename_hint_with_two_names, "CREATE TABLE t (\n  -- renamed from: a b\n  c INT);",
    "schema.sql:2:20: expected one table or column name after '-- renamed from:'")
BAD(rename_hint_naming_a_declared_table,
    "CREATE TABLE users (id INT);\n-- renamed from: users\nCREATE TABLE people (id INT);",
    "schema.sql:2:18: table 'people' is renamed from 'users', which the model still declares "
    "at line 1")
BAD(rename_hint_naming_a_declared_column,
    "CREATE TABLE t (\n  -- renamed from: b\n  a INT,\n  b INT);",
    "schema.sql:2:20: column 't.a' is renamed from 'b', which the model still declares at line 4")
BAD(two_tables_renamed_from_one,
    "-- renamed from: u\nCREATE TABLE a (id INT);\n"
    "-- renamed from: u\nCREATE TABLE b (id INT);",
    "schema.sql:3:18: tables 'a' and 'b' are both renamed from 'u'")

/* ---------------------------------- names that differ in ASCII case only */

static const char nocase_model[] = "CREATE TABLE [Users] ([Name] text UNIQUE, X int);\n"
				   "CREATE INDEX ix ON users (x);\n"
				   "CREATE TABLE p (u text REFERENCES USERS (NAME));\n";

static void nocase_references_take_the_declared_spelling(void **state)
{
	dbt_schema *s = NULL;
	const dbt_fk *fk;

	(void)state;
	assert_int_equal(dbt_parse_model_as(&s, "schema.sql", nocase_model, strlen(nocase_model),
					    DBT_PARSE_NOCASE_NAMES),
			 0);
	assert_string_equal(s->indexes[0]->table, "Users");
	assert_string_equal(s->indexes[0]->elems[0].column, "x");
	fk = s->tables[1]->fks[0];
	assert_string_equal(fk->ref_table, "Users");
	assert_string_equal(fk->ref_columns[0], "Name");
	dbt_schema_free(s);
}

static void references_differing_in_case_are_unknown_by_default(void **state)
{
	(void)state;
	assert_parse_error(nocase_model, "schema.sql:2:20: unknown table 'users'");
}

/* ------------------------------------------------ sqlite3's .dump lines */

static void dump_pragma_transaction_and_sequence_lines_are_skipped(void **state)
{
	dbt_schema *s = parse_ok("PRAGMA foreign_keys=OFF;\n"
				 "BEGIN TRANSACTION;\n"
				 "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, b TEXT);\n"
				 "DELETE FROM sqlite_sequence;\n"
				 "INSERT INTO sqlite_sequence VALUES('a',2);\n"
				 "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END;\n"
				 "CREATE INDEX ab ON a (b);\n"
				 "COMMIT;\n");

	(void)state;
	assert_int_equal(s->ntables, 1);
	assert_int_equal(s->nindexes, 1);
	assert_int_equal(s->nstatements, 1);
	dbt_schema_free(s);
}

/* ------------------------------------------- sqldef's rename hint form */

static void at_renamed_hints_are_read_on_the_line_and_before_it(void **state)
{
	dbt_schema *s =
		parse_ok("CREATE TABLE users ( -- @renamed from=user_accounts\n"
			 "    id INT,\n"
			 "    user_name TEXT, -- @renamed from=username\n"
			 "    /* @renamed from=\"Age\" */\n"
			 "    age INT,\n"
			 "    -- @renamed from=old_note\n"
			 "    note TEXT /* @renamed from=memo */, plain TEXT -- @renamed_by ann\n"
			 ");\n"
			 "CREATE TABLE new_users /* @renamed from=\"user accounts\" */ (\n"
			 "    a INT, b INT -- @renamed from=c\n"
			 ");\n"
			 "-- @renamed from=t_old\n"
			 "CREATE TABLE t (x TEXT DEFAULT '-- @renamed from=no');\n");
	const dbt_table *t = dbt_schema_find_table(s, "users"), *n, *u;

	(void)state;
	assert_string_equal(t->renamed_from, "user_accounts");
	assert_int_equal(t->renamed_line, 1);
	assert_int_equal(t->renamed_col, 39);
	assert_null(dbt_table_find_column(t, "id")->renamed_from);
	assert_string_equal(dbt_table_find_column(t, "user_name")->renamed_from, "username");
	assert_int_equal(dbt_column_places_get(dbt_table_find_column(t, "user_name"))->renamed_line,
			 3);
	assert_string_equal(dbt_table_find_column(t, "age")->renamed_from, "Age");
	/* The trailing hint counts over the one before. */
	assert_string_equal(dbt_table_find_column(t, "note")->renamed_from, "memo");
	assert_null(dbt_table_find_column(t, "plain")->renamed_from);
	n = dbt_schema_find_table(s, "new_users");
	assert_string_equal(n->renamed_from, "user accounts");
	assert_null(dbt_table_find_column(n, "a")->renamed_from);
	assert_string_equal(dbt_table_find_column(n, "b")->renamed_from, "c");
	u = dbt_schema_find_table(s, "t");
	assert_string_equal(u->renamed_from, "t_old");
	assert_null(dbt_table_find_column(u, "x")->renamed_from);
	dbt_schema_free(s);
}

BAD(at_renamed_without_a_name, "CREATE TABLE t ( -- @renamed from=\n  a INT);",
    "schema.sql:1:35: expected one table, column or index name after '@renamed from='")
BAD(at_renamed_without_from, "CREATE TABLE t (\n  a INT -- @renamed a\n);",
    "schema.sql:2:20: expected one table, column or index name after '@renamed from='")
BAD(at_renamed_naming_a_declared_column,
    "CREATE TABLE t (\n  username TEXT,\n  user_name TEXT -- @renamed from=username\n);",
    "schema.sql:3:35: column 't.user_name' is renamed from 'username', which the model still "
    "declares at line 2")

static void index_rename_hints_are_read_in_each_place(void **state)
{
	dbt_schema *s = parse_ok(
		"CREATE TABLE t (a INT, b INT, c INT, d INT);\n"
		"CREATE INDEX ia /* @renamed from=old_a */ ON t (a);\n"
		"-- renamed from: old_b\n"
		"CREATE INDEX ib ON t (b);\n"
		"CREATE UNIQUE INDEX ic ON t (c); -- @renamed from=\"Old C\"\n"
		"CREATE INDEX id ON t (d); CREATE INDEX ie ON t (a, b); -- @renamed from=e\n"
		"CREATE INDEX ON t (c, d); -- @renamed from=unnamed\n");

	(void)state;
	assert_string_equal(dbt_schema_find_index(s, "ia")->renamed_from, "old_a");
	assert_string_equal(dbt_schema_find_index(s, "ib")->renamed_from, "old_b");
	assert_int_equal(dbt_schema_find_index(s, "ib")->renamed_line, 3);
	assert_string_equal(dbt_schema_find_index(s, "ic")->renamed_from, "Old C");
	assert_null(dbt_schema_find_index(s, "id")->renamed_from);
	assert_string_equal(dbt_schema_find_index(s, "ie")->renamed_from, "e");
	assert_null(s->indexes[5]->renamed_from);
	dbt_schema_free(s);
}

BAD(index_rename_hint_naming_a_declared_index,
    "CREATE TABLE t (a INT);\nCREATE INDEX old ON t (a);\n"
    "CREATE INDEX new ON t (a); -- @renamed from=old",
    "schema.sql:3:45: index 'new' is renamed from 'old', which the model still declares at line 2")

#define T(fn) cmocka_unit_test(fn)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(empty_model_is_an_empty_schema),
		T(every_portable_type_and_alias_maps_to_its_canonical_type),
		T(any_type_name_is_taken_as_declared),
		T(keywords_are_read_in_any_case),
		T(unquoted_names_fold_to_lower_case),
		T(tables_of_other_schemas_keep_their_schema),
		T(enums_and_domains_of_other_schemas_are_kept_qualified),
		T(one_name_in_two_schemas_is_two_tables),
		T(quoted_names_keep_case_and_are_marked),
		T(quoted_names_hold_quotes_reserved_words_and_utf8),
		T(comments_are_allowed_everywhere),
		T(if_not_exists_is_accepted),
		T(last_statement_needs_no_semicolon),
		T(byte_order_mark_and_crlf_are_accepted),
		T(positions_are_kept_on_tables_columns_and_indexes),
		T(column_primary_key_is_the_table_key_and_not_null),
		T(table_primary_key_may_be_composite_and_named),
		T(unique_constraints_on_columns_and_tables),
		T(unique_repeating_the_primary_key_is_dropped),
		T(column_references_make_a_one_column_foreign_key),
		T(table_foreign_key_may_be_composite_and_named),
		T(foreign_key_actions_are_read),
		T(foreign_key_deferrable_forms),
		T(keys_take_deferrable_forms),
		T(checks_keep_no_inherit),
		T(storage_parameters_are_canonical),
		T(foreign_key_set_null_takes_columns),
		T(alter_column_sets_statistics_and_storage),
		T(create_statistics_is_kept_as_a_statement),
		T(foreign_key_match_is_read),
		T(index_keys_take_operator_classes),
		T(index_methods_and_nulls_order_are_kept),
		T(defaults_take_arrays_and_pg_dump_casts),
		T(sqlite_type_spellings_of_other_tools),
		T(mariadb_display_width_and_auto_increment),
		T(mariadb_backquoted_names_in_expressions),
		T(mariadb_key_prefix_is_a_column_with_its_length),
		T(sqlite_quoting_styles_are_names),
		T(bracket_name_must_end_on_its_line),
		T(bracket_name_must_not_be_empty),
		T(backtick_name_must_not_be_empty),
		T(backtick_table_name_must_not_be_empty),
		T(foreign_key_match_needs_a_kind),
		T(foreign_keys_may_reference_tables_declared_later),
		T(foreign_keys_may_reference_reserved_word_tables_declared_later),
		T(foreign_key_may_reference_its_own_table),
		T(foreign_key_may_reference_a_unique_constraint_or_index),
		T(check_constraints_on_columns_and_tables),
		T(defaults_cast_to_the_managed_schema_lose_its_name),
		T(literal_defaults_are_canonical),
		T(default_null_is_no_default),
		T(expression_defaults_are_canonical),
		T(defaults_take_word_operators_without_parentheses),
		T(default_may_be_a_case_expression),
		T(typed_literals_of_types_of_several_words_are_casts),
		T(typed_literal_after_a_type_word_is_left_as_written),
		T(typed_literal_after_a_backquoted_name_is_a_cast),
		T(type_word_after_a_cast_begins_no_typed_literal),
		T(index_key_refused_by_its_second_reading_names_its_place),
		T(typed_literal_with_a_backquoted_name_in_its_modifiers_is_a_cast),
		T(interval_literals_keep_their_fields),
		T(serial_is_an_autoincrementing_not_null_integer),
		T(integer_primary_key_autoincrement_is_autoincrement),
		T(generated_as_identity_sets_the_identity_kind),
		T(generated_columns_keep_expression_and_storage),
		T(table_options_are_read_with_their_places),
		T(collation_qualified_by_pg_catalog_is_the_collation),
		T(collation_is_kept_folded_like_a_name),
		T(nullable_columns_may_say_null),
		T(indexes_on_columns_with_directions),
		T(indexes_on_expressions),
		T(index_keys_take_word_operators_without_parentheses),
		T(index_built_concurrently_is_a_plain_index),
		T(table_may_have_no_columns),
		T(partial_index_keeps_its_where),
		T(index_may_come_before_its_table),
		T(index_names_fold_and_may_be_quoted),
		T(model_file_is_read_from_disk),
		T(missing_model_file_is_not_found),
		T(model_file_errors_name_the_file),
		T(insert_is_refused_as_rows),
		T(drop_is_unsupported),
		T(pg_dump_head_and_alter_table_are_read),
		T(owned_sequence_with_nextval_default_is_serial),
		T(identity_added_by_alter_table_is_read),
		T(other_statements_are_kept_with_kind_name_and_place),
		T(sqlite_schema_output_is_read),
		T(alter_table_must_follow_create_table),
		T(alter_table_unknown_column),
		T(alter_table_unknown_action),
		T(alter_table_rename_to_existing),
		T(alter_table_rename_unknown_column),
		T(alter_table_rename_to_existing_column),
		T(alter_table_drop_indexed_column),
		T(alter_table_drop_referenced_column),
		T(alter_table_drop_unknown_column),
		T(alter_table_rename_to_follows_references),
		T(alter_table_rename_column_follows_uses),
		T(alter_table_drop_column_takes_its_checks),
		T(alter_table_rename_rewrites_earlier_statements),
		T(index_keys_bare_expression_and_collation),
		T(index_bare_expression_unknown_column),
		T(primary_key_desc_and_key_collations_are_kept),
		T(autoincrement_after_primary_key_desc),
		T(alter_table_second_default),
		T(alter_table_duplicate_constraint),
		T(owned_by_unknown_sequence),
		T(owned_by_unknown_column),
		T(select_is_unsupported),
		T(psql_meta_command_only_between_statements),
		T(create_temp_table_is_unsupported),
		T(statement_must_start_with_a_word),
		T(create_needs_a_kind),
		T(create_unique_needs_index),
		T(statements_need_a_semicolon_between_them),
		T(unknown_table_option),
		T(without_needs_rowid),
		T(table_option_twice),
		T(table_needs_a_name),
		T(objects_of_other_schemas_are_unsupported),
		T(composite_types_of_other_schemas_are_unsupported),
		T(sequences_of_other_schemas_are_unsupported),
		T(a_name_holding_the_qualifier_byte_is_refused),
		T(a_bracketed_name_holding_the_qualifier_byte_is_refused),
		T(a_backquoted_name_holding_the_qualifier_byte_is_refused),
		T(if_not_exists_must_be_complete),
		T(table_list_needs_its_end),
		T(default_word_operator_needs_its_words),
		T(default_at_time_zone_needs_zone),
		T(default_case_needs_end),
		T(default_case_keeps_its_parentheses),
		T(default_array_keeps_its_parentheses),
		T(default_array_closes_no_other_parenthesis),
		T(default_array_operator_needs_an_operand),
		T(default_array_operator_needs_an_operand_in_parentheses),
		T(trailing_comma_in_table),
		T(unclosed_table),
		T(reserved_word_needs_quotes),
		T(reserved_table_name_needs_quotes),
		T(unclosed_array_brackets),
		T(type_parameter_out_of_range),
		T(numeric_scale_out_of_range),
		T(numeric_scale_above_range),
		T(integer_takes_no_parameter),
		T(mariadb_spellings_as_inspect_prints_them),
		T(mariadb_dump_create_table_reads),
		T(mariadb_key_lines_and_columns_named_key),
		T(mariadb_index_types_are_read_and_not_kept),
		T(mariadb_table_options_make_its_types_mariadbs),
		T(mariadb_conditional_comments_of_set_and_drop),
		T(mariadb_dump_refusals),
		T(mariadb_comments_and_on_update_read),
		T(mariadb_attributes_end_a_type_of_its_own),
		T(time_zone_must_be_complete),
		T(unclosed_type_parameter),
		T(columns_are_separated_by_commas),
		T(duplicate_column),
		T(duplicate_table),
		T(names_differing_in_case_only_are_distinct),
		T(two_column_primary_keys),
		T(column_and_table_primary_keys),
		T(primary_key_on_unknown_column),
		T(column_twice_in_primary_key),
		T(primary_needs_key),
		T(unique_on_unknown_column),
		T(empty_column_list),
		T(null_and_not_null),
		T(null_primary_key),
		T(not_needs_null),
		T(two_defaults),
		T(default_needs_a_value),
		T(default_may_not_name_a_column),
		T(default_operator_needs_an_operand),
		T(default_cast_needs_a_type),
		T(serial_with_default),
		T(identity_with_default),
		T(serial_identity),
		T(identity_on_text),
		T(generated_by_default_needs_identity),
		T(generated_with_default),
		T(identity_and_generated),
		T(generated_needs_an_expression),
		T(generated_needs_always_or_by_default),
		T(autoincrement_needs_integer),
		T(autoincrement_needs_primary_key),
		T(serial_autoincrement),
		T(collation_on_integer),
		T(two_collations),
		T(collation_of_another_schema),
		T(collate_needs_a_name),
		T(check_needs_parentheses),
		T(check_needs_an_expression),
		T(unclosed_check),
		T(column_constraint_name_needs_a_constraint),
		T(named_not_null_default_and_collate),
		T(constraint_needs_a_kind),
		T(duplicate_constraint_name),
		T(key_name_used_by_a_table),
		T(key_name_used_in_two_tables),
		T(foreign_needs_key),
		T(foreign_key_needs_references),
		T(references_needs_a_table),
		T(foreign_key_to_unknown_table),
		T(foreign_key_to_unknown_column),
		T(foreign_key_from_unknown_column),
		T(foreign_key_to_table_without_key),
		T(foreign_key_column_count_mismatch),
		T(foreign_key_to_columns_that_are_not_unique),
		T(foreign_key_to_key_with_another_collation),
		T(foreign_key_to_key_with_the_columns_own_collation),
		T(foreign_key_action_unknown),
		T(foreign_key_set_needs_null_or_default),
		T(foreign_key_on_needs_delete_or_update),
		T(foreign_key_action_twice),
		T(initially_deferred_not_deferrable),
		T(deferrable_and_not_deferrable),
		T(initially_needs_deferred_or_immediate),
		T(key_not_deferrable_initially_deferred),
		T(check_no_needs_inherit),
		T(storage_of_toast_not_managed),
		T(storage_name_of_other_characters),
		T(storage_name_quoted_in_capitals),
		T(statistics_target_out_of_range),
		T(storage_kind_unknown),
		T(key_initially_needs_deferred_or_immediate),
		T(index_on_unknown_table),
		T(index_on_unknown_column),
		T(index_on_unknown_parenthesised_column),
		T(duplicate_index),
		T(index_named_like_a_table),
		T(index_named_like_a_later_key),
		T(key_named_like_its_own_table),
		T(index_needs_on),
		T(index_nulls_needs_first_or_last),
		T(autoincrement_in_primary_key_list_needs_an_integer),
		T(autoincrement_in_primary_key_list_of_two_columns),
		T(index_needs_keys),
		T(index_where_needs_an_expression),
		T(index_where_unbalanced),
		T(index_expression_ends_in_an_operator),
		T(index_bare_expression_operator_before_comma),
		T(exclude_method_is_one_name),
		T(check_of_an_empty_expression_names_its_place),
		T(table_check_of_an_empty_expression_names_its_place),
		T(default_of_an_empty_expression_names_its_place),
		T(exclude_element_is_not_a_column_definition),
		T(exclude_element_needs_an_operator),
		T(exclude_elements_need_a_separator),
		T(exclude_needs_a_method_after_using),
		T(index_where_extra_parenthesis),
		T(index_where_needs_an_expression_before_parenthesis),
		T(concurrently_is_not_an_index_name),
		T(empty_quoted_identifier),
		T(unterminated_quoted_identifier),
		T(unterminated_string),
		T(unterminated_comment),
		T(type_starts_with_its_name),
		T(type_qualifier_needs_a_type_after_it),
		T(type_qualifier_needs_a_name_before_it),
		T(type_qualifier_is_no_constraint_word),
		T(type_has_one_qualifier_at_most),
		T(byte_order_mark_only_at_the_start),
		T(byte_order_mark_inside_a_name),
		T(stray_character),
		T(parameter_marker),
		T(name_longer_than_63_bytes),
		T(invalid_utf8_is_an_error),
		T(nul_byte_is_an_error),
		T(nul_byte_inside_a_string_is_an_error),
		T(nul_byte_inside_a_comment_is_an_error),
		T(nul_byte_inside_a_bracket_or_backtick_name_is_an_error),
		T(type_name_in_backticks_is_an_error),
		T(name_in_backticks_in_a_type_is_an_error),
		T(fault_right_after_a_name_is_reported),
		T(sign_after_sign_in_a_default_keeps_a_space),
		T(error_column_counts_characters_after_utf8),
		T(partitioned_table_and_partitions_are_held),
		T(pg_dump_attached_partitions_leave_the_parents_objects_out),
		T(exclusion_constraints_are_held_with_their_definition),
		T(exclusion_without_using_is_btree),
		T(partition_of_unknown_table),
		T(partition_needs_a_bound),
		T(partition_bound_malformed),
		T(partition_key_malformed),
		T(partition_declares_no_columns),
		T(attach_partition_of_unknown_table),
		T(attach_index_of_unknown_index),
		T(exclude_needs_a_method_or_list),
		T(duplicate_exclusion_name),
		T(sqlite_conflict_clauses_are_kept),
		T(sqlite_default_double_quoted_is_a_string),
		T(conflict_needs_a_resolution),
		T(conflict_after_a_column_check),
		T(model_drops_constraints_defaults_indexes_and_tables),
		T(model_alter_column_type_changes_the_declared_type),
		T(model_drops_a_table_with_cascade_and_its_referencing_key),
		T(names_differing_in_case_are_two_relations),
		T(sqlite_key_order_and_hex_literals),
		T(dbtool_own_tables_in_a_dump_are_skipped),
		T(model_drops_a_table_with_what_is_on_it),
		T(drop_table_a_view_uses),
		T(drop_table_a_view_uses_in_brackets),
		T(sqlite_default_bare_word_is_a_string),
		T(default_reserved_word),
		T(drop_unknown_constraint),
		T(drop_default_the_column_has_not),
		T(drop_not_null_the_column_has_not),
		T(drop_not_null_of_a_key_column),
		T(drop_key_a_foreign_key_uses),
		T(drop_unknown_index),
		T(drop_unknown_table),
		T(drop_table_a_foreign_key_references),
		T(drop_table_a_foreign_key_references_beside_its_own),
		T(rename_hints_are_read_from_the_line_before),
		T(rename_hint_without_a_name),
		T(rename_hint_with_two_names),
		T(rename_hint_naming_a_declared_table),
		T(rename_hint_naming_a_declared_column),
		T(two_tables_renamed_from_one),
		T(unlogged_table_is_marked_where_written),
		T(keys_and_indexes_keep_include_and_nulls_not_distinct),
		T(unique_keys_differing_in_include_or_nulls_are_both_kept),
		T(check_not_valid_is_the_check),
		T(identity_options_are_kept_in_canonical_form),
		T(identity_start_outside_its_bounds),
		T(identity_increment_zero),
		T(identity_maxvalue_beyond_its_type),
		T(identity_unknown_option),
		T(identity_sequence_of_another_type),
		T(nulls_not_distinct_on_a_plain_index),
		T(include_of_an_unknown_column),
		T(unlogged_needs_table),
		T(like_copies_per_its_options),
		T(like_of_a_table_declared_later),
		T(like_repeating_a_column),
		T(like_unknown_option),
		T(like_defaults_of_a_serial),
		T(include_columns_follow_a_rename),
		T(drop_column_a_key_includes),
		T(drop_column_an_index_includes),
		T(nocase_references_take_the_declared_spelling),
		T(references_differing_in_case_are_unknown_by_default),
		T(dump_pragma_transaction_and_sequence_lines_are_skipped),
		T(delete_is_refused_as_rows),
		T(at_renamed_hints_are_read_on_the_line_and_before_it),
		T(at_renamed_without_a_name),
		T(at_renamed_without_from),
		T(at_renamed_naming_a_declared_column),
		T(index_rename_hints_are_read_in_each_place),
		T(index_rename_hint_naming_a_declared_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
