/*
 * sort.c - the topological sorts of the differ (sort.h), apart from it as
 * pg_dump keeps pg_dump_sort.c apart from pg_dump.c: the foreign-key graph
 * of the tables created or dropped together, with its cycles found
 * (Tarjan), and the dependency order of the other objects.  Both take the
 * first free node by a fixed order (name, or kind and name) from a binary
 * heap, so that the result keeps that order wherever dependencies allow.
 */
#include "sort.h"

#include "error.h"

#include <stdint.h>
#include <stdlib.h>

#define NONE SIZE_MAX

void dbt_graph_release(dbt_graph *g)
{
	free(g->eu);
	free(g->ev);
	free(g->owner);
	free(g->off);
	free(g->adj);
	free(g->cyclic);
}

int dbt_graph_edge(dbt_graph *g, size_t u, size_t v, size_t owner)
{
	if (g->ne == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		size_t *eu = realloc(g->eu, cap * sizeof(*eu));
		size_t *ev, *ow;

		if (!eu)
			return dbt_error_oom();
		g->eu = eu;
		ev = realloc(g->ev, cap * sizeof(*ev));
		if (!ev)
			return dbt_error_oom();
		g->ev = ev;
		ow = realloc(g->owner, cap * sizeof(*ow));
		if (!ow)
			return dbt_error_oom();
		g->owner = ow;
		g->cap = cap;
	}
	g->eu[g->ne] = u;
	g->ev[g->ne] = v;
	g->owner[g->ne] = owner;
	g->ne++;
	return 0;
}

/* Fills off/adj from the edges whose owner is not in `skip` (may be NULL). */
int dbt_graph_link(dbt_graph *g, const char *skip)
{
	size_t k, u;

	free(g->off);
	free(g->adj);
	g->off = calloc(g->n + 1, sizeof(*g->off));
	g->adj = malloc((g->ne ? g->ne : 1) * sizeof(*g->adj));
	if (!g->off || !g->adj)
		return dbt_error_oom();
	for (k = 0; k < g->ne; k++)
		if (!skip || !skip[g->owner[k]])
			g->off[g->eu[k] + 1]++;
	for (u = 0; u < g->n; u++)
		g->off[u + 1] += g->off[u];
	/* Place each edge, counting the filled slots in off[u], then shift
	 * the offsets back. */
	for (k = 0; k < g->ne; k++)
		if (!skip || !skip[g->owner[k]])
			g->adj[g->off[g->eu[k]]++] = g->ev[k];
	for (u = g->n; u > 0; u--)
		g->off[u] = g->off[u - 1];
	g->off[0] = 0;
	return 0;
}

/* Marks the nodes of strongly connected components of two or more nodes
 * (Tarjan's algorithm, with an explicit stack). */
int dbt_graph_cycles(dbt_graph *g)
{
	size_t n = g->n, counter = 0, sp = 0, csp = 0, s;
	size_t *index = malloc((n ? n : 1) * sizeof(*index));
	size_t *low = malloc((n ? n : 1) * sizeof(*low));
	size_t *stack = malloc((n ? n : 1) * sizeof(*stack));
	size_t *cs_node = malloc((n ? n : 1) * sizeof(*cs_node));
	size_t *cs_edge = malloc((n ? n : 1) * sizeof(*cs_edge));
	char *onstack = calloc(n ? n : 1, 1);
	int rc = 0;

	g->cyclic = calloc(n ? n : 1, 1);
	if (!index || !low || !stack || !cs_node || !cs_edge || !onstack || !g->cyclic) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (s = 0; s < n; s++)
		index[s] = NONE;
	for (s = 0; s < n; s++) {
		if (index[s] != NONE)
			continue;
		index[s] = low[s] = counter++;
		stack[sp++] = s;
		onstack[s] = 1;
		cs_node[csp] = s;
		cs_edge[csp++] = g->off[s];
		while (csp) {
			size_t v = cs_node[csp - 1];

			if (cs_edge[csp - 1] < g->off[v + 1]) {
				size_t w = g->adj[cs_edge[csp - 1]++];

				if (index[w] == NONE) {
					index[w] = low[w] = counter++;
					stack[sp++] = w;
					onstack[w] = 1;
					cs_node[csp] = w;
					cs_edge[csp++] = g->off[w];
				} else if (onstack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			csp--;
			if (csp && low[v] < low[cs_node[csp - 1]])
				low[cs_node[csp - 1]] = low[v];
			if (low[v] == index[v]) {
				size_t k = sp, m;

				while (stack[--k] != v)
					;
				for (m = k; m < sp; m++) {
					onstack[stack[m]] = 0;
					g->cyclic[stack[m]] = sp - k > 1;
				}
				sp = k;
			}
		}
	}
cleanup:
	free(index);
	free(low);
	free(stack);
	free(cs_node);
	free(cs_edge);
	free(onstack);
	return rc;
}

static void heap_push(size_t *h, size_t *n, size_t x)
{
	size_t i = (*n)++;

	while (i > 0 && h[(i - 1) / 2] > x) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = x;
}

static size_t heap_pop(size_t *h, size_t *n)
{
	size_t top = h[0], x = h[--*n], i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= *n)
			break;
		if (c + 1 < *n && h[c + 1] < h[c])
			c++;
		if (h[c] >= x)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = x;
	return top;
}

/* Topological order of the nodes (in `out`), taking the
 * first free node by name; a remaining cycle, which only a dialect with
 * forward references leaves, is entered at its first table by name. */
int dbt_graph_order(size_t *out, const dbt_graph *g)
{
	size_t n = g->n, nheap = 0, nout = 0, k, u;
	size_t *indeg = calloc(n ? n : 1, sizeof(*indeg));
	size_t *heap = malloc((n ? n : 1) * sizeof(*heap));
	char *done = calloc(n ? n : 1, 1);
	int rc = 0;

	if (!indeg || !heap || !done) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (k = 0; k < g->off[n]; k++)
		indeg[g->adj[k]]++;
	for (u = 0; u < n; u++)
		if (!indeg[u])
			heap_push(heap, &nheap, u);
	while (nout < n) {
		if (nheap) {
			u = heap_pop(heap, &nheap);
		} else {
			for (u = 0; u < n && (done[u] || !g->cyclic[u]); u++)
				;
			if (u == n) /* cannot happen: a stuck sort is in a cycle */
				for (u = 0; done[u]; u++)
					;
		}
		if (done[u])
			continue;
		done[u] = 1;
		out[nout++] = u;
		for (k = g->off[u]; k < g->off[u + 1]; k++) {
			size_t v = g->adj[k];

			if (!done[v] && --indeg[v] == 0)
				heap_push(heap, &nheap, v);
		}
	}
cleanup:
	free(indeg);
	free(heap);
	free(done);
	return rc;
}

int dbt_deps_order(size_t *out, size_t *nout, const dbt_deps *s, const char *in)
{
	size_t n = s->n, nheap = 0, cnt = 0, scan = 0, i, k;
	size_t *indeg = calloc(n ? n : 1, sizeof(*indeg));
	size_t *heap = malloc((n ? n : 1) * sizeof(*heap));
	char *done = calloc(n ? n : 1, 1);
	int rc = 0;

	*nout = 0;
	if (!indeg || !heap || !done) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		if (!in[i])
			continue;
		cnt++;
		for (k = s->doff[i]; k < s->doff[i + 1]; k++)
			indeg[i] += in[s->dep[k]] != 0;
		if (!indeg[i])
			heap_push(heap, &nheap, s->rank[i]);
	}
	while (*nout < cnt) {
		if (nheap) {
			i = s->byrank[heap_pop(heap, &nheap)];
		} else {
			while (done[s->byrank[scan]] || !in[s->byrank[scan]])
				scan++;
			i = s->byrank[scan];
		}
		if (done[i])
			continue;
		done[i] = 1;
		out[(*nout)++] = i;
		for (k = s->roff[i]; k < s->roff[i + 1]; k++) {
			size_t j = s->rdep[k];

			if (in[j] && !done[j] && --indeg[j] == 0)
				heap_push(heap, &nheap, s->rank[j]);
		}
	}
cleanup:
	free(indeg);
	free(heap);
	free(done);
	return rc;
}
