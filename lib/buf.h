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

#define DBT_BUF_INIT          \
	{                     \
		NULL, 0, 0, 0 \
	}

void dbt_buf_put(dbt_buf *b, const char *s, size_t n);
void dbt_buf_puts(dbt_buf *b, const char *s);
void dbt_buf_putc(dbt_buf *b, char c);
void dbt_buf_printf(dbt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dbt_buf_vprintf(dbt_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/*
 * The one writer of SQL comment lines: appends "-- ", the formatted text
 * and "\n".  Every character of the text that could end the line or pass
 * for a line break (see dbt_text_line_break) becomes a space, so that
 * nothing of a name or a message can leave the comment and run as SQL,
 * whether psql, sqlite3, the server or an editor reads the file.  Every
 * comment, header and note that dbtool writes into SQL goes through it.
 */
void dbt_buf_comment(dbt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The number of bytes at `s` (of the `n` there) that make one character
 * which a comment line must not hold: a C0 control character (tab
 * included), DEL, a C1 control character (U+0080 to U+009F, NEL among
 * them) or U+2028 / U+2029 (line and paragraph separators), each in UTF-8.
 * 0 when `s` starts with any other character.
 */
size_t dbt_text_line_break(const char *s, size_t n);

/*
 * Finds the first such character in `s` (of `n` bytes) other than a tab,
 * which a value may hold (a comment shows it as a space).  Returns 1 and
 * sets `at` (its byte offset) and `cp` (its code point) when there is one,
 * 0 otherwise.  The revision parser refuses header values, and `migrate`
 * and `revision` refuse messages, that hold one.
 */
int dbt_text_find_break(const char *s, size_t n, size_t *at, unsigned *cp);

/* Drops the contents but keeps the memory. */
void dbt_buf_clear(dbt_buf *b);

/* The contents, "" when empty; valid until the next append. */
const char *dbt_buf_str(const dbt_buf *b);

/* Hands the contents to the caller (who frees them) and resets the buffer.
 * NULL, with the buffer released, when an allocation failed. */
char *dbt_buf_detach(dbt_buf *b);

/* dbt_buf_detach(), the contents in a block of their own size when the
 * buffer's is more than twice that (a buffer holds 64 bytes at least):
 * for a short string kept by each of thousands of objects. */
char *dbt_buf_detach_fit(dbt_buf *b);

void dbt_buf_release(dbt_buf *b);

#endif
