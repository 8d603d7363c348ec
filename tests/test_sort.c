/*
 * test_sort.c - the topological sorts (lib/sort.h): dependencies come
 * first, the lowest number (or rank) is taken whenever several nodes are
 * free, cycles are found and entered at their first node, edges owned by
 * skipped nodes are left out, and a subset is ordered on its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sort.h"

static void add(dbt_graph *g, size_t u, size_t v)
{
	assert_int_equal(dbt_graph_edge(g, u, v, v), 0);
}

static void assert_order(const size_t *got, const size_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
}

static void test_graph_without_edges_keeps_node_order(void **state)
{
	dbt_graph g = {0};
	size_t out[4], want[4] = {0, 1, 2, 3};

	(void)state;
	g.n = 4;
	assert_int_equal(dbt_graph_link(&g, NULL), 0);
	assert_int_equal(dbt_graph_cycles(&g), 0);
	assert_int_equal(dbt_graph_order(out, &g), 0);
	assert_order(out, want, 4);
	assert_false(g.cyclic[0] || g.cyclic[1] || g.cyclic[2] || g.cyclic[3]);
	dbt_graph_release(&g);
}

static void test_graph_puts_what_comes_before_first_then_lowest_number(void **state)
{
	dbt_graph g = {0};
	size_t out[5], want[5] = {1, 2, 0, 3, 4};

	(void)state;
	g.n = 5;
	add(&g, 2, 0); /* 0 waits for 2, which waits for 1 */
	add(&g, 1, 2);
	add(&g, 3, 4);
	assert_int_equal(dbt_graph_link(&g, NULL), 0);
	assert_int_equal(dbt_graph_cycles(&g), 0);
	assert_int_equal(dbt_graph_order(out, &g), 0);
	assert_order(out, want, 5);
	dbt_graph_release(&g);
}

static void test_graph_marks_cycles_and_enters_them_at_their_first_node(void **state)
{
	dbt_graph g = {0};
	size_t out[4], want[4] = {0, 1, 2, 3};

	(void)state;
	g.n = 4;
	add(&g, 1, 2); /* 1 <-> 2, and 3 waits for 2 */
	add(&g, 2, 1);
	add(&g, 2, 3);
	assert_int_equal(dbt_graph_link(&g, NULL), 0);
	assert_int_equal(dbt_graph_cycles(&g), 0);
	assert_false(g.cyclic[0]);
	assert_true(g.cyclic[1]);
	assert_true(g.cyclic[2]);
	assert_false(g.cyclic[3]);
	assert_int_equal(dbt_graph_order(out, &g), 0);
	assert_order(out, want, 4);
	dbt_graph_release(&g);
}

static void test_graph_link_leaves_out_the_edges_of_skipped_owners(void **state)
{
	dbt_graph g = {0};
	size_t out[2], want_all[2] = {1, 0}, want_skip[2] = {0, 1};
	char skip[2] = {0, 0};

	(void)state;
	g.n = 2;
	add(&g, 1, 0); /* owned by 0: 0 waits for 1 */
	assert_int_equal(dbt_graph_link(&g, NULL), 0);
	assert_int_equal(dbt_graph_cycles(&g), 0);
	assert_int_equal(dbt_graph_order(out, &g), 0);
	assert_order(out, want_all, 2);
	skip[0] = 1;
	assert_int_equal(dbt_graph_link(&g, skip), 0);
	assert_int_equal(dbt_graph_order(out, &g), 0);
	assert_order(out, want_skip, 2);
	dbt_graph_release(&g);
}

/*
 * Four nodes whose wanted order (rank) is 3, 1, 0, 2 (node 3 first); node
 * 1 depends on node 2.
 */
static const size_t rank[4] = {2, 1, 3, 0}, byrank[4] = {3, 1, 0, 2};
static const size_t doff[5] = {0, 0, 1, 1, 1}, dep[1] = {2};
static const size_t roff[5] = {0, 0, 0, 1, 1}, rdep[1] = {1};

static void test_deps_order_puts_dependencies_first_then_by_rank(void **state)
{
	dbt_deps d = {4, rank, byrank, doff, dep, roff, rdep};
	char in[4] = {1, 1, 1, 1};
	size_t out[4], n, want[4] = {3, 0, 2, 1};

	(void)state;
	assert_int_equal(dbt_deps_order(out, &n, &d, in), 0);
	assert_int_equal(n, 4);
	assert_order(out, want, 4);
}

static void test_deps_order_orders_the_marked_nodes_only(void **state)
{
	dbt_deps d = {4, rank, byrank, doff, dep, roff, rdep};
	char in[4] = {0, 1, 0, 1};
	size_t out[4], n, want[2] = {3, 1};

	(void)state;
	/* 1's dependency (2) is not marked: 1 is free, after 3 by rank. */
	assert_int_equal(dbt_deps_order(out, &n, &d, in), 0);
	assert_int_equal(n, 2);
	assert_order(out, want, 2);
}

static void test_deps_order_enters_a_cycle_at_its_lowest_rank(void **state)
{
	/* 0 and 1 depend on each other; 1 has the lower rank. */
	static const size_t r[2] = {1, 0}, br[2] = {1, 0};
	static const size_t off[3] = {0, 1, 2}, dp[2] = {1, 0};
	dbt_deps d = {2, r, br, off, dp, off, dp};
	char in[2] = {1, 1};
	size_t out[2], n, want[2] = {1, 0};

	(void)state;
	assert_int_equal(dbt_deps_order(out, &n, &d, in), 0);
	assert_int_equal(n, 2);
	assert_order(out, want, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graph_without_edges_keeps_node_order),
		cmocka_unit_test(test_graph_puts_what_comes_before_first_then_lowest_number),
		cmocka_unit_test(test_graph_marks_cycles_and_enters_them_at_their_first_node),
		cmocka_unit_test(test_graph_link_leaves_out_the_edges_of_skipped_owners),
		cmocka_unit_test(test_deps_order_puts_dependencies_first_then_by_rank),
		cmocka_unit_test(test_deps_order_orders_the_marked_nodes_only),
		cmocka_unit_test(test_deps_order_enters_a_cycle_at_its_lowest_rank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
