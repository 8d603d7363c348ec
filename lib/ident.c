/*
 * ident.c - names and quoting (ident.h), shared by the reflections, the
 * dialects, the renderer and the op descriptions so that a name is
 * compared, written bare or quoted the same way wherever it goes.
 */
#include "ident.h"

#include "error.h"
#include "lex.h"

#include <stdlib.h>

#include <string.h>

int dbt_name_casecmp(const char *a, const char *b)
{
	/* Names compared are mostly spelt alike: equal bytes go on without
	 * folding either. */
	for (;; a++, b++) {
		int x = (unsigned char)*a, y = (unsigned char)*b;

		if (x == y) {
			if (!x)
				return 0;
			continue;
		}
		x = dbt_ascii_lower(x);
		y = dbt_ascii_lower(y);
		if (x != y)
			return x - y;
	}
}

const char *dbt_ident_base(const char *name)
{
	const char *sep = strchr(name, DBT_QUALIFIER);

	return sep ? sep + 1 : name;
}

int dbt_ident_is_qualified(const char *name)
{
	return name && strchr(name, DBT_QUALIFIER) != NULL;
}

int dbt_ident_qualify_like(char **name, const char *like)
{
	const char *sep = strchr(like, DBT_QUALIFIER);
	size_t n = sep ? (size_t)(sep - like) + 1 : 0;
	char *joined;

	if (!sep || strchr(*name, DBT_QUALIFIER))
		return 0;
	if (!(joined = malloc(n + strlen(*name) + 1)))
		return dbt_error_oom();
	memcpy(joined, like, n);
	strcpy(joined + n, *name);
	free(*name);
	*name = joined;
	return 0;
}

size_t dbt_ident_sql_qualifier(const char *name)
{
	const char *p;
	int quoted = 0;

	for (p = name; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '.' && !quoted)
			return (size_t)(p - name);
	}
	return 0;
}

int dbt_ident_is_plain(const char *name)
{
	const char *p;

	if (!(*name >= 'a' && *name <= 'z') && *name != '_')
		return 0;
	for (p = name; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') && *p != '_')
			return 0;
	return 1;
}

int dbt_ident_sqlite_internal(const char *name)
{
	return !strcmp(name, "sqlite_sequence") || !strncmp(name, "sqlite_stat", 11);
}

int dbt_ident_needs_quotes(const char *name)
{
	return !dbt_ident_is_plain(name) ||
	       dbt_sql_keyword(name, strlen(name)) == DBT_KW_RESERVED ||
	       dbt_ident_sqlite_internal(name);
}

void dbt_ident_quote(dbt_buf *out, const char *name)
{
	const char *p;

	dbt_buf_putc(out, '"');
	for (p = name; *p; p++) {
		if (*p == DBT_QUALIFIER) {
			dbt_buf_puts(out, "\".\"");
			continue;
		}
		if (*p == '"')
			dbt_buf_putc(out, '"');
		dbt_buf_putc(out, *p);
	}
	dbt_buf_putc(out, '"');
}

void dbt_ident_put(dbt_buf *out, const char *name)
{
	if (dbt_ident_needs_quotes(name))
		dbt_ident_quote(out, name);
	else
		dbt_buf_puts(out, name);
}

void dbt_ident_describe(dbt_buf *out, const char *name)
{
	const char *s;
	int bare;

	if (!name) {
		dbt_buf_puts(out, "?");
		return;
	}
	if (dbt_ident_is_qualified(name)) {
		dbt_ident_quote(out, name);
		return;
	}
	/* PostgreSQL reads a '$' after the first character as part of the
	 * word, so such a name needs no quotes in what dbtool prints. */
	bare = (name[0] >= 'a' && name[0] <= 'z') || name[0] == '_';
	for (s = name; bare && *s; s++)
		bare = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		       *s == '$';
	if (bare && dbt_sql_keyword(name, strlen(name)) != DBT_KW_RESERVED)
		dbt_buf_puts(out, name);
	else
		dbt_ident_quote(out, name);
}

void dbt_literal_quote(dbt_buf *out, const char *value)
{
	const char *p;

	dbt_buf_putc(out, '\'');
	for (p = value; *p; p++) {
		if (*p == '\'')
			dbt_buf_putc(out, '\'');
		dbt_buf_putc(out, *p);
	}
	dbt_buf_putc(out, '\'');
}
