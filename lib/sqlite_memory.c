/*
 * sqlite_memory.c - SQLite's memory methods, with hash tables that grow
 * past SQLite's limit (sqlite_memory.h).
 *
 * Every block SQLite holds is preceded by one 64-bit word with its size,
 * as SQLite's own methods keep it (rounded up to 8 bytes).  The word's top
 * bit marks a hash table's array, held in a mapping of its own whose
 * length is the word before it.
 */
#include "sqlite_memory.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARRAY_BIT ((uint64_t)1 << 63)
#define ROUND8(n) (((size_t)(n) + 7) & ~(size_t)7)
/* Before an array: its mapping's length, then its size word. */
#define ARRAY_HEAD 16

/* A bucket of SQLite's hash tables (its struct _ht): a count and the
 * first element of the chain. */
struct bucket {
	unsigned int count;
	void *chain;
};

/* The size of the array SQLite asks for when its limit stops a table's
 * growth; 0 while the methods are not installed. */
static size_t capped;
static size_t room = (size_t)64 << 20;
/* The array this thread's latest allocation made, when it made one; how
 * deep this thread is in SQLite's benign allocations. */
static _Thread_local void *made;
static _Thread_local int benign;
static size_t arrays, largest;

static uint64_t *word(void *p)
{
	return (uint64_t *)p - 1;
}

static void note_largest(size_t size)
{
	size_t seen = __atomic_load_n(&largest, __ATOMIC_RELAXED);

	while (size > seen && !__atomic_compare_exchange_n(&largest, &seen, size, 1,
							   __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/*
 * An array asked for at `n` bytes, in room of its own, or NULL when the
 * room cannot be reserved.  It is made twice as large: an array of the
 * very size SQLite asks for at its limit is one SQLite never grows again
 * (it sees its limit reached), where a larger one it does, by asking for
 * an array of the limit once more (array_grow).
 */
static void *array_new(size_t n)
{
	size_t len = __atomic_load_n(&room, __ATOMIC_RELAXED) + ARRAY_HEAD;
	uint64_t *base;

	if (len < ARRAY_HEAD + 2 * n)
		return NULL;
	base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		    -1, 0);
	if (base == MAP_FAILED)
		return NULL;
	base[0] = len;
	base[1] = ARRAY_BIT | (2 * n);
	__atomic_add_fetch(&arrays, 1, __ATOMIC_RELAXED);
	note_largest(2 * n);
	return base + 2;
}

static void array_free(void *p)
{
	uint64_t *base = (uint64_t *)p - 2;

	munmap(base, base[0]);
	__atomic_sub_fetch(&arrays, 1, __ATOMIC_RELAXED);
}

/*
 * `p`, an array made just now, replaces one of `old` bytes: SQLite grows
 * a table of B buckets when it holds 2B + 1 names, to twice as many
 * buckets as names, four times B.  Up to the array's room; never smaller.
 */
static void array_grow(void *p, uint64_t old)
{
	uint64_t *base = (uint64_t *)p - 2;
	uint64_t room_of = base[0] - ARRAY_HEAD;
	uint64_t size = old <= room_of / 4 ? old * 4 : room_of;

	if (size > (base[1] & ~ARRAY_BIT)) {
		base[1] = ARRAY_BIT | size;
		note_largest(size);
	}
}

static void *plain_malloc(int n)
{
	uint64_t *h = n < 0 ? NULL : malloc(ROUND8(n) + 8);

	if (!h)
		return NULL;
	h[0] = ROUND8(n);
	return h + 1;
}

/* A hash table's array at SQLite's limit, or a plain block when it cannot
 * be reserved.  Apart from mem_malloc, which SQLite calls at every
 * allocation, so that the plain path saves no registers for it. */
static __attribute__((noinline)) void *array_malloc(int n)
{
	void *p = array_new((size_t)n);

	if (!p)
		return plain_malloc(n);
	made = p;
	return p;
}

static __attribute__((noinline)) void array_release(void *p)
{
	void *last = made;

	made = NULL;
	if (last && last != p)
		array_grow(last, *word(p) & ~ARRAY_BIT);
	array_free(p);
}

/* Every allocation and free forgets the array made before it: only the
 * free that comes right after an array is made is SQLite's rehash. */
static void *mem_malloc(int n)
{
	made = NULL;
	if (__builtin_expect((size_t)n == capped, 0) && benign)
		return array_malloc(n);
	return plain_malloc(n);
}

static void mem_free(void *p)
{
	if (!p)
		return;
	if (__builtin_expect((*word(p) & ARRAY_BIT) != 0, 0)) {
		array_release(p);
		return;
	}
	made = NULL;
	free(word(p));
}

static void *mem_realloc(void *p, int n)
{
	uint64_t *h, w;

	made = NULL;
	if (!p)
		return mem_malloc(n);
	if (n < 0)
		return NULL;
	w = *word(p);
	if (w & ARRAY_BIT) {
		size_t keep = w & ~ARRAY_BIT;
		void *q = plain_malloc(n);

		if (!q)
			return NULL;
		memcpy(q, p, keep < (size_t)n ? keep : (size_t)n);
		array_free(p);
		return q;
	}
	h = realloc(word(p), ROUND8(n) + 8);
	if (!h)
		return NULL;
	h[0] = ROUND8(n);
	return h + 1;
}

static int mem_size(void *p)
{
	return p ? (int)(*word(p) & ~ARRAY_BIT) : 0;
}

static int mem_roundup(int n)
{
	return (int)ROUND8(n);
}

static int mem_init(void *data)
{
	(void)data;
	return SQLITE_OK;
}

static void mem_shutdown(void *data)
{
	(void)data;
}

/* SQLite calls these around an allocation whose failure it can do
 * without, such as a hash table's larger array. */
void dbt_sqlite_memory_benign_begin(void)
{
	benign++;
}

void dbt_sqlite_memory_benign_end(void)
{
	benign--;
}

/* SQLite's MALLOC_SOFT_LIMIT: its compile options list it when the build
 * sets it; 1,024 otherwise (SQLite's default). */
static size_t soft_limit(void)
{
	static const char key[] = "MALLOC_SOFT_LIMIT=";
	const char *o;
	int i;

	for (i = 0; (o = sqlite3_compileoption_get(i)) != NULL; i++)
		if (!strncmp(o, key, sizeof(key) - 1))
			return strtoul(o + sizeof(key) - 1, NULL, 10);
	return 1024;
}

int dbt_sqlite_memory_install(void)
{
	static sqlite3_mem_methods methods = {
		mem_malloc,  mem_free, mem_realloc,  mem_size,
		mem_roundup, mem_init, mem_shutdown, NULL,
	};
	size_t limit = soft_limit() / sizeof(struct bucket) * sizeof(struct bucket);

	if (!limit)
		return 0;
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) != SQLITE_OK)
		return -1;
	sqlite3_test_control(SQLITE_TESTCTRL_BENIGN_MALLOC_HOOKS, dbt_sqlite_memory_benign_begin,
			     dbt_sqlite_memory_benign_end);
	capped = limit;
	return 0;
}

void dbt_sqlite_memory_set_room(size_t bytes)
{
	__atomic_store_n(&room, bytes, __ATOMIC_RELAXED);
}

size_t dbt_sqlite_memory_limit(void)
{
	return capped;
}

size_t dbt_sqlite_memory_arrays(void)
{
	return __atomic_load_n(&arrays, __ATOMIC_RELAXED);
}

size_t dbt_sqlite_memory_largest(void)
{
	return __atomic_exchange_n(&largest, 0, __ATOMIC_RELAXED);
}
