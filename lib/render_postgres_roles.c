/*
 * render_postgres_roles.c - a role's canonical definition and the SQL
 * that creates, alters and drops it (role.h); no I/O.
 */
#include "role.h"

#include "dialect.h"
#include "error.h"
#include "ident.h"

#include <stdlib.h>
#include <string.h>

/* The boolean attributes: their bit, word and PostgreSQL's default for
 * CREATE ROLE. */
static const struct {
	unsigned bit;
	const char *word;
	int dflt;
} flags[] = {
	{DBT_ROLE_SUPERUSER, "SUPERUSER", 0},	{DBT_ROLE_CREATEDB, "CREATEDB", 0},
	{DBT_ROLE_CREATEROLE, "CREATEROLE", 0}, {DBT_ROLE_INHERIT, "INHERIT", 1},
	{DBT_ROLE_LOGIN, "LOGIN", 0},		{DBT_ROLE_REPLICATION, "REPLICATION", 0},
	{DBT_ROLE_BYPASSRLS, "BYPASSRLS", 0},
};

void dbt_role_free(dbt_role *role)
{
	if (!role)
		return;
	free(role->name);
	free(role->valid_until);
	free(role->password);
	free(role);
}

dbt_role *dbt_schema_find_role(const dbt_schema *schema, const char *name)
{
	size_t i;

	for (i = 0; i < schema->nroles; i++)
		if (!strcmp(schema->roles[i]->name, name))
			return schema->roles[i];
	return NULL;
}

int dbt_schema_add_role(dbt_role **out, dbt_schema *schema, const char *name)
{
	dbt_role **v, *r = calloc(1, sizeof(*r));

	if (!r || !(r->name = strdup(name)))
		goto oom;
	if (!(v = realloc(schema->roles, (schema->nroles + 1) * sizeof(*v))))
		goto oom;
	r->conn_limit = -1;
	schema->roles = v;
	v[schema->nroles++] = r;
	*out = r;
	return 0;
oom:
	dbt_role_free(r);
	return dbt_error_oom();
}

void dbt_role_set_flag(dbt_role *role, unsigned bit, int on)
{
	role->set |= bit;
	if (on)
		role->flags |= bit;
	else
		role->flags &= ~bit;
}

/* 1 when the role's VALID UNTIL is none (NULL or 'infinity'). */
static int forever(const dbt_role *r)
{
	return !r->valid_until || !strcmp(r->valid_until, "infinity");
}

/* The attributes in `mask`, each after a blank; `only_changes` leaves out
 * those at PostgreSQL's default for CREATE ROLE. */
static void put_attributes(dbt_buf *out, const dbt_role *r, unsigned mask, int only_changes)
{
	size_t i;

	mask &= r->set;
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		int on = (r->flags & flags[i].bit) != 0;

		if (!(mask & flags[i].bit) || (only_changes && on == flags[i].dflt))
			continue;
		dbt_buf_printf(out, " %s%s", on ? "" : "NO", flags[i].word);
	}
	if ((mask & DBT_ROLE_CONNLIMIT) && !(only_changes && r->conn_limit == -1))
		dbt_buf_printf(out, " CONNECTION LIMIT %d", r->conn_limit);
	if ((mask & DBT_ROLE_VALIDUNTIL) && !(only_changes && forever(r))) {
		dbt_buf_puts(out, " VALID UNTIL ");
		dbt_literal_quote(out, forever(r) ? "infinity" : r->valid_until);
	}
}

void dbt_role_definition(dbt_buf *out, const dbt_role *role, unsigned mask)
{
	dbt_buf b = DBT_BUF_INIT;

	put_attributes(&b, role, mask, 0);
	/* Without the blank before the first attribute. */
	if (b.oom)
		out->oom = 1;
	else if (b.len)
		dbt_buf_puts(out, dbt_buf_str(&b) + 1);
	dbt_buf_release(&b);
}

void dbt_role_create_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role,
			 unsigned mask)
{
	dbt_buf_puts(out, "CREATE ROLE ");
	d->quote_ident(out, role->name);
	put_attributes(out, role, mask, 1);
	if (role->password) {
		dbt_buf_puts(out, " PASSWORD ");
		d->quote_literal(out, role->password);
	}
	dbt_buf_putc(out, ';');
}

void dbt_role_alter_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role,
			unsigned mask)
{
	if (!(mask & role->set))
		return;
	dbt_buf_puts(out, "ALTER ROLE ");
	d->quote_ident(out, role->name);
	dbt_buf_puts(out, " WITH");
	put_attributes(out, role, mask, 0);
	dbt_buf_putc(out, ';');
}

void dbt_role_drop_sql(dbt_buf *out, const struct dbt_dialect *d, const dbt_role *role)
{
	dbt_buf_puts(out, "DROP ROLE ");
	d->quote_ident(out, role->name);
	dbt_buf_putc(out, ';');
}

unsigned dbt_role_differs(const dbt_role *a, const dbt_role *b, unsigned mask)
{
	unsigned out = (a->flags ^ b->flags) & mask & (DBT_ROLE_CONNLIMIT - 1);

	if ((mask & DBT_ROLE_CONNLIMIT) && a->conn_limit != b->conn_limit)
		out |= DBT_ROLE_CONNLIMIT;
	if ((mask & DBT_ROLE_VALIDUNTIL) && forever(a) != forever(b))
		out |= DBT_ROLE_VALIDUNTIL;
	else if ((mask & DBT_ROLE_VALIDUNTIL) && !forever(a) &&
		 strcmp(a->valid_until, b->valid_until))
		out |= DBT_ROLE_VALIDUNTIL;
	return out & a->set & b->set;
}

int dbt_role_add_object(dbt_object **out, dbt_schema *schema, const struct dbt_dialect *d,
			const dbt_role *role, unsigned mask)
{
	dbt_buf name = DBT_BUF_INIT, def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	int rc;

	d->quote_ident(&name, role->name);
	dbt_role_definition(&def, role, mask);
	dbt_role_create_sql(&create, d, role, mask);
	dbt_role_drop_sql(&drop, d, role);
	rc = name.oom || def.oom || create.oom || drop.oom
		     ? dbt_error_oom()
		     : dbt_schema_add_object(out, schema, DBT_OBJ_ROLE, dbt_buf_str(&name), NULL,
					     dbt_buf_str(&def), dbt_buf_str(&create),
					     dbt_buf_str(&drop), NULL);
	dbt_buf_release(&name);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	return rc;
}
