/*
 * revision.c - reading one revision file: the "-- key: value" header and
 * the "-- migrate:upgrade" / "-- migrate:downgrade" sections, each either
 * unlabelled (for every dialect) or labelled with the dialect it serves
 * ("-- migrate:upgrade postgresql").
 *
 * The parser is strict on purpose: a misspelt header key, a repeated or
 * misplaced marker, or SQL outside a section is an error that names the
 * file and line, because a silently ignored line in a migration would run
 * (or fail to run) against a real database.  Section text is kept byte for
 * byte so that statement positions reported by the database map back to
 * file lines through `upgrade_line` / `downgrade_line`.
 *
 * Each revision also carries the SHA-256 of its file's bytes, which the
 * runner records when it applies the revision and compares later, so that
 * an applied file edited afterwards is noticed.  It is taken over the
 * bytes exactly as read: line endings and a byte-order mark count.  The
 * chain loads revisions without it (dbt_revision_parse_unsummed) and
 * computes it when a command verifies or records the history.
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "revision.h"
#include "sha256.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#define ID_MAX 64

enum key {
	KEY_ID,
	KEY_PARENT,
	KEY_MESSAGE,
	KEY_CREATED,
	KEY_TRANSACTION,
	KEY_LOCK_TIMEOUT,
	KEY_JOURNAL,
	NKEYS
};

static const char *const key_names[NKEYS] = {"id",	    "parent",	    "message", "created",
					     "transaction", "lock_timeout", "journal"};

/* The largest lock_timeout a header may give, in seconds: a day. */
#define LOCK_TIMEOUT_MAX 86400

enum marker { MARK_NONE, MARK_UPGRADE, MARK_DOWNGRADE, MARK_UNKNOWN };

enum state { IN_HEADER, IN_PREAMBLE, IN_UPGRADE, IN_DOWNGRADE };

/* One line of the file, without its "\n" and without a final "\r". */
struct line {
	const char *s;
	size_t len;
	int no;
};

struct parser {
	const char *path;
	dbt_revision *rev;
	int seen[NKEYS]; /* line on which each key was given, 0 when not yet */
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

int dbt_revision_id_reserved(const char *id)
{
	return !strcmp(id, "head") || !strcmp(id, "heads") || !strcmp(id, "base");
}

int dbt_revision_id_valid(const char *id)
{
	size_t i;

	if (dbt_revision_id_reserved(id))
		return 0;

	for (i = 0; id[i]; i++) {
		char c = id[i];

		if (i >= ID_MAX || !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_'))
			return 0;
	}
	return i > 0;
}

void dbt_revision_new_id(char out[13])
{
	static const char hex[] = "0123456789abcdef";
	uuid_t u;
	int i;

	uuid_generate_random(u);
	for (i = 0; i < 6; i++) {
		out[2 * i] = hex[u[i] >> 4];
		out[2 * i + 1] = hex[u[i] & 0xf];
	}
	out[12] = '\0';
}

static int fail(const struct parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets "path:line: <message>" and returns DBT_EPARSE. */
static int fail(const struct parser *p, int line, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return dbt_error_set(DBT_EPARSE, "%s:%d: %s", p->path, line, what);
}

/* Skips "--" and the blanks after it; NULL when the line is no comment. */
static const char *comment_body(const struct line *l, const char **end)
{
	const char *s = l->s, *e = l->s + l->len;

	if (l->len < 2 || s[0] != '-' || s[1] != '-')
		return NULL;
	for (s += 2; s < e && is_blank(*s); s++)
		;
	while (e > s && is_blank(e[-1]))
		e--;
	*end = e;
	return s;
}

/* A marker line: which section it starts, and for which dialect. */
struct mark {
	enum marker m;
	int label;	 /* a dbt_dialect_kind, 0 when unlabelled, -1 unknown */
	const char *lab; /* the label as written, for messages */
	size_t lablen;
};

const char *dbt_dialect_label(dbt_dialect_kind kind)
{
	switch (kind) {
	case DBT_DIALECT_SQLITE:
		return "sqlite";
	case DBT_DIALECT_POSTGRES:
		return "postgresql";
	case DBT_DIALECT_MYSQL:
		return "mysql";
	}
	return "unknown";
}

int dbt_dialects_require(dbt_dialect_kind kind, const dbt_dialect_kind *dialects, size_t n,
			 const char *because)
{
	size_t k;

	if (n > DBT_DIALECT_MAX)
		return dbt_error_set(DBT_ERROR, "too many dialects");
	for (k = 0; k < n && dialects[k] != kind; k++)
		;
	if (n && k == n)
		return dbt_error_set(DBT_ERROR,
				     "dialects in dbtool.ini does not list %s, the dialect of the "
				     "database: add it, since %s",
				     dbt_dialect_label(kind), because);
	return 0;
}

/* The dialect a section label names; -1 for none. */
static int label_kind(const char *s, size_t len)
{
	int k;

	for (k = 1; k <= DBT_DIALECT_MAX; k++) {
		const char *name = dbt_dialect_label((dbt_dialect_kind)k);

		if (strlen(name) == len && !memcmp(name, s, len))
			return k;
	}
	return -1;
}

/*
 * "-- migrate:upgrade" and "-- migrate:downgrade" are markers, optionally
 * followed by a dialect ("-- migrate:upgrade postgresql"); any other
 * single word after "migrate:" is a misspelt marker, which must not pass
 * for a comment inside the SQL, and so is a label that names no dialect.
 */
static struct mark marker_of(const struct line *l)
{
	struct mark r = {MARK_NONE, 0, NULL, 0};
	const char *end, *s = comment_body(l, &end), *w;
	static const char prefix[] = "migrate:";

	if (!s || (size_t)(end - s) < sizeof(prefix) - 1 || memcmp(s, prefix, sizeof(prefix) - 1))
		return r;
	s += sizeof(prefix) - 1;
	for (w = s; w < end && is_key_char(*w); w++)
		;
	if (s == w || (w < end && !is_blank(*w)))
		return r;
	if ((size_t)(w - s) == 7 && !memcmp(s, "upgrade", 7))
		r.m = MARK_UPGRADE;
	else if ((size_t)(w - s) == 9 && !memcmp(s, "downgrade", 9))
		r.m = MARK_DOWNGRADE;
	else if (w == end)
		r.m = MARK_UNKNOWN;
	else
		return r; /* "-- migrate:note some words": a comment */
	while (w < end && is_blank(*w))
		w++;
	if (r.m != MARK_UNKNOWN && w < end) {
		r.lab = w;
		r.lablen = (size_t)(end - w);
		r.label = label_kind(w, r.lablen);
	}
	return r;
}

/*
 * Splits a "-- key: value" line.  Returns 1 and sets the key and the
 * trimmed value when the line has that shape, 0 otherwise.
 */
static int header_line(const struct line *l, const char **key, size_t *keylen, const char **val,
		       size_t *vallen)
{
	const char *end, *s = comment_body(l, &end), *k;

	if (!s)
		return 0;
	for (k = s; s < end && is_key_char(*s); s++)
		;
	if (s == k || s == end || *s != ':')
		return 0;
	*key = k;
	*keylen = (size_t)(s - k);
	for (s++; s < end && is_blank(*s); s++)
		;
	*val = s;
	*vallen = (size_t)(end - s);
	return 1;
}

static int key_index(const char *key, size_t len)
{
	int i;

	for (i = 0; i < NKEYS; i++)
		if (strlen(key_names[i]) == len && !memcmp(key_names[i], key, len))
			return i;
	return -1;
}

static int set_str(char **dst, const char *s, size_t len)
{
	char *copy = strndup(s, len);

	if (!copy)
		return dbt_error_oom();
	free(*dst);
	*dst = copy;
	return 0;
}

static int header_key(struct parser *p, const struct line *l, const char *key, size_t keylen,
		      const char *val, size_t vallen)
{
	dbt_revision *rev = p->rev;
	int k = key_index(key, keylen);
	char *copy = NULL;
	size_t at;
	unsigned cp;
	int rc = 0;

	if (k < 0)
		return fail(p, l->no, "unknown header key '%.*s'", (int)keylen, key);
	if (p->seen[k])
		return fail(p, l->no, "duplicate header key '%s' (first on line %d)", key_names[k],
			    p->seen[k]);
	p->seen[k] = l->no;
	/* The value goes back into comments (the offline script): a control
	 * character there could end the comment for psql and run the rest. */
	if (dbt_text_find_break(val, vallen, &at, &cp))
		return fail(p, l->no,
			    "control character U+%04X in the value of header key '%s' (column "
			    "%zu): "
			    "header values are one line of text",
			    cp, key_names[k], (size_t)(val - l->s) + at + 1);
	switch (k) {
	case KEY_ID:
	case KEY_PARENT:
		if (vallen == 0 && k == KEY_PARENT)
			break;
		if (!(copy = strndup(val, vallen)))
			return dbt_error_oom();
		if (dbt_revision_id_reserved(copy)) {
			rc = fail(p, l->no,
				  "invalid %s '%s': 'head', 'heads' and 'base' name targets, not "
				  "revisions",
				  k == KEY_ID ? "revision id" : "parent id", copy);
			free(copy);
			return rc;
		}
		if (!dbt_revision_id_valid(copy)) {
			rc = fail(p, l->no,
				  "invalid %s '%s': use lowercase letters, digits and '_', at most "
				  "%d",
				  k == KEY_ID ? "revision id" : "parent id", copy, ID_MAX);
			free(copy);
			return rc;
		}
		if (k == KEY_ID)
			rev->id = copy;
		else
			rev->parent = copy;
		break;
	case KEY_MESSAGE:
		return set_str(&rev->message, val, vallen);
	case KEY_CREATED:
		return set_str(&rev->created, val, vallen);
	case KEY_TRANSACTION:
		if (vallen == 4 && !memcmp(val, "true", 4))
			rev->transactional = 1;
		else if (vallen == 5 && !memcmp(val, "false", 5))
			rev->transactional = 0;
		else
			return fail(p, l->no,
				    "invalid value '%.*s' for header key 'transaction': use true "
				    "or false",
				    (int)vallen, val);
		break;
	case KEY_LOCK_TIMEOUT: {
		size_t i;
		long secs = 0;

		for (i = 0;
		     i < vallen && val[i] >= '0' && val[i] <= '9' && secs <= LOCK_TIMEOUT_MAX; i++)
			secs = secs * 10 + (val[i] - '0');
		if (!vallen || i < vallen || secs > LOCK_TIMEOUT_MAX)
			return fail(p, l->no,
				    "invalid value '%.*s' for header key 'lock_timeout': use a "
				    "number of "
				    "seconds from 0 (no limit) to %d",
				    (int)vallen, val, LOCK_TIMEOUT_MAX);
		rev->lock_timeout_ms = (int)secs * 1000;
		break;
	}
	case KEY_JOURNAL:
		if (vallen != 7 || memcmp(val, "inverse", 7))
			return fail(p, l->no,
				    "invalid value '%.*s' for header key 'journal': the one value "
				    "is 'inverse' (the downgrade undoes the upgrade statement by "
				    "statement)",
				    (int)vallen, val);
		rev->inverse = 1;
		break;
	}
	return 0;
}

/* A line between the header and the upgrade marker: blank or a comment. */
static int preamble_line(struct parser *p, const struct line *l)
{
	const char *key, *val;
	size_t keylen, vallen, i;

	for (i = 0; i < l->len && (is_blank(l->s[i]) || l->s[i] == '\r'); i++)
		;
	if (i == l->len)
		return 0;
	if (l->len - i < 2 || l->s[i] != '-' || l->s[i + 1] != '-')
		return fail(p, l->no, "SQL before the '-- migrate:upgrade' marker");
	/* A known key below the header would be silently ignored there. */
	if (header_line(l, &key, &keylen, &val, &vallen) && key_index(key, keylen) >= 0)
		return fail(p, l->no,
			    "header key '%.*s' after the end of the header: move it up with the "
			    "other '-- key: value' lines",
			    (int)keylen, key);
	return 0;
}

/* The name of a section in messages: "'-- migrate:upgrade postgresql'". */
static const char *label_suffix(int label)
{
	return label == DBT_DIALECT_SQLITE     ? " sqlite"
	       : label == DBT_DIALECT_POSTGRES ? " postgresql"
	       : label == DBT_DIALECT_MYSQL    ? " mysql"
					       : "";
}

static int marker_line(struct parser *p, const struct line *l, const struct mark *mk,
		       enum state *st, int marks[][2])
{
	const char *name = mk->m == MARK_UPGRADE ? "upgrade" : "downgrade";
	int idx = mk->m == MARK_UPGRADE ? 0 : 1;
	int *seen;

	if (mk->label < 0)
		return fail(p, l->no,
			    "unknown dialect '%.*s' in the '-- migrate:%s' marker: use sqlite, "
			    "postgresql or mysql, or no label for a section that serves every "
			    "dialect",
			    (int)mk->lablen, mk->lab, name);
	seen = marks[mk->label];
	if (seen[idx])
		return fail(p, l->no, "second '-- migrate:%s%s' marker (first on line %d)", name,
			    label_suffix(mk->label), seen[idx]);
	if (mk->m == MARK_DOWNGRADE && !seen[0])
		return fail(p, l->no,
			    "'-- migrate:downgrade%s' before any '-- migrate:upgrade%s' marker",
			    label_suffix(mk->label), label_suffix(mk->label));
	seen[idx] = l->no;
	*st = mk->m == MARK_UPGRADE ? IN_UPGRADE : IN_DOWNGRADE;
	return 0;
}

/* Where a section starts and ends in the text. */
struct section {
	int label, idx;	   /* dialect (0: none); 0 upgrade, 1 downgrade */
	size_t start, end; /* the SQL, from the line after the marker */
	int line;	   /* the file line on which it starts */
};

#define NSECTIONS (2 * (DBT_DIALECT_MAX + 1))

static int parse(struct parser *p, const char *text, size_t len)
{
	dbt_revision *rev = p->rev;
	const char *s = text, *end = text + len, *nul;
	struct section sec[NSECTIONS];
	size_t nsec = 0, i;
	enum state st = IN_HEADER;
	int marks[DBT_DIALECT_MAX + 1][2];
	struct line l = {NULL, 0, 0};
	int rc, k, any = 0;

	memset(marks, 0, sizeof(marks));
	if ((nul = memchr(text, '\0', len)) != NULL) {
		int no = 1;

		for (; s < nul; s++)
			no += *s == '\n';
		return fail(p, no, "NUL byte: this is not a text file");
	}
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		s += 3; /* a UTF-8 byte-order mark, as some editors write */
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *next = nl ? nl + 1 : end;
		const char *key, *val;
		size_t keylen, vallen;
		struct mark mk;

		l.s = s;
		l.len = (size_t)((nl ? nl : end) - s);
		if (l.len && s[l.len - 1] == '\r')
			l.len--;
		l.no++;
		mk = marker_of(&l);
		if (mk.m == MARK_UNKNOWN) {
			const char *e, *body = comment_body(&l, &e);

			return fail(p, l.no,
				    "unknown marker '-- %.*s': use '-- migrate:upgrade' or "
				    "'-- migrate:downgrade'",
				    (int)(e - body), body);
		}
		if (st == IN_HEADER && mk.m == MARK_NONE &&
		    header_line(&l, &key, &keylen, &val, &vallen)) {
			if ((rc = header_key(p, &l, key, keylen, val, vallen)) < 0)
				return rc;
		} else if (mk.m != MARK_NONE) {
			if ((rc = marker_line(p, &l, &mk, &st, marks)) < 0)
				return rc;
			if (nsec)
				sec[nsec - 1].end = (size_t)(s - text);
			/* marker_line refuses a third marker of a kind and label */
			sec[nsec].label = mk.label;
			sec[nsec].idx = mk.m == MARK_UPGRADE ? 0 : 1;
			sec[nsec].start = (size_t)(next - text);
			sec[nsec].end = len;
			sec[nsec].line = l.no + 1;
			nsec++;
		} else if (st <= IN_PREAMBLE) {
			st = IN_PREAMBLE;
			if ((rc = preamble_line(p, &l)) < 0)
				return rc;
		}
		s = next;
	}
	if (!p->seen[KEY_ID])
		return fail(p, 1, "missing header key 'id'");
	if (!p->seen[KEY_PARENT])
		return fail(p, 1,
			    "missing header key 'parent' (leave its value empty for the first "
			    "revision)");
	for (k = 0; k <= DBT_DIALECT_MAX; k++)
		any |= marks[k][0];
	if (!any)
		return fail(p, l.no ? l.no : 1, "missing '-- migrate:upgrade' marker");
	for (k = 0; k <= DBT_DIALECT_MAX; k++)
		if (marks[k][0] && !marks[k][1])
			return fail(p, l.no, "missing '-- migrate:downgrade%s' marker",
				    label_suffix(k));
	for (i = 0; i < nsec; i++) {
		char *sql = strndup(text + sec[i].start, sec[i].end - sec[i].start);

		if (!sql)
			return dbt_error_oom();
		if (sec[i].label == 0) {
			*(sec[i].idx ? &rev->downgrade : &rev->upgrade) = sql;
			*(sec[i].idx ? &rev->downgrade_line : &rev->upgrade_line) = sec[i].line;
		} else {
			rev->dialect_sections[sec[i].label][sec[i].idx] = sql;
			rev->dialect_section_lines[sec[i].label][sec[i].idx] = sec[i].line;
		}
	}
	if ((!rev->message && !(rev->message = strdup(""))) ||
	    (!rev->created && !(rev->created = strdup(""))))
		return dbt_error_oom();
	return 0;
}

const char *dbt_revision_section(const dbt_revision *rev, dbt_dialect_kind kind, int downgrade,
				 int *line)
{
	int idx = downgrade ? 1 : 0;

	if (kind >= 1 && kind <= DBT_DIALECT_MAX && rev->dialect_sections[kind][idx]) {
		if (line)
			*line = rev->dialect_section_lines[kind][idx];
		return rev->dialect_sections[kind][idx];
	}
	if (line)
		*line = downgrade ? rev->downgrade_line : rev->upgrade_line;
	return downgrade ? rev->downgrade : rev->upgrade;
}

int dbt_revision_require_dialect(const dbt_revision *rev, dbt_dialect_kind kind)
{
	char have[64] = "";
	size_t n = 0;
	int k;

	if (dbt_revision_section(rev, kind, 0, NULL) && dbt_revision_section(rev, kind, 1, NULL))
		return 0;
	for (k = 1; k <= DBT_DIALECT_MAX; k++)
		if (rev->dialect_sections[k][0])
			n += (size_t)snprintf(have + n, sizeof(have) - n, "%s%s", n ? ", " : "",
					      dbt_dialect_label((dbt_dialect_kind)k));
	return dbt_error_set(DBT_ENOTFOUND,
			     "revision %s ('%s') has no section for %s, only for %s: add "
			     "'-- migrate:upgrade %s' and '-- migrate:downgrade %s' sections, or "
			     "run it on a database it was written for",
			     rev->id, rev->path, dbt_dialect_label(kind), n ? have : "none",
			     dbt_dialect_label(kind), dbt_dialect_label(kind));
}

/* The SHA-256 of `len` bytes as 64 lowercase hex digits. */
static int checksum(char out[65], const char *path, const char *text, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int i;

	(void)path;
	dbt_sha256(md, text, len);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[64] = '\0';
	return 0;
}

void dbt_revision_sum(char out[65], const char *text, size_t len)
{
	checksum(out, NULL, text, len);
}

/* Parses `text`; with `sum`, also computes its checksum. */
static int parse_rev(dbt_revision *out, const char *path, const char *text, size_t len, int sum)
{
	struct parser p;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	out->transactional = 1;
	out->lock_timeout_ms = -1;
	p.path = path;
	p.rev = out;
	if (!(out->path = strdup(path))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = parse(&p, text, len)) == 0 && sum)
		rc = checksum(out->checksum, path, text, len);
cleanup:
	if (rc < 0)
		dbt_revision_release(out);
	return rc;
}

int dbt_revision_parse(dbt_revision *out, const char *path, const char *text, size_t len)
{
	return parse_rev(out, path, text, len, 1);
}

int dbt_revision_parse_unsummed(dbt_revision *out, const char *path, const char *text, size_t len)
{
	return parse_rev(out, path, text, len, 0);
}

int dbt_revision_load(dbt_revision *out, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = dbt_fs_read(&text, &len, path);
	if (rc == DBT_ENOTFOUND)
		rc = dbt_error_set(rc, "cannot open revision file '%s': no such file", path);
	if (rc < 0)
		goto cleanup;
	rc = dbt_revision_parse(out, path, text, len);
cleanup:
	free(text);
	return rc;
}

void dbt_revision_release(dbt_revision *rev)
{
	int k;

	if (!rev)
		return;
	free(rev->path);
	free(rev->id);
	free(rev->parent);
	free(rev->message);
	free(rev->created);
	free(rev->upgrade);
	free(rev->downgrade);
	for (k = 0; k <= DBT_DIALECT_MAX; k++) {
		free(rev->dialect_sections[k][0]);
		free(rev->dialect_sections[k][1]);
	}
	memset(rev, 0, sizeof(*rev));
}
