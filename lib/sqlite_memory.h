/*
 * sqlite_memory.h - SQLite's memory methods for a process in which dbtool
 * is SQLite's only user (dbt_global_init): the system's malloc, as
 * SQLite's own methods use it, except that SQLite's hash tables may grow
 * past the limit SQLite's build sets them.
 *
 * SQLite finds a schema's tables, indexes and foreign keys by name in hash
 * tables whose array of buckets stops growing at SQLITE_MALLOC_SOFT_LIMIT
 * bytes: 1,024 in SQLite's default build and Debian's, which is 64
 * buckets.  Reading a schema of 5,000 tables and 12,500 indexes then walks
 * chains of about 80 and 200 names at every lookup, so that the read grows
 * with the square of the schema (a quarter of `check`'s time there).
 * SQLite takes the number of buckets from the size that sqlite3_msize()
 * reports for the array, which the memory methods may make larger than the
 * request (SQLite's documented contract of xSize).  SQLite asks for a
 * hash table's larger array as a "benign" allocation, one whose failure
 * it can do without, and says so to the hooks a program may set
 * (SQLITE_TESTCTRL_BENIGN_MALLOC_HOOKS); these methods serve a benign
 * request of exactly the limit from a reserved stretch of address space
 * that grows in place: when that block replaces a block of the same kind
 * at once (SQLite growing a hash table: a new array, then the old one
 * freed, with no other allocation of the thread between), its size
 * becomes four times the old one's, as SQLite would make it without its
 * limit.  Only the part of the stretch that SQLite clears is ever touched,
 * so memory grows with the number of names, as with any hash table.
 * Every other block, the 1,024-byte chunks of an in-memory journal among
 * them, is the system's malloc.
 *
 * An array that cannot be reserved is served by malloc at its size, as
 * SQLite's own methods would; a build of SQLite without the hooks
 * (SQLITE_UNTESTABLE) gets no array at all.  Nothing changes what SQLite
 * does, only how fast it finds a name.  Not installed, not part of the
 * library's API.
 */
#ifndef DBT_SQLITE_MEMORY_H
#define DBT_SQLITE_MEMORY_H

#include <stddef.h>

/*
 * Installs the methods (SQLITE_CONFIG_MALLOC): to be called before SQLite
 * is initialized, as dbt_global_init() does.  When SQLite's build has no
 * limit (MALLOC_SOFT_LIMIT=0), SQLite's own methods stay.  0, or -1 when
 * SQLite refused the methods (it was in use already); nothing is changed
 * then.
 */
int dbt_sqlite_memory_install(void);

/* The room reserved for one hash table's array, in bytes (default 64 MiB:
 * four million buckets, for a schema of eight million names), for the
 * arrays made from now on.  For tests: a room the system cannot reserve
 * has arrays served by malloc. */
void dbt_sqlite_memory_set_room(size_t bytes);

/* The hooks SQLite calls around a benign allocation; tests call them to
 * allocate as SQLite's hash tables do. */
void dbt_sqlite_memory_benign_begin(void);
void dbt_sqlite_memory_benign_end(void);

/* For tests: the size of the array SQLite asks for at its limit (0 while
 * the methods are not installed); the number of arrays held in reserved
 * room now; the largest size an array was given since the previous call
 * of dbt_sqlite_memory_largest (or the installation). */
size_t dbt_sqlite_memory_limit(void);
size_t dbt_sqlite_memory_arrays(void);
size_t dbt_sqlite_memory_largest(void);

#endif
