/*
 * url.c - database URLs as SQLAlchemy writes them, parsed into a dbt_url
 * and rendered back with the password hidden.
 *
 *   dialect[+driver]://[user[:password]@][host][:port][/database][?key=value&...]
 *
 * The password is a secret: no message made here quotes it, even when the
 * URL around it is malformed, and dbt_url_redact() writes "***" in its
 * place (also for a "password" query parameter, which libpq accepts).
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "mysql.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The URL being parsed, cut into its raw (still percent-encoded) parts. */
struct parser {
	const char *text;
	size_t scheme_len;
	int has_userinfo;
	const char *user; /* valid when has_userinfo */
	size_t user_len;
	const char *password; /* NULL when there is none */
	size_t password_len;
	const char *rest; /* the host onwards */
	const char *hide; /* messages show nothing from here on, or NULL */
};

/* Characters each part may keep as they are when rendered; every other
 * byte is percent-encoded, so that the rendering parses back the same. */
#define UNRESERVED "-._~"
#define USER_SAFE UNRESERVED "!$&'()*+,;="
#define HOST_SAFE UNRESERVED "!$&'()*+,;="
#define IPV6_SAFE UNRESERVED ":"
#define DATABASE_SAFE UNRESERVED "!$&'()*+,;=:/"
#define QUERY_SAFE UNRESERVED "!$'()*+,;:/"

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* True when the raw query key `s` (`n` bytes) names a password, whatever
 * its case or encoding: its value is then as secret as the userinfo's. */
static int key_is_password(const char *s, size_t n)
{
	static const char want[] = "password";
	size_t i, k = 0;

	for (i = 0; i < n; i++, k++) {
		int c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			c = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
			i += 2;
		}
		if (k >= sizeof(want) - 1 || tolower(c) != want[k])
			return 0;
	}
	return k == sizeof(want) - 1;
}

/* The URL as written, with the password and any password parameter's
 * value replaced by "***": the only way a message may quote the URL. */
static void put_masked(dbt_buf *b, const struct parser *p)
{
	const char *q, *seg;

	dbt_buf_put(b, p->text, p->scheme_len);
	dbt_buf_puts(b, "://");
	if (p->has_userinfo) {
		dbt_buf_put(b, p->user, p->user_len);
		if (p->password)
			dbt_buf_puts(b, ":***");
		dbt_buf_putc(b, '@');
	}
	if (p->hide) {
		dbt_buf_put(b, p->rest, (size_t)(p->hide - p->rest));
		dbt_buf_puts(b, "***");
		return;
	}
	q = strchr(p->rest, '?');
	if (!q) {
		dbt_buf_puts(b, p->rest);
		return;
	}
	dbt_buf_put(b, p->rest, (size_t)(q + 1 - p->rest));
	for (seg = q + 1;;) {
		size_t len = strcspn(seg, "&");
		const char *eq = memchr(seg, '=', len);

		if (eq && key_is_password(seg, (size_t)(eq - seg))) {
			dbt_buf_put(b, seg, (size_t)(eq + 1 - seg));
			dbt_buf_puts(b, "***");
		} else {
			dbt_buf_put(b, seg, len);
		}
		if (!seg[len])
			break;
		dbt_buf_putc(b, '&');
		seg += len + 1;
	}
}

/* Sets "malformed url '<masked url>': <reason>" and returns DBT_EPARSE. */
__attribute__((format(printf, 2, 3))) static int fail(const struct parser *p, const char *fmt, ...)
{
	dbt_buf b = DBT_BUF_INIT;
	va_list ap;

	dbt_buf_puts(&b, "malformed url '");
	put_masked(&b, p);
	dbt_buf_puts(&b, "': ");
	va_start(ap, fmt);
	dbt_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.oom) {
		dbt_buf_release(&b);
		return dbt_error_oom();
	}
	dbt_error_set(DBT_EPARSE, "%s", b.ptr);
	dbt_buf_release(&b);
	return DBT_EPARSE;
}

/*
 * Percent-decodes `n` bytes of `s` into a new string in `out`.  `what`
 * names the part in the message; it never quotes the part itself, which
 * may be the password.
 */
static int decode(const struct parser *p, char **out, const char *s, size_t n, const char *what)
{
	char *d;
	size_t i, k = 0;

	*out = NULL;
	d = malloc(n + 1);
	if (!d)
		return dbt_error_oom();
	for (i = 0; i < n; i++) {
		if (s[i] != '%') {
			d[k++] = s[i];
			continue;
		}
		if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0) {
			free(d);
			return fail(p, "invalid percent-encoding in %s", what);
		}
		d[k] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
		if (!d[k]) {
			free(d);
			return fail(p, "%s contains a NUL byte (%%00)", what);
		}
		k++;
		i += 2;
	}
	d[k] = '\0';
	*out = d;
	return 0;
}

/* Like decode(), but an empty part is absent (NULL). */
static int decode_opt(const struct parser *p, char **out, const char *s, size_t n, const char *what)
{
	int rc = decode(p, out, s, n, what);

	if (rc == 0 && !**out) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* A scheme is a letter, then letters, digits, '+', '-', '.' or '_'. */
static int scheme_valid(const char *s, size_t n)
{
	size_t i;

	if (!n || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("+-._", s[i]))
			return 0;
	return 1;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* The last '@' in [from, to), or NULL. */
static const char *last_at(const char *from, const char *to)
{
	const char *at = NULL;

	for (; from < to; from++)
		if (*from == '@')
			at = from;
	return at;
}

/*
 * The end of the host[:port] that follows the '@' at `at`: the '/', '?'
 * or NUL after it, or NULL when what follows cannot be a host.  A host is
 * a name, an address or a percent-encoded socket folder, possibly empty,
 * or an IPv6 address in brackets.
 */
static const char *host_end(const char *at)
{
	const char *s = at + 1;

	if (*s == '[') {
		s = strchr(s, ']');
		if (!s)
			return NULL;
		s++;
	} else {
		while (isalnum((unsigned char)*s) || (*s && strchr("-._~%", *s)))
			s++;
	}
	if (*s == ':')
		for (s++; isdigit((unsigned char)*s);)
			s++;
	return !*s || *s == '/' || *s == '?' ? s : NULL;
}

/* True when [from, to) holds the start of a query parameter: '?' and a
 * name, then '='. */
static int has_query(const char *from, const char *to)
{
	for (; from < to; from++) {
		const char *s = from + 1;

		if (*from != '?')
			continue;
		while (s < to && (isalnum((unsigned char)*s) || *s == '_'))
			s++;
		if (s > from + 1 && s < to && *s == '=')
			return 1;
	}
	return 0;
}

/*
 * The '@' that ends a password starting at `pw` (which holds one): the
 * last '@' that a host follows, as SQLAlchemy takes it, but not one in
 * the query parameters after an earlier such '@'
 * ("u:p@h/d?application_name=me@work").  When no '@' is followed by a
 * host, the last one: what is taken for a password is never shown.
 */
static const char *password_end(const char *pw)
{
	const char *at, *best = NULL, *best_end = NULL;

	for (at = strchr(pw, '@'); at; at = strchr(at + 1, '@')) {
		const char *end = host_end(at);

		if (!end)
			continue;
		if (best && has_query(best_end, at))
			break;
		best = at;
		best_end = end;
	}
	return best ? best : last_at(pw, pw + strlen(pw));
}

/*
 * Finds the userinfo part of `rest` (what follows "://") and sets
 * p->user, p->password and p->rest.
 *
 * Passwords are often pasted unencoded, so this is deliberately lenient
 * in the way SQLAlchemy is: a user runs up to ':', '/' or '?'; after a
 * ':' a password may hold any character and ends at the last '@' that a
 * host follows (see password_end).  When a '/' or '?' comes between the
 * ':' and the first '@', the ':' is taken for a host's port instead if
 * digits (or nothing) follow it and either the '@' comes after a '?' or a
 * user ends before the ':', so "host:5432/db?application_name=a@b" and
 * "u@host:5432/db@x" keep their host.  Erring towards a password matters:
 * what is taken for one is never shown.
 */
static void split_userinfo(struct parser *p, const char *rest)
{
	size_t c = strcspn(rest, ":/?");
	const char *at = NULL;

	p->rest = rest;
	if (rest[c] == ':' && rest[0] != '[') {
		const char *a = strchr(rest + c, '@');

		if (a) {
			size_t seg = strcspn(rest + c + 1, "/?");
			int plain = rest + c + 1 + seg > a;
			int port = !plain && all_digits(rest + c + 1, seg) &&
				   (memchr(rest, '@', c) ||
				    memchr(rest + c, '?', (size_t)(a - rest - c)));

			if (!port)
				at = password_end(rest + c + 1);
		}
	}
	if (at) {
		p->has_userinfo = 1;
		p->user = rest;
		p->user_len = c;
		p->password = rest + c + 1;
		p->password_len = (size_t)(at - p->password);
		p->rest = at + 1;
		return;
	}
	at = last_at(rest, rest + c);
	if (at) {
		p->has_userinfo = 1;
		p->user = rest;
		p->user_len = (size_t)(at - rest);
		p->rest = at + 1;
	}
}

/* Parses "key=value&..." (raw) into u->keys and u->values, in order. */
static int parse_query(const struct parser *p, dbt_url *u, const char *q)
{
	size_t n = 1;
	const char *s;
	int rc;

	for (s = q; *s; s++)
		if (*s == '&')
			n++;
	u->keys = calloc(n, sizeof(*u->keys));
	u->values = calloc(n, sizeof(*u->values));
	if (!u->keys || !u->values)
		return dbt_error_oom();
	for (s = q;; s++) {
		size_t len = strcspn(s, "&");
		const char *eq = memchr(s, '=', len);
		char *key;

		if (len == 0)
			goto next; /* "a=1&&b=2" or a trailing '&' */
		if (!eq)
			return fail(p, "query parameter '%.*s' has no value (expected key=value)",
				    (int)len, s);
		if (eq == s)
			return fail(p, "query parameter without a name");
		rc = decode(p, &key, s, (size_t)(eq - s), "a query parameter name");
		if (rc)
			return rc;
		u->keys[u->nparams] = key;
		if (key_is_password(s, (size_t)(eq - s))) {
			rc = decode(p, &u->values[u->nparams], eq + 1, len - (size_t)(eq + 1 - s),
				    "the password parameter");
		} else {
			dbt_buf what = DBT_BUF_INIT;

			dbt_buf_printf(&what, "the value of query parameter '%s'", key);
			if (what.oom) {
				dbt_buf_release(&what);
				free(key);
				u->keys[u->nparams] = NULL;
				return dbt_error_oom();
			}
			rc = decode(p, &u->values[u->nparams], eq + 1, len - (size_t)(eq + 1 - s),
				    what.ptr);
			dbt_buf_release(&what);
		}
		if (rc) {
			free(key);
			u->keys[u->nparams] = NULL;
			return rc;
		}
		u->nparams++;
	next:
		s += len;
		if (!*s)
			break;
	}
	return 0;
}

static int parse_port(const struct parser *p, dbt_url *u, const char *s, size_t n)
{
	long v = 0;
	size_t i;
	int rc;

	rc = decode(p, &u->port, s, n, "the port");
	if (rc)
		return rc;
	n = strlen(u->port);
	if (!n || !all_digits(u->port, n))
		return fail(p,
			    p->hide ? "port must be a number (with no '@' after it, the text after "
				      "':' is a port: a password goes in user:password@host)"
				    : "port must be a number");
	for (i = 0; i < n && v <= 65535; i++)
		v = v * 10 + (u->port[i] - '0');
	if (v < 1 || v > 65535)
		return fail(p, "port must be between 1 and 65535");
	return 0;
}

/* [host][:port][/database][?query] of a PostgreSQL URL. */
static int parse_postgres(const struct parser *p, dbt_url *u)
{
	const char *s = p->rest, *hostend = s + strcspn(s, "/?");
	int rc;

	if (p->has_userinfo) {
		rc = decode_opt(p, &u->user, p->user, p->user_len, "the user name");
		if (!rc && p->password)
			rc = decode_opt(p, &u->password, p->password, p->password_len,
					"the password");
		if (rc)
			return rc;
	}
	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(hostend - s));

		if (!close)
			return fail(p, "missing ']' after the IPv6 address");
		if (close == s + 1)
			return fail(p, "empty IPv6 address in brackets");
		rc = decode(p, &u->host, s + 1, (size_t)(close - s - 1), "the host");
		if (rc)
			return rc;
		s = close + 1;
		if (s < hostend && *s != ':')
			return fail(p, "unexpected text after the IPv6 address (expected ':port')");
	} else {
		const char *colon = memchr(s, ':', (size_t)(hostend - s));
		const char *end = colon ? colon : hostend;

		rc = decode_opt(p, &u->host, s, (size_t)(end - s), "the host");
		if (rc)
			return rc;
		s = end;
	}
	if (s < hostend) {
		rc = parse_port(p, u, s + 1, (size_t)(hostend - s - 1));
		if (rc)
			return rc;
	}
	s = hostend;
	if (*s == '/') {
		size_t n = strcspn(s + 1, "?");

		rc = decode_opt(p, &u->database, s + 1, n, "the database name");
		if (rc)
			return rc;
		s += 1 + n;
	}
	return *s == '?' ? parse_query(p, u, s + 1) : 0;
}

/* The query parameters a MariaDB/MySQL URL may hold: those SQLAlchemy's
 * mysqlclient and PyMySQL dialects pass to the driver and libmariadb has
 * an option for (see dbt_mysql_open). */
static const char *const mysql_params[] = {
	"unix_socket", "charset",    "connect_timeout", "read_timeout", "write_timeout",
	"ssl_ca",      "ssl_capath", "ssl_cert",	"ssl_key",	"ssl_cipher",
};

/* [host][:port][/database][?query] of a MariaDB/MySQL URL: as
 * PostgreSQL's, but only the parameters above, each at most once. */
static int parse_mysql(const struct parser *p, dbt_url *u)
{
	size_t i, k, n = sizeof(mysql_params) / sizeof(mysql_params[0]);
	int rc = parse_postgres(p, u);

	for (i = 0; rc == 0 && i < u->nparams; i++) {
		for (k = 0; k < n && strcmp(u->keys[i], mysql_params[k]); k++)
			;
		if (k == n)
			return fail(p,
				    "unknown query parameter '%s' for mariadb/mysql (expected "
				    "unix_socket, charset, connect_timeout, read_timeout, "
				    "write_timeout, ssl_ca, ssl_capath, ssl_cert, ssl_key or "
				    "ssl_cipher)",
				    u->keys[i]);
		for (k = 0; k < i; k++)
			if (!strcmp(u->keys[i], u->keys[k]))
				return fail(p, "query parameter '%s' is given twice", u->keys[i]);
		if (!*u->values[i])
			return fail(p, "query parameter '%s' is empty", u->keys[i]);
	}
	return rc;
}

/* [/path][?query] of an SQLite URL: three slashes before a relative
 * path, four before an absolute one, none for an in-memory database. */
static int parse_sqlite(const struct parser *p, dbt_url *u)
{
	const char *s = p->rest;
	int rc;

	if (p->has_userinfo || (*s && *s != '/' && *s != '?'))
		return fail(p,
			    "an sqlite url has no user, host or port (write sqlite:///relative.db, "
			    "sqlite:////absolute/path.db or sqlite:// for memory)");
	if (*s == '/') {
		size_t n = strcspn(s + 1, "?");

		rc = decode_opt(p, &u->database, s + 1, n, "the database path");
		if (rc)
			return rc;
		if (u->database && !strcmp(u->database, ":memory:")) {
			free(u->database);
			u->database = NULL;
		}
		s += 1 + n;
	}
	return *s == '?' ? parse_query(p, u, s + 1) : 0;
}

static int url_parse(dbt_url *out, const char *text)
{
	struct parser p = {0};
	dbt_url u = {0};
	const char *sep, *plus;
	size_t dialect_len;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!text || !*text)
		return dbt_error_set(DBT_EPARSE, "empty database url");
	/* Nothing of a text without a valid scheme is quoted: it may be a
	 * password pasted in the wrong place. */
	sep = strstr(text, "://");
	if (!sep || !scheme_valid(text, (size_t)(sep - text)))
		return dbt_error_set(DBT_EPARSE,
				     "malformed url: expected dialect://..., such as "
				     "'postgresql://user@host/dbname' or 'sqlite:///app.db'");
	p.text = text;
	p.scheme_len = (size_t)(sep - text);
	split_userinfo(&p, sep + 3);
	if (!p.has_userinfo && *p.rest != '[') {
		/* "u:secret/db", with no '@', reads as a host and a port that is
		 * no number: what follows the ':' may be a password, so no
		 * message shows it. */
		size_t n = strcspn(p.rest, "/?");
		const char *colon = memchr(p.rest, ':', n);

		if (colon && !all_digits(colon + 1, (size_t)(p.rest + n - colon - 1)))
			p.hide = colon + 1;
	}

	plus = memchr(text, '+', p.scheme_len);
	dialect_len = plus ? (size_t)(plus - text) : p.scheme_len;
	if (dialect_len == 6 && !strncasecmp(text, "sqlite", 6))
		u.kind = DBT_DIALECT_SQLITE;
	else if ((dialect_len == 10 && !strncasecmp(text, "postgresql", 10)) ||
		 (dialect_len == 8 && !strncasecmp(text, "postgres", 8)))
		u.kind = DBT_DIALECT_POSTGRES;
	else if ((dialect_len == 5 && !strncasecmp(text, "mysql", 5)) ||
		 (dialect_len == 7 && !strncasecmp(text, "mariadb", 7)))
		u.kind = DBT_DIALECT_MYSQL;
	else
		return dbt_error_set(DBT_EPARSE,
				     "unsupported database '%.*s' in url (expected sqlite, "
				     "postgresql, mysql or mariadb)",
				     (int)dialect_len, text);
	if (plus &&
	    (plus + 1 == text + p.scheme_len || memchr(plus + 1, '+', (size_t)(sep - plus - 1))))
		return fail(&p, "expected one driver name after '+'");

	u.scheme = strndup(text, p.scheme_len);
	if (!u.scheme) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (u.kind == DBT_DIALECT_SQLITE)
		rc = parse_sqlite(&p, &u);
	else if (u.kind == DBT_DIALECT_MYSQL)
		rc = parse_mysql(&p, &u);
	else
		rc = parse_postgres(&p, &u);
cleanup:
	if (rc)
		dbt_url_release(&u);
	else
		*out = u;
	return rc;
}

int dbt_url_parse(dbt_url *out, const char *text)
{
	return url_parse(out, text);
}

int dbt_url_parse_mysql(dbt_url *out, const char *text)
{
	return url_parse(out, text);
}

static void put_encoded(dbt_buf *b, const char *s, const char *safe)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || (c < 0x80 && strchr(safe, c)))
			dbt_buf_putc(b, (char)c);
		else
			dbt_buf_printf(b, "%%%02X", c);
	}
}

char *dbt_url_redact(const dbt_url *url)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	if (url->scheme)
		dbt_buf_puts(&b, url->scheme);
	else
		dbt_buf_puts(&b, url->kind == DBT_DIALECT_SQLITE  ? "sqlite"
				 : url->kind == DBT_DIALECT_MYSQL ? "mysql"
								  : "postgresql");
	dbt_buf_puts(&b, "://");
	if (url->user || url->password) {
		if (url->user)
			put_encoded(&b, url->user, USER_SAFE);
		if (url->password)
			dbt_buf_puts(&b, ":***");
		dbt_buf_putc(&b, '@');
	}
	if (url->host && strchr(url->host, ':')) {
		dbt_buf_putc(&b, '[');
		put_encoded(&b, url->host, IPV6_SAFE);
		dbt_buf_putc(&b, ']');
	} else if (url->host) {
		put_encoded(&b, url->host, HOST_SAFE);
	}
	if (url->port) {
		dbt_buf_putc(&b, ':');
		put_encoded(&b, url->port, "");
	}
	if (url->database) {
		dbt_buf_putc(&b, '/');
		put_encoded(&b, url->database, DATABASE_SAFE);
	}
	for (i = 0; i < url->nparams; i++) {
		dbt_buf_putc(&b, i ? '&' : '?');
		put_encoded(&b, url->keys[i], QUERY_SAFE);
		dbt_buf_putc(&b, '=');
		if (key_is_password(url->keys[i], strlen(url->keys[i])))
			dbt_buf_puts(&b, "***");
		else
			put_encoded(&b, url->values[i], QUERY_SAFE);
	}
	return dbt_buf_detach(&b);
}

int dbt_dialect_parse(dbt_dialect_kind *out, const char *name)
{
	if (!strcmp(name, "sqlite"))
		*out = DBT_DIALECT_SQLITE;
	else if (!strcmp(name, "postgresql") || !strcmp(name, "postgres"))
		*out = DBT_DIALECT_POSTGRES;
	else if (!strcmp(name, "mysql") || !strcmp(name, "mariadb"))
		*out = DBT_DIALECT_MYSQL;
	else
		return dbt_error_set(DBT_EPARSE,
				     "unknown dialect '%s' (expected sqlite, postgresql, "
				     "postgres, mysql or mariadb)",
				     name);
	return 0;
}

void dbt_url_release(dbt_url *url)
{
	size_t i;

	if (!url)
		return;
	free(url->scheme);
	free(url->user);
	free(url->password);
	free(url->host);
	free(url->port);
	free(url->database);
	for (i = 0; i < url->nparams; i++) {
		free(url->keys[i]);
		free(url->values[i]);
	}
	free(url->keys);
	free(url->values);
	memset(url, 0, sizeof(*url));
}
