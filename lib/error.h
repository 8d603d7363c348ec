/*
 * error.h - setting the per-thread message that dbt_error_last() returns.
 *
 * Library functions that fail call dbt_error_set() once, at the place that
 * knows what failed, and return a DBT_E* code; callers that add context use
 * dbt_error_prefix().  Only cmd/ prints.
 */
#ifndef DBT_ERROR_H
#define DBT_ERROR_H

#include "dbtool.h"

/* Replaces the message; returns `code` so that callers can write
 * `return dbt_error_set(DBT_EPARSE, "...")`. */
int dbt_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Puts "<prefix>: " before the current message; returns `code`. */
int dbt_error_prefix(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The out-of-memory failure: sets the message and returns DBT_ERROR. */
int dbt_error_oom(void);

void dbt_error_clear(void);

#endif
