/*
 * test_chain.c - loading a versions/ folder into the revision chain:
 * ordering, every structural error with its message, lenient loading,
 * finding revisions by id or prefix, resolving targets, and a chain of
 * 10,000 revisions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain.h"
#include "dbtool.h"
#include "testutil.h"

struct fixture {
	char dir[64];
	char msg[1024];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (!test_mkdtemp(f->dir, sizeof(f->dir), "chain")) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int rc = test_rmtree(f->dir);

	free(f);
	return rc;
}

/* Writes `name` in the fixture's folder with the given header. */
static void write_rev(struct fixture *f, const char *name, const char *id, const char *parent)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp,
		"-- id: %s\n-- parent: %s\n-- message: make %s\n\n-- migrate:upgrade\n"
		"CREATE TABLE t_%s (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_%s;\n",
		id, parent, id, id, id);
	fclose(fp);
}

static void write_file(struct fixture *f, const char *name, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	test_write_file(path, text);
}

/* The message expected, with every "@" replaced by the fixture's folder. */
static const char *expect(struct fixture *f, const char *pattern)
{
	size_t n = 0;

	for (; *pattern && n + strlen(f->dir) + 1 < sizeof(f->msg); pattern++) {
		if (*pattern == '@') {
			strcpy(f->msg + n, f->dir);
			n += strlen(f->dir);
		} else {
			f->msg[n++] = *pattern;
		}
	}
	f->msg[n] = '\0';
	return f->msg;
}

/* Three revisions a1 <- b2 <- c3 whose file names sort in another order. */
static void write_three(struct fixture *f)
{
	write_rev(f, "x_c3.sql", "c3", "b2");
	write_rev(f, "y_a1.sql", "a1", "");
	write_rev(f, "z_b2.sql", "b2", "a1");
}

static void assert_chain_error(struct fixture *f, int flags, int code, const char *pattern)
{
	dbt_chain chain;

	assert_int_equal(dbt_chain_load(&chain, f->dir, flags), code);
	assert_string_equal(dbt_error_last(), expect(f, pattern));
	assert_null(chain.revs);
	assert_int_equal(chain.n, 0);
	assert_null(chain.index);
}

static void missing_folder_is_not_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	char path[128];

	snprintf(path, sizeof(path), "%s/migrations/versions", f->dir);
	assert_int_equal(dbt_chain_load(&chain, path, 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), expect(f, "cannot open versions folder "
							"'@/migrations/versions': no such file"));
	assert_null(chain.revs);
}

static void empty_folder_is_an_empty_chain(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(chain.n, 0);
	assert_int_equal(chain.nheads, 0);
	assert_int_equal(chain.broken, 0);
	assert_string_equal(chain.dir, f->dir);
	dbt_chain_release(&chain);
}

static void one_revision_is_base_and_head(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_rev(f, "a1_first.sql", "a1", "");
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(chain.n, 1);
	assert_string_equal(chain.revs[0]->id, "a1");
	assert_string_equal(chain.revs[0]->path, expect(f, "@/a1_first.sql"));
	assert_int_equal(chain.revs[0]->pos, 1);
	assert_null(chain.revs[0]->up);
	assert_null(chain.revs[0]->down);
	assert_int_equal(chain.nheads, 1);
	assert_ptr_equal(chain.heads[0], chain.revs[0]);
	dbt_chain_release(&chain);
}

static void linear_chain_is_ordered_base_to_head(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(chain.n, 3);
	assert_string_equal(chain.revs[0]->id, "a1");
	assert_string_equal(chain.revs[1]->id, "b2");
	assert_string_equal(chain.revs[2]->id, "c3");
	assert_int_equal(chain.revs[0]->pos, 1);
	assert_int_equal(chain.revs[1]->pos, 2);
	assert_int_equal(chain.revs[2]->pos, 3);
	assert_null(chain.revs[0]->down);
	assert_ptr_equal(chain.revs[0]->up, chain.revs[1]);
	assert_ptr_equal(chain.revs[1]->down, chain.revs[0]);
	assert_ptr_equal(chain.revs[1]->up, chain.revs[2]);
	assert_ptr_equal(chain.revs[2]->down, chain.revs[1]);
	assert_null(chain.revs[2]->up);
	assert_int_equal(chain.nheads, 1);
	assert_ptr_equal(chain.heads[0], chain.revs[2]);
	assert_int_equal(chain.broken, 0);
	dbt_chain_release(&chain);
}

static void other_files_are_ignored(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	char path[128];

	write_rev(f, "a1.sql", "a1", "");
	write_file(f, "README.md", "not a revision\n");
	write_file(f, ".b2.sql", "-- a hidden file, e.g. an editor's\n");
	write_file(f, "a1.sql.tmp-123", "half-written\n");
	write_file(f, "a1.sql~", "a backup\n");
	write_file(f, ".sql", "a file named only by its extension\n");
	snprintf(path, sizeof(path), "%s/folder.sql", f->dir);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(chain.n, 1);
	assert_string_equal(chain.revs[0]->id, "a1");
	dbt_chain_release(&chain);
}

static void parse_error_is_returned_as_is(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "a1.sql", "a1", "");
	write_file(f, "b2.sql",
		   "-- id: b2\n-- parent: a1\n-- mesage: typo\n"
		   "-- migrate:upgrade\n-- migrate:downgrade\n");
	assert_chain_error(f, 0, DBT_EPARSE, "@/b2.sql:3: unknown header key 'mesage'");
}

static void parse_error_fails_even_when_lenient(void **state)
{
	struct fixture *f = *state;

	write_file(f, "b2.sql", "-- id: b2\n-- parent:\nSELECT 1;\n");
	assert_chain_error(f, DBT_CHAIN_LENIENT, DBT_EPARSE,
			   "@/b2.sql:3: SQL before the '-- migrate:upgrade' marker");
}

static void duplicate_id_is_a_chain_error(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "a1_x.sql", "a1", "");
	write_rev(f, "a1_copy.sql", "a1", "");
	assert_chain_error(f, 0, DBT_ECHAIN,
			   "duplicate revision id 'a1' in '@/a1_copy.sql' and '@/a1_x.sql'");
}

static void missing_parent_is_a_chain_error(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "b2.sql", "b2", "zzz");
	assert_chain_error(f, 0, DBT_ECHAIN,
			   "revision 'b2' ('@/b2.sql') names parent 'zzz', which no revision file "
			   "defines");
}

static void two_children_of_one_parent_are_several_heads_with_the_rebase_to_run(void **state)
{
	struct fixture *f = *state;

	write_three(f);
	write_rev(f, "w_d4.sql", "d4", "a1");
	assert_chain_error(
		f, 0, DBT_ECHAIN,
		"several heads: 'd4' ('@/w_d4.sql') and 'c3' ('@/x_c3.sql') part at 'a1' "
		"('@/y_a1.sql'); the chain must be one line: run 'dbtool rebase' to move the "
		"branch that the database has not applied onto the other head, or name the "
		"branch to move: 'dbtool rebase c3 --onto d4' or 'dbtool rebase d4 --onto c3'");
}

static void several_roots_are_several_heads(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "b2.sql", "b2", "a1");
	write_rev(f, "c3.sql", "c3", "");
	assert_chain_error(
		f, 0, DBT_ECHAIN,
		"several heads: 'b2' ('@/b2.sql') and 'c3' ('@/c3.sql') part at base; the "
		"chain must be one line: run 'dbtool rebase' to move the branch that the "
		"database has not applied onto the other head, or name the branch to move: "
		"'dbtool rebase c3 --onto b2' or 'dbtool rebase b2 --onto c3' (the chain has "
		"several first revisions, with an empty parent: 'a1' ('@/a1.sql'), 'c3' "
		"('@/c3.sql'))");
}

static void three_heads_are_rebased_one_branch_at_a_time(void **state)
{
	struct fixture *f = *state;

	write_three(f);
	write_rev(f, "w_d4.sql", "d4", "a1");
	write_rev(f, "v_e5.sql", "e5", "b2");
	assert_chain_error(
		f, 0, DBT_ECHAIN,
		"several heads: 'e5' ('@/v_e5.sql'), 'd4' ('@/w_d4.sql'), 'c3' ('@/x_c3.sql'); "
		"the chain must be one line: move one branch at a time onto another head, "
		"starting with 'dbtool rebase d4 --onto e5'");
}

static void cycle_beside_a_branch_is_a_cycle(void **state)
{
	struct fixture *f = *state;

	write_three(f);
	write_rev(f, "w_d4.sql", "d4", "a1");
	write_rev(f, "c1.sql", "c1", "c2");
	write_rev(f, "c2.sql", "c2", "c1");
	write_rev(f, "c5.sql", "c5", "c1");
	assert_chain_error(f, 0, DBT_ECHAIN,
			   "cycle in the revision chain: c1 -> c2 -> c1 (in '@/c1.sql', "
			   "'@/c2.sql')");
}

static void cycle_is_a_chain_error(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "c1.sql", "c1", "c3");
	write_rev(f, "c2.sql", "c2", "c1");
	write_rev(f, "c3.sql", "c3", "c2");
	assert_chain_error(f, 0, DBT_ECHAIN,
			   "cycle in the revision chain: c1 -> c2 -> c3 -> c1 (in '@/c1.sql', "
			   "'@/c2.sql', '@/c3.sql')");
}

static void revision_that_is_its_own_parent_is_a_cycle(void **state)
{
	struct fixture *f = *state;

	write_rev(f, "s1.sql", "s1", "s1");
	assert_chain_error(f, 0, DBT_ECHAIN,
			   "cycle in the revision chain: s1 -> s1 (in '@/s1.sql')");
}

static void lenient_load_keeps_heads_of_a_branched_chain(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_three(f);
	write_rev(f, "w_d4.sql", "d4", "b2");
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(chain.broken, 1);
	assert_int_equal(chain.n, 0);
	assert_null(chain.revs);
	assert_int_equal(chain.nheads, 2);
	assert_string_equal(chain.heads[0]->id, "d4");
	assert_string_equal(chain.heads[1]->id, "c3");
	assert_int_equal(chain.diverged, 1);
	assert_error_contains(expect(f, "several heads: 'd4' ('@/w_d4.sql') and 'c3' "
					"('@/x_c3.sql') part at 'b2' ('@/z_b2.sql'); "));
	dbt_chain_release(&chain);
}

static void lenient_load_keeps_heads_despite_duplicates_and_orphans(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "a1_copy.sql", "a1", "");
	write_rev(f, "b2.sql", "b2", "a1");
	write_rev(f, "o9.sql", "o9", "nope");
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(chain.broken, 1);
	assert_int_equal(chain.diverged, 0);
	assert_int_equal(chain.nheads, 2);
	assert_string_equal(chain.heads[0]->id, "b2");
	assert_string_equal(chain.heads[1]->id, "o9");
	assert_int_equal(dbt_chain_find(&r, &chain, "o9"), 0);
	assert_string_equal(r->id, "o9");
	assert_int_equal(r->pos, 0);
	dbt_chain_release(&chain);
}

static void lenient_load_of_a_sound_chain_is_not_broken(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(chain.broken, 0);
	assert_int_equal(chain.n, 3);
	assert_int_equal(chain.nheads, 1);
	assert_string_equal(chain.heads[0]->id, "c3");
	dbt_chain_release(&chain);
}

static void find_by_exact_id_and_unique_prefix(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;

	write_rev(f, "1.sql", "abc1", "");
	write_rev(f, "2.sql", "abd2", "abc1");
	write_rev(f, "3.sql", "ab", "abd2");
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_find(&r, &chain, "abd2"), 0);
	assert_string_equal(r->id, "abd2");
	assert_int_equal(dbt_chain_find(&r, &chain, "abc"), 0);
	assert_string_equal(r->id, "abc1");
	/* An exact id wins over the longer ids it is a prefix of. */
	assert_int_equal(dbt_chain_find(&r, &chain, "ab"), 0);
	assert_string_equal(r->id, "ab");
	dbt_chain_release(&chain);
}

static void find_of_ambiguous_prefix_lists_candidates(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;

	write_rev(f, "1.sql", "abc1", "");
	write_rev(f, "2.sql", "abd2", "abc1");
	write_rev(f, "3.sql", "xyz3", "abd2");
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_find(&r, &chain, "ab"), DBT_EAMBIGUOUS);
	assert_null(r);
	assert_string_equal(dbt_error_last(), "revision prefix 'ab' is ambiguous: abc1, abd2");
	dbt_chain_release(&chain);
}

static void find_of_unknown_id_is_not_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_find(&r, &chain, "zz"), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "no revision 'zz'");
	assert_int_equal(dbt_chain_find(&r, &chain, ""), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "no revision ''");
	assert_int_equal(dbt_chain_find(&r, &chain, "a1x"), DBT_ENOTFOUND);
	dbt_chain_release(&chain);
}

static void resolve_named_targets(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos = 99;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "head", 1), 0);
	assert_int_equal(pos, 3);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "heads", 0), 0);
	assert_int_equal(pos, 3);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "base", 2), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "b2", 0), 0);
	assert_int_equal(pos, 2);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "c", 0), 0);
	assert_int_equal(pos, 3);
	dbt_chain_release(&chain);
}

static void resolve_relative_targets(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos = 99;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+1", 0), 0);
	assert_int_equal(pos, 1);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+2", 1), 0);
	assert_int_equal(pos, 3);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "-1", 3), 0);
	assert_int_equal(pos, 2);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "-3", 3), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+0", 2), 0);
	assert_int_equal(pos, 2);
	dbt_chain_release(&chain);
}

static void resolve_past_either_end_is_not_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+5", 2), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot move +5 from position 2 of 3: only 1 revision above it");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+1", 3), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot move +1 from position 3 of 3: only 0 revisions above it");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "-5", 2), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot move -5 from position 2 of 3: only 2 revisions below it");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+1", 7), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot move +1 from position 7: the chain has only 3 revisions");
	dbt_chain_release(&chain);
}

static void resolve_of_bad_targets_is_not_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "nosuchrev", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "no revision 'nosuchrev'");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+x", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "invalid relative target '+x': use +N or -N, N a number");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "-", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "invalid relative target '-': use +N or -N, N a number");
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+99999999999999999999999", 0),
			 DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "invalid relative target '+99999999999999999999999': "
					      "use +N or -N, N a number");
	dbt_chain_release(&chain);
}

static void resolve_on_an_empty_chain(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos = 99;

	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "head", 0), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "+1", 0), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(),
			    "cannot move +1 from position 0 of 0: only 0 revisions above it");
	dbt_chain_release(&chain);
}

static void resolve_on_a_broken_chain_fails(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "b2.sql", "b2", "");
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "a1", 0), DBT_ECHAIN);
	assert_string_equal(dbt_error_last(), "cannot resolve 'a1': the revision chain is broken");
	dbt_chain_release(&chain);
}

static void position_of_ids(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos = 99;

	write_three(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(dbt_chain_position(&pos, &chain, NULL), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(dbt_chain_position(&pos, &chain, "c3"), 0);
	assert_int_equal(pos, 3);
	assert_int_equal(dbt_chain_position(&pos, &chain, "a1"), 0);
	assert_int_equal(pos, 1);
	/* The database stores whole ids: a prefix is no match here. */
	assert_int_equal(dbt_chain_position(&pos, &chain, "c"), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "no revision 'c'");
	dbt_chain_release(&chain);
}

/* a1 <- b2 <- c3 and a1 <- d4 <- e5: two heads that part at a1. */
static void write_fork(struct fixture *f)
{
	write_three(f);
	write_rev(f, "w_d4.sql", "d4", "a1");
	write_rev(f, "v_e5.sql", "e5", "d4");
}

static void select_line_makes_the_line_to_a_tip_the_chain(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;
	size_t pos;

	write_fork(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(chain.diverged, 1);
	assert_int_equal(dbt_chain_select_line(&chain, "e5"), 0);
	assert_int_equal(chain.broken, 0);
	assert_int_equal(chain.n, 3);
	assert_string_equal(chain.revs[0]->id, "a1");
	assert_string_equal(chain.revs[1]->id, "d4");
	assert_string_equal(chain.revs[2]->id, "e5");
	assert_ptr_equal(chain.revs[0]->up, chain.revs[1]);
	assert_ptr_equal(chain.revs[2]->down, chain.revs[1]);
	assert_null(chain.revs[2]->up);
	assert_null(chain.revs[0]->down);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "-1", 3), 0);
	assert_int_equal(pos, 2);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "a1", 3), 0);
	assert_int_equal(pos, 1);
	assert_int_equal(dbt_chain_position(&pos, &chain, "c3"), DBT_ENOTFOUND);
	assert_int_equal(dbt_chain_find(&r, &chain, "b2"), 0);
	assert_int_equal(r->pos, 0);
	dbt_chain_release(&chain);
}

static void select_line_of_base_is_empty(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos;

	write_fork(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(dbt_chain_select_line(&chain, NULL), 0);
	assert_int_equal(chain.n, 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "base", 0), 0);
	assert_int_equal(pos, 0);
	assert_int_equal(dbt_chain_select_line(&chain, "zz"), DBT_ENOTFOUND);
	assert_string_equal(dbt_error_last(), "no revision 'zz'");
	dbt_chain_release(&chain);
}

static void target_on_another_branch_does_not_resolve(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	size_t pos = 7;

	write_fork(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(dbt_chain_select_line(&chain, "e5"), 0);
	assert_int_equal(dbt_chain_resolve(&pos, &chain, "b2", 3), DBT_ENOTFOUND);
	assert_int_equal(pos, 0);
	assert_string_equal(dbt_error_last(),
			    "revision 'b2' lies on another branch than e5: the chain has several "
			    "heads, and only the revisions from base to e5 are targets here");
	dbt_chain_release(&chain);
}

static void branch_runs_from_above_the_fork_to_its_head(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;
	dbt_branch b;

	write_fork(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(dbt_chain_find(&r, &chain, "d4"), 0);
	assert_int_equal(dbt_chain_branch(&b, &chain, r), 0);
	assert_string_equal(b.bottom->id, "d4");
	assert_string_equal(b.head->id, "e5");
	assert_string_equal(b.fork->id, "a1");
	assert_int_equal(b.n, 2);
	assert_int_equal(dbt_chain_find(&r, &chain, "c3"), 0);
	assert_int_equal(dbt_chain_branch(&b, &chain, r), 0);
	assert_string_equal(b.bottom->id, "b2");
	assert_string_equal(b.head->id, "c3");
	assert_int_equal(b.n, 2);
	assert_string_equal(dbt_chain_parent(&chain, b.bottom)->id, "a1");
	assert_int_equal(dbt_chain_nchildren(&chain, b.fork), 2);
	dbt_chain_release(&chain);
}

static void branch_of_a_first_revision_starts_at_base(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;
	dbt_branch b;

	write_rev(f, "a1.sql", "a1", "");
	write_rev(f, "b2.sql", "b2", "a1");
	write_rev(f, "c3.sql", "c3", "");
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(chain.diverged, 1);
	assert_int_equal(dbt_chain_find(&r, &chain, "b2"), 0);
	assert_int_equal(dbt_chain_branch(&b, &chain, r), 0);
	assert_string_equal(b.bottom->id, "a1");
	assert_null(b.fork);
	assert_null(dbt_chain_parent(&chain, b.bottom));
	assert_int_equal(b.n, 2);
	dbt_chain_release(&chain);
}

static void branch_of_a_revision_below_the_fork_is_refused(void **state)
{
	struct fixture *f = *state;
	dbt_chain chain;
	dbt_revision *r;
	dbt_branch b;

	write_fork(f);
	assert_int_equal(dbt_chain_load(&chain, f->dir, DBT_CHAIN_LENIENT), 0);
	assert_int_equal(dbt_chain_find(&r, &chain, "a1"), 0);
	assert_int_equal(dbt_chain_branch(&b, &chain, r), DBT_ERROR);
	assert_string_equal(dbt_error_last(),
			    "revision 'a1' is on the line of several heads (they part at 'a1', "
			    "whose children are 'd4', 'b2'): name a revision above that point, or "
			    "a head");
	dbt_chain_release(&chain);
}

static void ten_thousand_revisions_load(void **state)
{
	struct fixture *f = *state;
	enum { N = 10000 };
	char name[64], id[32], parent[32];
	dbt_chain chain;
	size_t i;

	/* File names are not in chain order: the chain must come from the
	 * headers alone. */
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "%05zu.sql", (i * 7919) % N);
		snprintf(id, sizeof(id), "r%zu", i);
		parent[0] = '\0';
		if (i)
			snprintf(parent, sizeof(parent), "r%zu", i - 1);
		write_rev(f, name, id, parent);
	}
	assert_int_equal(dbt_chain_load(&chain, f->dir, 0), 0);
	assert_int_equal(chain.n, N);
	for (i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "r%zu", i);
		assert_string_equal(chain.revs[i]->id, id);
		assert_int_equal(chain.revs[i]->pos, i + 1);
	}
	assert_string_equal(chain.heads[0]->id, "r9999");
	dbt_chain_release(&chain);
}

/* Loading hashes no file: a revision of a chain has no checksum until one
 * is asked for, and then it is the SHA-256 a revision read on its own
 * gets. */
static void checksum_is_computed_when_asked_not_at_load(void **state)
{
	struct fixture *f = *state;
	dbt_revision alone;
	dbt_chain c;
	const char *sum = NULL;
	char path[256];

	write_rev(f, "a.sql", "aaa", "");
	write_rev(f, "b.sql", "bbb", "aaa");
	assert_int_equal(dbt_chain_load(&c, f->dir, 0), 0);
	assert_string_equal(c.revs[0]->checksum, "");
	assert_string_equal(c.revs[1]->checksum, "");
	assert_int_equal(dbt_chain_checksum(&sum, &c, c.revs[1]), 0);
	snprintf(path, sizeof(path), "%s/b.sql", f->dir);
	assert_int_equal(dbt_revision_load(&alone, path), 0);
	assert_int_equal(strlen(sum), 64);
	assert_string_equal(sum, alone.checksum);
	assert_string_equal(c.revs[1]->checksum, alone.checksum);
	assert_string_equal(c.revs[0]->checksum, "");
	assert_int_equal(dbt_chain_checksums(&c), 0);
	assert_int_equal(strlen(c.revs[0]->checksum), 64);
	dbt_revision_release(&alone);
	dbt_chain_release(&c);
}

/* With DBT_CHAIN_CHECKSUMS every revision has its checksum once loaded,
 * the one dbt_chain_checksum() gives a lazily loaded chain, and a file
 * edited after loading no longer matters: the checksum is that of the
 * bytes the chain parsed. */
static void checksums_computed_at_load_when_asked(void **state)
{
	struct fixture *f = *state;
	dbt_chain lazy, eager;
	const char *sum = NULL;

	write_rev(f, "a.sql", "aaa", "");
	write_rev(f, "b.sql", "bbb", "aaa");
	assert_int_equal(dbt_chain_load(&lazy, f->dir, 0), 0);
	assert_int_equal(dbt_chain_load(&eager, f->dir, DBT_CHAIN_CHECKSUMS), 0);
	assert_int_equal(dbt_chain_checksums(&lazy), 0);
	assert_int_equal(strlen(eager.revs[0]->checksum), 64);
	assert_string_equal(eager.revs[0]->checksum, lazy.revs[0]->checksum);
	assert_string_equal(eager.revs[1]->checksum, lazy.revs[1]->checksum);
	write_file(f, "a.sql",
		   "-- id: aaa\n-- parent: \n-- message: make aaa\n\n-- migrate:upgrade\n"
		   "CREATE TABLE t_aab (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_aaa;\n");
	assert_int_equal(dbt_chain_checksum(&sum, &eager, eager.revs[0]), 0);
	assert_string_equal(sum, lazy.revs[0]->checksum);
	assert_int_equal(dbt_chain_checksums(&eager), 0);
	dbt_chain_release(&lazy);
	dbt_chain_release(&eager);
}

/* A file edited between loading and checksumming would get a checksum
 * that does not describe the SQL the chain parsed: refused, also when the
 * edit keeps the file's length. */
static void checksum_of_a_file_edited_after_loading_is_refused(void **state)
{
	struct fixture *f = *state;
	dbt_chain c;
	const char *sum = NULL;

	write_rev(f, "a.sql", "aaa", "");
	assert_int_equal(dbt_chain_load(&c, f->dir, 0), 0);
	write_file(f, "a.sql",
		   "-- id: aaa\n-- parent: \n-- message: make aaa\n\n-- migrate:upgrade\n"
		   "CREATE TABLE t_aab (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_aaa;\n");
	assert_int_equal(dbt_chain_checksum(&sum, &c, c.revs[0]), DBT_ERROR);
	assert_error_contains("a.sql' changed while dbtool was running");
	assert_string_equal(c.revs[0]->checksum, "");
	assert_int_equal(dbt_chain_checksums(&c), DBT_ERROR);
	dbt_chain_release(&c);
}

static void checksum_of_a_file_removed_after_loading_is_not_found(void **state)
{
	struct fixture *f = *state;
	dbt_chain c;
	const char *sum = NULL;
	char path[256];

	write_rev(f, "a.sql", "aaa", "");
	assert_int_equal(dbt_chain_load(&c, f->dir, 0), 0);
	snprintf(path, sizeof(path), "%s/a.sql", f->dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(dbt_chain_checksum(&sum, &c, c.revs[0]), DBT_ENOTFOUND);
	assert_error_contains("a.sql': no such file");
	dbt_chain_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(missing_folder_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_folder_is_an_empty_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(one_revision_is_base_and_head, setup, teardown),
		cmocka_unit_test_setup_teardown(linear_chain_is_ordered_base_to_head, setup,
						teardown),
		cmocka_unit_test_setup_teardown(other_files_are_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_error_is_returned_as_is, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_error_fails_even_when_lenient, setup,
						teardown),
		cmocka_unit_test_setup_teardown(duplicate_id_is_a_chain_error, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_parent_is_a_chain_error, setup, teardown),
		cmocka_unit_test_setup_teardown(
			two_children_of_one_parent_are_several_heads_with_the_rebase_to_run, setup,
			teardown),
		cmocka_unit_test_setup_teardown(several_roots_are_several_heads, setup, teardown),
		cmocka_unit_test_setup_teardown(three_heads_are_rebased_one_branch_at_a_time, setup,
						teardown),
		cmocka_unit_test_setup_teardown(cycle_beside_a_branch_is_a_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(cycle_is_a_chain_error, setup, teardown),
		cmocka_unit_test_setup_teardown(revision_that_is_its_own_parent_is_a_cycle, setup,
						teardown),
		cmocka_unit_test_setup_teardown(lenient_load_keeps_heads_of_a_branched_chain, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			lenient_load_keeps_heads_despite_duplicates_and_orphans, setup, teardown),
		cmocka_unit_test_setup_teardown(lenient_load_of_a_sound_chain_is_not_broken, setup,
						teardown),
		cmocka_unit_test_setup_teardown(find_by_exact_id_and_unique_prefix, setup,
						teardown),
		cmocka_unit_test_setup_teardown(find_of_ambiguous_prefix_lists_candidates, setup,
						teardown),
		cmocka_unit_test_setup_teardown(find_of_unknown_id_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(resolve_named_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(resolve_relative_targets, setup, teardown),
		cmocka_unit_test_setup_teardown(resolve_past_either_end_is_not_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(resolve_of_bad_targets_is_not_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(resolve_on_an_empty_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(resolve_on_a_broken_chain_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(position_of_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(select_line_makes_the_line_to_a_tip_the_chain,
						setup, teardown),
		cmocka_unit_test_setup_teardown(select_line_of_base_is_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(target_on_another_branch_does_not_resolve, setup,
						teardown),
		cmocka_unit_test_setup_teardown(branch_runs_from_above_the_fork_to_its_head, setup,
						teardown),
		cmocka_unit_test_setup_teardown(branch_of_a_first_revision_starts_at_base, setup,
						teardown),
		cmocka_unit_test_setup_teardown(branch_of_a_revision_below_the_fork_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(ten_thousand_revisions_load, setup, teardown),
		cmocka_unit_test_setup_teardown(checksum_is_computed_when_asked_not_at_load, setup,
						teardown),
		cmocka_unit_test_setup_teardown(checksums_computed_at_load_when_asked, setup,
						teardown),
		cmocka_unit_test_setup_teardown(checksum_of_a_file_edited_after_loading_is_refused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			checksum_of_a_file_removed_after_loading_is_not_found, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
