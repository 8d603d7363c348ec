/*
 * buf.h - the growable string builder used everywhere SQL, messages and
 * files are put together.
 *
 * A dbt_buf starts zeroed (DBT_BUF_INIT) and is always NUL-terminated once
 * anything was added.  Allocation failure is sticky: the buffer stops
 * growing, sets `oom`, and the caller checks once at the end instead of
 * after every append (git strbuf, PQExpBuffer).
 */
#ifndef DBT_BUF_H
#define DBT_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dbt_buf {
	char *ptr; /* NULL until the first append */
	size_t len;
	size_t cap;
	int oom;
} dbt_buf;

#define DBT_BUF_INIT {NULL, 0, 0, 0}

void dbt_buf_put(dbt_buf *b, const char *s, size_t n);
void dbt_buf_puts(dbt_buf *b, const char *s);
void dbt_buf_putc(dbt_buf *b, char c);
void dbt_buf_printf(dbt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dbt_buf_vprintf(dbt_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Drops the contents but keeps the memory. */
void dbt_buf_clear(dbt_buf *b);

/* The contents, "" when empty; valid until the next append. */
const char *dbt_buf_str(const dbt_buf *b);

/* Hands the contents to the caller (who frees them) and resets the buffer.
 * NULL, with the buffer released, when an allocation failed. */
char *dbt_buf_detach(dbt_buf *b);

void dbt_buf_release(dbt_buf *b);

#endif
