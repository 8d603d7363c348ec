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
