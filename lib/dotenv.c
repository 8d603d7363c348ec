/*
 * dotenv.c - variables from a .env file, as dbmate and python-dotenv (which
 * Flask uses) read them, for the variables the environment lacks.
 *
 * A line is blank, a "# comment", or [export ]KEY=VALUE with KEY made of
 * letters, digits and '_' (not starting with a digit).  VALUE is
 * - 'single quoted': taken as written, over several lines if need be;
 * - "double quoted": \n, \r, \t, \", \\ and \$ are escapes;
 * - bare: up to a " #" comment, blanks trimmed at both ends.
 * Nothing is expanded: ${VAR} in a value stays as written (dbtool.ini
 * expands ${VAR} itself, after this file is read).
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "fsutil.h"

#include <stdlib.h>
#include <string.h>

struct pair {
	char *key;
	char *value;
};

static int is_key_char(char c, int first)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

static int bad(const char *path, int line, const char *why)
{
	return dbt_error_set(DBT_EPARSE, "%s:%d: %s", path, line, why);
}

/* Reads the value at `*p` into `out`; moves `*p` to the end of its line
 * and counts the lines it spans into `*line`. */
static int read_value(dbt_buf *out, const char **p, const char *path, int *line)
{
	const char *s = *p;
	int first = *line;

	if (*s == '\'' || *s == '"') {
		char q = *s++;

		for (; *s && *s != q; s++) {
			if (*s == '\n')
				(*line)++;
			if (q == '"' && *s == '\\' && s[1]) {
				s++;
				dbt_buf_putc(out, *s == 'n'   ? '\n'
						  : *s == 'r' ? '\r'
						  : *s == 't' ? '\t'
							      : *s);
				continue;
			}
			dbt_buf_putc(out, *s);
		}
		if (*s != q)
			return bad(path, first, "unterminated quoted value");
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '#')
			while (*s && *s != '\n')
				s++;
		if (*s && *s != '\n' && *s != '\r')
			return bad(path, *line, "text after the closing quote");
	} else {
		const char *start = s, *end;

		while (*s && *s != '\n' &&
		       !((*s == '#') && (s == start || s[-1] == ' ' || s[-1] == '\t')))
			s++;
		end = s;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
			end--;
		dbt_buf_put(out, start, (size_t)(end - start));
		while (*s && *s != '\n')
			s++;
	}
	while (*s && *s != '\n')
		s++;
	*p = s;
	return out->oom ? dbt_error_oom() : 0;
}

static int parse(struct pair **pairs, size_t *n, const char *path, const char *text)
{
	const char *p = text;
	int line = 1, rc;

	while (*p) {
		const char *key;
		size_t klen;
		dbt_buf value = DBT_BUF_INIT;
		struct pair *v;
		int at = line;

		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\n' || *p == '#' || !*p) {
			while (*p && *p != '\n')
				p++;
			goto next;
		}
		if (!strncmp(p, "export", 6) && (p[6] == ' ' || p[6] == '\t')) {
			p += 6;
			while (*p == ' ' || *p == '\t')
				p++;
		}
		key = p;
		if (!is_key_char(*p, 1))
			return bad(path, at, "expected KEY=VALUE");
		while (is_key_char(*p, 0))
			p++;
		klen = (size_t)(p - key);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			return bad(path, at, "expected KEY=VALUE");
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if ((rc = read_value(&value, &p, path, &line)) < 0) {
			dbt_buf_release(&value);
			return rc;
		}
		v = realloc(*pairs, (*n + 1) * sizeof(*v));
		if (!v) {
			dbt_buf_release(&value);
			return dbt_error_oom();
		}
		*pairs = v;
		v[*n].key = strndup(key, klen);
		v[*n].value = value.ptr ? dbt_buf_detach(&value) : strdup("");
		(*n)++;
		if (!v[*n - 1].key || !v[*n - 1].value)
			return dbt_error_oom();
	next:
		if (*p == '\n') {
			p++;
			line++;
		}
	}
	return 0;
}

int dbt_env_load(const char *path)
{
	struct pair *pairs = NULL;
	size_t n = 0, i;
	char *text = NULL;
	size_t len;
	int rc;

	rc = dbt_fs_read(&text, &len, path);
	if (rc == DBT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	if (memchr(text, '\0', len))
		rc = dbt_error_set(DBT_EPARSE, "%s: a NUL byte: the file must be text", path);
	else
		rc = parse(&pairs, &n, path, text);
	/* All or nothing: a malformed file sets no variable. */
	for (i = 0; rc == 0 && i < n; i++)
		if (setenv(pairs[i].key, pairs[i].value, 0) < 0)
			rc = dbt_error_set(DBT_ERROR, "%s: cannot set %s", path, pairs[i].key);
	for (i = 0; i < n; i++) {
		free(pairs[i].key);
		free(pairs[i].value);
	}
	free(pairs);
	free(text);
	return rc;
}
