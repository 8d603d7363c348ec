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

size_t dbt_text_line_break(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (u[0] < 0x20 || u[0] == 0x7f)
		return 1;
	if (n >= 2 && u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f)
		return 2;
	if (n >= 3 && u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

int dbt_text_find_break(const char *s, size_t n, size_t *at, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;

	for (i = 0; i < n; i += k ? k : 1) {
		k = dbt_text_line_break(s + i, n - i);
		if (!k || s[i] == '\t')
			continue;
		*at = i;
		if (k == 1)
			*cp = u[i];
		else if (k == 2)
			*cp = (unsigned)(u[i] & 0x1f) << 6 | (u[i + 1] & 0x3f);
		else
			*cp = (unsigned)(u[i] & 0x0f) << 12 | (unsigned)(u[i + 1] & 0x3f) << 6 |
			      (u[i + 2] & 0x3f);
		return 1;
	}
	return 0;
}

void dbt_buf_comment(dbt_buf *b, const char *fmt, ...)
{
	dbt_buf text = DBT_BUF_INIT;
	va_list ap;
	size_t i, k;

	va_start(ap, fmt);
	dbt_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	if (text.oom) {
		b->oom = 1;
		dbt_buf_release(&text);
		return;
	}
	dbt_buf_puts(b, "-- ");
	for (i = 0; i < text.len; i += k ? k : 1) {
		k = dbt_text_line_break(text.ptr + i, text.len - i);
		dbt_buf_putc(b, k ? ' ' : text.ptr[i]);
	}
	dbt_buf_putc(b, '\n');
	dbt_buf_release(&text);
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

char *dbt_buf_detach_fit(dbt_buf *b)
{
	char *p;

	if (b->oom || !b->ptr || 2 * (b->len + 1) >= b->cap)
		return dbt_buf_detach(b);
	if ((p = malloc(b->len + 1)))
		memcpy(p, b->ptr, b->len + 1);
	dbt_buf_release(b);
	return p;
}

void dbt_buf_release(dbt_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}
