/*
 * error.c - the per-thread last-error message (see error.h).
 */
#include "error.h"
#include "ident.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MSG_MAX 4096

static _Thread_local char msg[MSG_MAX];

const char *dbt_error_last(void)
{
	return msg[0] ? msg : "unknown error";
}

/* Messages are one line (a name or URL quoted in one may hold a line
 * break): control characters become spaces, but the qualifier of a name
 * of another schema (ident.h), which reads SCHEMA.NAME. */
static void one_line(char *s)
{
	for (; *s; s++)
		if (*s == DBT_QUALIFIER)
			*s = '.';
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

int dbt_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	one_line(msg);
	return code;
}

int dbt_error_prefix(int code, const char *fmt, ...)
{
	char pre[MSG_MAX];
	size_t plen, mlen;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	plen = strlen(pre);
	if (plen > MSG_MAX - 3)
		plen = MSG_MAX - 3;
	mlen = strlen(msg);
	if (mlen > MSG_MAX - 1 - plen - 2)
		mlen = MSG_MAX - 1 - plen - 2;
	memmove(msg + plen + 2, msg, mlen);
	msg[plen + 2 + mlen] = '\0';
	memcpy(msg, pre, plen);
	msg[plen] = ':';
	msg[plen + 1] = ' ';
	one_line(msg);
	return code;
}

int dbt_error_oom(void)
{
	return dbt_error_set(DBT_ERROR, "out of memory");
}

void dbt_error_clear(void)
{
	msg[0] = '\0';
}
