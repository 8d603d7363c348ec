/*
 * parse_role.c - CREATE ROLE, CREATE USER and ALTER ROLE (or ALTER USER)
 * for the model parser (see parse_internal.h), PostgreSQL's: the roles
 * the model declares, with their attributes, into schema->roles (role.h).
 * ALTER ROLE changes a role the model declared before it, as the
 * database would; one that names a role the model does not create states
 * the attributes it writes, and only those, of a role that may exist
 * already.  What the model does not hold (memberships: IN ROLE, ROLE,
 * ADMIN; ALTER ROLE ... SET, RENAME) is an error at its place.
 */
#include "parse_internal.h"

#include "error.h"
#include "role.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *word;
	unsigned bit;
	int on;
} words[] = {
	{"superuser", DBT_ROLE_SUPERUSER, 1},
	{"nosuperuser", DBT_ROLE_SUPERUSER, 0},
	{"createdb", DBT_ROLE_CREATEDB, 1},
	{"nocreatedb", DBT_ROLE_CREATEDB, 0},
	{"createrole", DBT_ROLE_CREATEROLE, 1},
	{"nocreaterole", DBT_ROLE_CREATEROLE, 0},
	{"inherit", DBT_ROLE_INHERIT, 1},
	{"noinherit", DBT_ROLE_INHERIT, 0},
	{"login", DBT_ROLE_LOGIN, 1},
	{"nologin", DBT_ROLE_LOGIN, 0},
	{"replication", DBT_ROLE_REPLICATION, 1},
	{"noreplication", DBT_ROLE_REPLICATION, 0},
	{"bypassrls", DBT_ROLE_BYPASSRLS, 1},
	{"nobypassrls", DBT_ROLE_BYPASSRLS, 0},
};

/* The value of the plain string literal that is the current token, in
 * `*out` (caller frees); the token is consumed. */
static int string_value(struct parser *p, char **out, const char *what)
{
	const char *s = p->text + p->cur.tok.start;
	size_t n = p->cur.tok.len, i;
	char *v;
	size_t k = 0;

	if (p->cur.tok.kind != DBT_TOK_STRING || n < 2 || s[0] != '\'')
		return expected(p, what);
	if (!(v = malloc(n)))
		return dbt_error_oom();
	for (i = 1; i + 1 < n; i++) {
		v[k++] = s[i];
		if (s[i] == '\'')
			i++;
	}
	v[k] = '\0';
	free(*out);
	*out = v;
	return next(p);
}

/* The options after the role's name (and WITH), up to the ';'. */
static int parse_options(struct parser *p, dbt_role *r)
{
	size_t i;
	int rc;

	if (is(p, "with") && (rc = next(p)) < 0)
		return rc;
	while (p->cur.tok.kind != DBT_TOK_END && !is(p, ";")) {
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (is(p, words[i].word))
				break;
		if (i < sizeof(words) / sizeof(words[0])) {
			dbt_role_set_flag(r, words[i].bit, words[i].on);
			if ((rc = next(p)) < 0)
				return rc;
		} else if (is(p, "connection")) {
			int neg = 0;

			if ((rc = next(p)) < 0 || (rc = expect(p, "limit", "LIMIT")) < 0)
				return rc;
			if (is(p, "-")) {
				neg = 1;
				if ((rc = next(p)) < 0)
					return rc;
			}
			if (p->cur.tok.kind != DBT_TOK_NUMBER || p->cur.tok.len > 9 ||
			    strspn(p->text + p->cur.tok.start, "0123456789") < p->cur.tok.len)
				return expected(p, "a whole number");
			r->conn_limit = atoi(p->text + p->cur.tok.start) * (neg ? -1 : 1);
			if (r->conn_limit < -1)
				return fail_at(p, p->cur.tok.line, p->cur.tok.col,
					       "invalid connection limit %d", r->conn_limit);
			r->set |= DBT_ROLE_CONNLIMIT;
			if ((rc = next(p)) < 0)
				return rc;
		} else if (is(p, "encrypted") || is(p, "password")) {
			if (is(p, "encrypted") && (rc = next(p)) < 0)
				return rc;
			if ((rc = expect(p, "password", "PASSWORD")) < 0)
				return rc;
			if (is(p, "null")) {
				free(r->password);
				r->password = NULL;
				if ((rc = next(p)) < 0)
					return rc;
			} else if ((rc = string_value(p, &r->password, "a password in '...'")) <
				   0) {
				return rc;
			}
		} else if (is(p, "valid")) {
			if ((rc = next(p)) < 0 || (rc = expect(p, "until", "UNTIL")) < 0 ||
			    (rc = string_value(p, &r->valid_until, "a timestamp in '...'")) < 0)
				return rc;
			r->set |= DBT_ROLE_VALIDUNTIL;
		} else if (is(p, "in") || is(p, "role") || is(p, "admin") || is(p, "user") ||
			   is(p, "sysid")) {
			return fail_at(p, p->cur.tok.line, p->cur.tok.col,
				       "role memberships (IN ROLE, ROLE, ADMIN, USER) are not held "
				       "by the model: GRANT the role in a revision of its own");
		} else {
			return expected(p, "a role attribute (LOGIN, CREATEDB, CONNECTION LIMIT, "
					   "PASSWORD, VALID UNTIL ...)");
		}
	}
	return 0;
}

int parse_role(struct parser *p, const dbt_token *first, int alter, int user)
{
	struct name n = {NULL, 0, 0, 0};
	dbt_role *r;
	int rc;

	if ((rc = parse_name(p, &n, "a role name")) < 0)
		return rc;
	if (!n.quoted && (!strcmp(n.s, "current_user") || !strcmp(n.s, "session_user") ||
			  !strcmp(n.s, "current_role") || !strcmp(n.s, "public") ||
			  !strcmp(n.s, "all") || !strcmp(n.s, "none"))) {
		rc = fail_at(p, n.line, n.col, "the model declares roles by their names, not '%s'",
			     n.s);
		goto cleanup;
	}
	if (alter && (is(p, "set") || is(p, "reset") || is(p, "rename") || is(p, "in"))) {
		rc = fail_at(p, p->cur.tok.line, p->cur.tok.col,
			     "ALTER ROLE ... %s is not held by the model: only the role's "
			     "attributes are",
			     is(p, "rename") ? "RENAME"
			     : is(p, "in")   ? "IN DATABASE"
					     : "SET");
		goto cleanup;
	}
	r = dbt_schema_find_role(p->schema, n.s);
	if (r && !alter) {
		rc = fail_at(p, n.line, n.col, "role '%s' is declared twice (first on line %d)",
			     n.s, r->line);
		goto cleanup;
	}
	if (!r) {
		if ((rc = dbt_schema_add_role(&r, p->schema, n.s)) < 0)
			goto cleanup;
		r->line = first->line;
		r->col = first->col;
		if (!alter) {
			/* Every attribute is stated: PostgreSQL's defaults
			 * where the statement writes none. */
			r->created = 1;
			r->set = DBT_ROLE_ALL;
			r->flags = DBT_ROLE_INHERIT | (user ? DBT_ROLE_LOGIN : 0);
		}
	}
	rc = parse_options(p, r);
cleanup:
	name_release(&n);
	return rc;
}
