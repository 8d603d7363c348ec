/*
 * buf.c - the growable string builder (see buf.h).
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(dbt_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return -1;
	if (extra > ((size_t)-1) / 2 - b->len) {
		b->oom = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->ptr, cap);
	if (!p) {
		b->oom = 1;
		return -1;
	}
	b->ptr = p;
	b->cap = cap;
	return 0;
}

void dbt_buf_put(dbt_buf *b, const char *s, size_t n)
{
	if (grow(b, n) < 0)
		return;
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void dbt_buf_puts(dbt_buf *b, const char *s)
{
	dbt_buf_put(b, s, strlen(s));
}

void dbt_buf_putc(dbt_buf *b, char c)
{
	dbt_buf_put(b, &c, 1);
}

void dbt_buf_vprintf(dbt_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (grow(b, 64) < 0)
		return;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		if (grow(b, (size_t)n) < 0)
			return;
		vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void dbt_buf_printf(dbt_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dbt_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void dbt_buf_clear(dbt_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

const char *dbt_buf_str(const dbt_buf *b)
{
	return b->ptr && !b->oom ? b->ptr : "";
}

char *dbt_buf_detach(dbt_buf *b)
{
	char *p;

	if (b->oom) {
		dbt_buf_release(b);
		return NULL;
	}
	p = b->ptr ? b->ptr : strdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void dbt_buf_release(dbt_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
