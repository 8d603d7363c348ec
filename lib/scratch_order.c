/*
 * scratch_order.c - the order in which the scratch database builds the
 * model's objects (scratch_order.h): a graph whose edges are the names
 * each statement's text holds, sorted with sort.c's topological sort,
 * which takes the first declared item whenever several are free, so that
 * a model whose statements already come in a buildable order is built in
 * exactly that order.
 */
#define _GNU_SOURCE /* qsort_r */

#include "scratch_order.h"

#include "error.h"
#include "lex.h"
#include "sort.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A name and the first item that has it. */
struct named {
	const char *name;
	size_t item;
};

static int name_cmp(const char *a, const char *b, int nocase)
{
	return nocase ? strcasecmp(a, b) : strcmp(a, b);
}

/* By name, then by item, so that the first item of a name leads. */
static int cmp_named(const void *x, const void *y, void *arg)
{
	const struct named *a = x, *b = y;
	int c = name_cmp(a->name, b->name, *(const int *)arg);

	if (c)
		return c;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* The item that `name` names; SIZE_MAX when none.  `v` holds one entry
 * per name (the first item's), sorted by cmp_named. */
static size_t find_named(const struct named *v, size_t n, const char *name, int nocase)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = name_cmp(v[mid].name, name, nocase);

		if (!c)
			return v[mid].item;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

/* Adds to `g` an edge from each item that the text of item `i` names to
 * `i`, once each; `seen[j]` is i + 1 once j -> i is added. */
static int add_edges(dbt_graph *g, size_t *seen, const dbt_build_item *items, size_t i,
		     const struct named *v, size_t nv, int nocase)
{
	const char *sql = items[i].sql;
	dbt_lexer lx;
	dbt_token tok;

	if (!sql)
		return 0;
	dbt_lex_init(&lx, sql, strlen(sql));
	while (dbt_lex_next(&lx, &tok) == 0 && tok.kind != DBT_TOK_END) {
		char *name;
		size_t j;
		int rc;

		if (tok.kind != DBT_TOK_WORD && tok.kind != DBT_TOK_QUOTED)
			continue;
		if (!(name = dbt_token_name(sql, &tok)))
			return dbt_error_oom();
		j = find_named(v, nv, name, nocase);
		free(name);
		if (j == (size_t)-1 || j == i || seen[j] == i + 1)
			continue;
		seen[j] = i + 1;
		if ((rc = dbt_graph_edge(g, j, i, i)) < 0)
			return rc;
	}
	return 0;
}

int dbt_build_order(size_t *out, const dbt_build_item *items, size_t n, int nocase)
{
	struct named *v = malloc((n ? n : 1) * sizeof(*v));
	size_t *seen = calloc(n ? n : 1, sizeof(*seen));
	size_t i, nv = 0, kept = 0;
	dbt_graph g;
	int rc = 0;

	memset(&g, 0, sizeof(g));
	g.n = n;
	if (!v || !seen) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < n; i++)
		if (items[i].name && items[i].name[0])
			v[nv++] = (struct named){items[i].name, i};
	qsort_r(v, nv, sizeof(*v), cmp_named, &nocase);
	/* One entry per name: the first item's. */
	for (i = 0; i < nv; i++)
		if (!kept || name_cmp(v[kept - 1].name, v[i].name, nocase))
			v[kept++] = v[i];
	for (i = 0; i < n && rc == 0; i++)
		rc = add_edges(&g, seen, items, i, v, kept, nocase);
	if (rc == 0 && (rc = dbt_graph_link(&g, NULL)) == 0 && (rc = dbt_graph_cycles(&g)) == 0)
		rc = dbt_graph_order(out, &g);
cleanup:
	dbt_graph_release(&g);
	free(v);
	free(seen);
	return rc;
}
