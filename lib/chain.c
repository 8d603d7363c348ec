/*
 * chain.c - the revision chain: every revision file of a versions/ folder,
 * linked parent to child into one line from base to head.
 *
 * Files are read once, in file-name order so that errors are reported the
 * same way on every machine, and indexed by id in an open-addressing hash
 * table.  Linking, and finding duplicates, missing parents, branches,
 * cycles and several heads, are then single passes over the revisions, so
 * loading stays linear however long the history grows.
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* How many revisions a message lists before it says how many more. */
#define LIST_MAX 10

/* The private part of a chain: every revision loaded, and the id map. */
struct index {
	dbt_revision *items; /* in file-name order */
	size_t nitems;
	size_t *slots; /* item number + 1, 0 for an empty slot */
	size_t mask;   /* number of slots - 1 (a power of two) */
	unsigned char *has_child;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The item number of `id`, or (size_t)-1. */
static size_t lookup(const struct index *ix, const char *id)
{
	size_t i;

	if (!ix || !ix->slots)
		return (size_t)-1;
	for (i = hash(id) & ix->mask; ix->slots[i]; i = (i + 1) & ix->mask)
		if (!strcmp(ix->items[ix->slots[i] - 1].id, id))
			return ix->slots[i] - 1;
	return (size_t)-1;
}

/* Adds item `k`; returns the item already holding its id, or (size_t)-1. */
static size_t insert(struct index *ix, size_t k)
{
	const char *id = ix->items[k].id;
	size_t i;

	for (i = hash(id) & ix->mask; ix->slots[i]; i = (i + 1) & ix->mask)
		if (!strcmp(ix->items[ix->slots[i] - 1].id, id))
			return ix->slots[i] - 1;
	ix->slots[i] = k + 1;
	return (size_t)-1;
}

static void index_free(struct index *ix)
{
	size_t i;

	if (!ix)
		return;
	for (i = 0; i < ix->nitems; i++)
		dbt_revision_release(&ix->items[i]);
	free(ix->items);
	free(ix->slots);
	free(ix->has_child);
	free(ix);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_revision_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 4 && !strcmp(name + len - 4, ".sql");
}

/* The names of the revision files in `dir`, sorted. */
static int list_files(char ***out, size_t *n, const char *dir)
{
	char **names = NULL, *path = NULL;
	size_t count = 0, cap = 0;
	struct dirent *e;
	DIR *d;
	int rc = DBT_ERROR;

	*out = NULL;
	*n = 0;
	if (!(d = opendir(dir))) {
		if (errno == ENOENT)
			return dbt_error_set(DBT_ENOTFOUND,
					     "cannot open versions folder '%s': no such file", dir);
		return dbt_error_set(DBT_ERROR, "cannot open versions folder '%s': %s", dir,
				     strerror(errno));
	}
	while ((errno = 0, e = readdir(d)) != NULL) {
		struct stat st;

		if (!is_revision_name(e->d_name))
			continue;
		if (e->d_type != DT_REG) {
			/* Symbolic links and file systems without d_type. */
			free(path);
			if (!(path = dbt_fs_join(dir, e->d_name))) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
				continue;
		}
		if (count == cap) {
			char **p = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));

			if (!p) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			names = p;
		}
		if (!(names[count] = strdup(e->d_name))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		count++;
	}
	if (errno) {
		rc = dbt_error_set(DBT_ERROR, "cannot read versions folder '%s': %s", dir,
				   strerror(errno));
		goto cleanup;
	}
	if (count)
		qsort(names, count, sizeof(*names), cmp_names);
	*out = names;
	*n = count;
	names = NULL;
	rc = 0;
cleanup:
	if (names) {
		while (count)
			free(names[--count]);
		free(names);
	}
	free(path);
	closedir(d);
	return rc;
}

static int load_files(struct index *ix, const char *dir, char **names, size_t n)
{
	size_t i, cap = 16;
	char *path;
	int rc;

	if (n && !(ix->items = calloc(n, sizeof(*ix->items))))
		return dbt_error_oom();
	while (cap < 2 * n)
		cap *= 2;
	ix->mask = cap - 1;
	if (!(ix->slots = calloc(cap, sizeof(*ix->slots))) ||
	    (n && !(ix->has_child = calloc(n, 1))))
		return dbt_error_oom();
	for (i = 0; i < n; i++) {
		if (!(path = dbt_fs_join(dir, names[i])))
			return dbt_error_oom();
		rc = dbt_revision_load(&ix->items[i], path);
		free(path);
		if (rc < 0)
			return rc;
		ix->nitems++;
	}
	return 0;
}

/* Appends "'id' ('path'), ..." for `n` revisions, at most LIST_MAX. */
static void list_revs(dbt_buf *b, dbt_revision **revs, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < LIST_MAX; i++)
		dbt_buf_printf(b, "%s'%s' ('%s')", i ? ", " : "", revs[i]->id, revs[i]->path);
	if (n > LIST_MAX)
		dbt_buf_printf(b, " and %zu more", n - LIST_MAX);
}

static int set_from_buf(int code, dbt_buf *b)
{
	if (b->oom) {
		dbt_buf_release(b);
		return dbt_error_oom();
	}
	dbt_error_set(code, "%s", dbt_buf_str(b));
	dbt_buf_release(b);
	return code;
}

/*
 * Duplicate ids and missing parents.  Every revision goes into the map and
 * every parent gets its has_child mark before the first problem is
 * reported, so that a broken chain can still list its heads.
 */
static int check_ids(struct index *ix)
{
	size_t i, k, dup = (size_t)-1, dup_of = 0, orphan = (size_t)-1;

	for (i = 0; i < ix->nitems; i++) {
		if ((k = insert(ix, i)) != (size_t)-1 && dup == (size_t)-1) {
			dup = i;
			dup_of = k;
		}
	}
	for (i = 0; i < ix->nitems; i++) {
		if (!ix->items[i].parent)
			continue;
		if ((k = lookup(ix, ix->items[i].parent)) != (size_t)-1)
			ix->has_child[k] = 1;
		else if (orphan == (size_t)-1)
			orphan = i;
	}
	if (dup != (size_t)-1)
		return dbt_error_set(DBT_ECHAIN, "duplicate revision id '%s' in '%s' and '%s'",
				     ix->items[dup].id, ix->items[dup_of].path,
				     ix->items[dup].path);
	if (orphan != (size_t)-1)
		return dbt_error_set(
			DBT_ECHAIN,
			"revision '%s' ('%s') names parent '%s', which no revision file "
			"defines",
			ix->items[orphan].id, ix->items[orphan].path, ix->items[orphan].parent);
	return 0;
}

/* Links parents and children through up/down; a second child is a branch. */
static int link_revs(struct index *ix)
{
	size_t i;

	for (i = 0; i < ix->nitems; i++) {
		dbt_revision *r = &ix->items[i], *parent;

		if (!r->parent)
			continue;
		parent = &ix->items[lookup(ix, r->parent)];
		if (parent->up)
			return dbt_error_set(
				DBT_ECHAIN,
				"branch in the revision chain: '%s' ('%s') and '%s' ('%s') "
				"both have parent '%s' ('%s'); re-parent one of them",
				parent->up->id, parent->up->path, r->id, r->path, parent->id,
				parent->path);
		parent->up = r;
		r->down = parent;
	}
	return 0;
}

/*
 * Once every revision has at most one child and an existing parent, the
 * revisions form lines that start at a root (an empty parent), plus
 * closed loops.  Walks every line from its root; what no walk reached
 * lies on a loop.
 */
static int check_shape(struct index *ix, dbt_revision **roots, dbt_revision **heads, size_t *nroots)
{
	size_t i, seen = 0, nr = 0;
	dbt_revision *r;

	for (i = 0; i < ix->nitems; i++) {
		if (ix->items[i].parent)
			continue;
		roots[nr] = &ix->items[i];
		for (r = roots[nr]; r; r = r->up) {
			r->pos = 1; /* reached; the real positions come later */
			seen++;
			heads[nr] = r;
		}
		nr++;
	}
	*nroots = nr;
	if (seen < ix->nitems) {
		dbt_buf b = DBT_BUF_INIT;
		dbt_revision *start = NULL;
		size_t len = 0;

		for (i = 0; i < ix->nitems && !start; i++)
			if (!ix->items[i].pos)
				start = &ix->items[i];
		dbt_buf_printf(&b, "cycle in the revision chain: %s", start->id);
		for (r = start->up; r && r != start && len < 3 * LIST_MAX; r = r->up, len++)
			dbt_buf_printf(&b, " -> %s", r->id);
		if (r != start)
			dbt_buf_puts(&b, " -> ...");
		dbt_buf_printf(&b, " -> %s (in '%s'", start->id, start->path);
		for (r = start->up, len = 0; r && r != start && len < LIST_MAX; r = r->up, len++)
			dbt_buf_printf(&b, ", '%s'", r->path);
		dbt_buf_puts(&b, r != start ? ", ...)" : ")");
		return set_from_buf(DBT_ECHAIN, &b);
	}
	if (nr > 1) {
		dbt_buf b = DBT_BUF_INIT;

		dbt_buf_puts(&b, "several heads: ");
		list_revs(&b, heads, nr);
		dbt_buf_puts(&b,
			     "; merge or re-parent them (the chain has several roots, revisions "
			     "with an empty parent: ");
		list_revs(&b, roots, nr);
		dbt_buf_putc(&b, ')');
		return set_from_buf(DBT_ECHAIN, &b);
	}
	return 0;
}

/* Every revision without a child, for inspecting a broken chain. */
static int collect_heads(dbt_chain *chain, struct index *ix)
{
	size_t i, k;

	if (ix->nitems && !(chain->heads = calloc(ix->nitems, sizeof(*chain->heads))))
		return dbt_error_oom();
	for (i = 0; i < ix->nitems; i++) {
		k = lookup(ix, ix->items[i].id);
		if (!ix->has_child[k == (size_t)-1 ? i : k])
			chain->heads[chain->nheads++] = &ix->items[i];
	}
	return 0;
}

static int build(dbt_chain *chain, struct index *ix)
{
	dbt_revision **roots = NULL, **heads = NULL, *r;
	size_t i, nroots = 0;
	int rc;

	if ((rc = check_ids(ix)) < 0 || (rc = link_revs(ix)) < 0)
		goto cleanup;
	if (!ix->nitems)
		goto cleanup;
	roots = calloc(ix->nitems, sizeof(*roots));
	heads = calloc(ix->nitems, sizeof(*heads));
	if (!roots || !heads) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = check_shape(ix, roots, heads, &nroots)) < 0)
		goto cleanup;
	if (!(chain->revs = calloc(ix->nitems, sizeof(*chain->revs)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (r = roots[0], i = 0; r; r = r->up, i++) {
		chain->revs[i] = r;
		r->pos = i + 1;
	}
	chain->n = i;
	if (!(chain->heads = calloc(1, sizeof(*chain->heads)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	chain->heads[0] = chain->revs[chain->n - 1];
	chain->nheads = 1;
cleanup:
	free(roots);
	free(heads);
	return rc;
}

int dbt_chain_load(dbt_chain *out, const char *dir, int flags)
{
	struct index *ix = NULL;
	char **names = NULL;
	size_t nnames = 0, i;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = list_files(&names, &nnames, dir)) < 0)
		goto cleanup;
	if (!(out->dir = strdup(dir)) || !(ix = calloc(1, sizeof(*ix)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	out->index = ix;
	if ((rc = load_files(ix, dir, names, nnames)) < 0)
		goto cleanup;
	rc = build(out, ix);
	if (rc == DBT_ECHAIN && (flags & DBT_CHAIN_LENIENT)) {
		/* Keep the revisions and the map, not a half-made line. */
		for (i = 0; i < ix->nitems; i++) {
			ix->items[i].up = ix->items[i].down = NULL;
			ix->items[i].pos = 0;
		}
		free(out->revs);
		out->revs = NULL;
		out->n = 0;
		free(out->heads);
		out->heads = NULL;
		out->nheads = 0;
		out->broken = 1;
		if (collect_heads(out, ix) < 0)
			goto cleanup;
		/* The message stays for the caller to show. */
		rc = 0;
	}
cleanup:
	if (names) {
		for (i = 0; i < nnames; i++)
			free(names[i]);
		free(names);
	}
	if (rc < 0)
		dbt_chain_release(out);
	return rc;
}

int dbt_chain_find(dbt_revision **out, const dbt_chain *chain, const char *id)
{
	const struct index *ix = chain->index;
	dbt_revision *found[LIST_MAX];
	size_t i, k, nfound = 0, len = strlen(id);
	dbt_buf b = DBT_BUF_INIT;

	*out = NULL;
	if (len && (k = lookup(ix, id)) != (size_t)-1) {
		*out = &ix->items[k];
		return 0;
	}
	for (i = 0; len && ix && i < ix->nitems; i++) {
		if (strncmp(ix->items[i].id, id, len))
			continue;
		if (nfound < LIST_MAX)
			found[nfound] = &ix->items[i];
		nfound++;
	}
	if (nfound == 1) {
		*out = found[0];
		return 0;
	}
	if (nfound == 0)
		return dbt_error_set(DBT_ENOTFOUND, "no revision '%s'", id);
	dbt_buf_printf(&b, "revision prefix '%s' is ambiguous: ", id);
	for (i = 0; i < nfound && i < LIST_MAX; i++)
		dbt_buf_printf(&b, "%s%s", i ? ", " : "", found[i]->id);
	if (nfound > LIST_MAX)
		dbt_buf_printf(&b, " and %zu more", nfound - LIST_MAX);
	return set_from_buf(DBT_EAMBIGUOUS, &b);
}

/* Parses the N of "+N" / "-N": digits only, no overflow. */
static int parse_count(size_t *out, const char *s)
{
	size_t n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > (SIZE_MAX - 9) / 10)
			return -1;
		n = n * 10 + (size_t)(*s - '0');
	}
	*out = n;
	return 0;
}

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

int dbt_chain_resolve(size_t *out, const dbt_chain *chain, const char *target, size_t current)
{
	dbt_revision *r;
	size_t n;
	int rc;

	*out = 0;
	if (chain->broken)
		return dbt_error_set(DBT_ECHAIN,
				     "cannot resolve '%s': the revision chain is broken", target);
	if (!strcmp(target, "head") || !strcmp(target, "heads")) {
		*out = chain->n;
		return 0;
	}
	if (!strcmp(target, "base"))
		return 0;
	if (target[0] == '+' || target[0] == '-') {
		if (parse_count(&n, target + 1) < 0)
			return dbt_error_set(
				DBT_ENOTFOUND,
				"invalid relative target '%s': use +N or -N, N a number", target);
		if (current > chain->n)
			return dbt_error_set(
				DBT_ENOTFOUND,
				"cannot move %s from position %zu: the chain has only %zu "
				"revision%s",
				target, current, chain->n, plural(chain->n));
		if (target[0] == '+' && n > chain->n - current)
			return dbt_error_set(
				DBT_ENOTFOUND,
				"cannot move %s from position %zu of %zu: only %zu revision%s "
				"above it",
				target, current, chain->n, chain->n - current,
				plural(chain->n - current));
		if (target[0] == '-' && n > current)
			return dbt_error_set(
				DBT_ENOTFOUND,
				"cannot move %s from position %zu of %zu: only %zu revision%s "
				"below it",
				target, current, chain->n, current, plural(current));
		*out = target[0] == '+' ? current + n : current - n;
		return 0;
	}
	if ((rc = dbt_chain_find(&r, chain, target)) < 0)
		return rc;
	*out = r->pos;
	return 0;
}

int dbt_chain_position(size_t *out, const dbt_chain *chain, const char *id)
{
	const struct index *ix = chain->index;
	size_t k;

	*out = 0;
	if (!id)
		return 0;
	if ((k = lookup(ix, id)) == (size_t)-1 || !ix->items[k].pos)
		return dbt_error_set(DBT_ENOTFOUND, "no revision '%s'", id);
	*out = ix->items[k].pos;
	return 0;
}

void dbt_chain_release(dbt_chain *chain)
{
	if (!chain)
		return;
	free(chain->dir);
	free(chain->revs);
	free(chain->heads);
	index_free(chain->index);
	memset(chain, 0, sizeof(*chain));
}
