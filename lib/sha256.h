/*
 * sha256.h - SHA-256 (FIPS 180-4), for the checksums of revision files.
 *
 * A small implementation of our own rather than libcrypto's: linking
 * libcrypto costs every run of dbtool the loading and relocation of a
 * 4.7 MB library (some 4,000 symbol lookups), more than all the rest of
 * dbtool's start-up, for a digest of a few kilobytes.
 */
#ifndef DBT_SHA256_H
#define DBT_SHA256_H

#include <stddef.h>

/* The SHA-256 of `len` bytes at `data` into `out`.  Cannot fail. */
void dbt_sha256(unsigned char out[32], const void *data, size_t len);

/* The same; `fast` 0 leaves the processor's SHA extensions unused (for the
 * tests of the portable code). */
void dbt_sha256_with(unsigned char out[32], const void *data, size_t len, int fast);

#endif
