/*
 * reflect_postgres_types.c - schemas, extensions, enums, other types
 * (composite and range), domains and sequences that no column owns, read
 * as definitions (see reflect_postgres_objects.h): one catalog query for
 * the objects of all six kinds and one for what they depend on.
 *
 * What each kind's definition holds, and what it leaves out:
 * - schema: its quoted name, nothing more.  The owner is not part of it,
 *   as ownership is nowhere part of the model.  Every schema of the
 *   database is reported except the managed one, public, the system's
 *   (pg_*, information_schema), dbtool's scratch schemas, the one that
 *   holds dbtool's version and history tables (version_schema) and those
 *   of an extension.  A schema is database-wide, and a reader cannot tell which
 *   of them a model speaks for: the rule is that a model which declares
 *   no schema leaves the database's schemas alone, so the comparison is
 *   to drop a reflected schema only when the model declares at least one
 *   schema (and likewise for extensions).
 *   Created with a plain CREATE SCHEMA, which fails rather than adopt a
 *   schema that is already there, and dropped without CASCADE, which fails
 *   rather than drop what the schema holds and the model does not show.
 * - extension: its name, and "WITH SCHEMA s" when it lives in another
 *   schema than the managed one.  The version is left out: the database
 *   picks it, and ALTER EXTENSION ... UPDATE is an operator's decision.
 *   plpgsql, always there, is left out.  Created with IF NOT EXISTS, as
 *   another schema's model may have made it already.
 * - enum: ENUM ('label', ...) in the labels' order.  A change has no
 *   replace_sql: only its old labels tell whether ALTER TYPE ... ADD
 *   VALUE can make it, which dbt_pg_enum_add_values works out.
 * - type: "(attr type [COLLATE c], ...)" of a composite type, or
 *   "RANGE (SUBTYPE = t[, SUBTYPE_OPCLASS = o][, COLLATION = c]
 *   [, CANONICAL = f][, SUBTYPE_DIFF = f][, MULTIRANGE_TYPE_NAME = m])"
 *   with each optional part only where it is not what PostgreSQL would
 *   choose by itself.  The row types of tables, array types and
 *   multirange types are not objects of their own.
 * - domain: "base [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT c
 *   CHECK (...)]...", the checks sorted by name, each as
 *   pg_get_constraintdef prints it (with NOT VALID for a check added so,
 *   which create_sql adds by ALTER DOMAIN after CREATE DOMAIN).  No
 *   replace_sql: an ALTER DOMAIN that drops the old checks needs their
 *   names.
 * - sequence: "[UNLOGGED ]AS t INCREMENT BY i MINVALUE a MAXVALUE b
 *   START WITH s CACHE c [NO ]CYCLE"; its current value is data and no
 *   part of it, so replace_sql is ALTER SEQUENCE without RESTART.  A
 *   sequence owned by a column (SERIAL, identity, OWNED BY) is left to
 *   that column.
 */
#include "reflect_postgres_objects.h"

#include <stdlib.h>
#include <string.h>

#include "dbtool.h"
#include "error.h"
#include "ident.h"

/* A schema that the database's user made: what a schema object may be. */
/* clang-format off */
#define USER_SCHEMA(n)                                                                    \
	"(" n ".nspname !~ '^pg_' AND " n ".nspname <> 'information_schema' AND " n       \
	".nspname <> 'public' AND " n ".nspname <> $1 AND "                               \
	"pg_catalog.left(" n ".nspname, 15) <> 'dbtool_scratch_')"
/* clang-format on */

/* The object (class, oid) is a member of an extension. */
/* clang-format off */
#define EXTENSION_MEMBER(class, oid)                                                      \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_depend x WHERE x.classid = "                 \
	"'pg_catalog." class "'::pg_catalog.regclass AND x.objid = " oid                  \
	" AND x.deptype = 'e')"
/* clang-format on */

/* The collation `oid`, qualified when search_path does not find it. */
/* clang-format off */
#define COLLATION_NAME(oid)                                                               \
	"(SELECT CASE WHEN pg_catalog.pg_collation_is_visible(co.oid) "                   \
	"THEN pg_catalog.quote_ident(co.collname) "                                       \
	"ELSE pg_catalog.quote_ident(cn.nspname) || '.' || "                              \
	"pg_catalog.quote_ident(co.collname) END "                                        \
	"FROM pg_catalog.pg_collation co "                                                \
	"JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace "                   \
	"WHERE co.oid = " oid ")"
/* clang-format on */

/*
 * The domains `where` finds (over pg_type t, pg_namespace n), named
 * `name`, in objects_sql's form: a check that is NOT VALID cannot be
 * written in CREATE DOMAIN, and is added after it.
 */
/* clang-format off */
#define DOMAIN_SELECT(name, where)                                                        \
	"SELECT 4, " name ", h.head || ck.every, h.head || ck.valid, ck.later, 0 "        \
	"FROM pg_catalog.pg_type t "                                                      \
	"JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "                       \
	"JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype "                           \
	"CROSS JOIN LATERAL (SELECT "                                                     \
	"pg_catalog.format_type(t.typbasetype, t.typtypmod) || "                          \
	"CASE WHEN t.typcollation <> bt.typcollation "                                    \
	"THEN ' COLLATE ' || " COLLATION_NAME("t.typcollation") " ELSE '' END || "        \
	"CASE WHEN t.typdefaultbin IS NULL THEN '' "                                      \
	"ELSE ' DEFAULT ' || pg_catalog.pg_get_expr(t.typdefaultbin, 0, true) END || "    \
	"CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END AS head) h "                 \
	"CROSS JOIN LATERAL (SELECT "                                                     \
	"COALESCE(pg_catalog.string_agg(' CONSTRAINT ' || "                               \
	"pg_catalog.quote_ident(k.conname) || "                                           \
	"' ' || pg_catalog.pg_get_constraintdef(k.oid, true), '' "                        \
	"ORDER BY k.conname COLLATE \"C\"), '') AS every, "                               \
	"COALESCE(pg_catalog.string_agg(' CONSTRAINT ' || "                               \
	"pg_catalog.quote_ident(k.conname) || "                                           \
	"' ' || pg_catalog.pg_get_constraintdef(k.oid, true), '' "                        \
	"ORDER BY k.conname COLLATE \"C\") FILTER (WHERE k.convalidated), '') AS valid, " \
	"pg_catalog.string_agg(E'\\nALTER DOMAIN ' || " name " || "                        \
	"' ADD CONSTRAINT ' || pg_catalog.quote_ident(k.conname) || ' ' || "              \
	"pg_catalog.pg_get_constraintdef(k.oid, true) || ';', '' "                        \
	"ORDER BY k.conname COLLATE \"C\") FILTER (WHERE NOT k.convalidated) AS later "   \
	"FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') ck " \
	"WHERE " where " AND t.typtype = 'd' AND NOT " EXTENSION_MEMBER("pg_type", "t.oid")
/* clang-format on */

/*
 * Every object of the six kinds: (kind, name, text, flag, extra), sorted
 * by kind, name and, for an enum, which has one row per label, the
 * labels' order.  `text` is the definition, or an enum's label (NULL for
 * an enum without labels); `flag` is a sequence's relpersistence, or what
 * a domain's CREATE DOMAIN says (the definition without the checks that
 * are NOT VALID), and then `extra` the statements that add those checks
 * (NULL when none).  The kind numbers are dbt_object_kind's.
 */
/* clang-format off */
static const char objects_sql[] =
	"SELECT kind, name, txt, flag, extra FROM ("
	/* schemas */
	"SELECT 0 AS kind, pg_catalog.quote_ident(n.nspname) AS name, "
	"pg_catalog.quote_ident(n.nspname) AS txt, NULL::pg_catalog.text AS flag, "
	"NULL::pg_catalog.text AS extra, 0::pg_catalog.float4 AS ord FROM "
	"pg_catalog.pg_namespace n WHERE " USER_SCHEMA("n") " AND NOT " EXTENSION_MEMBER(
	"pg_namespace", "n.oid")
	" AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class v WHERE v.relnamespace = "
	"n.oid AND v.relname IN ('dbtool_version', 'dbtool_history') AND v.relkind IN "
	"('r', 'p')) "
	/* extensions */
	"UNION ALL SELECT 1, pg_catalog.quote_ident(e.extname), "
	"pg_catalog.quote_ident(e.extname) || CASE WHEN n.nspname = $1 THEN '' ELSE ' "
	"WITH SCHEMA ' || pg_catalog.quote_ident(n.nspname) END, NULL, NULL, 0 FROM "
	"pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = "
	"e.extnamespace WHERE e.extname <> 'plpgsql' "
	/* enums, one row per label */
	"UNION ALL SELECT 2, pg_catalog.quote_ident(t.typname), "
	"l.enumlabel::pg_catalog.text, NULL, NULL, l.enumsortorder FROM "
	"pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
	"LEFT JOIN pg_catalog.pg_enum l ON l.enumtypid = t.oid WHERE n.nspname = $1 AND "
	"t.typtype = 'e' AND NOT " EXTENSION_MEMBER("pg_type", "t.oid") " "
	/* composite types: those of relkind 'c', not the row types of tables */
	"UNION ALL SELECT 3, pg_catalog.quote_ident(t.typname), '(' || COALESCE((SELECT "
	"pg_catalog.string_agg(pg_catalog.quote_ident(a.attname) || ' ' || "
	"pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attcollation <> "
	"at.typcollation THEN ' COLLATE ' || " COLLATION_NAME("a.attcollation")
	" ELSE '' END, ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a JOIN "
	"pg_catalog.pg_type at ON at.oid = a.atttypid WHERE a.attrelid = t.typrelid AND "
	"a.attnum > 0 AND NOT a.attisdropped), '') || ')', NULL, NULL, 0 FROM "
	"pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
	"JOIN pg_catalog.pg_class c ON c.oid = t.typrelid WHERE n.nspname = $1 AND "
	"t.typtype = 'c' AND c.relkind = 'c' AND NOT " EXTENSION_MEMBER("pg_type", "t.oid") " "
	/* range types; the multirange type's name is the one PostgreSQL
	 * makes up unless given */
	"UNION ALL SELECT 3, pg_catalog.quote_ident(t.typname), 'RANGE (SUBTYPE = ' || "
	"pg_catalog.format_type(r.rngsubtype, NULL) || CASE WHEN oc.opcdefault THEN '' "
	"ELSE ', SUBTYPE_OPCLASS = ' || CASE WHEN "
	"pg_catalog.pg_opclass_is_visible(oc.oid) THEN "
	"pg_catalog.quote_ident(oc.opcname) ELSE pg_catalog.quote_ident(on_.nspname) || "
	"'.' || pg_catalog.quote_ident(oc.opcname) END END || CASE WHEN r.rngcollation "
	"<> 0 AND r.rngcollation <> st.typcollation THEN ', COLLATION = ' || " COLLATION_NAME(
	"r.rngcollation") " ELSE '' END || CASE WHEN r.rngcanonical <> 0 THEN ', CANONICAL = ' || "
	"r.rngcanonical::pg_catalog.regproc::pg_catalog.text ELSE '' END || CASE WHEN "
	"r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = ' || "
	"r.rngsubdiff::pg_catalog.regproc::pg_catalog.text ELSE '' END || "
	"COALESCE((SELECT ', MULTIRANGE_TYPE_NAME = ' || "
	"pg_catalog.quote_ident(m.typname) FROM pg_catalog.pg_depend d JOIN "
	"pg_catalog.pg_type m ON m.oid = d.objid WHERE d.classid = "
	"'pg_catalog.pg_type'::pg_catalog.regclass AND d.refclassid = "
	"'pg_catalog.pg_type'::pg_catalog.regclass AND d.refobjid = t.oid AND d.deptype "
	"= 'i' AND m.typtype = 'm' AND m.typname::pg_catalog.text <> CASE WHEN "
	"pg_catalog.strpos(t.typname, 'range') > 0 THEN "
	"overlay(t.typname::pg_catalog.text PLACING 'multirange' FROM "
	"pg_catalog.strpos(t.typname, 'range') FOR 5) ELSE t.typname || '_multirange' "
	"END), '') || ')', NULL, NULL, 0 FROM pg_catalog.pg_type t JOIN "
	"pg_catalog.pg_namespace n ON n.oid = t.typnamespace JOIN pg_catalog.pg_range r "
	"ON r.rngtypid = t.oid JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype JOIN "
	"pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc JOIN pg_catalog.pg_namespace "
	"on_ ON on_.oid = oc.opcnamespace WHERE n.nspname = $1 AND t.typtype = 'r' AND "
	"NOT " EXTENSION_MEMBER("pg_type", "t.oid") " "
	/* domains: a check that is NOT VALID cannot be written in CREATE
	 * DOMAIN, and is added after it */
	"UNION ALL " DOMAIN_SELECT("pg_catalog.quote_ident(t.typname)", "n.nspname = $1") " "
	/* sequences that no column owns */
	"UNION ALL SELECT 5, pg_catalog.quote_ident(c.relname), 'AS ' || "
	"pg_catalog.format_type(s.seqtypid, NULL) || ' INCREMENT BY ' || s.seqincrement "
	"|| ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' START WITH ' || "
	"s.seqstart || ' CACHE ' || s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' "
	"ELSE ' NO CYCLE' END, c.relpersistence::pg_catalog.text, NULL, 0 FROM "
	"pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid WHERE n.nspname = $1 AND "
	"c.relkind = 'S' AND NOT " EXTENSION_MEMBER("pg_class", "c.oid")
	" AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = "
	"'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.refclassid "
	"= 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjsubid <> 0 AND "
	"d.deptype IN ('a', 'i'))) o ORDER BY kind, name COLLATE \"C\", ord";
/* clang-format on */

/*
 * What the enums, types, domains and extensions depend on: (kind, name,
 * dep) with dep as schema.h's `deps` writes it.  A type is found through
 * the attributes of a composite type, a range's subtype, functions,
 * collation and operator class, a domain's base type and the expressions
 * of its default and checks (which may also use sequences and functions);
 * an array stands for its element and a multirange for its range.  What an extension holds is that extension; what another schema
 * holds is that schema; the system's objects are nothing.
 */
static const char deps_sql[] =
	"WITH obj AS ("
	"SELECT CASE t.typtype WHEN 'e' THEN 2 WHEN 'd' THEN 4 ELSE 3 END AS kind, "
	"pg_catalog.quote_ident(t.typname) AS name, t.oid, t.typrelid "
	"FROM pg_catalog.pg_type t "
	"JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
	"LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid "
	"WHERE n.nspname = $1 AND (t.typtype IN ('e', 'd', 'r') OR c.relkind = 'c') "
	"AND NOT " EXTENSION_MEMBER(
		"pg_type",
		"t.oid") "), "
			 "src AS ("
			 "SELECT kind, name, 'pg_catalog.pg_type'::pg_catalog.regclass AS classid, "
			 "oid AS objid "
			 "FROM obj "
			 "UNION ALL SELECT kind, name, 'pg_catalog.pg_class'::pg_catalog.regclass, "
			 "typrelid "
			 "FROM obj WHERE typrelid <> 0 "
			 "UNION ALL SELECT o.kind, o.name, "
			 "'pg_catalog.pg_constraint'::pg_catalog.regclass, k.oid "
			 "FROM obj o JOIN pg_catalog.pg_constraint k ON k.contypid = o.oid "
			 "UNION ALL SELECT 1, pg_catalog.quote_ident(e.extname), "
			 "'pg_catalog.pg_extension'::pg_catalog.regclass, e.oid "
			 "FROM pg_catalog.pg_extension e WHERE e.extname <> 'plpgsql'), "
			 "ref AS ("
			 "SELECT DISTINCT s.kind, s.name, d.refclassid, "
			 "CASE WHEN rt.typcategory = 'A' AND rt.typelem <> 0 THEN rt.typelem "
			 "WHEN rt.typtype = 'm' THEN (SELECT md.refobjid FROM pg_catalog.pg_depend "
			 "md "
			 "WHERE md.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND "
			 "md.objid = rt.oid "
			 "AND md.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND "
			 "md.deptype = 'i' "
			 "LIMIT 1) "
			 "ELSE d.refobjid END AS refobjid "
			 "FROM src s JOIN pg_catalog.pg_depend d ON d.classid = s.classid AND "
			 "d.objid = s.objid "
			 "AND d.deptype = 'n' "
			 "LEFT JOIN pg_catalog.pg_type rt ON d.refclassid = "
			 "'pg_catalog.pg_type'::pg_catalog.regclass "
			 "AND rt.oid = d.refobjid) "
			 "SELECT kind, name, dep FROM ("
			 "SELECT r.kind, r.name, CASE "
			 "WHEN x.extname IS NOT NULL THEN 'extension ' || "
			 "pg_catalog.quote_ident(x.extname) "
			 "WHEN e.extname IS NOT NULL THEN CASE WHEN e.extname <> 'plpgsql' "
			 "THEN 'extension ' || pg_catalog.quote_ident(e.extname) END "
			 "WHEN ns.nspname = $1 THEN CASE "
			 "WHEN t.typtype = 'e' THEN 'enum ' || pg_catalog.quote_ident(t.typname) "
			 "WHEN t.typtype = 'd' THEN 'domain ' || pg_catalog.quote_ident(t.typname) "
			 "WHEN t.typtype = 'r' OR tc.relkind = 'c' "
			 "THEN 'type ' || pg_catalog.quote_ident(t.typname) "
			 "WHEN tc.relkind IN ('r', 'p') THEN tc.relname::pg_catalog.text "
			 "WHEN tc.relkind = 'v' THEN 'view ' || pg_catalog.quote_ident(tc.relname) "
			 "WHEN tc.relkind = 'm' THEN 'materialized view ' || "
			 "pg_catalog.quote_ident(tc.relname) "
			 "WHEN rc.relkind = 'S' THEN 'sequence ' || "
			 "pg_catalog.quote_ident(rc.relname) "
			 "WHEN rc.relkind IN ('r', 'p') THEN rc.relname::pg_catalog.text "
			 "WHEN p.prokind = 'f' THEN 'function ' || "
			 "pg_catalog.quote_ident(p.proname) || '(' || "
			 "pg_catalog.pg_get_function_identity_arguments(p.oid) || ')' END "
			 "WHEN " USER_SCHEMA(
				 "ns") " THEN 'schema ' || pg_catalog.quote_ident(ns.nspname) "
				       "END AS dep "
				       "FROM ref r "
				       "LEFT JOIN pg_catalog.pg_type t ON r.refclassid = "
				       "'pg_catalog.pg_type'::pg_catalog.regclass "
				       "AND t.oid = r.refobjid "
				       "LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid "
				       "LEFT JOIN pg_catalog.pg_class rc ON r.refclassid = "
				       "'pg_catalog.pg_class'::pg_catalog.regclass "
				       "AND rc.oid = r.refobjid "
				       "LEFT JOIN pg_catalog.pg_proc p ON r.refclassid = "
				       "'pg_catalog.pg_proc'::pg_catalog.regclass "
				       "AND p.oid = r.refobjid "
				       "LEFT JOIN pg_catalog.pg_collation co "
				       "ON r.refclassid = "
				       "'pg_catalog.pg_collation'::pg_catalog.regclass AND co.oid "
				       "= r.refobjid "
				       "LEFT JOIN pg_catalog.pg_opclass oc "
				       "ON r.refclassid = "
				       "'pg_catalog.pg_opclass'::pg_catalog.regclass AND oc.oid = "
				       "r.refobjid "
				       "LEFT JOIN pg_catalog.pg_extension e "
				       "ON r.refclassid = "
				       "'pg_catalog.pg_extension'::pg_catalog.regclass AND e.oid = "
				       "r.refobjid "
				       "LEFT JOIN pg_catalog.pg_namespace ns ON ns.oid = CASE "
				       "WHEN r.refclassid = "
				       "'pg_catalog.pg_namespace'::pg_catalog.regclass THEN "
				       "r.refobjid "
				       "ELSE COALESCE(t.typnamespace, rc.relnamespace, "
				       "p.pronamespace, co.collnamespace, "
				       "oc.opcnamespace) END "
				       "LEFT JOIN pg_catalog.pg_depend xd ON xd.classid = "
				       "r.refclassid "
				       "AND xd.objid = r.refobjid AND xd.deptype = 'e' "
				       "LEFT JOIN pg_catalog.pg_extension x ON x.oid = xd.refobjid"
				       ") q WHERE dep IS NOT NULL ORDER BY kind, name COLLATE "
				       "\"C\", dep COLLATE \"C\"";

/* An object's name in another schema than $1: SCHEMA.NAME, each part
 * quoted as SQL needs it. */
#define OTHER_NAME "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(t.typname)"

/*
 * The enums and domains of the other schemas that the model may name
 * (the user's, as USER_SCHEMA says, not $1, not an extension's), in
 * objects_sql's form, each named OTHER_NAME: what the scratch database
 * builds flat (scratch.h) reads back under that name too.
 */
static const char other_types_sql[] =
	"SELECT kind, name, txt, flag, extra FROM ("
	"SELECT 2 AS kind, " OTHER_NAME " AS name, l.enumlabel::pg_catalog.text AS txt, "
	"NULL::pg_catalog.text AS flag, NULL::pg_catalog.text AS extra, "
	"l.enumsortorder AS ord "
	"FROM pg_catalog.pg_type t "
	"JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
	"LEFT JOIN pg_catalog.pg_enum l ON l.enumtypid = t.oid "
	"WHERE t.typtype = 'e' AND " USER_SCHEMA(
		"n") " "
		     "AND NOT " EXTENSION_MEMBER(
			     "pg_namespace",
			     "n.oid") " "
				      "AND NOT " EXTENSION_MEMBER(
					      "pg_type",
					      "t.oid") " "
						       "UNION ALL " DOMAIN_SELECT(
							       OTHER_NAME,
							       USER_SCHEMA(
								       "n") " AND "
									    "NOT"
									    " " EXTENSION_MEMBER(
										    "pg_"
										    "namespace",
										    "n.oid")) ") o "
											      "ORDE"
											      "R "
											      "BY "
											      "kind"
											      ", "
											      "name"
											      " COL"
											      "LATE"
											      " \"C"
											      "\", "
											      "ord";

static const struct dbt_dialect *const pg = &dbt_dialect_postgres;

/* Adds an object of `kind` whose statements are in `create`, `drop` and
 * `replace` (NULL when none); DBT_ERROR when out of memory. */
static int add(dbt_pg_objects *r, dbt_object_kind kind, const char *name, const char *definition,
	       dbt_buf *create, dbt_buf *drop, dbt_buf *replace)
{
	dbt_object *obj;

	if (create->oom || drop->oom || (replace && replace->oom))
		return dbt_error_oom();
	return dbt_schema_add_object(&obj, r->schema, kind, name, NULL, definition,
				     dbt_buf_str(create), dbt_buf_str(drop),
				     replace ? dbt_buf_str(replace) : NULL);
}

/* The enum `name` of rows [*row, end of its labels), `*row` moved past. */
static int add_enum(dbt_pg_objects *r, const PGresult *res, int *row)
{
	const char *name = PQgetvalue(res, *row, 1);
	dbt_buf def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	const char *label;
	int first = 1, rc;

	dbt_buf_puts(&def, "ENUM (");
	for (; *row < PQntuples(res) && atoi(PQgetvalue(res, *row, 0)) == DBT_OBJ_ENUM &&
	       !strcmp(PQgetvalue(res, *row, 1), name);
	     (*row)++) {
		if (!(label = dbt_pg_objects_value(res, *row, 2)))
			continue;
		if (!first)
			dbt_buf_puts(&def, ", ");
		pg->quote_literal(&def, label);
		first = 0;
	}
	dbt_buf_putc(&def, ')');
	dbt_buf_printf(&create, "CREATE TYPE %s AS %s;", name, dbt_buf_str(&def));
	dbt_buf_printf(&drop, "DROP TYPE %s;", name);
	rc = def.oom ? dbt_error_oom()
		     : add(r, DBT_OBJ_ENUM, name, dbt_buf_str(&def), &create, &drop, NULL);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

/* Any object but an enum, from its row. */
static int add_other(dbt_pg_objects *r, const PGresult *res, int row)
{
	dbt_object_kind kind = (dbt_object_kind)atoi(PQgetvalue(res, row, 0));
	const char *name = PQgetvalue(res, row, 1);
	const char *text = PQgetvalue(res, row, 2);
	const char *flag = dbt_pg_objects_value(res, row, 3);
	const char *extra = dbt_pg_objects_value(res, row, 4);
	dbt_buf def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	dbt_buf replace = DBT_BUF_INIT;
	int unlogged, with_replace = 0, rc;

	switch (kind) {
	case DBT_OBJ_SCHEMA:
		dbt_buf_puts(&def, text);
		dbt_buf_printf(&create, "CREATE SCHEMA %s;", name);
		dbt_buf_printf(&drop, "DROP SCHEMA %s;", name);
		break;
	case DBT_OBJ_EXTENSION:
		dbt_buf_puts(&def, text);
		dbt_buf_printf(&create, "CREATE EXTENSION IF NOT EXISTS %s;", text);
		dbt_buf_printf(&drop, "DROP EXTENSION %s;", name);
		break;
	case DBT_OBJ_TYPE:
		dbt_buf_puts(&def, text);
		dbt_buf_printf(&create, "CREATE TYPE %s AS %s;", name, text);
		dbt_buf_printf(&drop, "DROP TYPE %s;", name);
		break;
	case DBT_OBJ_DOMAIN:
		dbt_buf_puts(&def, text);
		dbt_buf_printf(&create, "CREATE DOMAIN %s AS %s;%s", name, flag ? flag : text,
			       extra ? extra : "");
		dbt_buf_printf(&drop, "DROP DOMAIN %s;", name);
		break;
	case DBT_OBJ_SEQUENCE:
		unlogged = flag && !strcmp(flag, "u");
		dbt_buf_printf(&def, "%s%s", unlogged ? "UNLOGGED " : "", text);
		dbt_buf_printf(&create, "CREATE %sSEQUENCE %s %s;", unlogged ? "UNLOGGED " : "",
			       name, text);
		dbt_buf_printf(&drop, "DROP SEQUENCE %s;", name);
		/* RESTART is left out: the current value is data.  Before
		 * PostgreSQL 15 every sequence is logged and SET LOGGED does
		 * not exist. */
		dbt_buf_printf(&replace, "ALTER SEQUENCE %s %s;", name, text);
		if (PQserverVersion(r->pg) >= 150000)
			dbt_buf_printf(&replace, "\nALTER SEQUENCE %s SET %s;", name,
				       unlogged ? "UNLOGGED" : "LOGGED");
		with_replace = 1;
		break;
	default:
		dbt_buf_release(&replace);
		return dbt_error_set(DBT_ERROR, "cannot reflect schema '%s': unexpected kind %d",
				     r->nspname, (int)kind);
	}
	rc = def.oom ? dbt_error_oom()
		     : add(r, kind, name, dbt_buf_str(&def), &create, &drop,
			   with_replace ? &replace : NULL);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_buf_release(&replace);
	return rc;
}

/* The objects of other_types_sql, each depending on its schema. */
static int read_other_types(dbt_pg_objects *r)
{
	PGresult *res;
	int row, rc;

	if ((rc = dbt_pg_objects_query(&res, r, other_types_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res) && rc == 0;) {
		if (atoi(PQgetvalue(res, row, 0)) == DBT_OBJ_ENUM) {
			rc = add_enum(r, res, &row);
		} else {
			rc = add_other(r, res, row);
			row++;
		}
		if (rc == 0)
			rc = dbt_object_add_schema_dep(r->schema->objects[r->schema->nobjects - 1]);
	}
	PQclear(res);
	return rc;
}

static int read_objects(dbt_pg_objects *r)
{
	PGresult *res;
	int row, rc;

	if ((rc = dbt_pg_objects_query(&res, r, objects_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res) && rc == 0;) {
		if (atoi(PQgetvalue(res, row, 0)) == DBT_OBJ_ENUM) {
			rc = add_enum(r, res, &row);
		} else {
			rc = add_other(r, res, row);
			row++;
		}
	}
	PQclear(res);
	if (rc == 0 && r->conn->all_schemas)
		rc = read_other_types(r);
	return rc;
}

static int read_deps(dbt_pg_objects *r)
{
	dbt_buf self = DBT_BUF_INIT;
	PGresult *res;
	dbt_object *obj;
	int row, rc;

	if ((rc = dbt_pg_objects_query(&res, r, deps_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res) && rc == 0; row++) {
		dbt_object_kind kind = (dbt_object_kind)atoi(PQgetvalue(res, row, 0));
		const char *dep = PQgetvalue(res, row, 2);

		obj = dbt_schema_find_object(r->schema, kind, PQgetvalue(res, row, 1));
		if (!obj)
			continue;
		dbt_buf_clear(&self);
		dbt_buf_printf(&self, "%s %s", dbt_object_kind_name(kind), obj->name);
		if (self.oom)
			rc = dbt_error_oom();
		else if (strcmp(dep, dbt_buf_str(&self)) != 0)
			rc = dbt_object_add_dep(obj, dep);
	}
	dbt_buf_release(&self);
	PQclear(res);
	return rc;
}

/* 1 when `s` holds an object that deps_sql finds dependencies of: an
 * extension, enum, type or domain. */
static int has_dependents(const dbt_schema *s)
{
	size_t i;

	for (i = 0; i < s->nobjects; i++)
		if (s->objects[i]->kind >= DBT_OBJ_EXTENSION &&
		    s->objects[i]->kind <= DBT_OBJ_DOMAIN)
			return 1;
	return 0;
}

int dbt_pg_reflect_types(dbt_pg_objects *r)
{
	int rc;

	if (r->absent & DBT_PG_TYPES)
		return 0;
	if ((rc = read_objects(r)) < 0)
		return rc;
	/* Nothing read that has dependencies: their query would find none. */
	return has_dependents(r->schema) ? read_deps(r) : 0;
}

/* ------------------------------------------------------ enum ADD VALUE */

/*
 * The labels of an enum's definition, "ENUM ('a', 'b''c')" as add_enum
 * writes it, unquoted into `out` (caller frees each and the array).
 * DBT_ENOTFOUND when the text is not of that form, DBT_ERROR when out of
 * memory.
 */
static int parse_labels(char ***out, size_t *count, const char *def)
{
	char **v = NULL, **grown;
	size_t n = 0;
	const char *p = def;
	dbt_buf label = DBT_BUF_INIT;
	int rc = 0;

	*out = NULL;
	*count = 0;
	if (strncmp(p, "ENUM (", 6) != 0)
		return DBT_ENOTFOUND;
	p += 6;
	while (*p == '\'') {
		dbt_buf_clear(&label);
		for (p++;; p++) {
			if (!*p) {
				rc = DBT_ENOTFOUND;
				goto cleanup;
			}
			if (*p == '\'') {
				if (p[1] != '\'')
					break;
				p++;
			}
			dbt_buf_putc(&label, *p);
		}
		p++;
		grown = label.oom ? NULL : realloc(v, (n + 1) * sizeof(*v));
		if (!grown) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		v = grown;
		if (!(v[n] = strdup(dbt_buf_str(&label)))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		n++;
		if (strncmp(p, ", ", 2) == 0 && p[2] == '\'')
			p += 2;
	}
	if (strcmp(p, ")") != 0)
		rc = DBT_ENOTFOUND;
cleanup:
	dbt_buf_release(&label);
	if (rc < 0) {
		while (n > 0)
			free(v[--n]);
		free(v);
		return rc;
	}
	*out = v;
	*count = n;
	return 0;
}

static void free_labels(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

int dbt_pg_enum_add_values(dbt_buf *out, const dbt_object *old, const dbt_object *new)
{
	char **from = NULL, **to = NULL;
	size_t nfrom = 0, nto = 0, i, j;
	int rc;

	if (old->kind != DBT_OBJ_ENUM || new->kind != DBT_OBJ_ENUM ||
	    strcmp(old->name, new->name) != 0)
		return dbt_error_set(DBT_ENOTFOUND, "'%s' and '%s' are not one enum", old->name,
				     new->name);
	if ((rc = parse_labels(&from, &nfrom, old->definition)) < 0 ||
	    (rc = parse_labels(&to, &nto, new->definition)) < 0) {
		if (rc == DBT_ENOTFOUND)
			rc = dbt_error_set(DBT_ENOTFOUND, "enum '%s' has no labels to compare",
					   new->name);
		goto cleanup;
	}
	/* The old labels must all be there, in their order: j walks them
	 * along the new ones. */
	for (i = 0, j = 0; i < nto && j < nfrom; i++)
		if (!strcmp(to[i], from[j]))
			j++;
	if (j < nfrom) {
		rc = dbt_error_set(DBT_ENOTFOUND,
				   "enum '%s' cannot be changed in place: labels were removed or "
				   "reordered",
				   new->name);
		goto cleanup;
	}
	/* Each added label goes after the one before it, which is there by
	 * then; the first label, when added, before the first old one. */
	for (i = 0, j = 0; i < nto; i++) {
		if (j < nfrom && !strcmp(to[i], from[j])) {
			j++;
			continue;
		}
		dbt_buf_printf(out, "%sALTER TYPE %s ADD VALUE ", out->len ? "\n" : "", new->name);
		pg->quote_literal(out, to[i]);
		if (i > 0) {
			dbt_buf_puts(out, " AFTER ");
			pg->quote_literal(out, to[i - 1]);
		} else if (nfrom > 0) {
			dbt_buf_puts(out, " BEFORE ");
			pg->quote_literal(out, from[0]);
		}
		dbt_buf_putc(out, ';');
	}
	rc = out->oom ? dbt_error_oom() : 0;
cleanup:
	free_labels(from, nfrom);
	free_labels(to, nto);
	return rc;
}

/* ------------------------------------------------------ enum recreate */

/* 1 when `labels` holds `label`. */
static int has_label(char *const *labels, size_t n, const char *label)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(labels[i], label))
			return 1;
	return 0;
}

/*
 * The label of a default "'x'::type" (as the database prints it) or "'x'"
 * (as a model may write it): 1 and the label in `out` (caller frees), 0
 * when the default is not one literal, DBT_ERROR when out of memory.
 */
static int default_label(char **out, const char *expr)
{
	dbt_buf b = DBT_BUF_INIT;
	const char *p = expr;

	*out = NULL;
	if (*p != '\'')
		return 0;
	for (p++;; p++) {
		if (!*p) {
			dbt_buf_release(&b);
			return 0;
		}
		if (*p == '\'') {
			if (p[1] != '\'')
				break;
			p++;
		}
		dbt_buf_putc(&b, *p);
	}
	if (p[1] && strncmp(p + 1, "::", 2) != 0) {
		dbt_buf_release(&b);
		return 0;
	}
	if (b.oom)
		return dbt_error_oom();
	*out = dbt_buf_detach(&b);
	return *out ? 1 : dbt_error_oom();
}

/*
 * Whether the labels of a default are all among `labels`: the default's
 * one label, or for an array column each element of its array literal
 * ('{a,"b c",NULL}'::t[], '{}').  1 when they are, 0 when one is not,
 * 2 when the default is not such a literal (an expression), DBT_ERROR
 * when out of memory.
 */
static int default_fits(const char *expr, int array, char *const *labels, size_t n)
{
	char *lit = NULL;
	const char *p;
	dbt_buf el = DBT_BUF_INIT;
	int rc, quoted, fits = 1;

	if ((rc = default_label(&lit, expr)) != 1)
		return rc < 0 ? rc : 2;
	if (!array) {
		fits = has_label(labels, n, lit);
		free(lit);
		return fits;
	}
	if (*lit != '{') {
		free(lit);
		return 2;
	}
	for (p = lit; *p && fits;) {
		while (*p == '{' || *p == '}' || *p == ',' || *p == ' ')
			p++;
		if (!*p)
			break;
		dbt_buf_clear(&el);
		quoted = *p == '"';
		if (quoted) {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				dbt_buf_putc(&el, *p);
			}
			if (*p)
				p++;
		} else {
			const char *end = p + strcspn(p, ",}");

			while (end > p && end[-1] == ' ')
				end--;
			dbt_buf_put(&el, p, (size_t)(end - p));
			p += strcspn(p, ",}");
		}
		if (el.oom) {
			fits = dbt_error_oom();
			break;
		}
		if (!quoted && !strcasecmp(dbt_buf_str(&el), "NULL"))
			continue;
		fits = has_label(labels, n, dbt_buf_str(&el));
	}
	dbt_buf_release(&el);
	free(lit);
	return fits;
}

/* 1 when the column's type is the enum `name` or an array of it. */
static int uses_enum(const dbt_column *c, const char *name, int *array)
{
	size_t n = strlen(name);
	const char *t = c->type.text;

	if (!t || strncmp(t, name, n) != 0)
		return 0;
	*array = t[n] == '[';
	return !t[n] || !strcmp(t + n, "[]");
}

/* The name `name` (as quote_ident prints it) with `suffix`, quoted. */
static void suffixed_name(dbt_buf *out, const char *name, const char *suffix)
{
	dbt_buf raw = DBT_BUF_INIT;
	const char *p;

	if (*name == '"') {
		for (p = name + 1; *p && !(*p == '"' && p[1] != '"'); p++) {
			if (*p == '"')
				p++;
			dbt_buf_putc(&raw, *p);
		}
	} else {
		dbt_buf_puts(&raw, name);
	}
	dbt_buf_puts(&raw, suffix);
	if (raw.oom)
		out->oom = 1;
	else
		pg->quote_ident(out, dbt_buf_str(&raw));
	dbt_buf_release(&raw);
}

int dbt_pg_type_recreate(dbt_buf *out, const dbt_object *to, const dbt_schema *tables)
{
	char **labels = NULL;
	size_t nlabels = 0, i, k, q;
	dbt_buf old = DBT_BUF_INIT;
	int rc = 0, array = 0;

	if (to->kind != DBT_OBJ_ENUM && to->kind != DBT_OBJ_DOMAIN)
		return dbt_error_set(DBT_ENOTFOUND, "'%s' is neither an enum nor a domain",
				     to->name);
	if (to->kind == DBT_OBJ_ENUM &&
	    (rc = parse_labels(&labels, &nlabels, to->definition)) < 0) {
		if (rc == DBT_ENOTFOUND)
			rc = dbt_error_set(DBT_ENOTFOUND, "enum '%s' has no labels", to->name);
		return rc;
	}
	/* Another schema's type is renamed within it, and named with it
	 * after. */
	if ((q = dbt_ident_sql_qualifier(to->name)))
		q++;
	suffixed_name(&old, to->name + q, "_old");
	dbt_buf_printf(out, "ALTER %s %s RENAME TO %s;\n",
		       to->kind == DBT_OBJ_ENUM ? "TYPE" : "DOMAIN", to->name, dbt_buf_str(&old));
	dbt_buf_clear(&old);
	dbt_buf_put(&old, to->name, q);
	suffixed_name(&old, to->name + q, "_old");
	dbt_buf_printf(out, "%s\n", to->create_sql);
	for (i = 0; tables && i < tables->ntables && rc == 0; i++) {
		const dbt_table *t = tables->tables[i];
		dbt_buf tname = DBT_BUF_INIT;

		pg->quote_ident(&tname, t->name);
		for (k = 0; k < t->ncolumns && rc == 0; k++) {
			const dbt_column *c = t->columns[k];
			dbt_buf cname = DBT_BUF_INIT;
			int keep = 1;

			if (!uses_enum(c, to->name, &array) || c->generated_expr)
				continue;
			pg->quote_ident(&cname, c->name);
			/* The default is of the old type: it goes, and comes back
			 * when its label is still there (else the model's default
			 * follows in the table's changes). */
			if (c->default_expr) {
				dbt_buf_printf(out,
					       "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n",
					       dbt_buf_str(&tname), dbt_buf_str(&cname));
				if (to->kind == DBT_OBJ_ENUM &&
				    (rc = default_fits(c->default_expr, array, labels, nlabels)) >=
					    0)
					keep = rc != 0;
				rc = rc < 0 ? rc : 0;
			}
			dbt_buf_printf(out,
				       "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s USING "
				       "%s::text%s::%s%s;\n",
				       dbt_buf_str(&tname), dbt_buf_str(&cname), to->name,
				       array ? "[]" : "", dbt_buf_str(&cname), array ? "[]" : "",
				       to->name, array ? "[]" : "");
			if (c->default_expr && keep)
				dbt_buf_printf(out,
					       "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;\n",
					       dbt_buf_str(&tname), dbt_buf_str(&cname),
					       c->default_expr);
			dbt_buf_release(&cname);
		}
		dbt_buf_release(&tname);
	}
	dbt_buf_printf(out, "DROP %s %s;", to->kind == DBT_OBJ_ENUM ? "TYPE" : "DOMAIN",
		       dbt_buf_str(&old));
	if (rc == 0 && (out->oom || old.oom))
		rc = dbt_error_oom();
	dbt_buf_release(&old);
	free_labels(labels, nlabels);
	return rc;
}

int dbt_pg_enum_lost_value_sql(dbt_buf *out, const dbt_object *to, const dbt_table *t,
			       const dbt_column *c)
{
	char **labels = NULL;
	size_t nlabels = 0, i;
	int rc, array = 0;

	if (to->kind != DBT_OBJ_ENUM || !uses_enum(c, to->name, &array) || c->generated_expr)
		return 0;
	if ((rc = parse_labels(&labels, &nlabels, to->definition)) < 0)
		return rc == DBT_ENOTFOUND ? 0 : rc;
	dbt_buf_puts(out, "SELECT v FROM (SELECT ");
	if (array)
		dbt_buf_puts(out, "unnest(");
	pg->quote_ident(out, c->name);
	dbt_buf_puts(out, array ? ")::text AS v FROM " : "::text AS v FROM ");
	pg->quote_ident(out, t->name);
	dbt_buf_puts(out, ") AS x WHERE v IS NOT NULL");
	if (nlabels) {
		dbt_buf_puts(out, " AND v NOT IN (");
		for (i = 0; i < nlabels; i++) {
			if (i)
				dbt_buf_puts(out, ", ");
			pg->quote_literal(out, labels[i]);
		}
		dbt_buf_putc(out, ')');
	}
	dbt_buf_puts(out, " LIMIT 1");
	free_labels(labels, nlabels);
	return out->oom ? dbt_error_oom() : 1;
}

int dbt_pg_enum_default_uses_added(const dbt_object *old, const dbt_object *new,
				   const dbt_schema *model)
{
	char **from = NULL, **to = NULL;
	size_t nfrom = 0, nto = 0, i, k;
	int rc, array, found = 0;

	if ((rc = parse_labels(&from, &nfrom, old->definition)) < 0 ||
	    (rc = parse_labels(&to, &nto, new->definition)) < 0)
		goto cleanup;
	for (i = 0; i < model->ntables && !found && rc >= 0; i++) {
		const dbt_table *t = model->tables[i];

		for (k = 0; k < t->ncolumns && !found && rc >= 0; k++) {
			const dbt_column *c = t->columns[k];

			if (!c->default_expr || !uses_enum(c, new->name, &array))
				continue;
			if ((rc = default_fits(c->default_expr, array, from, nfrom)) >= 0)
				found = rc == 0;
		}
	}
cleanup:
	free_labels(from, nfrom);
	free_labels(to, nto);
	if (rc == DBT_ENOTFOUND)
		rc = 0;
	return rc < 0 ? rc : found;
}
