/*
 * role.h - PostgreSQL roles in the model: what `CREATE ROLE`, `CREATE
 * USER` and `ALTER ROLE` declare (parse_role.c), the roles of the cluster
 * that dbtool manages (reflect_postgres_roles.c), and the SQL that
 * creates, alters and drops them (render_postgres_roles.c).
 *
 * Roles belong to the whole cluster, not to a database, so dbtool manages
 * only the roles the model declares, and those that `roles =` in
 * dbtool.ini names (dbt_conn's `roles` patterns): a role the model
 * declares is created when the database lacks it and its attributes are
 * compared and altered; a role that `roles =` names and the model does
 * not declare is dropped; any other role is left alone.  Both sides are
 * held as objects of kind DBT_OBJ_ROLE (schema.h), so that the differ
 * orders them as it orders every object: created before everything else,
 * dropped after everything else (a grant to a role is revoked before the
 * role goes).
 *
 * A role declared by CREATE ROLE states every attribute (what it does not
 * write is PostgreSQL's default; CREATE USER is LOGIN by default); one
 * that only ALTER ROLE names states those it writes, and only those are
 * compared.  PASSWORD cannot be read back: it is set when the role is
 * created and never compared.
 */
#ifndef DBT_ROLE_H
#define DBT_ROLE_H

#include <stddef.h>

#include "buf.h"
#include "schema.h"

struct dbt_dialect;

/* The attributes, as bits of dbt_role.set and (the first seven) of
 * dbt_role.flags, in the order the definition writes them. */
enum {
	DBT_ROLE_SUPERUSER = 1u << 0,
	DBT_ROLE_CREATEDB = 1u << 1,
	DBT_ROLE_CREATEROLE = 1u << 2,
	DBT_ROLE_INHERIT = 1u << 3,
	DBT_ROLE_LOGIN = 1u << 4,
	DBT_ROLE_REPLICATION = 1u << 5,
	DBT_ROLE_BYPASSRLS = 1u << 6,
	DBT_ROLE_CONNLIMIT = 1u << 7,
	DBT_ROLE_VALIDUNTIL = 1u << 8,
	DBT_ROLE_ALL = (1u << 9) - 1
};

/*
 * One role.  Strings are malloc'd and owned by the role
 * (dbt_role_free).
 * - name: as PostgreSQL stores it (folded to lower case unless quoted);
 * - set: the attributes stated (DBT_ROLE_ALL for a CREATE ROLE and for a
 *   role read from the database);
 * - flags: the values of the boolean attributes;
 * - conn_limit: CONNECTION LIMIT, -1 for none;
 * - valid_until: VALID UNTIL's timestamp, NULL for none ('infinity' is
 *   none too); the model's as written until reflect_postgres_roles.c
 *   has the database read it, the database's own text after that;
 * - password: the model's PASSWORD, NULL when none (never read back);
 * - created: declared by CREATE ROLE or CREATE USER (else by ALTER ROLE
 *   alone);
 * - line, col: where the model declares it; 0 when reflected.
 */
typedef struct dbt_role {
	char *name;
	unsigned set;
	unsigned flags;
	int conn_limit;
	char *valid_until;
	char *password;
	int created;
	int line, col;
} dbt_role;

/* Frees `role` and its strings; NULL is allowed. */
void dbt_role_free(dbt_role *role);

/* The model's role named `name` in `schema`; NULL when none. */
dbt_role *dbt_schema_find_role(const dbt_schema *schema, const char *name);

/* Adds a role named `name` (copied) with no attribute stated and
 * conn_limit -1 to `schema`; 0, or DBT_ERROR when out of memory. */
int dbt_schema_add_role(dbt_role **out, dbt_schema *schema, const char *name);

/* Sets (`on` 1) or clears a boolean attribute `bit` and marks it stated. */
void dbt_role_set_flag(dbt_role *role, unsigned bit, int on);

/*
 * The role's attributes in `mask` (of those it states), in the one
 * canonical form the differ compares: "NOSUPERUSER NOCREATEDB ... LOGIN
 * ... CONNECTION LIMIT 5 VALID UNTIL '2030-01-01 00:00:00+00'" (VALID
 * UNTIL 'infinity' when it has none); appended to `out`.
 */
void dbt_role_definition(dbt_buf *out, const dbt_role *role, unsigned mask);

/*
 * The statements, each ending in ';', appended to `out`, names quoted by
 * the dialect `d`:
 * - dbt_role_create_sql: CREATE ROLE with the attributes in `mask` that
 *   differ from PostgreSQL's defaults (and PASSWORD when the role has
 *   one);
 * - dbt_role_alter_sql: ALTER ROLE ... WITH the attributes in `mask`, or
 *   nothing when `mask` is 0;
 * - dbt_role_drop_sql: DROP ROLE.
 */
void dbt_role_create_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role,
			 unsigned mask);
void dbt_role_alter_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role,
			unsigned mask);
void dbt_role_drop_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role);

/* The stated attributes in which `a` and `b` differ, of those in `mask`. */
unsigned dbt_role_differs(const dbt_role *a, const dbt_role *b, unsigned mask);

/*
 * Adds to `schema` the object of kind DBT_OBJ_ROLE for `role`, comparing
 * the attributes in `mask`: named as SQL needs it, its definition
 * dbt_role_definition's, create_sql and drop_sql as above, no
 * replace_sql (reflect_postgres_roles.c sets one for each pair that
 * differs).  0, or DBT_ERROR when out of memory.
 */
int dbt_role_add_object(dbt_object **out, dbt_schema *schema, const struct dbt_dialect *d,
			const dbt_role *role, unsigned mask);

struct dbt_conn;
struct dbt_diff;
struct dbt_findings;

/*
 * The managed roles on both sides (see above), for the differ: reads the
 * cluster's roles (pg_roles, which any role may read) once, has the
 * database read the model's VALID UNTIL timestamps, and adds the role
 * objects to `db` and `model`.  Does nothing, and sends nothing, when the
 * model declares no role and `roles =` names none.  Refuses (DBT_ERROR,
 * naming the role) to drop the role dbtool is connected as, or to take
 * LOGIN from it; DBT_EPARSE at the model's place for a VALID UNTIL that
 * PostgreSQL does not read.  `model_path` names the model in messages.
 */
int dbt_pg_roles_prepare(dbt_schema *db, dbt_schema *model, struct dbt_conn *conn,
			 const char *model_path);

/*
 * `dbtool inspect`'s part: adds to `db` the objects of the cluster's
 * roles that `roles =` names (nothing, and no query, when it names none).
 * 0, or the database's error.
 */
int dbt_pg_roles_reflect(dbt_schema *db, struct dbt_conn *conn);

/*
 * The scratch database's part (scratch_objects.c): creates the model's role `r`,
 * bare, when the cluster lacks it, on the scratch's connection `conn`
 * inside its transaction (which is always rolled back), so that the
 * model's GRANTs and policies to it can be built there.  0, or the
 * database's error.
 */
int dbt_pg_role_scratch(struct dbt_conn *conn, const dbt_role *r);

/*
 * migrate's warning about a password that it writes into a revision file:
 * one finding (DBT_FINDING_SECRET) in `out` per op of `diff` that
 * creates a role for which `model` holds a PASSWORD.  0, or DBT_ERROR
 * when out of memory.
 */
int dbt_roles_warn_passwords(struct dbt_findings *out, const dbt_schema *model,
			     const struct dbt_diff *diff);

#endif
