/*
 * chain.h - the shape of a revision chain that has several heads, for
 * rebase (lib/rebase.c).  Internal: the public part of the chain is in
 * dbtool.h.
 *
 * Every function here takes a chain loaded by dbt_chain_load(), sound or
 * loaded with DBT_CHAIN_LENIENT and `diverged` (several heads being its
 * only problem), and a revision of that chain.  Nothing returned is to be
 * freed: the revisions belong to the chain.
 */
#ifndef DBT_CHAIN_H
#define DBT_CHAIN_H

#include "dbtool.h"

/*
 * A branch: the revisions from just above the point where the lines of
 * several heads part (the fork), or from a first revision, up to a head.
 * Within it each revision but the head has exactly one child.
 */
typedef struct dbt_branch {
	dbt_revision *bottom; /* its first revision: the one whose parent is the fork */
	dbt_revision *head;   /* its last revision, which has no child */
	dbt_revision *fork;   /* bottom's parent; NULL when bottom is a first revision */
	size_t n;	      /* the number of revisions from bottom to head */
} dbt_branch;

/* The branch that `rev` belongs to.  DBT_ERROR, naming where the lines
 * part, when `rev` lies at or below a fork (on the line of several
 * heads). */
int dbt_chain_branch(dbt_branch *out, const dbt_chain *chain, const dbt_revision *rev);

/* The revision `rev` names as its parent; NULL for a first revision. */
dbt_revision *dbt_chain_parent(const dbt_chain *chain, const dbt_revision *rev);

/* How many revisions name `rev` as their parent. */
size_t dbt_chain_nchildren(const dbt_chain *chain, const dbt_revision *rev);

#endif
