/*
 * fsutil.h - the few file-system operations the library needs, each with
 * an error message that names the path.
 */
#ifndef DBT_FSUTIL_H
#define DBT_FSUTIL_H

#include <stddef.h>

/* Reads the whole file; `out` is NUL-terminated and the caller frees it.
 * DBT_ENOTFOUND when it does not exist, DBT_ERROR otherwise. */
int dbt_fs_read(char **out, size_t *len, const char *path);

/* Writes `len` bytes to `path` atomically: a temporary file in the same
 * folder, fsync, then rename().  `exclusive` refuses (DBT_EEXISTS) when
 * `path` already exists.  On failure nothing is left behind. */
int dbt_fs_write_atomic(const char *path, const char *data, size_t len, int exclusive);

/*
 * Takes an exclusive lock (flock) on the file `path`, creating it when
 * missing, waiting up to `timeout_ms`; `*fd` receives the descriptor that
 * holds it, for dbt_fs_unlock().  DBT_ELOCKED when another process held it
 * all that time.  The lock goes with the process, so a killed holder
 * never leaves it taken.
 */
int dbt_fs_lock(int *fd, const char *path, int timeout_ms);

/* Removes the lock file and releases the lock dbt_fs_lock() took on it
 * (nothing when `fd` < 0): a lock file exists only while it is held, or
 * when its holder was killed. */
void dbt_fs_unlock(int fd, const char *path);

/*
 * Removes the temporary files that dbt_fs_write_atomic() leaves in `dir`
 * when its process is killed mid-write ("<name>.tmp-<pid>" of a process
 * that no longer exists).  Call it only under a lock that every writer of
 * `dir` takes.  Best effort: what cannot be removed stays.
 */
void dbt_fs_remove_stale_tmp(const char *dir);

/* Creates the folder (and its parents) when missing. */
int dbt_fs_mkdirs(const char *path);

/* 1 when `path` exists (any kind), 0 otherwise. */
int dbt_fs_exists(const char *path);

/* 1 when `path` is a folder with no entries, 0 when it has some,
 * 1 when it does not exist; DBT_ERROR when it cannot be read. */
int dbt_fs_dir_empty(const char *path);

/* "a/b" from "a" and "b" ("b" alone when `b` is absolute or `a` is "" or
 * NULL); caller frees, NULL when out of memory. */
char *dbt_fs_join(const char *a, const char *b);

/* The folder part of `path` ("." when it has none); caller frees. */
char *dbt_fs_dirname(const char *path);

#endif
