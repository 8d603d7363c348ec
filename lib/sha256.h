/*
 * sha256.h - SHA-256, for the checksums of revision files, through
 * libmd (Debian's libmd0, which dpkg itself depends on).
 *
 * libmd rather than libcrypto: linking libcrypto costs every run of dbtool
 * the loading and relocation of a 4.7 MB library (some 4,000 symbol
 * lookups), more than the rest of dbtool's start-up, for a digest of a few
 * kilobytes; libmd is a few dozen kilobytes that do just the digests.
 */
#ifndef DBT_SHA256_H
#define DBT_SHA256_H

#include <stddef.h>

/* The SHA-256 of `len` bytes at `data` into `out`.  Cannot fail. */
void dbt_sha256(unsigned char out[32], const void *data, size_t len);

#endif
