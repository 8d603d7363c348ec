/*
 * sort.h - the topological sorts that order the differ's operations
 * (diff.h), pg_dump_sort.c style: nodes are numbered in the order wanted
 * when dependencies leave a choice (name, or kind and name), and the sort
 * takes the lowest free number each time, so that the result keeps that
 * order wherever it can.
 *
 * Every function returns 0 or DBT_ERROR (out of memory, message set);
 * the caller owns the output arrays, sized for every node.
 */
#ifndef DBT_SORT_H
#define DBT_SORT_H

#include <stddef.h>

/*
 * A directed graph on the nodes 0 .. n - 1: edge k says that eu[k] comes
 * before ev[k], because of the node owner[k] (the table whose foreign key
 * makes it).  Zero it, set `n`, add edges with dbt_graph_edge(), then
 * dbt_graph_link() fills the successor lists that the other functions
 * read.  dbt_graph_release() frees everything but the struct.
 */
typedef struct dbt_graph {
	size_t n;	 /* nodes */
	size_t *eu, *ev; /* edges: eu[k] comes before ev[k] */
	size_t *owner;	 /* the node whose fk makes the edge */
	size_t ne, cap;
	size_t *off, *adj; /* successors by node: adj[off[u]] .. adj[off[u + 1] - 1] */
	char *cyclic;	   /* in a cycle of two or more nodes (dbt_graph_cycles) */
} dbt_graph;

/* Adds the edge u -> v made by `owner`. */
int dbt_graph_edge(dbt_graph *g, size_t u, size_t v, size_t owner);

/* Fills off/adj from the edges whose owner is not marked in `skip` (n
 * flags; NULL: every edge), replacing what an earlier call filled. */
int dbt_graph_link(dbt_graph *g, const char *skip);

/* Sets `cyclic` (n flags) on the nodes of strongly connected components
 * of two or more nodes, over the linked edges. */
int dbt_graph_cycles(dbt_graph *g);

/*
 * Every node, in topological order of the linked edges, into `out` (n
 * slots): the lowest-numbered free node first.  A remaining cycle, which
 * only edges left linked through a cycle leave, is entered at its
 * lowest-numbered node marked `cyclic` (dbt_graph_cycles() must have run).
 */
int dbt_graph_order(size_t *out, const dbt_graph *g);

void dbt_graph_release(dbt_graph *g);

/*
 * Dependencies of n nodes in both directions, with the order wanted
 * between free nodes: node i depends on dep[doff[i]] .. dep[doff[i + 1] -
 * 1], and rdep[roff[i]] .. rdep[roff[i + 1] - 1] depend on it; rank[i] is
 * its place in the wanted order and byrank the inverse permutation.  The
 * arrays belong to the caller.
 */
typedef struct dbt_deps {
	size_t n;
	const size_t *rank, *byrank;
	const size_t *doff, *dep;
	const size_t *roff, *rdep;
} dbt_deps;

/*
 * The nodes marked in `in` (n flags), in dependency order (into `out`,
 * their number into `*nout`): what a node depends on first, else by rank;
 * dependencies on unmarked nodes are ignored.  A cycle is entered at its
 * lowest-ranked node.
 */
int dbt_deps_order(size_t *out, size_t *nout, const dbt_deps *d, const char *in);

#endif
