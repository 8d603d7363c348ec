/*
 * reflect_postgres.c - reads a live PostgreSQL schema into the Schema model
 * (schema.h), normalised as the model parser normalises a model, so that a
 * model applied to an empty database and reflected back compares equal.
 *
 * Four catalog queries read the whole schema whatever its size (tables,
 * columns, constraints, indexes), inside one read-only snapshot.  The
 * tables' query also takes a census of the other kinds of objects, and
 * the query of a kind the schema does not hold is not sent: a schema of
 * tables only costs those four and its transaction.  Types
 * go through dbt_type_from_postgres on format_type()'s text; a column whose
 * default is nextval() of a sequence it owns is SERIAL.
 *
 * Defaults, CHECK expressions, index keys and WHERE clauses are kept as
 * the server prints them, casts and parentheses included: they are valid
 * SQL that means what the database means, and a model that spells them
 * otherwise meets them in the scratch database (scratch.h), which builds
 * the model's table and reads it back through this same code.  Only a
 * default that is one literal cast to the column's own type is read as
 * the literal ('a'::character varying is 'a', '-1'::integer is -1), which
 * assignment to the column makes the same value, so that the commonest
 * defaults cost no scratch work.  Index access methods, operator classes
 * NULLS FIRST/LAST, INCLUDE columns and NULLS NOT DISTINCT are read.
 */
#include "dialect.h"
#include "defaults.h"

#include "error.h"
#include "ident.h"
#include "reflect_postgres_objects.h"
#include "lex.h"
#include "schema.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ============================================================ expressions */

/* The element [a, b) of an ARRAY[...] when it ends in a second cast
 * ('x'::character varying::text): the index of that last "::", else 0. */
static size_t outer_cast(const char *text, const dbt_token *v, size_t a, size_t b)
{
	size_t k, last = 0, casts = 0;
	int depth = 0;

	for (k = a; k < b; k++) {
		if (dbt_token_is(text, &v[k], "(") || dbt_token_is(text, &v[k], "["))
			depth++;
		else if (dbt_token_is(text, &v[k], ")") || dbt_token_is(text, &v[k], "]"))
			depth--;
		else if (depth == 0 && dbt_token_is(text, &v[k], "::")) {
			last = k;
			casts++;
		}
	}
	if (casts < 2 || last + 1 >= b)
		return 0;
	for (k = last + 1; k < b; k++)
		if (v[k].kind != DBT_TOK_WORD)
			return 0;
	return last;
}

/*
 * The server prints an IN list over a VARCHAR column two ways: as the
 * constraint was made, ARRAY['a'::character varying, ...]::text[], and,
 * when made from pg_dump's text, ARRAY['a'::character varying::text, ...].
 * Both are the same array: the second is written as the first, the
 * cast that every element ends in moved onto the array, so that a dump
 * of the database reads back equal.  In `out`, caller frees.
 */
static int hoist_array_casts(char **out, const char *text)
{
	dbt_lexer lx;
	dbt_token tok, *v = NULL, *grown;
	dbt_buf b = DBT_BUF_INIT;
	size_t n = 0, i, copied = 0;

	*out = NULL;
	dbt_lex_init(&lx, text, strlen(text));
	for (;;) {
		if (dbt_lex_next(&lx, &tok) < 0) {
			dbt_error_clear();
			n = 0;
			break;
		}
		if (tok.kind == DBT_TOK_END)
			break;
		if (!(grown = realloc(v, (n + 1) * sizeof(*v)))) {
			free(v);
			return dbt_error_oom();
		}
		v = grown;
		v[n++] = tok;
	}
	for (i = 0; i + 2 < n; i++) {
		size_t j, a, k, cast, sfrom = 0, slen = 0, nel = 0;
		int depth = 0, ok = 1;

		if (!dbt_token_is(text, &v[i], "array") || !dbt_token_is(text, &v[i + 1], "["))
			continue;
		for (j = i + 1; j < n; j++) {
			if (dbt_token_is(text, &v[j], "[") || dbt_token_is(text, &v[j], "("))
				depth++;
			else if ((dbt_token_is(text, &v[j], "]") ||
				  dbt_token_is(text, &v[j], ")")) &&
				 --depth == 0)
				break;
		}
		if (j >= n || j == i + 2)
			continue;
		/* Every element, split at the top level's commas, must end in
		 * the same second cast. */
		for (a = k = i + 2, depth = 0; ok && k <= j; k++) {
			if (k < j) {
				if (dbt_token_is(text, &v[k], "(") ||
				    dbt_token_is(text, &v[k], "["))
					depth++;
				else if (dbt_token_is(text, &v[k], ")") ||
					 dbt_token_is(text, &v[k], "]"))
					depth--;
				if (depth != 0 || !dbt_token_is(text, &v[k], ","))
					continue;
			}
			cast = k > a ? outer_cast(text, v, a, k) : 0;
			if (!cast) {
				ok = 0;
				break;
			}
			if (nel++ == 0) {
				sfrom = v[cast + 1].start;
				slen = v[k - 1].start + v[k - 1].len - sfrom;
			} else if (v[k - 1].start + v[k - 1].len - v[cast + 1].start != slen ||
				   strncmp(text + v[cast + 1].start, text + sfrom, slen)) {
				ok = 0;
			}
			a = k + 1;
		}
		if (!ok)
			continue;
		/* ARRAY[ then each element without its last cast, then ]::T[]. */
		dbt_buf_put(&b, text + copied, v[i + 1].start + 1 - copied);
		for (a = k = i + 2, depth = 0, nel = 0; k <= j; k++) {
			if (k < j) {
				if (dbt_token_is(text, &v[k], "(") ||
				    dbt_token_is(text, &v[k], "["))
					depth++;
				else if (dbt_token_is(text, &v[k], ")") ||
					 dbt_token_is(text, &v[k], "]"))
					depth--;
				if (depth != 0 || !dbt_token_is(text, &v[k], ","))
					continue;
			}
			cast = outer_cast(text, v, a, k);
			if (nel++)
				dbt_buf_puts(&b, ", ");
			dbt_buf_put(&b, text + v[a].start, v[cast].start - v[a].start);
			a = k + 1;
		}
		dbt_buf_puts(&b, "]::");
		dbt_buf_put(&b, text + sfrom, slen);
		dbt_buf_puts(&b, "[]");
		copied = v[j].start + v[j].len;
		i = j;
	}
	free(v);
	dbt_buf_puts(&b, text + copied);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

/*
 * The expression `text` as the server printed it; in `out`, caller frees.
 * It is kept as printed, casts and parentheses included: it is valid SQL
 * that means what the database means (a cast of a literal may decide an
 * operator, ARRAY[]::text[] its type), and the model's text meets it in
 * the scratch database, which prints it the same way.  DBT_ERROR only
 * when out of memory.
 */
static int server_expr(char **out, const char *text, const dbt_table *t)
{
	(void)t;
	return hoist_array_casts(out, text);
}

/* ============================================================= reflection */

/* The tables of the schema `$1`, partitions too, dbtool's version and
 * history tables left out. */
/* clang-format off */
#define SCHEMA_TABLES                                                                      \
	"SELECT c.oid FROM pg_catalog.pg_class c "                                         \
	"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "                        \
	"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') "                                \
	"AND c.relname NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "')"
/* clang-format on */

/* The managed schema's oid, in a subquery that the server runs once. */
#define NSP_OID "(SELECT x.oid FROM pg_catalog.pg_namespace x WHERE x.nspname = $1)"

/* 1 when the relations `alias` of the managed schema that match `cond`
 * are not none. */
/* clang-format off */
#define ANY_REL(alias, cond)                                                               \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_class " alias " WHERE " alias                 \
	".relnamespace = " NSP_OID " AND (" cond "))"
/* clang-format on */

/*
 * The census: for each reader of objects (reflect_postgres_objects.h) in
 * DBT_PG_* order, whether the database may hold anything its query
 * reads.  Each is a superset of what that query finds, so that a false
 * one is certain; a true one only costs the query.  Objects that a user
 * made have oids from 16384 (FirstNormalObjectId) on, which is what the
 * comments and the grants on other schemas need.  One EXISTS each, run
 * once for the whole result: cheap to plan and to run.
 */
/* clang-format off */
#define CENSUS                                                                                 \
	/* other schemas, extensions, types, domains, sequences no column owns */              \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.nspname !~ '^pg_' "           \
	"AND s.nspname NOT IN ('information_schema', 'public') AND s.nspname <> $1 "            \
	"AND pg_catalog.left(s.nspname, 15) <> 'dbtool_scratch_') "                             \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql') "     \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = " NSP_OID " "     \
	"AND t.typtype IN ('e', 'd', 'r')) "                                                    \
	"OR " ANY_REL("s", "s.relkind = 'c' OR s.relkind = 'S' AND NOT EXISTS (SELECT 1 "      \
		      "FROM pg_catalog.pg_depend d "                                            \
		      "WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "            \
		      "AND d.objid = s.oid "                                                     \
		      "AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "           \
		      "AND d.refobjsubid <> 0 AND d.deptype IN ('a', 'i'))") ", "               \
	/* functions, procedures, triggers */                                                  \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = " NSP_OID ") "      \
	"OR " ANY_REL("s", "EXISTS (SELECT 1 FROM pg_catalog.pg_trigger g "                    \
		      "WHERE g.tgrelid = s.oid AND NOT g.tgisinternal)") ", "                  \
	/* views */                                                                            \
	ANY_REL("s", "s.relkind IN ('v', 'm')") ", "                                          \
	/* row level security */                                                               \
	ANY_REL("s", "s.relrowsecurity OR s.relforcerowsecurity") ", "                        \
	/* policies */                                                                         \
	ANY_REL("s", "EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = s.oid)") \
	", "                                                                                   \
	/* comments */                                                                         \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_description d WHERE d.objoid >= 16384), "          \
	/* grants */                                                                           \
	ANY_REL("s", "s.relacl IS NOT NULL OR EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a " \
		     "WHERE a.attrelid = s.oid AND a.attacl IS NOT NULL)")                       \
	" OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p WHERE p.pronamespace = " NSP_OID " "   \
	"AND p.proacl IS NOT NULL) "                                                            \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t WHERE t.typnamespace = " NSP_OID " "     \
	"AND t.typacl IS NOT NULL) "                                                            \
	"OR EXISTS (SELECT 1 FROM pg_catalog.pg_namespace s WHERE s.oid >= 16384 "              \
	"AND s.nspacl IS NOT NULL), "                                                           \
	/* extended statistics */                                                              \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_statistic_ext x WHERE x.stxnamespace = " NSP_OID "), " \
	/* collations */                                                                       \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_collation o WHERE o.collnamespace = " NSP_OID ")"
/* clang-format on */

/* A relation's storage parameters as dbt_storage_canon gives them: the
 * items of pg_class.reloptions, sorted, joined by ", "; NULL for none. */
#define STORAGE(x)                                                         \
	"(SELECT pg_catalog.string_agg(o, ', ' ORDER BY o COLLATE \"C\") " \
	"FROM pg_catalog.unnest(" x ".reloptions) o)"

/* The first column of the census in tables_sql, and how many there are. */
#define CENSUS_COL 5
#define CENSUS_N 9
/* Whether the table is UNLOGGED, after the census. */
#define UNLOGGED_COL (CENSUS_COL + CENSUS_N)
/* Its storage parameters, after that. */
#define STORAGE_COL (UNLOGGED_COL + 1)

/* No row when the schema does not exist; one row of NULLs but for the
 * census when it is empty.  The census is the same on every row. */
static const char tables_sql[] =
	"SELECT c.oid, c.relname, "
	"CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END, "
	"(SELECT p.relname FROM pg_catalog.pg_inherits i "
	"JOIN pg_catalog.pg_class p ON p.oid = i.inhparent "
	"WHERE c.relispartition AND i.inhrelid = c.oid), "
	"CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid, true) "
	"END, " CENSUS ", c.relpersistence = 'u', " STORAGE(
		"c") " "
		     "FROM pg_catalog.pg_namespace n "
		     "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid "
		     "AND c.oid IN (" SCHEMA_TABLES ") "
		     "WHERE n.nspname = $1 ORDER BY c.oid";

/* A SERIAL column is one whose default is nextval() of a sequence that
 * the column owns (the 'a' dependency that SERIAL and OWNED BY make).
 * Indexes depend on their columns the same way: only sequences are
 * looked at, so that the server does not print the name of each index
 * to compare it with the defaults. */
/* The relation a default is printed in the context of: none (0) but for
 * a generated column's expression.  A default never names a column
 * (PostgreSQL refuses one that does), and printing an expression in a
 * table's context opens the table, which builds its whole relation cache
 * entry and takes a lock until the reflection ends: at 5,000 tables that
 * was two fifths of this query (bench/README.md). */
#define DEFAULT_REL "CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END"

static const char columns_sql[] =
	"SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
	"a.attnotnull, a.attidentity, a.attgenerated, "
	"pg_catalog.pg_get_expr(d.adbin, " DEFAULT_REL ", true), "
	"CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, "
	"EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep "
	"JOIN pg_catalog.pg_class sq ON sq.oid = dep.objid AND sq.relkind = 'S' "
	"WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a' "
	"AND pg_catalog.pg_get_expr(d.adbin, " DEFAULT_REL ") = "
	"pg_catalog.format('nextval(%L::regclass)', dep.objid::pg_catalog.regclass)), "
	/* An identity's sequence (its 'i' dependency): start, increment,
	 * min, max, cache, cycle. */
	"(SELECT pg_catalog.concat_ws(' ', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, "
	"s.seqcache, s.seqcycle::pg_catalog.int4) "
	"FROM pg_catalog.pg_depend dep "
	"JOIN pg_catalog.pg_sequence s ON s.seqrelid = dep.objid "
	"WHERE a.attidentity <> '' "
	"AND dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "
	"AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'), "
	/* SET STATISTICS: -1 (NULL from PostgreSQL 17) is the default. */
	"CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END, "
	"CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, t.typstorage "
	"FROM pg_catalog.pg_attribute a "
	"JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
	"LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
	"LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation "
	"WHERE a.attrelid IN (" SCHEMA_TABLES " AND NOT c.relispartition) "
	"AND a.attnum > 0 AND NOT a.attisdropped "
	"ORDER BY a.attrelid, a.attnum";

/* Key columns come as name arrays in key order.  Each name is one probe
 * of pg_attribute's (attrelid, attnum) index: a join would read every
 * column of the table for each key. */
/* clang-format off */
#define KEY_NAMES(keys, rel)                                                                   \
	"ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a "                       \
	"WHERE a.attrelid = " rel " AND a.attnum = k.num) "                                    \
	"FROM pg_catalog.unnest(" keys ") WITH ORDINALITY k(num, ord) ORDER BY k.ord)"

/* The INCLUDE columns of the pg_index row `x`, as a name array; NULL,
 * read as none, when it has none, without a subquery. */
#define INDEX_INCLUDE(x)                                                                        \
	"CASE WHEN " x ".indnatts > " x ".indnkeyatts THEN "                                    \
	"ARRAY(SELECT a.attname FROM pg_catalog.generate_series(" x ".indnkeyatts, "            \
	x ".indnatts - 1) k JOIN pg_catalog.pg_attribute a ON a.attrelid = " x ".indrelid "     \
	"AND a.attnum = " x ".indkey[k] ORDER BY k) END"
/* Whether the unique pg_index row `x` is NULLS NOT DISTINCT: pg_index
 * has the column from PostgreSQL 15 on.  Before 15 its row as jsonb has
 * the key or not (NULL then); only a unique index can be, and only its
 * row is turned into jsonb.  From 15 on, the column itself: the jsonb of
 * every row cost a fifth of the constraints' query (bench/README.md). */
#define NULLS_NOT_DISTINCT_OLD(x)                                                              \
	"CASE WHEN " x ".indisunique THEN pg_catalog.to_jsonb(" x ") ->> 'indnullsnotdistinct' END"
#define NULLS_NOT_DISTINCT_15(x)                                                               \
	"CASE WHEN " x ".indisunique THEN " x ".indnullsnotdistinct::pg_catalog.text END"

/*
 * The constraints of the tables.  What a kind does not use is not
 * computed for it: key names for keys only, the referenced columns for
 * foreign keys only, the index of primary and unique keys only (a
 * foreign key's conindid is the referenced table's index).  The last
 * column is the referenced table's schema.  A partition's copies of its
 * parent's constraints are the parent's.  `nnd` and `delset` are the
 * server version's forms of NULLS NOT DISTINCT and confdelsetcols.
 */
#define CONSTRAINTS_SQL(nnd, delset) \
	"SELECT con.conrelid, con.conname, con.contype, " \
	"CASE WHEN con.contype IN ('p', 'u', 'f') THEN " \
	KEY_NAMES("con.conkey", "con.conrelid") " END, " \
	"f.relname, " \
	"CASE WHEN con.contype = 'f' THEN " KEY_NAMES("con.confkey", "con.confrelid") " END, " \
	"con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred, " \
	"CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) " \
	"WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END, " \
	"con.confmatchtype, " INDEX_INCLUDE("ci") ", " nnd ", " \
	"con.connoinherit, " \
	"CASE WHEN con.contype IN ('p', 'u') THEN (SELECT " STORAGE("kc") " " \
	"FROM pg_catalog.pg_class kc WHERE kc.oid = con.conindid) END, " \
	"CASE WHEN con.contype = 'f' THEN " delset " END, " \
	"(SELECT fn.nspname FROM pg_catalog.pg_namespace fn WHERE fn.oid = f.relnamespace) " \
	"FROM pg_catalog.pg_constraint con " \
	"LEFT JOIN pg_catalog.pg_class f ON f.oid = con.confrelid " \
	"LEFT JOIN pg_catalog.pg_index ci ON ci.indexrelid = con.conindid " \
	"AND con.contype IN ('p', 'u') " \
	"WHERE con.conrelid IN (" SCHEMA_TABLES ") AND con.contype IN ('p', 'u', 'f', 'c', 'x') " \
	"AND con.conparentid = 0 AND (con.conislocal OR NOT EXISTS (SELECT 1 " \
	"FROM pg_catalog.pg_class pc WHERE pc.oid = con.conrelid AND pc.relispartition)) " \
	"ORDER BY con.conrelid, con.oid"

/* PostgreSQL 15's confdelsetcols, the columns of ON DELETE SET NULL (...)
 * as names: before 15 read through the row as jsonb, so that older
 * servers, which lack the column, read none. */
#define DELETE_SET_COLUMNS_OLD \
	"ARRAY(SELECT a.attname " \
	"FROM pg_catalog.jsonb_array_elements_text(CASE WHEN pg_catalog.jsonb_typeof(" \
	"pg_catalog.to_jsonb(con) -> 'confdelsetcols') = 'array' " \
	"THEN pg_catalog.to_jsonb(con) -> 'confdelsetcols' ELSE '[]' END) " \
	"WITH ORDINALITY k(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid " \
	"AND a.attnum = k.num::pg_catalog.int2 ORDER BY k.ord)"
#define DELETE_SET_COLUMNS_15 \
	"ARRAY(SELECT a.attname FROM pg_catalog.unnest(con.confdelsetcols) " \
	"WITH ORDINALITY k(num, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid " \
	"AND a.attnum = k.num ORDER BY k.ord)"

static const char constraints_sql_old[] =
	CONSTRAINTS_SQL(NULLS_NOT_DISTINCT_OLD("ci"), DELETE_SET_COLUMNS_OLD);
static const char constraints_sql_15[] =
	CONSTRAINTS_SQL(NULLS_NOT_DISTINCT_15("ci"), DELETE_SET_COLUMNS_15);

/* clang-format on */

/* Each key as one string: 'A' or 'D' (DESC), then 'C' and a column name
 * or 'E' and an expression.  The indexes behind primary key, unique and
 * exclusion constraints belong to those constraints.  NULLS FIRST
 * ascending, NULLS LAST descending: what is not the direction's own order
 * ('F', 'L').  The keys of the database are one hashed look-up, not a
 * probe of pg_constraint per index.  A partition's index attached to its
 * parent's index is the parent's.  `nnd` as for CONSTRAINTS_SQL. */
/* clang-format off */
#define INDEXES_SQL(nnd) \
	"SELECT i.indrelid, ic.relname, i.indisunique, " \
	"ARRAY(SELECT CASE WHEN i.indoption[k] & 1 <> 0 THEN 'D' ELSE 'A' END || " \
	"CASE WHEN i.indkey[k] <> 0 THEN 'C' || a.attname " \
	"ELSE 'E' || pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true) END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k " \
	"LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k] " \
	"ORDER BY k), " \
	"pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), " \
	"ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k " \
	"JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k] ORDER BY k), " \
	"NULLIF(am.amname, 'btree'), " \
	"ARRAY(SELECT CASE i.indoption[k] & 3 WHEN 2 THEN 'F' WHEN 1 THEN 'L' ELSE '' END " \
	"FROM pg_catalog.generate_series(0, i.indnkeyatts - 1) k ORDER BY k), " \
	INDEX_INCLUDE("i") ", " nnd ", " STORAGE("ic") " " \
	"FROM pg_catalog.pg_index i " \
	"JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid " \
	"JOIN pg_catalog.pg_am am ON am.oid = ic.relam " \
	"WHERE i.indrelid IN (" SCHEMA_TABLES ") " \
	"AND (i.indexrelid, i.indrelid) NOT IN (SELECT con.conindid, con.conrelid " \
	"FROM pg_catalog.pg_constraint con WHERE con.contype IN ('p', 'u', 'x')) " \
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh " \
	"WHERE inh.inhrelid = i.indexrelid) " \
	"ORDER BY i.indrelid, i.indexrelid"

static const char indexes_sql_old[] = INDEXES_SQL(NULLS_NOT_DISTINCT_OLD("i"));
static const char indexes_sql_15[] = INDEXES_SQL(NULLS_NOT_DISTINCT_15("i"));
/* clang-format on */

struct rtable {
	unsigned long oid;
	dbt_table *table;
};

struct reflect {
	dbt_conn *conn;
	PGconn *pg;
	const char *nspname; /* the schema read */
	const char *managed; /* the managed schema: the others' names are
			      * qualified (ident.h's DBT_QUALIFIER) */
	dbt_schema *schema;
	struct rtable *tables; /* sorted by oid */
	size_t ntables;
	unsigned absent;     /* DBT_PG_* kinds the census found absent */
	int own_transaction; /* the reflection's own snapshot transaction */
};

/* Sets the failure of a statement: "cannot reflect schema 'S': MESSAGE". */
static int db_error(const struct reflect *r, const PGresult *res)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;

	if (!msg || !*msg)
		msg = PQerrorMessage(r->pg);
	if (!*msg)
		msg = "unknown error";
	return dbt_error_set(DBT_EDB, "cannot reflect schema '%s': %.*s", r->nspname,
			     (int)strcspn(msg, "\r\n"), msg);
}

/* Runs a statement of no parameter (transaction control). */
static int command(struct reflect *r, const char *sql)
{
	PGresult *res;
	int rc = 0;

	r->conn->nqueries++;
	res = PQexec(r->pg, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = db_error(r, res);
	PQclear(res);
	return rc;
}

/* Runs one catalog query on the schema's name; `*out` is the caller's. */
static int query(PGresult **out, struct reflect *r, const char *sql)
{
	const char *params[1] = {r->nspname};
	PGresult *res;

	*out = NULL;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, sql, 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int rc = db_error(r, res);

		PQclear(res);
		return rc;
	}
	*out = res;
	return 0;
}

static const char *value(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

static int flag(const PGresult *res, int row, int col)
{
	const char *v = value(res, row, col);

	return v && v[0] == 't';
}

static int cmp_rtable(const void *a, const void *b)
{
	unsigned long x = ((const struct rtable *)a)->oid, y = ((const struct rtable *)b)->oid;

	return x < y ? -1 : x > y;
}

/* The table of the oid in column `col`; NULL when it is none of ours. */
static dbt_table *table_at(const struct reflect *r, const PGresult *res, int row, int col)
{
	struct rtable key, *found;
	const char *v = value(res, row, col);

	if (!v || !r->ntables)
		return NULL;
	key.oid = strtoul(v, NULL, 10);
	found = bsearch(&key, r->tables, r->ntables, sizeof(key), cmp_rtable);
	return found ? found->table : NULL;
}

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* One element of a text[] at `*p`, quoted or not, into `b`; moves `*p`
 * past it.  0 when the element is malformed. */
static int array_element(dbt_buf *b, const char **p)
{
	const char *s = *p;

	dbt_buf_clear(b);
	dbt_buf_puts(b, "");
	if (*s == '"') {
		for (s++; *s && *s != '"'; s++) {
			if (*s == '\\' && s[1])
				s++;
			dbt_buf_putc(b, *s);
		}
		if (*s++ != '"')
			return 0;
	} else {
		while (*s && *s != ',' && *s != '}')
			dbt_buf_putc(b, *s++);
	}
	if (*s == ',' && s[1] != '}')
		s++;
	else if (*s != '}')
		return 0;
	*p = s;
	return 1;
}

static int array_error(const char *s)
{
	return dbt_error_set(DBT_ERROR, "cannot read the array '%.40s' the server sent", s);
}

/* The elements of a one-dimensional text[] in the server's output format:
 * {a,"b c","d\"e"}. */
static int split_array(char ***out, size_t *n, const char *s)
{
	dbt_buf b = DBT_BUF_INIT;
	char **v = NULL, **nv;
	const char *p = s + 1;
	size_t count = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (*s != '{') {
		rc = array_error(s);
		goto cleanup;
	}
	while (*p != '}') {
		if (!array_element(&b, &p)) {
			rc = array_error(s);
			goto cleanup;
		}
		if (b.oom || !(nv = realloc(v, (count + 1) * sizeof(*v)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		v = nv;
		if (!(v[count] = strdup(b.ptr))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		count++;
	}
	*out = v;
	*n = count;
	v = NULL;
cleanup:
	strv_free(v, count);
	dbt_buf_release(&b);
	return rc;
}

/* The partition key, parent and bound of `t`, each NULL when none. */
static int read_partitioning(dbt_table *t, const char *key, const char *parent, const char *bound)
{
	int rc = 0;

	if (key && (rc = dbt_partition_key_canon(&t->partition_by, key, strlen(key))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition key of table '%s'",
					t->name);
	if (parent && !(t->partition_of = strdup(parent)))
		return dbt_error_oom();
	if (bound &&
	    (rc = dbt_partition_bound_canon(&t->partition_bound, bound, strlen(bound))) < 0)
		return dbt_error_prefix(rc, "cannot reflect the partition bound of table '%s'",
					t->name);
	return 0;
}

/* `name` of the schema read, as the schema holds it: qualified when that
 * is not the managed schema, in `*out` (freed at the next call, and by
 * qualified(out, NULL, NULL)). */
static int qualified(char **out, const struct reflect *r, const char *name)
{
	size_t n;

	free(*out);
	*out = NULL;
	if (!r)
		return 0;
	if (!strcmp(r->nspname, r->managed)) {
		*out = strdup(name);
	} else if ((*out = malloc(strlen(r->nspname) + strlen(name) + 2))) {
		n = strlen(r->nspname);
		memcpy(*out, r->nspname, n);
		(*out)[n] = DBT_QUALIFIER;
		strcpy(*out + n + 1, name);
	}
	return *out ? 0 : dbt_error_oom();
}

static int read_tables(struct reflect *r)
{
	PGresult *res;
	char *q = NULL;
	int rc, i, rows;

	if ((rc = query(&res, r, tables_sql)) < 0)
		return rc;
	rows = PQntuples(res);
	if (rows == 0) {
		rc = dbt_error_set(DBT_ENOTFOUND, "cannot reflect schema '%s': no such schema",
				   r->nspname);
		goto cleanup;
	}
	r->tables = calloc((size_t)rows, sizeof(*r->tables));
	if (!r->tables) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < rows; i++) {
		const char *oid = value(res, i, 0), *name = value(res, i, 1);
		dbt_table *t;

		if (!oid || !name)
			continue;
		if ((rc = qualified(&q, r, name)) < 0 ||
		    (rc = dbt_schema_add_table(&t, r->schema, q, dbt_ident_needs_quotes(name))) <
			    0 ||
		    (rc = read_partitioning(t, value(res, i, 2), value(res, i, 3),
					    value(res, i, 4))) < 0 ||
		    (t->partition_of && (rc = dbt_ident_qualify_like(&t->partition_of, q)) < 0))
			goto cleanup;
		t->unlogged = flag(res, i, UNLOGGED_COL);
		if (value(res, i, STORAGE_COL) &&
		    !(t->storage = strdup(value(res, i, STORAGE_COL)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		r->tables[r->ntables].oid = strtoul(oid, NULL, 10);
		r->tables[r->ntables++].table = t;
	}
	for (i = 0; i < CENSUS_N; i++)
		if (value(res, 0, CENSUS_COL + i) && !flag(res, 0, CENSUS_COL + i))
			r->absent |= 1u << i;
	qsort(r->tables, r->ntables, sizeof(*r->tables), cmp_rtable);
cleanup:
	qualified(&q, NULL, NULL);
	PQclear(res);
	return rc;
}

/* 1 when the string literal's text ('-1.5') is a number. */
static int numeric_string(const char *s, size_t len)
{
	size_t i = 1, digits = 0;

	if (len < 3 || s[0] != '\'' || s[len - 1] != '\'')
		return 0;
	if (s[i] == '-')
		i++;
	for (; i < len - 1 && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len - 1 && s[i] == '.')
		for (i++; i < len - 1 && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return digits && i == len - 1;
}

/*
 * The server prints a literal default cast to the column's type
 * ('a'::character varying, '-1'::integer, '2020-01-01'::date): the
 * literal alone says the same, since assigning it to the column casts it
 * to that type, and it is what a model writes.  Any other default is
 * kept as printed (a cast inside an expression may choose an operator,
 * ARRAY[]::text[] gives the array its type).  In `out`, caller frees.
 */
static int plain_default(char **out, const char *text, const dbt_column *c)
{
	dbt_lexer lx;
	dbt_token lit, op;
	dbt_type ty;
	int same, number, rc;

	*out = NULL;
	dbt_lex_init(&lx, text, strlen(text));
	if (dbt_lex_next(&lx, &lit) < 0 || dbt_lex_next(&lx, &op) < 0 ||
	    !((lit.kind == DBT_TOK_STRING && text[lit.start] == '\'') ||
	      lit.kind == DBT_TOK_NUMBER) ||
	    !dbt_token_is(text, &op, "::")) {
		dbt_error_clear();
		return server_expr(out, text, NULL);
	}
	if ((rc = dbt_type_from_postgres(&ty, text + op.start + op.len)) < 0) {
		if (rc != DBT_EPARSE)
			return rc;
		dbt_error_clear();
		return server_expr(out, text, NULL);
	}
	same = (ty.kind == c->type.kind &&
		(ty.kind != DBT_TYPE_OTHER ||
		 (ty.text && c->type.text && dbt_type_equal(&ty, &c->type)))) ||
	       /* character(n) prints its literal defaults cast to bpchar */
	       (c->type.kind == DBT_TYPE_CHAR && ty.kind == DBT_TYPE_OTHER && ty.text &&
		!strcmp(ty.text, "bpchar"));
	dbt_type_release(&ty);
	if (!same)
		return server_expr(out, text, NULL);
	/* '-1'::integer: a number the server quotes is a number again. */
	number = lit.kind == DBT_TOK_STRING && numeric_string(text + lit.start, lit.len) &&
		 (dbt_type_is_integer(c->type.kind) || c->type.kind == DBT_TYPE_NUMERIC ||
		  c->type.kind == DBT_TYPE_REAL || c->type.kind == DBT_TYPE_DOUBLE);
	*out = number ? strndup(text + lit.start + 1, lit.len - 2)
		      : strndup(text + lit.start, lit.len);
	return *out ? 0 : dbt_error_oom();
}

/* Sets the default from the server's text, normalised. */
static int set_default(dbt_table *t, dbt_column *c, const char *text)
{
	char *expr;
	int rc;

	if ((rc = plain_default(&expr, text, c)) < 0)
		return rc;
	rc = dbt_column_set_default(c, expr, strlen(expr));
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect the default of column '%s.%s'", t->name,
					c->name);
	return rc;
}

/* Makes the column generated from the server's text, normalised. */
static int set_generated(dbt_table *t, dbt_column *c, const char *text, int stored)
{
	char *expr;
	int rc;

	if ((rc = server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_column_set_generated(c, expr, strlen(expr), stored);
	free(expr);
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc,
					"cannot reflect the generation expression of column "
					"'%s.%s'",
					t->name, c->name);
	return rc;
}

/* An identity's options from columns_sql's "start increment min max
 * cache cycle". */
static int identity_options(dbt_column *c, const char *text)
{
	struct dbt_identity_seq seq;
	int cycle = 0, rc;

	memset(&seq, 0, sizeof(seq));
	if (sscanf(text, "%lld %lld %lld %lld %lld %d", &seq.start, &seq.increment, &seq.minvalue,
		   &seq.maxvalue, &seq.cache, &cycle) != 6)
		return dbt_error_set(DBT_ERROR, "cannot read the identity options of column '%s'",
				     c->name);
	seq.cycle = cycle;
	seq.has_start = seq.has_increment = seq.has_minvalue = seq.has_maxvalue = seq.has_cache = 1;
	if ((rc = dbt_identity_options_canon(&c->identity_options, &c->type, &seq)) < 0)
		return dbt_error_prefix(rc, "cannot reflect the identity options of column '%s'",
					c->name);
	return 0;
}

static int read_columns(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r, columns_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		dbt_table *t = table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		const char *identity = value(res, i, 4), *generated = value(res, i, 5);
		const char *dflt = value(res, i, 6), *collation = value(res, i, 7);
		dbt_column *c;
		dbt_type ty;

		if (!t || !name || !type)
			continue;
		if ((rc = dbt_type_from_postgres(&ty, type)) < 0) {
			rc = dbt_error_prefix(rc, "cannot reflect column '%s.%s'", t->name, name);
			goto cleanup;
		}
		rc = dbt_table_add_column(&c, t, name, dbt_ident_needs_quotes(name), &ty);
		dbt_type_release(&ty);
		if (rc < 0)
			goto cleanup;
		c->not_null = flag(res, i, 3);
		if (identity && (*identity == 'a' || *identity == 'd')) {
			c->identity =
				*identity == 'a' ? DBT_IDENTITY_ALWAYS : DBT_IDENTITY_BY_DEFAULT;
			c->autoincrement = 1;
			c->not_null = 1;
			if (value(res, i, 9) && (rc = identity_options(c, value(res, i, 9))) < 0)
				goto cleanup;
		} else if (flag(res, i, 8)) {
			c->identity = DBT_IDENTITY_SERIAL;
			c->autoincrement = 1;
			c->not_null = 1;
		} else if (generated && *generated) {
			/* pg_attrdef holds a generated column's expression;
			 * PostgreSQL has STORED ('s') ones only, until 18's
			 * VIRTUAL ('v'). */
			if (dflt && (rc = set_generated(t, c, dflt, *generated == 's')) < 0)
				goto cleanup;
		} else if (dflt && (rc = set_default(t, c, dflt)) < 0) {
			goto cleanup;
		}
		if (collation && (rc = dbt_column_set_collation(c, collation)) < 0)
			goto cleanup;
		if (value(res, i, 10)) {
			c->has_statistics = 1;
			c->statistics = atoi(value(res, i, 10));
		}
		c->storage = value(res, i, 11) ? value(res, i, 11)[0] : 0;
		c->type_storage = value(res, i, 12) ? value(res, i, 12)[0] : 0;
	}
	rc = 0;
cleanup:
	PQclear(res);
	return rc;
}

/* The columns of a key, from a name array. */
static int add_names(void *obj, int (*add)(void *, const char *), const char *array)
{
	char **v;
	size_t n, i;
	int rc;

	if ((rc = split_array(&v, &n, array ? array : "{}")) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++)
		rc = add(obj, v[i]);
	strv_free(v, n);
	return rc;
}

static int add_unique_column(void *obj, const char *column)
{
	return dbt_unique_add_column(obj, column);
}

static int add_unique_include(void *obj, const char *column)
{
	return dbt_unique_add_include(obj, column);
}

static int add_index_include(void *obj, const char *column)
{
	return dbt_index_add_include(obj, column);
}

static int add_fk_column(void *obj, const char *column)
{
	return dbt_fk_add_column(obj, column);
}

static int add_fk_ref_column(void *obj, const char *column)
{
	return dbt_fk_add_ref_column(obj, column);
}

static int add_fk_set_column(void *obj, const char *column)
{
	return dbt_fk_add_set_column(obj, column);
}

static int add_check(dbt_table *t, const char *name, const char *text, int no_inherit)
{
	dbt_check *check;
	char *expr;
	int rc;

	if ((rc = server_expr(&expr, text, t)) < 0)
		return rc;
	rc = dbt_table_add_check(&check, t, name, expr, strlen(expr));
	free(expr);
	if (rc == 0)
		check->no_inherit = no_inherit;
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc, "cannot reflect check constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

/* An exclusion constraint from pg_get_constraintdef: "EXCLUDE ...". */
static int add_exclude(dbt_table *t, const char *name, const char *def)
{
	dbt_exclude *x;
	int rc;

	if (!strncmp(def, "EXCLUDE ", 8))
		def += 8;
	rc = dbt_table_add_exclude(&x, t, name, def, strlen(def));
	if (rc == DBT_EPARSE)
		return dbt_error_prefix(rc,
					"cannot reflect exclusion constraint '%s' of table '%s'",
					name, t->name);
	return rc;
}

/* The table `name` of schema `nsp` that a foreign key references, as the
 * schema holds it (qualified() of that schema), in `*out`, freed as
 * there. */
static int fk_table(char **out, const struct reflect *r, const char *name, const char *nsp)
{
	struct reflect in = *r;

	if (!name) {
		qualified(out, NULL, NULL);
		return 0;
	}
	if (nsp)
		in.nspname = nsp;
	return qualified(out, &in, name);
}

static int read_constraints(struct reflect *r)
{
	PGresult *res;
	char *ref = NULL;
	int rc, i;

	if ((rc = query(&res, r,
			PQserverVersion(r->pg) >= 150000 ? constraints_sql_15
							 : constraints_sql_old)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		dbt_table *t = table_at(r, res, i, 0);
		const char *name = value(res, i, 1), *type = value(res, i, 2);
		dbt_unique *key;
		dbt_fk *fk;

		if (!t || !name || !type)
			continue;
		switch (*type) {
		case 'p':
		case 'u':
			if ((rc = *type == 'p' ? dbt_table_set_pk(&key, t, name)
					       : dbt_table_add_unique(&key, t, name)) == 0 &&
			    (rc = add_names(key, add_unique_column, value(res, i, 3))) == 0)
				rc = add_names(key, add_unique_include, value(res, i, 12));
			if (rc == 0) {
				key->nulls_not_distinct =
					value(res, i, 13) && !strcmp(value(res, i, 13), "true");
				key->deferrable = flag(res, i, 8);
				key->initially_deferred = flag(res, i, 9);
				if (value(res, i, 15) &&
				    !(key->storage = strdup(value(res, i, 15))))
					rc = dbt_error_oom();
			}
			break;
		case 'f':
			if ((rc = fk_table(&ref, r, value(res, i, 4), value(res, i, 17))) < 0 ||
			    (rc = dbt_table_add_fk(&fk, t, name, ref)) < 0 ||
			    (rc = add_names(fk, add_fk_column, value(res, i, 3))) < 0 ||
			    (rc = add_names(fk, add_fk_ref_column, value(res, i, 5))) < 0)
				break;
			fk->ref_columns_given = 1;
			fk->on_delete = dbt_fk_action_from_postgres(value(res, i, 6));
			fk->on_update = dbt_fk_action_from_postgres(value(res, i, 7));
			fk->deferrable = flag(res, i, 8);
			fk->initially_deferred = flag(res, i, 9);
			if ((rc = add_names(fk, add_fk_set_column, value(res, i, 16))) < 0)
				break;
			if (value(res, i, 11) && *value(res, i, 11) == 'f')
				fk->match = DBT_FK_MATCH_FULL;
			else if (value(res, i, 11) && *value(res, i, 11) == 'p')
				fk->match = DBT_FK_MATCH_PARTIAL;
			break;
		case 'x':
			rc = add_exclude(t, name, value(res, i, 10) ? value(res, i, 10) : "");
			break;
		default:
			rc = add_check(t, name, value(res, i, 10) ? value(res, i, 10) : "",
				       flag(res, i, 14));
			break;
		}
		if (rc < 0)
			goto cleanup;
	}
cleanup:
	qualified(&ref, NULL, NULL);
	PQclear(res);
	return rc;
}

/* One key of an index, as INDEXES_SQL spells it. */
static int add_index_key(dbt_index *ix, const dbt_table *t, const char *key)
{
	char *expr;
	int desc = key[0] == 'D', rc;

	if (key[0] == '\0' || key[1] == '\0')
		return dbt_error_set(DBT_ERROR, "cannot read a key of index '%s'", ix->name);
	if (key[1] == 'C')
		return dbt_index_add_column(ix, key + 2, desc);
	if ((rc = server_expr(&expr, key + 2, t)) < 0)
		return rc;
	rc = dbt_index_add_expr(ix, expr, strlen(expr), desc);
	free(expr);
	return rc;
}

static int read_index(dbt_schema *schema, dbt_table *t, const PGresult *res, int row)
{
	const char *name = value(res, row, 1), *where = value(res, row, 4);
	dbt_index *ix;
	char **keys = NULL, *expr = NULL;
	size_t nkeys = 0, i;
	int rc;

	if (!name)
		return 0;
	if ((rc = dbt_schema_add_index(&ix, schema, name, dbt_ident_needs_quotes(name), t->name,
				       flag(res, row, 2))) < 0 ||
	    (rc = dbt_ident_qualify_like(&ix->name, t->name)) < 0 ||
	    (rc = split_array(&keys, &nkeys, value(res, row, 3) ? value(res, row, 3) : "{}")) < 0)
		goto cleanup;
	for (i = 0; i < nkeys && rc == 0; i++)
		rc = add_index_key(ix, t, keys[i]);
	strv_free(keys, nkeys);
	keys = NULL;
	nkeys = 0;
	/* The operator class of each key, '' for its type's default. */
	if (rc == 0 && value(res, row, 5))
		rc = split_array(&keys, &nkeys, value(res, row, 5));
	for (i = 0; i < nkeys && i < ix->nelems && rc == 0; i++)
		if (keys[i][0] && !(ix->elems[i].opclass = strdup(keys[i])))
			rc = dbt_error_oom();
	strv_free(keys, nkeys);
	keys = NULL;
	nkeys = 0;
	if (rc == 0 && value(res, row, 7))
		rc = split_array(&keys, &nkeys, value(res, row, 7));
	for (i = 0; i < nkeys && i < ix->nelems && rc == 0; i++)
		ix->elems[i].nulls = keys[i][0] == 'F'	 ? DBT_NULLS_FIRST
				     : keys[i][0] == 'L' ? DBT_NULLS_LAST
							 : 0;
	if (rc == 0 && value(res, row, 6) && !(ix->method = strdup(value(res, row, 6))))
		rc = dbt_error_oom();
	if (rc == 0)
		rc = add_names(ix, add_index_include, value(res, row, 8));
	ix->nulls_not_distinct = value(res, row, 9) && !strcmp(value(res, row, 9), "true");
	if (rc == 0 && value(res, row, 10) && !(ix->storage = strdup(value(res, row, 10))))
		rc = dbt_error_oom();
	if (rc == 0 && where && (rc = server_expr(&expr, where, t)) == 0)
		rc = dbt_index_set_where(ix, expr, strlen(expr));
	if (rc == DBT_EPARSE)
		dbt_error_prefix(rc, "cannot reflect index '%s'", name);
cleanup:
	strv_free(keys, nkeys);
	free(expr);
	return rc;
}

static int read_indexes(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r,
			PQserverVersion(r->pg) >= 150000 ? indexes_sql_15 : indexes_sql_old)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res) && rc == 0; i++) {
		dbt_table *t = table_at(r, res, i, 0);

		if (t)
			rc = read_index(r->schema, t, res, i);
	}
	PQclear(res);
	return rc;
}

/* Every DBT_PG_* kind. */
#define ALL_KINDS ((1u << CENSUS_N) - 1)

/* Kind order, then the bytes of the names (schema.h). */
static int cmp_object(const void *a, const void *b)
{
	const dbt_object *x = *(dbt_object *const *)a, *y = *(dbt_object *const *)b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The objects held as definitions, read with search_path set to the
 * schema (so that the server leaves its names unqualified) for this
 * transaction only, and then set back to what it was.
 */
static int read_objects(struct reflect *r)
{
	dbt_pg_objects o = {r->conn, r->pg, r->nspname, r->schema, r->absent};
	PGresult *res;
	char *saved = NULL;
	const char *params[1];
	int rc, rc2;

	/* Nothing to read: no query at all. */
	if ((r->absent & ALL_KINDS) == ALL_KINDS)
		return 0;
	/* In the reflection's own transaction, the setting ends with it. */
	if ((rc = query(&res, r,
			r->own_transaction
				? "SELECT pg_catalog.set_config('search_path', "
				  "pg_catalog.quote_ident($1) || ', pg_catalog', true)"
				: "SELECT pg_catalog.current_setting('search_path'), "
				  "pg_catalog.set_config('search_path', "
				  "pg_catalog.quote_ident($1) || ', pg_catalog', true)")) < 0)
		return rc;
	if (!r->own_transaction && !(saved = strdup(PQgetvalue(res, 0, 0)))) {
		PQclear(res);
		return dbt_error_oom();
	}
	PQclear(res);
	if ((rc = dbt_pg_reflect_types(&o)) == 0 && (rc = dbt_pg_reflect_routines(&o)) == 0 &&
	    (rc = dbt_pg_reflect_views(&o)) == 0 && (rc = dbt_pg_reflect_statistics(&o)) == 0 &&
	    (rc = dbt_pg_reflect_collations(&o)) == 0)
		rc = dbt_pg_reflect_acl(&o);
	if (rc == 0 && r->schema->nobjects > 1)
		qsort(r->schema->objects, r->schema->nobjects, sizeof(*r->schema->objects),
		      cmp_object);
	if (!saved)
		return rc;
	params[0] = saved;
	r->conn->nqueries++;
	res = PQexecParams(r->pg, "SELECT pg_catalog.set_config('search_path', $1, true)", 1, NULL,
			   params, NULL, NULL, 0);
	rc2 = PQresultStatus(res) == PGRES_TUPLES_OK ? 0 : db_error(r, res);
	PQclear(res);
	free(saved);
	return rc < 0 ? rc : rc2;
}

/* The schemas besides the managed one ($1) whose tables are read with
 * it: a user's, not public (the managed schema's name in a model), not a
 * scratch schema, not an extension's. */
static const char other_schemas_sql[] =
	"SELECT n.nspname FROM pg_catalog.pg_namespace n "
	"WHERE n.nspname !~ '^pg_' AND n.nspname NOT IN ('information_schema', 'public') "
	"AND n.nspname <> $1 AND pg_catalog.left(n.nspname, 15) <> 'dbtool_scratch_' "
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
	"WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass "
	"AND d.objid = n.oid AND d.deptype = 'e') "
	"ORDER BY n.nspname COLLATE \"C\"";

/*
 * The tables, with their columns, constraints and indexes, of every other
 * schema (other_schemas_sql), named with their schema (ident.h's
 * DBT_QUALIFIER), into r->schema.  Their objects (views, types, ...) are
 * read here (read_other_types and the policies' reader take enums,
 * domains and policies of other schemas; views are the managed schema's).
 */
static int read_other_schemas(struct reflect *r)
{
	PGresult *res;
	int rc, i;

	if ((rc = query(&res, r, other_schemas_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res) && rc == 0; i++) {
		struct reflect o = *r;

		o.nspname = PQgetvalue(res, i, 0);
		o.tables = NULL;
		o.ntables = 0;
		if ((rc = read_tables(&o)) == 0 && o.ntables && (rc = read_columns(&o)) == 0 &&
		    (rc = read_constraints(&o)) == 0)
			rc = read_indexes(&o);
		free(o.tables);
	}
	PQclear(res);
	return rc;
}

int dbt_postgres_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	struct reflect r;
	int rc, own_transaction = 0;
	size_t i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.conn = conn;
	r.pg = dbt_postgres_handle(conn);
	r.nspname = schema_name ? schema_name : "public";
	r.managed = r.nspname;
	if ((rc = dbt_schema_new(&r.schema)) < 0)
		goto cleanup;
	/* The four queries read one snapshot, unless the caller's
	 * transaction already decides what they see. */
	if (PQtransactionStatus(r.pg) == PQTRANS_IDLE) {
		/* Without JIT compilation (PostgreSQL 11 on): past some
		 * thousand tables the planner's costs of these queries cross
		 * jit_above_cost, and compiling their expressions took longer
		 * than running them (31 ms of the constraints' 317 ms at 5,000
		 * tables; bench/README.md).  In the reflection's own
		 * transaction, which the setting ends with. */
		if ((rc = command(&r,
				  PQserverVersion(r.pg) >= 110000
					  ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
					    "SET LOCAL jit = off"
					  : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			goto cleanup;
		own_transaction = 1;
	}
	r.own_transaction = own_transaction;
	/* Columns, constraints and indexes belong to tables: a schema of
	 * none has none to read. */
	if ((rc = read_tables(&r)) < 0 ||
	    (r.ntables && ((rc = read_columns(&r)) < 0 || (rc = read_constraints(&r)) < 0 ||
			   (rc = read_indexes(&r)) < 0)) ||
	    (conn->all_schemas && !(r.absent & DBT_PG_TYPES) &&
	     (rc = read_other_schemas(&r)) < 0) ||
	    (rc = read_objects(&r)) < 0)
		goto cleanup;
	for (i = 0; i < r.schema->ntables; i++)
		dbt_table_normalize(r.schema->tables[i]);
	if (own_transaction) {
		own_transaction = 0;
		if ((rc = command(&r, "COMMIT")) < 0)
			goto cleanup;
	}
	*out = r.schema;
	r.schema = NULL;
cleanup:
	if (own_transaction) {
		/* Keep the first failure's message. */
		conn->nqueries++;
		PQclear(PQexec(r.pg, "ROLLBACK"));
	}
	dbt_schema_free(r.schema);
	free(r.tables);
	return rc;
}
