/*
 * sha256.c - SHA-256 through libmd (see sha256.h).
 */
#include "sha256.h"

#include <stdint.h>
#include <sys/types.h>

#include <sha2.h>

void dbt_sha256(unsigned char out[32], const void *data, size_t len)
{
	SHA2_CTX ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, data, len);
	SHA256Final(out, &ctx);
}
