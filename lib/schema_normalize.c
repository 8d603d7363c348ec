/*
 * schema_normalize.c - the normalisation that makes equal schemas compare
 * equal whichever source they came from (see schema.h): a table's implied
 * NOT NULL and redundant unique constraints, SQLite's rowid alias, and the
 * canonical text of identity sequence options and of storage options.
 * Apart from schema.c, which builds and frees the schema: each function
 * here takes a table or a value as built and puts it in its one form.
 */
#include "schema.h"
#include "schema_int.h"

#include "buf.h"
#include "error.h"
#include "ident.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int same_columns(char **a, size_t na, char **b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]))
			return 0;
	return 1;
}

int dbt_table_is_rowid_alias(const dbt_table *table, const dbt_column *c)
{
	return !table->without_rowid && table->pk && table->pk->ncolumns == 1 &&
	       !table->pk->column_desc && c && !strcmp(table->pk->columns[0], c->name) &&
	       c->type.kind == DBT_TYPE_INTEGER && !c->type.text && c->type.length < 0 &&
	       c->type.precision < 0 && c->type.scale < 0;
}

void dbt_table_sqlite_pk_nulls(dbt_table *table)
{
	size_t i;

	if (table->strict || table->without_rowid)
		return;
	for (i = 0; i < table->ncolumns; i++) {
		dbt_column *c = table->columns[i];

		if (dbt_table_is_rowid_alias(table, c)) {
			if (!c->not_null)
				c->not_null = c->implied_not_null = 1;
		} else if (c->implied_not_null) {
			c->not_null = c->implied_not_null = 0;
		}
	}
}

/* Two keys that PostgreSQL makes one index of: the same columns, the
 * same INCLUDE columns, NULLS [NOT] DISTINCT and deferral. */
static int same_key(const dbt_unique *a, const dbt_unique *b)
{
	size_t i;

	if (!same_columns(a->columns, a->ncolumns, b->columns, b->ncolumns) ||
	    a->ninclude != b->ninclude || !a->nulls_not_distinct != !b->nulls_not_distinct ||
	    !a->deferrable != !b->deferrable || !a->initially_deferred != !b->initially_deferred)
		return 0;
	/* SQLite: a key with other collations is another index. */
	for (i = 0; i < a->ncolumns; i++) {
		const char *x = dbt_unique_collation(a, i), *y = dbt_unique_collation(b, i);

		if (!x != !y || (x && dbt_name_casecmp(x, y)))
			return 0;
	}
	for (i = 0; i < a->ninclude; i++)
		if (strcmp(a->include[i], b->include[i]))
			return 0;
	return 1;
}

void dbt_table_normalize(dbt_table *table)
{
	size_t i, j, k;

	if (table->pk) {
		for (i = 0; i < table->pk->ncolumns; i++) {
			dbt_column *c = dbt_table_find_column(table, table->pk->columns[i]);

			if (c && !c->not_null)
				c->not_null = c->implied_not_null = 1;
		}
	}
	for (i = 0, k = 0; i < table->nuniques; i++) {
		dbt_unique *u = table->uniques[i], *kept = NULL;

		if (table->pk && same_key(u, table->pk))
			kept = table->pk;
		for (j = 0; !kept && j < k; j++)
			if (same_key(u, table->uniques[j]))
				kept = table->uniques[j];
		if (!kept) {
			table->uniques[k++] = u;
			continue;
		}
		if (!kept->name_given && u->name_given) {
			free(kept->name);
			kept->name = u->name;
			kept->name_given = 1;
			u->name = NULL;
		}
		dbt_schema_unique_free(u);
	}
	table->nuniques = k;
}

/* ------------------------------------------------- identity sequences */

static void type_range(const dbt_type *type, long long *lo, long long *hi)
{
	*lo = LLONG_MIN;
	*hi = LLONG_MAX;
	if (type->kind == DBT_TYPE_SMALLINT) {
		*lo = -32768;
		*hi = 32767;
	} else if (type->kind == DBT_TYPE_INTEGER) {
		*lo = -2147483647LL - 1;
		*hi = 2147483647LL;
	}
}

int dbt_identity_options_canon(char **out, const dbt_type *type, const struct dbt_identity_seq *seq)
{
	long long lo, hi, inc, min, max, start, cache;
	dbt_buf b = DBT_BUF_INIT;
	int oom;

	*out = NULL;
	type_range(type, &lo, &hi);
	inc = seq->has_increment ? seq->increment : 1;
	min = seq->has_minvalue ? seq->minvalue : inc > 0 ? 1 : lo;
	max = seq->has_maxvalue ? seq->maxvalue : inc > 0 ? hi : -1;
	start = seq->has_start ? seq->start : inc > 0 ? min : max;
	cache = seq->has_cache ? seq->cache : 1;
	if (inc == 0)
		return dbt_error_set(DBT_EPARSE, "INCREMENT must not be zero");
	if (min < lo || max > hi)
		return dbt_error_set(DBT_EPARSE, "MINVALUE or MAXVALUE is out of range for the "
						 "column's type");
	if (min >= max)
		return dbt_error_set(DBT_EPARSE,
				     "MINVALUE (%lld) must be less than MAXVALUE (%lld)", min, max);
	if (start < min || start > max)
		return dbt_error_set(DBT_EPARSE,
				     "START value (%lld) cannot be outside MINVALUE and MAXVALUE",
				     start);
	if (cache < 1)
		return dbt_error_set(DBT_EPARSE, "CACHE (%lld) must be greater than zero", cache);
	if (start != (inc > 0 ? min : max))
		dbt_buf_printf(&b, " START WITH %lld", start);
	if (inc != 1)
		dbt_buf_printf(&b, " INCREMENT BY %lld", inc);
	if (min != (inc > 0 ? 1 : lo))
		dbt_buf_printf(&b, " MINVALUE %lld", min);
	if (max != (inc > 0 ? hi : -1))
		dbt_buf_printf(&b, " MAXVALUE %lld", max);
	if (cache != 1)
		dbt_buf_printf(&b, " CACHE %lld", cache);
	if (seq->cycle)
		dbt_buf_puts(&b, " CYCLE");
	oom = b.oom || (b.len && !(*out = strdup(b.ptr + 1)));
	dbt_buf_release(&b);
	return oom ? dbt_error_oom() : 0;
}

void dbt_identity_options_values(struct dbt_identity_seq *out, const dbt_type *type,
				 const char *canon)
{
	static const char *const words[] = {"START WITH ", "INCREMENT BY ", "MINVALUE ",
					    "MAXVALUE ", "CACHE "};
	const char *p = canon ? canon : "";
	long long lo, hi, v[5] = {0, 1, 0, 0, 1};
	int given[5] = {0, 0, 0, 0, 0};
	size_t i, n;

	memset(out, 0, sizeof(*out));
	while (*p) {
		for (i = 0; i < 5; i++) {
			n = strlen(words[i]);
			if (!strncmp(p, words[i], n)) {
				v[i] = strtoll(p + n, (char **)&p, 10);
				given[i] = 1;
				break;
			}
		}
		if (i == 5) {
			if (!strncmp(p, "CYCLE", 5))
				out->cycle = 1;
			p += strcspn(p, " ");
		}
		p += strspn(p, " ");
	}
	type_range(type, &lo, &hi);
	out->increment = v[1];
	out->minvalue = given[2] ? v[2] : v[1] > 0 ? 1 : lo;
	out->maxvalue = given[3] ? v[3] : v[1] > 0 ? hi : -1;
	out->start = given[0] ? v[0] : v[1] > 0 ? out->minvalue : out->maxvalue;
	out->cache = v[4];
	out->has_start = out->has_increment = out->has_minvalue = out->has_maxvalue =
		out->has_cache = 1;
}

static int cmp_item(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dbt_storage_canon(char **out, char **items, size_t n)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	*out = NULL;
	if (!n)
		return 0;
	qsort(items, n, sizeof(*items), cmp_item);
	for (i = 0; i < n; i++)
		dbt_buf_printf(&b, "%s%s", i ? ", " : "", items[i]);
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

int dbt_storage_get(const char *storage, const char *name, char *out, size_t size)
{
	size_t len = strlen(name);
	const char *at = storage;

	while (at && *at) {
		const char *end = strstr(at, ", ");
		size_t n = end ? (size_t)(end - at) : strlen(at);

		if (n > len && !strncmp(at, name, len) && at[len] == '=') {
			snprintf(out, size, "%.*s", (int)(n - len - 1), at + len + 1);
			return 1;
		}
		at = end ? end + 2 : NULL;
	}
	return 0;
}
