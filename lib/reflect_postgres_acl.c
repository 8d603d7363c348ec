/*
 * reflect_postgres_acl.c - row level security, policies, comments and
 * grants of a PostgreSQL schema, read as definitions (see
 * reflect_postgres_objects.h).  One catalog query per kind, whatever the
 * number of tables.
 *
 * - Row level security: one object per table whose relrowsecurity or
 *   relforcerowsecurity is set, named after the table; its definition is
 *   "ENABLE", "FORCE" or "ENABLE FORCE".
 * - Policies: "p ON t", the definition being the tail of the CREATE
 *   POLICY that makes it (AS, FOR, TO with the roles sorted, USING and
 *   WITH CHECK as pg_get_expr prints them).  ALTER POLICY cannot change
 *   AS or FOR, so a changed policy is dropped and created again.
 * - Comments: named after the target as COMMENT ON writes it ("TABLE t",
 *   "COLUMN t.c", "FUNCTION f(integer)", "CONSTRAINT c ON t" ...), the
 *   definition being the text.  The literal is written on one line (an
 *   E'' string when the text holds a line break), so that no text can put
 *   a "-- migrate:..." line into a revision file.  The managed schema's
 *   own comment is left out: its name differs between the live and the
 *   scratch database, and COMMENT ON SCHEMA must name it.
 * - Grants: one object per object and grantee whose privileges differ
 *   from PostgreSQL's defaults for it (acldefault), named
 *   "TABLE t TO role" ("COLUMN t.c TO role", "FUNCTION f(integer) TO
 *   PUBLIC", "SEQUENCE s ...", "TYPE", "DOMAIN", "SCHEMA"), the definition
 *   being the privileges in the order GRANT's documentation lists them,
 *   each followed by WITH GRANT OPTION when it has it, or "NONE" when a
 *   default privilege was revoked.  create_sql grants them (revoking
 *   first what a grantee holds by default, as PUBLIC holds EXECUTE on a
 *   function), drop_sql revokes them and gives back the defaults,
 *   replace_sql revokes all and grants them.  Ownership is not modelled:
 *   the owner's own privileges are left out, and so is the grantor (the
 *   statements grant and revoke as whoever runs them, so a privilege that
 *   another role granted is not revoked by them).  Revoking a table
 *   privilege revokes the same privilege on its columns too, as
 *   PostgreSQL does: a column's grant depends on the grant on its table
 *   to the same grantee, so that it comes after it, and goes and comes
 *   back when that one is replaced.  The managed schema's own privileges are left out
 *   for the reason its comment is.
 *
 * Comments and grants on other schemas are read only for the schemas that
 * the schema reader (reflect_postgres_types.c, which runs first) keeps as
 * objects.  Objects that belong to an extension and dbtool's version and
 * history tables (with their columns, indexes and sequences) are left out.
 */
#include "reflect_postgres_objects.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "defaults.h"
#include "error.h"

/* ------------------------------------------------------------- the SQL */

#define NSP "(SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = $1)"
#define CATALOG(cat) "'pg_catalog." cat "'::pg_catalog.regclass"
#define OWN_TABLES "('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "')"

/* 1 when the object `oid` of the catalog `cat` belongs to an extension. */
/* clang-format off */
#define IN_EXTENSION(cat, oid)                                                              \
	"EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = " CATALOG(cat)     \
	" AND e.objid = " oid " AND e.deptype = 'e')"
/* clang-format on */

/* The table that the relation `k` belongs to when it is an index or a
 * sequence that a column owns (SERIAL, identity); NULL otherwise. */
/* clang-format off */
#define OWNER_TABLE(k)                                                                      \
	"CASE WHEN " k ".relkind IN ('i', 'I') THEN (SELECT bt.relname::pg_catalog.text "   \
	"FROM pg_catalog.pg_index bi JOIN pg_catalog.pg_class bt ON bt.oid = bi.indrelid " \
	"WHERE bi.indexrelid = " k ".oid) "                                                 \
	"WHEN " k ".relkind = 'S' THEN (SELECT bt.relname::pg_catalog.text "               \
	"FROM pg_catalog.pg_depend bd JOIN pg_catalog.pg_class bt ON bt.oid = bd.refobjid " \
	"WHERE bd.classid = " CATALOG("pg_class") " AND bd.objid = " k ".oid "             \
	"AND bd.refclassid = " CATALOG("pg_class") " AND bd.refobjsubid > 0 "              \
	"AND bd.deptype IN ('a', 'i') LIMIT 1) END"
/* clang-format on */

/* The relation `k` as a dependency: a table by its name, an index or an
 * owned sequence by its table's, other relations as "kind name". */
/* clang-format off */
#define REL_DEP(k)                                                                          \
	"COALESCE(" OWNER_TABLE(k) ", CASE WHEN " k ".relkind IN ('r', 'p') "               \
	"THEN " k ".relname::pg_catalog.text ELSE CASE " k ".relkind "                      \
	"WHEN 'v' THEN 'view ' "                                                            \
	"WHEN 'm' THEN 'materialized view ' "                                               \
	"WHEN 'S' THEN 'sequence ' "                                                        \
	"WHEN 'c' THEN 'type ' END || pg_catalog.format('%I', " k ".relname) END)"
/* clang-format on */

/* The table a relation `k` is or belongs to, for leaving out dbtool's. */
#define BASE_TABLE(k) "COALESCE(" OWNER_TABLE(k) ", " k ".relname::pg_catalog.text)"

/* The routine `k` as dependency and as COMMENT ON and GRANT name it. */
/* clang-format off */
#define ROUTINE_NAME(k)                                                                     \
	"pg_catalog.format('%I(%s)', " k ".proname, "                                       \
	"pg_catalog.pg_get_function_identity_arguments(" k ".oid))"
#define ROUTINE_DEP(k)                                                                      \
	"CASE " k ".prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END || " ROUTINE_NAME(k)
/* clang-format on */

/* The type `k` (not an array, nor a relation's row type) as dependency. */
/* clang-format off */
#define TYPE_DEP(k)                                                                         \
	"CASE " k ".typtype WHEN 'e' THEN 'enum ' WHEN 'd' THEN 'domain ' ELSE 'type ' END " \
	"|| pg_catalog.format('%I', " k ".typname)"
/* clang-format on */

/* Keeps the types that a user creates on their own: not arrays, nor the
 * row types of tables and views, nor multiranges made with a range. */
/* clang-format off */
#define USER_TYPE(k)                                                                        \
	k ".typtype IN ('b', 'c', 'd', 'e', 'r') "                                          \
	"AND NOT (" k ".typcategory = 'A' AND " k ".typelem <> 0) "                         \
	"AND (" k ".typtype <> 'c' OR (SELECT tr.relkind FROM pg_catalog.pg_class tr "      \
	"WHERE tr.oid = " k ".typrelid) = 'c')"
/* clang-format on */

/* The object `obj` of catalog `cls` (from pg_depend) as a dependency;
 * NULL when it is not one of the managed schema's objects. */
/* clang-format off */
#define DEP_OF(cls, obj)                                                                    \
	"CASE " cls " "                                                                     \
	"WHEN " CATALOG("pg_class") " THEN (SELECT " REL_DEP("dk") " "                      \
	"FROM pg_catalog.pg_class dk WHERE dk.oid = " obj " AND dk.relnamespace = " NSP ") " \
	"WHEN " CATALOG("pg_proc") " THEN (SELECT " ROUTINE_DEP("dp") " "                   \
	"FROM pg_catalog.pg_proc dp WHERE dp.oid = " obj " AND dp.pronamespace = " NSP ") " \
	"WHEN " CATALOG("pg_type") " THEN (SELECT CASE WHEN dt.typtype = 'c' THEN "          \
	"(SELECT " REL_DEP("dr") " FROM pg_catalog.pg_class dr WHERE dr.oid = dt.typrelid) " \
	"ELSE " TYPE_DEP("dt") " END FROM pg_catalog.pg_type da JOIN pg_catalog.pg_type dt " \
	"ON dt.oid = CASE WHEN da.typcategory = 'A' AND da.typelem <> 0 THEN da.typelem "   \
	"ELSE da.oid END WHERE da.oid = " obj " AND dt.typnamespace = " NSP ") END"
/* clang-format on */

/* Tables of the managed schema that the model may hold, as in
 * reflect_postgres.c. */
/* clang-format off */
#define MODEL_TABLE(c)                                                                      \
	c ".relkind IN ('r', 'p') AND NOT " c ".relispartition AND " c ".relname NOT IN "   \
	OWN_TABLES " AND NOT " IN_EXTENSION("pg_class", c ".oid")
/* clang-format on */

/* The schemas other than $1 whose tables a model may hold: the user's
 * (not public, pg_*, information_schema, a scratch schema or an
 * extension's). */
/* clang-format off */
#define OTHER_NSPS                                                                          \
	"(SELECT o.oid FROM pg_catalog.pg_namespace o WHERE o.nspname !~ '^pg_' "           \
	"AND o.nspname NOT IN ('information_schema', 'public') AND o.nspname <> $1 "       \
	"AND pg_catalog.left(o.nspname, 15) <> 'dbtool_scratch_' "                         \
	"AND NOT " IN_EXTENSION("pg_namespace", "o.oid") ")"
/* clang-format on */

/* A table of another schema: its name as SQL writes it, and as the schema
 * holds it (ident.h's DBT_QUALIFIER). */
#define OTHER_SCHEMA \
	"(SELECT o.nspname FROM pg_catalog.pg_namespace o WHERE o.oid = c.relnamespace)"
#define OTHER_TABLE_SQL "pg_catalog.format('%I.%I', " OTHER_SCHEMA ", c.relname)"
#define OTHER_TABLE_HELD OTHER_SCHEMA " || pg_catalog.chr(31) || c.relname"

/* clang-format off */
#define RLS_SELECT(name, table, where)                                                      \
	"SELECT " name ", " table ", c.relrowsecurity, "                                    \
	"c.relforcerowsecurity FROM pg_catalog.pg_class c "                                 \
	"WHERE c.relnamespace " where " AND " MODEL_TABLE("c") " "                          \
	"AND (c.relrowsecurity OR c.relforcerowsecurity) "                                  \
	"ORDER BY " name " COLLATE \"C\""
/* clang-format on */

static const char rls_sql[] =
	RLS_SELECT("pg_catalog.format('%I', c.relname)", "c.relname", "= " NSP);

/* Row level security of the tables of the other schemas (OTHER_NSPS). */
static const char other_rls_sql[] = RLS_SELECT(OTHER_TABLE_SQL, OTHER_TABLE_HELD, "IN " OTHER_NSPS);

/* Deps are "<bytes>:<dep>" one after another, which no name can upset. */
/* clang-format off */
#define POLICY_SELECT(name, table, where)                                                   \
	"SELECT " name ", " table ", "                                                      \
	"CASE WHEN p.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, "              \
	"CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' " \
	"WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, "                                           \
	"(SELECT pg_catalog.string_agg(x.n, ', ' ORDER BY x.n COLLATE \"C\") FROM ("        \
	"SELECT CASE WHEN pr.oid = 0 THEN 'PUBLIC' ELSE pg_catalog.format('%I', ro.rolname) END " \
	"AS n FROM pg_catalog.unnest(p.polroles) AS pr(oid) "                               \
	"LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = pr.oid) x), "                         \
	"pg_catalog.pg_get_expr(p.polqual, p.polrelid, true), "                             \
	"pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true), "                        \
	"(SELECT pg_catalog.string_agg(pg_catalog.octet_length(x.dep)::pg_catalog.text "    \
	"|| ':' || x.dep, '' ORDER BY x.dep COLLATE \"C\") FROM (SELECT DISTINCT "          \
	DEP_OF("d.refclassid", "d.refobjid") " AS dep FROM pg_catalog.pg_depend d "         \
	"WHERE d.classid = " CATALOG("pg_policy") " AND d.objid = p.oid "                   \
	"AND d.deptype IN ('n', 'a')) x WHERE x.dep IS NOT NULL) "                          \
	"FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid "     \
	"WHERE c.relnamespace " where " AND " MODEL_TABLE("c") " "                          \
	"ORDER BY " name " COLLATE \"C\""
/* clang-format on */

static const char policies_sql[] =
	POLICY_SELECT("pg_catalog.format('%I ON %I', p.polname, c.relname)", "c.relname", "= " NSP);

/* The policies of the tables of the other schemas (OTHER_NSPS). */
static const char other_policies_sql[] =
	POLICY_SELECT("pg_catalog.format('%I ON ', p.polname) || " OTHER_TABLE_SQL,
		      OTHER_TABLE_HELD, "IN " OTHER_NSPS);

/* Columns: the name after COMMENT ON, the table it is on (or NULL), the
 * text, the dependency, and the schema's plain name for a comment on
 * another schema. */
static const char
	comments_sql[] = "SELECT x.name, x.tbl, x.description, x.dep, x.nsp FROM ("
			 /* relations and their columns */
			 "SELECT CASE WHEN d.objsubid > 0 "
			 "THEN pg_catalog.format('COLUMN %I.%I', c.relname, a.attname) "
			 "ELSE CASE c.relkind WHEN 'r' THEN 'TABLE ' WHEN 'p' THEN 'TABLE ' WHEN "
			 "'v' THEN "
			 "'VIEW ' "
			 "WHEN 'm' THEN 'MATERIALIZED VIEW ' WHEN 'S' THEN 'SEQUENCE ' ELSE 'INDEX "
			 "' END "
			 "|| pg_catalog.format('%I', c.relname) END AS name, "
			 "CASE WHEN c.relkind IN ('r', 'p') THEN c.relname::pg_catalog.text END AS "
			 "tbl, "
			 "d.description, " REL_DEP(
				 "c") " AS dep, NULL::pg_catalog.text AS nsp "
				      "FROM pg_catalog.pg_description d JOIN "
				      "pg_catalog.pg_class c "
				      "ON d.classoid = " CATALOG("pg_class") " AND c.oid "
									     "= d.objoid "
									     "LEFT JOIN "
									     "pg_catalog."
									     "pg_"
									     "attribute a "
									     "ON "
									     "a.attrelid "
									     "= c.oid AND "
									     "a.attnum = "
									     "d.objsubid "
									     "WHERE "
									     "c."
									     "relnamespace"
									     " = " NSP " AND "
									     "c.relkind "
									     "IN ('r', "
									     "'p', 'v', "
									     "'m', 'S', "
									     "'i', 'I') "
									     "AND NOT "
									     "c."
									     "relispartiti"
									     "on AND "
									     "(d.objsubid "
									     "= 0 OR "
									     "a.attnum > "
									     "0 AND NOT "
									     "a."
									     "attisdropped"
									     ") "
									     "AND"
									     " " BASE_TABLE("c") " "
												 "N"
												 "O"
												 "T"
												 " "
												 "I"
												 "N"
												 " " OWN_TABLES
												 " "
												 "A"
												 "N"
												 "D"
												 " "
												 "N"
												 "O"
												 "T"
												 " " IN_EXTENSION("pg_class", "c.oid") " "
																       /* functions and procedures */
																       "UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || " ROUTINE_NAME("p") ", NULL, d.description, " ROUTINE_DEP("p") ", NULL "
																																			  "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_proc p "
																																			  "ON d.classoid = " CATALOG("pg_proc") " AND p.oid = d.objoid "
																																								"WHERE p.pronamespace = " NSP " AND p.prokind IN ('f', 'p') "
																																								"AND NOT " IN_EXTENSION(
																																									"pg_proc",
																																									"p.oid") " "
																																										 /* types and domains */
																																										 "UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || "
																																										 "pg_catalog.format('%I', t.typname), NULL, d.description, " TYPE_DEP("t") ", NULL "
																																																			   "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_type t "
																																																			   "ON d.classoid = " CATALOG("pg_type") " AND t.oid = d.objoid "
																																																								 "WHERE t.typnamespace = " NSP
																																																								 " AND " USER_TYPE("t") " "
																																																											"AND NOT " IN_EXTENSION(
																																																												"pg_type", "t.oid") " "
																																																														    /* other schemas */
																																																														    "UNION ALL SELECT pg_catalog.format('SCHEMA %I', n.nspname), NULL, d.description, "
																																																														    "pg_catalog.format('schema %I', n.nspname), n.nspname "
																																																														    "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_namespace n "
																																																														    "ON d.classoid = " CATALOG(
																																																															    "pg_namespace") " AND n.oid = d.objoid "
																																																																	    "WHERE n.nspname <> $1 AND NOT " IN_EXTENSION("pg_namespace",
																																																																							  "n.oid") " "
																																																																								   /* triggers */
																																																																								   "UNION ALL SELECT pg_catalog.format('TRIGGER %I ON %I', g.tgname, c.relname), "
																																																																								   "CASE WHEN c.relkind IN ('r', 'p') THEN c.relname::pg_catalog.text END, d.description, "
																																																																								   "pg_catalog.format('trigger %I ON %I', g.tgname, c.relname), "
																																																																								   "NULL FROM pg_catalog.pg_description d JOIN pg_catalog.pg_trigger g "
																																																																								   "ON d.classoid = " CATALOG("pg_trigger") " AND g.oid = d.objoid "
																																																																													    "JOIN pg_catalog.pg_class c ON c.oid = g.tgrelid "
																																																																													    "WHERE c.relnamespace = " NSP
																																																																													    " AND NOT g.tgisinternal AND NOT c.relispartition "
																																																																													    "AND c.relname NOT IN " OWN_TABLES
																																																																													    " AND NOT " IN_EXTENSION(
																																																																														    "pg_class", "c.oid") " "
																																																																																	 /* constraints of tables */
																																																																																	 "UNION ALL SELECT pg_catalog.format('CONSTRAINT %I ON %I', k.conname, c.relname), "
																																																																																	 "c.relname, d.description, c.relname, NULL "
																																																																																	 "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_constraint k "
																																																																																	 "ON d.classoid = " CATALOG("pg_constraint") " AND k.oid = d.objoid "
																																																																																						     "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid "
																																																																																						     "WHERE c.relnamespace = " NSP
																																																																																						     " AND " MODEL_TABLE(
																																																																																							     "c") " "
																																																																																								  /* constraints of domains */
																																																																																								  "UNION ALL SELECT pg_catalog.format('CONSTRAINT %I ON DOMAIN %I', k.conname, t.typname), "
																																																																																								  "NULL, d.description, pg_catalog.format('domain %I', t.typname), NULL "
																																																																																								  "FROM pg_catalog.pg_description d JOIN pg_catalog.pg_constraint k "
																																																																																								  "ON d.classoid = " CATALOG(
																																																																																									  "pg_constraint") " AND k.oid = d.objoid "
																																																																																											   "JOIN pg_catalog.pg_type t ON t.oid = k.contypid "
																																																																																											   "WHERE t.typnamespace = " NSP " AND NOT " IN_EXTENSION(
																																																																																												   "pg_type",
																																																																																												   "t.oid") " "
																																																																																													    /* policies */
																																																																																													    "UNION ALL SELECT pg_catalog.format('POLICY %I ON %I', p.polname, c.relname), "
																																																																																													    "c.relname, d.description, pg_catalog.format('policy %I ON %I', p.polname, c.relname), "
																																																																																													    "NULL FROM pg_catalog.pg_description d JOIN pg_catalog.pg_policy p "
																																																																																													    "ON d.classoid = " CATALOG(
																																																																																														    "pg_policy") " AND p.oid = d.objoid "
																																																																																																 "JOIN pg_catalog.pg_class c ON c.oid = p.polrelid "
																																																																																																 "WHERE c.relnamespace = " NSP " AND " MODEL_TABLE("c") ") x "
																																																																																																							"ORDER BY x.name COLLATE \"C\"";

/* PostgreSQL's privileges in the order GRANT's documentation lists them. */
/* clang-format off */
#define PRIVILEGE_ORDER(p)                                                                  \
	"pg_catalog.array_position(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', "          \
	"'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN', 'USAGE', 'EXECUTE', 'CREATE', "   \
	"'CONNECT', 'TEMPORARY', 'SET', 'ALTER SYSTEM']::pg_catalog.text[], " p ")"
/* clang-format on */

/* The privileges of `src` ('a' what the object has, 'd' its defaults) in
 * `e`, either all of them as the definition writes them, or those with
 * (`g` true) or without the grant option, comma-separated. */
/* clang-format off */
#define PRIVILEGES(src)                                                                     \
	"pg_catalog.string_agg(e.p || CASE WHEN e.g THEN ' WITH GRANT OPTION' ELSE '' END, "  \
	"', ' ORDER BY " PRIVILEGE_ORDER("e.p") ") FILTER (WHERE e.src = '" src "')"
#define PRIVILEGES_GRANT(src, g)                                                            \
	"pg_catalog.string_agg(e.p, ', ' ORDER BY " PRIVILEGE_ORDER("e.p") ") "             \
	"FILTER (WHERE e.src = '" src "' AND " g "e.g)"
/* clang-format on */

/* The privileges of one ACL, one row per grantee and privilege. */
/* clang-format off */
#define EXPLODE(src, acl)                                                                   \
	"SELECT '" src "'::pg_catalog.text AS src, x.grantee, "                             \
	"x.privilege_type::pg_catalog.text AS p, pg_catalog.bool_or(x.is_grantable) AS g "  \
	"FROM pg_catalog.aclexplode(" acl ") x GROUP BY x.grantee, x.privilege_type"
/* clang-format on */

/*
 * Columns: the object as GRANT names it after ON, the column (or NULL),
 * the grantee, the privileges as the definition writes them, those
 * without and with the grant option, the same three of the defaults, the
 * table it is on (or NULL), the dependency, and the schema's plain name
 * for a grant on another schema.  An object whose ACL is NULL has the
 * defaults; the row of a grantee whose privileges are the defaults (the
 * owner's, PUBLIC's EXECUTE on a function) is left out.
 */
static const char grants_sql
	[] = "WITH o AS ("
	     /* tables, views, materialized views and sequences */
	     "SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || "
	     "pg_catalog.format('%I', c.relname) AS target, NULL::pg_catalog.text AS col, "
	     "CASE WHEN c.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || "
	     "pg_catalog.format('%I', c.relname) AS label, "
	     "CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::pg_catalog.\"char\" AS kind, "
	     "c.relacl AS acl, c.relowner AS owner, "
	     "CASE WHEN c.relkind IN ('r', 'p') THEN c.relname::pg_catalog.text END AS "
	     "tbl, " REL_DEP(
		     "c") " AS dep, NULL::pg_catalog.text AS nsp "
			  "FROM pg_catalog.pg_class c WHERE c.relnamespace = " NSP
			  " AND c.relacl IS NOT NULL "
			  "AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND NOT c.relispartition "
			  "AND " BASE_TABLE("c") " NOT IN " OWN_TABLES " "
						 "AND NOT " IN_EXTENSION(
							 "pg_class",
							 "c.oid") " "
								  /* columns of tables and views */
								  "UNION ALL SELECT "
								  "pg_catalog.format('TABLE %I', "
								  "c.relname), "
								  "pg_catalog.format('%I', "
								  "a.attname), "
								  "pg_catalog.format('COLUMN "
								  "%I.%I', c.relname, a.attname), "
								  "'c', a.attacl, c.relowner, "
								  "CASE WHEN c.relkind IN ('r', "
								  "'p') THEN "
								  "c.relname::pg_catalog.text "
								  "END, " REL_DEP(
									  "c") ", NULL FROM "
									       "pg_catalog.pg_"
									       "attribute a "
									       "JOIN "
									       "pg_catalog.pg_"
									       "class c ON c.oid = "
									       "a.attrelid "
									       "WHERE "
									       "c.relnamespace "
									       "= " NSP
									       " AND c.relkind IN "
									       "('r', 'p', 'v', "
									       "'m') "
									       "AND NOT "
									       "c.relispartition "
									       "AND c.relname NOT "
									       "IN " OWN_TABLES " "
									       "AND a.attnum > 0 "
									       "AND NOT "
									       "a.attisdropped AND "
									       "a.attacl IS NOT "
									       "NULL "
									       "AND "
									       "NOT " IN_EXTENSION(
										       "pg_class",
										       "c.oid") " "
												/* functions and procedures */
												"UN"
												"IO"
												"N "
												"AL"
												"L "
												"SE"
												"LE"
												"CT"
												" C"
												"AS"
												"E "
												"p."
												"pr"
												"ok"
												"in"
												"d "
												"WH"
												"EN"
												" '"
												"p'"
												" T"
												"HE"
												"N "
												"'P"
												"RO"
												"CE"
												"DU"
												"RE"
												" '"
												" E"
												"LS"
												"E "
												"'F"
												"UN"
												"CT"
												"IO"
												"N "
												"' "
												"EN"
												"D "
												"||"
												" " ROUTINE_NAME(
													"p") ", NULL, CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' "
													     "ELSE 'FUNCTION ' END || " ROUTINE_NAME(
														     "p") ", 'f', p.proacl, p.proowner, NULL, " ROUTINE_DEP("p") ", NULL "
																						 "FROM pg_catalog.pg_proc p WHERE p.pronamespace = " NSP
																						 " AND p.proacl IS NOT NULL "
																						 "AND p.prokind IN ('f', 'p') "
																						 "AND NOT " IN_EXTENSION("pg_proc", "p.oid") " "
																											     /* types and domains */
																											     "UNION ALL SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END || "
																											     "pg_catalog.format('%I', t.typname), NULL, CASE t.typtype WHEN 'd' THEN 'DOMAIN ' "
																											     "ELSE 'TYPE ' END || pg_catalog.format('%I', t.typname), 'T', t.typacl, t.typowner, NULL, " TYPE_DEP("t") ", NULL FROM pg_catalog.pg_type t WHERE t.typnamespace = " NSP
																																								       " "
																																								       "AND t.typacl IS NOT NULL "
																																								       "AND " USER_TYPE("t") " AND NOT " IN_EXTENSION(
																																									       "pg_type",
																																									       "t.oid") " "
																																											/* other schemas */
																																											"UNION ALL SELECT pg_catalog.format('SCHEMA %I', n.nspname), NULL, "
																																											"pg_catalog.format('SCHEMA %I', n.nspname), 'n', n.nspacl, "
																																											"n.nspowner, NULL, pg_catalog.format('schema %I', n.nspname), n.nspname "
																																											"FROM pg_catalog.pg_namespace n WHERE n.nspname <> $1 AND n.nspacl IS NOT NULL "
																																											"AND NOT " IN_EXTENSION(
																																												"pg_namespace",
																																												"n.oid") ") "
																																													 "SELECT * FROM (SELECT o.target, o.col, g.grantee, g.now, g.now_plain, g.now_grant, "
																																													 "g.dflt, g.dflt_plain, g.dflt_grant, o.tbl, o.dep, o.nsp, "
																																													 "o.label AS name "
																																													 "FROM o CROSS JOIN LATERAL ("
																																													 "SELECT CASE WHEN e.grantee = 0 THEN 'PUBLIC' "
																																													 "ELSE pg_catalog.format('%I', ro.rolname) END AS grantee, " PRIVILEGES(
																																														 "a") " AS now, " PRIVILEGES_GRANT("a",
																																																		   "NOT ") " AS now_plain, " PRIVILEGES_GRANT("a",
																																																							      "") " AS now_grant, " PRIVILEGES("d") " AS dflt, " PRIVILEGES_GRANT("d", "NOT ") " AS dflt_plain, " PRIVILEGES_GRANT("d", "") " AS dflt_grant "
																																																																							    "FROM (" EXPLODE("a", "o.acl") " UNION ALL " EXPLODE("d", "pg_catalog.acldefault(o.kind, o.owner)") ") e "
																																																																																				"LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = e.grantee "
																																																																																				"WHERE e.grantee <> o.owner GROUP BY e.grantee, ro.rolname) g "
																																																																																				"WHERE g.now IS DISTINCT FROM g.dflt) q "
																																																																																				"ORDER BY (q.name || ' TO ' || q.grantee) COLLATE \"C\"";

/* ------------------------------------------------------------ helpers */

/*
 * Appends `text` as a string literal that stays on one line: the
 * dialect's literal when the text holds no line break, else an E'' string
 * whose backslash escapes stand for the line breaks (a revision file is
 * read line by line, and a text line that read "-- migrate:downgrade"
 * would end its section).  Tabs are kept as they are.  The \u escape of
 * a line break beyond ASCII (U+0085, U+2028) needs a server whose
 * encoding is UTF8; another refuses the statement with its own error.
 */
static void put_literal(dbt_buf *b, const char *text)
{
	size_t n = strlen(text), i = 0, at;
	unsigned cp;

	if (!dbt_text_find_break(text, n, &at, &cp)) {
		dbt_dialect_postgres.quote_literal(b, text);
		return;
	}
	dbt_buf_puts(b, "E'");
	while (i < n) {
		size_t k = dbt_text_line_break(text + i, n - i);

		if (k && text[i] != '\t') {
			dbt_text_find_break(text + i, k, &at, &cp);
			if (cp == '\n')
				dbt_buf_puts(b, "\\n");
			else if (cp == '\r')
				dbt_buf_puts(b, "\\r");
			else if (cp < 0x80)
				dbt_buf_printf(b, "\\%03o", cp);
			else
				dbt_buf_printf(b, "\\u%04X", cp);
			i += k;
			continue;
		}
		if (text[i] == '\'' || text[i] == '\\')
			dbt_buf_putc(b, text[i]);
		dbt_buf_putc(b, text[i]);
		i++;
	}
	dbt_buf_putc(b, '\'');
}

/* Adds `deps`, "<bytes>:<dep>" one after another, to `obj`. */
static int add_deps(dbt_object *obj, const char *deps)
{
	char *end, *dep;
	unsigned long len;
	int rc;

	while (deps && *deps) {
		len = strtoul(deps, &end, 10);
		if (*end != ':' || strlen(end + 1) < len)
			break;
		if (!(dep = strndup(end + 1, len)))
			return dbt_error_oom();
		rc = dbt_object_add_dep(obj, dep);
		free(dep);
		if (rc < 0)
			return rc;
		deps = end + 1 + len;
	}
	return 0;
}

/*
 * Adds the object whose statements are in `create`, `drop` and `replace`
 * (NULL when it has none), depending on `dep` when not NULL, and clears
 * the buffers.
 */
static int add(dbt_pg_objects *r, dbt_object_kind kind, const char *name, const char *table,
	       const char *definition, dbt_buf *create, dbt_buf *drop, dbt_buf *replace,
	       const char *dep, dbt_object **out)
{
	dbt_object *obj;
	int rc;

	if (create->oom || drop->oom || (replace && replace->oom))
		return dbt_error_oom();
	if ((rc = dbt_schema_add_object(&obj, r->schema, kind, name, table, definition,
					dbt_buf_str(create), dbt_buf_str(drop),
					replace ? dbt_buf_str(replace) : NULL)) < 0)
		return rc;
	if (dep && (rc = dbt_object_add_dep(obj, dep)) < 0)
		return rc;
	dbt_buf_clear(create);
	dbt_buf_clear(drop);
	if (replace)
		dbt_buf_clear(replace);
	if (out)
		*out = obj;
	return 0;
}

/* 1 when the schema reader kept the schema `name` as an object. */
static int schema_kept(dbt_pg_objects *r, const char *name)
{
	return dbt_schema_find_object(r->schema, DBT_OBJ_SCHEMA, name) != NULL;
}

/* -------------------------------------------------------------- readers */

static int read_rls(dbt_pg_objects *r, const char *sql)
{
	dbt_buf create = DBT_BUF_INIT, drop = DBT_BUF_INIT, replace = DBT_BUF_INIT;
	PGresult *res;
	int rc, i;

	if ((rc = dbt_pg_objects_query(&res, r, sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0), *table = PQgetvalue(res, i, 1);
		int enable = *PQgetvalue(res, i, 2) == 't', force = *PQgetvalue(res, i, 3) == 't';
		const char *definition = enable && force ? "ENABLE FORCE"
					 : enable	 ? "ENABLE"
							 : "FORCE";

		if (enable) {
			dbt_buf_printf(&create, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;", name);
			dbt_buf_printf(&drop, "ALTER TABLE %s DISABLE ROW LEVEL SECURITY;", name);
		}
		if (force) {
			dbt_buf_printf(&create, "%sALTER TABLE %s FORCE ROW LEVEL SECURITY;",
				       enable ? "\n" : "", name);
			dbt_buf_printf(&drop, "%sALTER TABLE %s NO FORCE ROW LEVEL SECURITY;",
				       enable ? "\n" : "", name);
		}
		dbt_buf_printf(&replace,
			       "ALTER TABLE %s %s ROW LEVEL SECURITY;\n"
			       "ALTER TABLE %s %s ROW LEVEL SECURITY;",
			       name, enable ? "ENABLE" : "DISABLE", name,
			       force ? "FORCE" : "NO FORCE");
		if ((rc = add(r, DBT_OBJ_RLS, name, table, definition, &create, &drop, &replace,
			      table, NULL)) < 0)
			break;
	}
	PQclear(res);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_buf_release(&replace);
	return rc;
}

static int read_policies(dbt_pg_objects *r, const char *sql)
{
	dbt_buf def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	dbt_object *obj;
	PGresult *res;
	int rc, i;

	if ((rc = dbt_pg_objects_query(&res, r, sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0), *table = PQgetvalue(res, i, 1);
		const char *roles = dbt_pg_objects_value(res, i, 4);
		const char *qual = dbt_pg_objects_value(res, i, 5);
		const char *check = dbt_pg_objects_value(res, i, 6);

		dbt_buf_clear(&def);
		dbt_buf_printf(&def, "AS %s FOR %s TO %s", PQgetvalue(res, i, 2),
			       PQgetvalue(res, i, 3), roles ? roles : "PUBLIC");
		if (qual)
			dbt_buf_printf(&def, " USING (%s)", qual);
		if (check)
			dbt_buf_printf(&def, " WITH CHECK (%s)", check);
		dbt_buf_printf(&create, "CREATE POLICY %s %s;", name, dbt_buf_str(&def));
		dbt_buf_printf(&drop, "DROP POLICY %s;", name);
		if (def.oom) {
			rc = dbt_error_oom();
			break;
		}
		if ((rc = add(r, DBT_OBJ_POLICY, name, table, dbt_buf_str(&def), &create, &drop,
			      NULL, table, &obj)) < 0 ||
		    (rc = add_deps(obj, dbt_pg_objects_value(res, i, 7))) < 0)
			break;
	}
	PQclear(res);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

static int read_comments(dbt_pg_objects *r)
{
	dbt_buf create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	PGresult *res;
	int rc, i;

	if ((rc = dbt_pg_objects_query(&res, r, comments_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0), *text = PQgetvalue(res, i, 2);
		const char *nsp = dbt_pg_objects_value(res, i, 4);

		if (nsp && !schema_kept(r, dbt_pg_objects_value(res, i, 3) + strlen("schema ")))
			continue;
		dbt_buf_printf(&create, "COMMENT ON %s IS ", name);
		put_literal(&create, text);
		dbt_buf_putc(&create, ';');
		dbt_buf_printf(&drop, "COMMENT ON %s IS NULL;", name);
		/* COMMENT ON sets the text whatever it was: the creating
		 * statement is the replacing one. */
		if ((rc = add(r, DBT_OBJ_COMMENT, name, dbt_pg_objects_value(res, i, 1), text,
			      &create, &drop, &create, dbt_pg_objects_value(res, i, 3), NULL)) < 0)
			break;
	}
	PQclear(res);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

/* Appends GRANT statements of `plain` and `grantable` (lists of
 * privileges, either NULL) on `target` (its column `col` when not NULL)
 * to `grantee`. */
static void put_grants(dbt_buf *b, const char *target, const char *col, const char *grantee,
		       const char *plain, const char *grantable)
{
	const char *lists[2] = {plain, grantable};
	const char *p, *comma;
	int k;

	for (k = 0; k < 2; k++) {
		if (!lists[k])
			continue;
		if (b->len)
			dbt_buf_putc(b, '\n');
		dbt_buf_puts(b, "GRANT ");
		if (!col) {
			dbt_buf_puts(b, lists[k]);
		} else {
			/* "SELECT (c), UPDATE (c)": the privileges are words
			 * that hold no comma. */
			for (p = lists[k]; p; p = comma ? comma + 2 : NULL) {
				comma = strstr(p, ", ");
				dbt_buf_printf(b, "%s%.*s (%s)", p == lists[k] ? "" : ", ",
					       comma ? (int)(comma - p) : (int)strlen(p), p, col);
			}
		}
		dbt_buf_printf(b, " ON %s TO %s%s;", target, grantee,
			       k ? " WITH GRANT OPTION" : "");
	}
}

/* Appends the REVOKE of every privilege of `grantee` on `target` (its
 * column `col` when not NULL). */
static void put_revoke(dbt_buf *b, const char *target, const char *col, const char *grantee)
{
	if (b->len)
		dbt_buf_putc(b, '\n');
	if (col)
		dbt_buf_printf(b, "REVOKE ALL (%s) ON %s FROM %s;", col, target, grantee);
	else
		dbt_buf_printf(b, "REVOKE ALL ON %s FROM %s;", target, grantee);
}

static int read_grants(dbt_pg_objects *r)
{
	dbt_buf name = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT,
		replace = DBT_BUF_INIT;
	dbt_object *obj;
	PGresult *res;
	int rc, i;

	if ((rc = dbt_pg_objects_query(&res, r, grants_sql)) < 0)
		return rc;
	for (i = 0; i < PQntuples(res); i++) {
		const char *target = PQgetvalue(res, i, 0), *col = dbt_pg_objects_value(res, i, 1);
		const char *grantee = PQgetvalue(res, i, 2), *now = dbt_pg_objects_value(res, i, 3);
		const char *dflt = dbt_pg_objects_value(res, i, 6);
		const char *nsp = dbt_pg_objects_value(res, i, 11);

		if (nsp && !schema_kept(r, dbt_pg_objects_value(res, i, 10) + strlen("schema ")))
			continue;
		dbt_buf_clear(&name);
		dbt_buf_printf(&name, "%s TO %s", PQgetvalue(res, i, 12), grantee);
		/* From the defaults to these privileges and back; a grantee
		 * with default privileges (PUBLIC) loses them first. */
		if (dflt)
			put_revoke(&create, target, col, grantee);
		put_grants(&create, target, col, grantee, dbt_pg_objects_value(res, i, 4),
			   dbt_pg_objects_value(res, i, 5));
		put_revoke(&drop, target, col, grantee);
		put_grants(&drop, target, col, grantee, dbt_pg_objects_value(res, i, 7),
			   dbt_pg_objects_value(res, i, 8));
		put_revoke(&replace, target, col, grantee);
		put_grants(&replace, target, col, grantee, dbt_pg_objects_value(res, i, 4),
			   dbt_pg_objects_value(res, i, 5));
		if (name.oom) {
			rc = dbt_error_oom();
			break;
		}
		if ((rc = add(r, DBT_OBJ_GRANT, dbt_buf_str(&name), dbt_pg_objects_value(res, i, 9),
			      now ? now : "NONE", &create, &drop, &replace,
			      dbt_pg_objects_value(res, i, 10), &obj)) < 0)
			break;
		/* A column's grant comes after the grant on its table to the
		 * same grantee, whose REVOKE ALL takes the column's too. */
		if (col) {
			dbt_buf_clear(&name);
			dbt_buf_printf(&name, "grant %s TO %s", target, grantee);
			if ((rc = name.oom ? dbt_error_oom()
					   : dbt_object_add_dep(obj, dbt_buf_str(&name))) < 0)
				break;
		}
	}
	PQclear(res);
	dbt_buf_release(&name);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_buf_release(&replace);
	return rc;
}

int dbt_pg_reflect_acl(dbt_pg_objects *r)
{
	int rc;

	/* A kind found absent costs no query (reflect_postgres_objects.h). */
	if ((!(r->absent & DBT_PG_RLS) && (rc = read_rls(r, rls_sql)) < 0) ||
	    (!(r->absent & DBT_PG_POLICIES) && (rc = read_policies(r, policies_sql)) < 0) ||
	    /* Those of the other schemas' tables, when the model holds
	     * them: the census counts the managed schema's tables only, but
	     * its DBT_PG_TYPES is clear whenever another schema exists. */
	    (r->conn->all_schemas && !(r->absent & DBT_PG_TYPES) &&
	     ((rc = read_rls(r, other_rls_sql)) < 0 ||
	      (rc = read_policies(r, other_policies_sql)) < 0)) ||
	    (!(r->absent & DBT_PG_COMMENTS) && (rc = read_comments(r)) < 0) ||
	    (!(r->absent & DBT_PG_GRANTS) && (rc = read_grants(r)) < 0))
		return rc;
	return 0;
}
