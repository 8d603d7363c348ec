/*
 * reflect_postgres_routines.c - functions, procedures and triggers of a
 * PostgreSQL schema, read as definitions (see reflect_postgres_objects.h),
 * in one catalog query.
 *
 * A function or procedure is named by its name and the arguments that
 * pg_get_function_identity_arguments prints ("add(a integer, b integer)"),
 * and is what pg_get_functiondef prints, less the schema qualifier that
 * the server always writes before the routine's own name (only that
 * qualifier, the managed schema's name as quote_ident spells it; every
 * other name of the schema is unqualified under the search_path the
 * readers run with).  Aggregates and window functions are left out, and
 * so are the functions that another object makes for itself and owns
 * (a range type's constructors).
 *
 *   definition   CREATE OR REPLACE FUNCTION add(a integer, b integer)
 *                 RETURNS integer ...  (pg_get_functiondef, unqualified)
 *   create_sql   the definition and ';'
 *   drop_sql     DROP FUNCTION add(a integer, b integer);
 *   replace_sql  create_sql
 *
 * replace_sql is CREATE OR REPLACE: a changed body, volatility, cost or
 * option is replaced in place, and what depends on the routine (triggers,
 * views, defaults, checks, policies), which DROP FUNCTION would refuse to
 * leave behind, stays.  The changes that PostgreSQL refuses in place, a
 * different return type (or OUT parameters) or parameter defaults taken
 * away, show in the definition's first two lines (the arguments, RETURNS):
 * the differ drops and creates again a routine whose lines differ there,
 * and what depends on it with it.  A renamed input parameter, which PostgreSQL also
 * refuses in place, changes the name here, so it is another routine: the
 * old one dropped, the new one created (the drop has to come first, as
 * the two have the same argument types).
 *
 * A trigger is named "trg ON table" and is what pg_get_triggerdef(oid,
 * true) prints, followed by the ALTER TABLE that disables it (or makes it
 * fire on replicas only, or always) when it does not fire by default; its
 * `table` is the table (or view) it is on.  Internal triggers (those of
 * foreign keys) and triggers of partitions (clones of their parent's)
 * are left out.
 *
 *   create_sql   CREATE [CONSTRAINT] TRIGGER ...;
 *                [ALTER TABLE table DISABLE TRIGGER trg;]
 *   definition   create_sql without its last ';'
 *   drop_sql     DROP TRIGGER trg ON table;
 *   replace_sql  CREATE OR REPLACE TRIGGER ...; [ALTER TABLE ...;] or NULL
 *
 * replace_sql is CREATE OR REPLACE TRIGGER, which keeps a comment on the
 * trigger, when the server has it (PostgreSQL 14 and later) and the
 * trigger is not a constraint trigger, which it cannot replace; a
 * constraint trigger is dropped and created again.  The one change that
 * this cannot do is a constraint trigger turned into a plain one of the
 * same name ("trigger ... is a constraint trigger" at upgrade).
 *
 * deps are what pg_depend says: a routine's argument and result types
 * and, for a body in the SQL-standard form, the tables and routines it
 * uses; a trigger's table (or "view name") and its function.  Tables go
 * by name, other objects of the schema as "kind name", objects of an
 * extension as "extension name".
 */
#include "reflect_postgres_objects.h"

#include <string.h>

#include "buf.h"
#include "defaults.h"
#include "error.h"

/* True for an object that no extension owns. */
/* clang-format off */
#define NOT_IN_EXTENSION(classid, objid)                                                    \
	"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x "                                \
	"WHERE x.classid = '" classid "'::pg_catalog.regclass AND x.objid = " objid " "     \
	"AND x.deptype = 'e')"
/* clang-format on */

/*
 * The CTEs `ns` (the schema's oid), `procs` (oid, prokind, the name of
 * each function and procedure: "add(a integer, b integer)"; not those
 * that another object makes and drops, such as a range type's
 * constructors, which depend on it internally) and `names`
 * (classid, objid, name): the name that deps give each object of the
 * schema that another can depend on, and "extension name" for the
 * members of an extension (but PostgreSQL's own, such as plpgsql, whose
 * schema is pg_catalog).  The same text is in reflect_postgres_views.c.
 */
/* clang-format off */
#define DEP_NAMES                                                                           \
	"ns AS (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = $1), "        \
	"rels (oid, name) AS (SELECT c.oid, CASE c.relkind "                               \
	"WHEN 'v' THEN pg_catalog.concat('view ', pg_catalog.quote_ident(c.relname)) "     \
	"WHEN 'm' THEN pg_catalog.concat('materialized view ', "                           \
	"pg_catalog.quote_ident(c.relname)) "                                              \
	"WHEN 'c' THEN pg_catalog.concat('type ', pg_catalog.quote_ident(c.relname)) "     \
	"WHEN 'S' THEN COALESCE((SELECT t.relname::pg_catalog.text "                       \
	"FROM pg_catalog.pg_depend od JOIN pg_catalog.pg_class t ON t.oid = od.refobjid "   \
	"WHERE od.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND od.objid = c.oid " \
	"AND od.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass "                 \
	"AND od.refobjsubid > 0 AND od.deptype IN ('a', 'i') LIMIT 1), "                   \
	"pg_catalog.concat('sequence ', pg_catalog.quote_ident(c.relname))) "              \
	"ELSE c.relname::pg_catalog.text END "                                             \
	"FROM pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM ns) "          \
	"AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c') AND NOT c.relispartition "        \
	"AND " NOT_IN_EXTENSION("pg_catalog.pg_class", "c.oid") "), "                      \
	"types (oid, name) AS (SELECT t.oid, CASE WHEN b.typrelid <> 0 THEN r.name "       \
	"ELSE pg_catalog.concat(CASE b.typtype WHEN 'e' THEN 'enum ' WHEN 'd' THEN 'domain ' " \
	"ELSE 'type ' END, pg_catalog.quote_ident(b.typname)) END "                        \
	"FROM pg_catalog.pg_type t JOIN pg_catalog.pg_type b ON b.oid = CASE "             \
	"WHEN t.typelem <> 0 AND EXISTS (SELECT 1 FROM pg_catalog.pg_type e "              \
	"WHERE e.oid = t.typelem AND e.typarray = t.oid) THEN t.typelem ELSE t.oid END "   \
	"LEFT JOIN rels r ON r.oid = b.typrelid "                                          \
	"WHERE t.typnamespace = (SELECT oid FROM ns) AND (b.typrelid = 0 OR r.oid IS NOT NULL) " \
	"AND " NOT_IN_EXTENSION("pg_catalog.pg_type", "b.oid") "), "                       \
	"procs (oid, kind, name) AS (SELECT p.oid, p.prokind, pg_catalog.concat("          \
	"pg_catalog.quote_ident(p.proname), '(', "                                         \
	"pg_catalog.pg_get_function_identity_arguments(p.oid), ')') "                      \
	"FROM pg_catalog.pg_proc p WHERE p.pronamespace = (SELECT oid FROM ns) "           \
	"AND p.prokind IN ('f', 'p') AND " NOT_IN_EXTENSION("pg_catalog.pg_proc", "p.oid") " " \
	"AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x "                            \
	"WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND x.objid = p.oid "  \
	"AND x.deptype = 'i')), "                                                          \
	"names (classid, objid, name) AS ("                                                \
	"SELECT x.classid, x.objid, pg_catalog.concat('extension ', "                      \
	"pg_catalog.quote_ident(e.extname)) "                                              \
	"FROM pg_catalog.pg_depend x JOIN pg_catalog.pg_extension e ON e.oid = x.refobjid " \
	"WHERE x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "             \
	"AND x.deptype = 'e' AND x.classid IN ('pg_catalog.pg_class'::pg_catalog.regclass, " \
	"'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass) " \
	"AND e.extnamespace <> 'pg_catalog'::pg_catalog.regnamespace "                     \
	"UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.typarray, "         \
	"pg_catalog.concat('extension ', pg_catalog.quote_ident(e.extname)) "              \
	"FROM pg_catalog.pg_depend x JOIN pg_catalog.pg_extension e ON e.oid = x.refobjid " \
	"JOIN pg_catalog.pg_type t ON t.oid = x.objid "                                    \
	"WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass "                     \
	"AND x.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass "               \
	"AND x.deptype = 'e' AND t.typarray <> 0 "                                         \
	"AND e.extnamespace <> 'pg_catalog'::pg_catalog.regnamespace "                     \
	"UNION ALL SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, oid, name FROM rels " \
	"UNION ALL SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, oid, name FROM types " \
	"UNION ALL SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, oid, pg_catalog.concat(" \
	"CASE kind WHEN 'p' THEN 'procedure ' ELSE 'function ' END, name) FROM procs)"
/* clang-format on */

/*
 * One row per routine or trigger and dependency (a row with a NULL
 * dependency for an object without any): kind ('f' function, 'p'
 * procedure, 't' trigger), oid, name, table, the server's definition,
 * the schema's name as quote_ident writes it, 1 for a constraint
 * trigger, the ALTER TABLE that sets a trigger's firing other than the
 * default (disabled, replica, always), dependency; functions,
 * procedures, then triggers, each by name.
 */
static const char routines_sql[] =
	"WITH " DEP_NAMES ", "
	"objs AS (SELECT p.prokind AS kind, 'pg_catalog.pg_proc'::pg_catalog.regclass AS classid, "
	"p.oid, pr.name, NULL::pg_catalog.name AS tbl, "
	"pg_catalog.pg_get_functiondef(p.oid) AS def, false AS isconstraint, "
	"NULL::pg_catalog.text AS state "
	"FROM pg_catalog.pg_proc p JOIN procs pr ON pr.oid = p.oid "
	"UNION ALL SELECT 't', 'pg_catalog.pg_trigger'::pg_catalog.regclass, t.oid, "
	"pg_catalog.concat(pg_catalog.quote_ident(t.tgname), ' ON ', "
	"pg_catalog.quote_ident(c.relname)), c.relname, "
	"pg_catalog.pg_get_triggerdef(t.oid, true), t.tgconstraint <> 0, "
	"CASE t.tgenabled WHEN 'O' THEN NULL ELSE pg_catalog.concat('ALTER TABLE ', "
	"pg_catalog.quote_ident(c.relname), CASE t.tgenabled WHEN 'D' THEN ' DISABLE' "
	"WHEN 'R' THEN ' ENABLE REPLICA' ELSE ' ENABLE ALWAYS' END, ' TRIGGER ', "
	"pg_catalog.quote_ident(t.tgname)) END "
	"FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
	"WHERE c.relnamespace = (SELECT oid FROM ns) AND NOT t.tgisinternal "
	"AND NOT c.relispartition "
	"AND c.relname NOT IN ('" DBT_VERSION_TABLE "', '" DBT_HISTORY_TABLE "') "
	"AND " NOT_IN_EXTENSION(
		"pg_catalog.pg_class",
		"c.oid") "), "
			 "deps (classid, obj, name) AS (SELECT DISTINCT d.classid, d.objid, "
			 "nm.name "
			 "FROM pg_catalog.pg_depend d "
			 "JOIN names nm ON nm.classid = d.refclassid AND nm.objid = d.refobjid "
			 "WHERE d.deptype IN ('n', 'a') "
			 "AND (d.classid, d.objid) IN (SELECT classid, oid FROM objs) "
			 "AND NOT (d.refclassid = d.classid AND d.refobjid = d.objid)) "
			 "SELECT o.kind, o.oid, o.name, o.tbl, o.def, pg_catalog.quote_ident($1), "
			 "o.isconstraint, "
			 "o.state, deps.name FROM objs o "
			 "LEFT JOIN deps ON deps.classid = o.classid AND deps.obj = o.oid "
			 "ORDER BY o.kind, o.name COLLATE pg_catalog.\"C\", o.oid, "
			 "deps.name COLLATE pg_catalog.\"C\"";

static const char *const routine_heads[] = {
	"CREATE OR REPLACE FUNCTION ",
	"CREATE OR REPLACE PROCEDURE ",
};

/* Adds the function or procedure of `row` of `res`, its definition
 * without the schema's qualifier. */
static int add_routine(dbt_object **out, dbt_pg_objects *r, const PGresult *res, int row)
{
	int procedure = *dbt_pg_objects_value(res, row, 0) == 'p';
	const char *name = dbt_pg_objects_value(res, row, 2);
	const char *def = dbt_pg_objects_value(res, row, 4);
	const char *qnsp = dbt_pg_objects_value(res, row, 5);
	const char *head = routine_heads[procedure];
	size_t hlen = strlen(head), qlen = strlen(qnsp), len;
	dbt_buf definition = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	int rc;

	if (!def || strncmp(def, head, hlen) != 0 || strncmp(def + hlen, qnsp, qlen) != 0 ||
	    def[hlen + qlen] != '.')
		return dbt_error_set(DBT_ERROR,
				     "cannot reflect schema '%s': the definition of %s %s does "
				     "not start with its qualified name",
				     r->nspname, procedure ? "procedure" : "function", name);
	len = strlen(def);
	while (len > 0 && def[len - 1] == '\n')
		len--;
	dbt_buf_put(&definition, head, hlen);
	dbt_buf_put(&definition, def + hlen + qlen + 1, len - (hlen + qlen + 1));
	dbt_buf_printf(&create, "%s;", dbt_buf_str(&definition));
	dbt_buf_printf(&drop, "DROP %s %s;", procedure ? "PROCEDURE" : "FUNCTION", name);
	if (definition.oom || create.oom || drop.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_schema_add_object(out, r->schema,
					   procedure ? DBT_OBJ_PROCEDURE : DBT_OBJ_FUNCTION, name,
					   NULL, definition.ptr, create.ptr, drop.ptr, create.ptr);
	dbt_buf_release(&definition);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}

/* Adds the trigger of `row` of `res`. */
static int add_trigger(dbt_object **out, dbt_pg_objects *r, const PGresult *res, int row)
{
	static const char plain[] = "CREATE TRIGGER ";
	const char *name = dbt_pg_objects_value(res, row, 2);
	const char *table = dbt_pg_objects_value(res, row, 3);
	const char *def = dbt_pg_objects_value(res, row, 4);
	int constraint = *dbt_pg_objects_value(res, row, 6) == 't';
	const char *state = dbt_pg_objects_value(res, row, 7);
	dbt_buf definition = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	dbt_buf replace = DBT_BUF_INIT;
	int rc;

	if (!def)
		def = "";
	dbt_buf_puts(&definition, def);
	if (state)
		dbt_buf_printf(&definition, ";\n%s", state);
	dbt_buf_printf(&create, "%s;", dbt_buf_str(&definition));
	/* The name is "trg ON table", both quoted: DROP TRIGGER's own form. */
	dbt_buf_printf(&drop, "DROP TRIGGER %s;", name);
	/* CREATE OR REPLACE TRIGGER makes the trigger fire by default,
	 * whatever the old one did. */
	if (!constraint && PQserverVersion(r->pg) >= 140000 &&
	    strncmp(def, plain, sizeof(plain) - 1) == 0) {
		dbt_buf_printf(&replace, "CREATE OR REPLACE TRIGGER %s;", def + sizeof(plain) - 1);
		if (state)
			dbt_buf_printf(&replace, "\n%s;", state);
	}
	if (definition.oom || create.oom || drop.oom || replace.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_schema_add_object(out, r->schema, DBT_OBJ_TRIGGER, name, table,
					   definition.ptr, create.ptr, drop.ptr, replace.ptr);
	dbt_buf_release(&definition);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_buf_release(&replace);
	return rc;
}

int dbt_pg_reflect_routines(dbt_pg_objects *r)
{
	PGresult *res;
	dbt_object *obj = NULL;
	const char *kind, *oid, *dep, *last_kind = NULL, *last_oid = NULL;
	int rc, row;

	if (r->absent & DBT_PG_ROUTINES)
		return 0;
	if ((rc = dbt_pg_objects_query(&res, r, routines_sql)) < 0)
		return rc;
	for (row = 0; row < PQntuples(res); row++) {
		kind = dbt_pg_objects_value(res, row, 0);
		oid = dbt_pg_objects_value(res, row, 1);
		if (!last_oid || strcmp(oid, last_oid) != 0 || strcmp(kind, last_kind) != 0) {
			rc = *kind == 't' ? add_trigger(&obj, r, res, row)
					  : add_routine(&obj, r, res, row);
			if (rc < 0)
				goto cleanup;
			last_kind = kind;
			last_oid = oid;
		}
		dep = dbt_pg_objects_value(res, row, 8);
		if (dep && (rc = dbt_object_add_dep(obj, dep)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	PQclear(res);
	return rc;
}
