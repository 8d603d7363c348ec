/*
 * fuzz.h - what the libFuzzer harnesses of tests/fuzz share: the entry
 * points libFuzzer calls, FUZZ_CHECK, which turns a broken promise of the
 * code under test into a crash that libFuzzer reports and saves, and the
 * check of the message every failure leaves.
 *
 * A harness checks only what the library's headers promise: anything else
 * would fail CI for behaviour nobody asked for.
 */
#ifndef DBT_FUZZ_H
#define DBT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts, printing the condition and a printf-style explanation, when
 * `cond` is false. */
/* clang-format off */
#define FUZZ_CHECK(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "fuzz check failed: %s: ", #cond);                        \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)
/* clang-format on */

/*
 * Checks the message a library function left when it returned `rc` < 0,
 * as dbtool.h promises it: not empty, one line.  When `prefix` is not NULL
 * and `rc` is DBT_EPARSE, the message must also start with it (the file
 * name of a parse error).
 *
 * DBTOOL_FUZZ_SKIP_MESSAGE_CHECKS=1 in the environment turns this off, to
 * look past a known message fault for deeper ones; CI never sets it.
 */
void fuzz_check_message(int rc, const char *prefix);

#endif
