/*
 * chain.c - the revision chain: every revision file of a versions/ folder,
 * linked parent to child into one line from base to head.
 *
 * Files are read once, in file-name order so that errors are reported the
 * same way on every machine, and indexed by id in an open-addressing hash
 * table.  Loading computes no checksum unless asked to
 * (DBT_CHAIN_CHECKSUMS, for the commands that verify or record the
 * history): listing a long history does not need the SHA-256 of every
 * file.  Each file's length and a cheap hash of its bytes are kept
 * instead, and dbt_chain_checksum() reads the file again when a command
 * verifies or records the history, refusing a file whose bytes are no
 * longer those that were parsed, so that a checksum always describes the
 * SQL that runs.  Linking, and finding duplicates, missing parents, cycles and
 * several heads, are then single passes over the revisions, so loading
 * stays linear however long the history grows.
 *
 * Several heads (two revisions on one parent, or two first revisions) are
 * what two developers who branch from one revision leave behind.  The
 * chain stays linear: the message names the heads and the 'dbtool rebase'
 * that moves one branch onto the other head (lib/rebase.c), and a chain
 * that only has several heads can still be loaded leniently, for rebase
 * and for a downgrade along the line the database stands on.
 */
#include "dbtool.h"

#include "buf.h"
#include "chain.h"
#include "error.h"
#include "fsutil.h"
#include "revision.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many revisions a message lists before it says how many more. */
#define LIST_MAX 10

/* No item: the parent of a first revision, a lookup that found nothing. */
#define NONE ((size_t)-1)

/* The private part of a chain: every revision loaded, and the id map. */
struct index {
	dbt_revision *items; /* in file-name order */
	size_t nitems;
	size_t *slots;	     /* item number + 1, 0 for an empty slot */
	size_t mask;	     /* number of slots - 1 (a power of two) */
	size_t *nchild;	     /* how many revisions name each item as their parent */
	size_t *child;	     /* one of them (the only one when nchild is 1), or NONE */
	size_t *par;	     /* the item of each one's parent, NONE for a first revision */
	struct bytes *bytes; /* what each item's file held when it was parsed */
	int diverged;	     /* the only problem is several heads */
};

/* A file's length and a hash of its bytes: enough to notice that a file
 * changed between loading and checksumming, not a checksum. */
struct bytes {
	size_t len;
	uint64_t hash;
};

static uint64_t bytes_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

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
	free(ix->nchild);
	free(ix->child);
	free(ix->par);
	free(ix->bytes);
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

/* Reads the file `name` of the folder open as `dfd` into `*text`, which
 * grows as needed (`*cap` bytes); `path` names it in messages. */
static int read_file(char **text, size_t *cap, size_t *len, int dfd, const char *name,
		     const char *path)
{
	ssize_t n;
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);

	*len = 0;
	if (fd < 0) {
		if (errno == ENOENT)
			return dbt_error_set(DBT_ENOTFOUND,
					     "cannot open revision file '%s': no such file", path);
		return dbt_error_set(DBT_ERROR, "cannot open '%s': %s", path, strerror(errno));
	}
	for (;;) {
		if (*len == *cap) {
			char *p = realloc(*text, *cap *= 2);

			if (!p) {
				close(fd);
				return dbt_error_oom();
			}
			*text = p;
		}
		if ((n = read(fd, *text + *len, *cap - *len)) == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dbt_error_set(DBT_ERROR, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			return DBT_ERROR;
		}
		*len += (size_t)n;
	}
	close(fd);
	return 0;
}

/*
 * Reads and parses every file, through one descriptor of the folder (no
 * path lookup from the root per file) and one buffer for all of them.
 */
static int load_files(struct index *ix, const char *dir, char **names, size_t n, int sums)
{
	size_t i, cap = 16, bufcap = 65536, len;
	char *path = NULL, *text = NULL;
	int rc = 0, dfd = -1;

	if (n && !(ix->items = calloc(n, sizeof(*ix->items))))
		return dbt_error_oom();
	while (cap < 2 * n)
		cap *= 2;
	ix->mask = cap - 1;
	if (!(ix->slots = calloc(cap, sizeof(*ix->slots))) ||
	    (n && (!(ix->nchild = calloc(n, sizeof(*ix->nchild))) ||
		   !(ix->child = malloc(n * sizeof(*ix->child))) ||
		   !(ix->par = malloc(n * sizeof(*ix->par))) ||
		   !(ix->bytes = malloc(n * sizeof(*ix->bytes))))))
		return dbt_error_oom();
	for (i = 0; i < n; i++)
		ix->child[i] = ix->par[i] = NONE;
	if (!n)
		return 0;
	if (!(text = malloc(bufcap)))
		return dbt_error_oom();
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		rc = dbt_error_set(DBT_ERROR, "cannot open versions folder '%s': %s", dir,
				   strerror(errno));
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		free(path);
		if (!(path = dbt_fs_join(dir, names[i]))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		if ((rc = read_file(&text, &bufcap, &len, dfd, names[i], path)) < 0 ||
		    (rc = dbt_revision_parse_unsummed(&ix->items[i], path, text, len)) < 0)
			goto cleanup;
		ix->bytes[i].len = len;
		ix->bytes[i].hash = bytes_hash(text, len);
		if (sums)
			dbt_revision_sum(ix->items[i].checksum, text, len);
		ix->nitems++;
	}
cleanup:
	if (dfd >= 0)
		close(dfd);
	free(text);
	free(path);
	return rc;
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
 * every parent counts its children before the first problem is reported,
 * so that a broken chain can still list its heads.
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
		if ((k = lookup(ix, ix->items[i].parent)) != (size_t)-1) {
			ix->par[i] = k;
			ix->nchild[k]++;
			ix->child[k] = i;
		} else if (orphan == (size_t)-1)
			orphan = i;
	}
	if (dup != (size_t)-1)
		return dbt_error_set(DBT_ECHAIN, "duplicate revision id '%s' in '%s' and '%s'",
				     ix->items[dup].id, ix->items[dup_of].path,
				     ix->items[dup].path);
	if (orphan != (size_t)-1)
		return dbt_error_set(DBT_ECHAIN,
				     "revision '%s' ('%s') names parent '%s', which no revision "
				     "file "
				     "defines",
				     ix->items[orphan].id, ix->items[orphan].path,
				     ix->items[orphan].parent);
	return 0;
}

/* Links parents and children through up/down, once every revision has at
 * most one child. */
static void link_revs(struct index *ix)
{
	size_t i;

	for (i = 0; i < ix->nitems; i++) {
		if (ix->par[i] == NONE)
			continue;
		ix->items[ix->par[i]].up = &ix->items[i];
		ix->items[i].down = &ix->items[ix->par[i]];
	}
}

/*
 * Following parents from any revision ends at a first revision or runs
 * round a loop.  Walks down from every revision once (what a walk has
 * settled is not walked again) and reports the first loop in file-name
 * order, listed upwards from its first revision in that order.
 */
static int check_cycles(struct index *ix)
{
	enum { UNSEEN, WALKING, ENDS, LOOPS, ON_LOOP };
	unsigned char *state = calloc(ix->nitems ? ix->nitems : 1, 1);
	size_t *loop = NULL, i, k, j, m = 0, start = NONE;
	dbt_buf b = DBT_BUF_INIT;
	int rc = 0;

	if (!state)
		return dbt_error_oom();
	for (i = 0; i < ix->nitems; i++) {
		unsigned char result;

		for (k = i; k != NONE && state[k] == UNSEEN; k = ix->par[k])
			state[k] = WALKING;
		if (k != NONE && state[k] == WALKING) {
			j = k;
			do {
				state[j] = ON_LOOP;
				j = ix->par[j];
			} while (j != k);
		}
		result = k == NONE || state[k] == ENDS ? ENDS : LOOPS;
		for (j = i; j != NONE && state[j] == WALKING; j = ix->par[j])
			state[j] = result;
	}
	for (i = 0; i < ix->nitems && start == NONE; i++)
		if (state[i] == ON_LOOP)
			start = i;
	if (start == NONE)
		goto cleanup;
	/* The loop downwards from start; upwards is the reverse. */
	if (!(loop = malloc(ix->nitems * sizeof(*loop)))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (k = ix->par[start]; k != start; k = ix->par[k])
		loop[m++] = k;
	dbt_buf_printf(&b, "cycle in the revision chain: %s", ix->items[start].id);
	for (j = 0; j < m && j < 3 * LIST_MAX; j++)
		dbt_buf_printf(&b, " -> %s", ix->items[loop[m - 1 - j]].id);
	if (m > 3 * LIST_MAX)
		dbt_buf_puts(&b, " -> ...");
	dbt_buf_printf(&b, " -> %s (in '%s'", ix->items[start].id, ix->items[start].path);
	for (j = 0; j < m && j < LIST_MAX; j++)
		dbt_buf_printf(&b, ", '%s'", ix->items[loop[m - 1 - j]].path);
	dbt_buf_puts(&b, m > LIST_MAX ? ", ...)" : ")");
	rc = set_from_buf(DBT_ECHAIN, &b);
cleanup:
	free(state);
	free(loop);
	return rc;
}

/*
 * The revision where the lines of the items `a` and `b` meet (their
 * nearest common ancestor), NONE when they meet only at base.  `mark` has
 * room for every item and is left cleared.
 */
static size_t fork_of(const struct index *ix, size_t a, size_t b, unsigned char *mark)
{
	size_t k, at;

	for (k = a; k != NONE; k = ix->par[k])
		mark[k] = 1;
	for (at = b; at != NONE && !mark[at]; at = ix->par[at])
		;
	for (k = a; k != NONE; k = ix->par[k])
		mark[k] = 0;
	return at;
}

/*
 * Once ids are unique, parents exist and there is no loop, the revisions
 * form one line exactly when there is one first revision and one head.
 * Otherwise the chain has several heads: the message names them, where
 * they part, and the rebase that makes the chain one line again.
 */
static int check_heads(struct index *ix)
{
	dbt_revision **heads = NULL, **roots = NULL;
	unsigned char *mark = NULL;
	size_t i, nheads = 0, nroots = 0, at;
	dbt_buf b = DBT_BUF_INIT;
	int rc = 0;

	for (i = 0; i < ix->nitems; i++) {
		nheads += !ix->nchild[i];
		nroots += ix->par[i] == NONE;
	}
	if (nheads == 1 && nroots == 1)
		return 0;
	nheads = nroots = 0;
	heads = calloc(ix->nitems, sizeof(*heads));
	roots = calloc(ix->nitems, sizeof(*roots));
	mark = calloc(ix->nitems, 1);
	if (!heads || !roots || !mark) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < ix->nitems; i++) {
		if (!ix->nchild[i])
			heads[nheads++] = &ix->items[i];
		if (ix->par[i] == NONE)
			roots[nroots++] = &ix->items[i];
	}
	ix->diverged = 1;
	dbt_buf_puts(&b, "several heads: ");
	if (nheads == 2) {
		dbt_buf_printf(&b, "'%s' ('%s') and '%s' ('%s')", heads[0]->id, heads[0]->path,
			       heads[1]->id, heads[1]->path);
		at = fork_of(ix, (size_t)(heads[0] - ix->items), (size_t)(heads[1] - ix->items),
			     mark);
		if (at != NONE)
			dbt_buf_printf(&b, " part at '%s' ('%s')", ix->items[at].id,
				       ix->items[at].path);
		else
			dbt_buf_puts(&b, " part at base");
		dbt_buf_printf(&b,
			       "; the chain must be one line: run 'dbtool rebase' to move the "
			       "branch that the database has not applied onto the other head, or "
			       "name the branch to move: 'dbtool rebase %s --onto %s' or "
			       "'dbtool rebase %s --onto %s'",
			       heads[1]->id, heads[0]->id, heads[0]->id, heads[1]->id);
	} else {
		list_revs(&b, heads, nheads);
		dbt_buf_printf(&b,
			       "; the chain must be one line: move one branch at a time onto "
			       "another head, starting with 'dbtool rebase %s --onto %s'",
			       heads[1]->id, heads[0]->id);
	}
	if (nroots > 1) {
		dbt_buf_puts(&b, " (the chain has several first revisions, with an empty parent: ");
		list_revs(&b, roots, nroots);
		dbt_buf_putc(&b, ')');
	}
	rc = set_from_buf(DBT_ECHAIN, &b);
cleanup:
	free(heads);
	free(roots);
	free(mark);
	return rc;
}

/* Every revision without a child, for inspecting a broken chain. */
static int collect_heads(dbt_chain *chain, struct index *ix)
{
	size_t i, k;

	if (ix->nitems && !(chain->heads = calloc(ix->nitems, sizeof(*chain->heads))))
		return dbt_error_oom();
	for (i = 0; i < ix->nitems; i++) {
		k = lookup(ix, ix->items[i].id);
		if (!ix->nchild[k == NONE ? i : k])
			chain->heads[chain->nheads++] = &ix->items[i];
	}
	return 0;
}

static int build(dbt_chain *chain, struct index *ix)
{
	dbt_revision *r;
	size_t i;
	int rc;

	if ((rc = check_ids(ix)) < 0 || !ix->nitems)
		return rc;
	if ((rc = check_cycles(ix)) < 0 || (rc = check_heads(ix)) < 0)
		return rc;
	link_revs(ix);
	if (!(chain->revs = calloc(ix->nitems, sizeof(*chain->revs))))
		return dbt_error_oom();
	for (i = 0; ix->par[i] != NONE; i++)
		;
	for (r = &ix->items[i], i = 0; r; r = r->up, i++) {
		chain->revs[i] = r;
		r->pos = i + 1;
	}
	chain->n = i;
	if (!(chain->heads = calloc(1, sizeof(*chain->heads))))
		return dbt_error_oom();
	chain->heads[0] = chain->revs[chain->n - 1];
	chain->nheads = 1;
	return 0;
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
	if ((rc = load_files(ix, dir, names, nnames, flags & DBT_CHAIN_CHECKSUMS)) < 0)
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
		out->diverged = ix->diverged;
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
			return dbt_error_set(DBT_ENOTFOUND,
					     "invalid relative target '%s': use +N or -N, N a "
					     "number",
					     target);
		if (current > chain->n)
			return dbt_error_set(DBT_ENOTFOUND,
					     "cannot move %s from position %zu: the chain has only "
					     "%zu "
					     "revision%s",
					     target, current, chain->n, plural(chain->n));
		if (target[0] == '+' && n > chain->n - current)
			return dbt_error_set(DBT_ENOTFOUND,
					     "cannot move %s from position %zu of %zu: only %zu "
					     "revision%s "
					     "above it",
					     target, current, chain->n, chain->n - current,
					     plural(chain->n - current));
		if (target[0] == '-' && n > current)
			return dbt_error_set(DBT_ENOTFOUND,
					     "cannot move %s from position %zu of %zu: only %zu "
					     "revision%s "
					     "below it",
					     target, current, chain->n, current, plural(current));
		*out = target[0] == '+' ? current + n : current - n;
		return 0;
	}
	if ((rc = dbt_chain_find(&r, chain, target)) < 0)
		return rc;
	if (!r->pos)
		return dbt_error_set(DBT_ENOTFOUND,
				     "revision '%s' lies on another branch than %s: the chain has "
				     "several heads, and only the revisions from base to %s are "
				     "targets here",
				     r->id, chain->n ? chain->revs[chain->n - 1]->id : "base",
				     chain->n ? chain->revs[chain->n - 1]->id : "base");
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

int dbt_chain_select_line(dbt_chain *chain, const char *tip)
{
	struct index *ix = chain->index;
	dbt_revision *r;
	size_t k, n = 0, i;

	if (!chain->diverged)
		return 0;
	if (tip && (k = lookup(ix, tip)) == NONE)
		return dbt_error_set(DBT_ENOTFOUND, "no revision '%s'", tip);
	for (i = 0; i < ix->nitems; i++) {
		ix->items[i].up = ix->items[i].down = NULL;
		ix->items[i].pos = 0;
	}
	free(chain->revs);
	chain->n = 0;
	if (!(chain->revs = calloc(ix->nitems ? ix->nitems : 1, sizeof(*chain->revs))))
		return dbt_error_oom();
	for (k = tip ? lookup(ix, tip) : NONE; k != NONE; k = ix->par[k])
		n++;
	for (k = tip ? lookup(ix, tip) : NONE, i = n; k != NONE; k = ix->par[k]) {
		r = &ix->items[k];
		chain->revs[--i] = r;
		r->pos = i + 1;
		if (ix->par[k] != NONE) {
			r->down = &ix->items[ix->par[k]];
			r->down->up = r;
		}
	}
	chain->n = n;
	chain->broken = 0;
	return 0;
}

/* ------------------------------------------------- the shape, for rebase */

static size_t item_of(const dbt_chain *chain, const dbt_revision *rev)
{
	const struct index *ix = chain->index;

	return (size_t)(rev - ix->items);
}

dbt_revision *dbt_chain_parent(const dbt_chain *chain, const dbt_revision *rev)
{
	const struct index *ix = chain->index;
	size_t k = ix->par[item_of(chain, rev)];

	return k == NONE ? NULL : &ix->items[k];
}

size_t dbt_chain_nchildren(const dbt_chain *chain, const dbt_revision *rev)
{
	const struct index *ix = chain->index;

	return ix->nchild[item_of(chain, rev)];
}

int dbt_chain_branch(dbt_branch *out, const dbt_chain *chain, const dbt_revision *rev)
{
	const struct index *ix = chain->index;
	size_t k = item_of(chain, rev), kids = 0;
	dbt_buf b = DBT_BUF_INIT;
	size_t i, n = 1;

	memset(out, 0, sizeof(*out));
	while (ix->nchild[k] == 1)
		k = ix->child[k];
	if (ix->nchild[k] > 1) {
		dbt_buf_printf(&b,
			       "revision '%s' is on the line of several heads (they part at '%s', "
			       "whose children are ",
			       rev->id, ix->items[k].id);
		for (i = 0; i < ix->nitems; i++)
			if (ix->par[i] == k)
				dbt_buf_printf(&b, "%s'%s'", kids++ ? ", " : "", ix->items[i].id);
		dbt_buf_puts(&b, "): name a revision above that point, or a head");
		return set_from_buf(DBT_ERROR, &b);
	}
	out->head = &ix->items[k];
	while (ix->par[k] != NONE && ix->nchild[ix->par[k]] == 1) {
		k = ix->par[k];
		n++;
	}
	out->bottom = &ix->items[k];
	out->fork = ix->par[k] == NONE ? NULL : &ix->items[ix->par[k]];
	out->n = n;
	return 0;
}

int dbt_chain_checksum(const char **out, const dbt_chain *chain, const dbt_revision *rev)
{
	const struct index *ix = chain->index;
	size_t k = item_of(chain, rev), len = 0;
	dbt_revision *r = &ix->items[k];
	char *text = NULL;
	int rc;

	*out = r->checksum;
	if (r->checksum[0])
		return 0;
	if ((rc = dbt_fs_read(&text, &len, r->path)) < 0) {
		if (rc == DBT_ENOTFOUND)
			rc = dbt_error_set(DBT_ENOTFOUND,
					   "cannot open revision file '%s': no such file (it was "
					   "removed while dbtool was running)",
					   r->path);
		return rc;
	}
	if (len != ix->bytes[k].len || bytes_hash(text, len) != ix->bytes[k].hash)
		rc = dbt_error_set(DBT_ERROR,
				   "revision file '%s' changed while dbtool was running: run the "
				   "command again",
				   r->path);
	else
		dbt_revision_sum(r->checksum, text, len);
	free(text);
	return rc;
}

int dbt_chain_checksums(const dbt_chain *chain)
{
	const char *sum;
	size_t i;
	int rc;

	for (i = 0; i < chain->n; i++)
		if ((rc = dbt_chain_checksum(&sum, chain, chain->revs[i])) < 0)
			return rc;
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
