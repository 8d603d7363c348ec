/*
 * project.c - laying down a migrations folder from the built-in template
 * (`dbtool init`) and writing new revision files from script.sql.tmpl
 * (`dbtool revision`, `dbtool migrate`).
 *
 * A new revision file is rendered in memory, parsed back before anything
 * is written, and then created atomically with an exclusive link, so that
 * a broken template or two concurrent writers never leave a half-written
 * or overwritten revision behind.
 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SLUG_MAX 40
#define DEFAULT_DIR "migrations"
#define TEMPLATE_NAME "script.sql.tmpl"
#define CONFIG_NAME "dbtool.ini"
#define MODEL_NAME "schema.sql"
#define LOCK_NAME ".dbtool.lock"
#define LOCK_TIMEOUT_MS 60000

static const struct dbt_template_file *template_file(const char *name)
{
	size_t i;

	for (i = 0; i < dbt_template_nfiles; i++)
		if (!strcmp(dbt_template_files[i].name, name))
			return &dbt_template_files[i];
	return NULL;
}

/* ------------------------------------------------------------------ init */

/* What init made so far, undone in reverse order when a later step fails. */
struct undo {
	char *paths[8];
	int is_dir[8];
	int n;
};

static int undo_add(struct undo *u, const char *path, int is_dir)
{
	if (!(u->paths[u->n] = strdup(path)))
		return dbt_error_oom();
	u->is_dir[u->n++] = is_dir;
	return 0;
}

static void undo_run(struct undo *u, int really)
{
	while (u->n > 0) {
		u->n--;
		if (really) {
			if (u->is_dir[u->n])
				rmdir(u->paths[u->n]);
			else
				unlink(u->paths[u->n]);
		}
		free(u->paths[u->n]);
	}
}

/*
 * 0 when `dir` can be written as the value of script_location so that
 * the config loader reads back the same folder, else DBT_EPARSE saying
 * why.  The INI reader strips blanks around a value and ends it at a ';'
 * after a blank (a comment), and has no quoting; '$' is written as "$$".
 */
static int config_value_ok(const char *dir)
{
	static const char key[] = "script_location = ";
	const char *s;
	size_t len = strlen(dir), dollars = 0;

	for (s = dir; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return dbt_error_set(DBT_EPARSE,
					     "folder name '%s' holds a control character, "
					     "which " CONFIG_NAME
					     " cannot hold: choose another name",
					     dir);
		if (*s == ';' && s > dir && (s[-1] == ' ' || s[-1] == '\t'))
			return dbt_error_set(DBT_EPARSE,
					     "folder name '%s' cannot be written in " CONFIG_NAME
					     " (a ';' after a blank starts a comment there): "
					     "choose another name",
					     dir);
		dollars += *s == '$';
	}
	if (dir[0] == ' ' || dir[0] == '\t' || dir[len - 1] == ' ' || dir[len - 1] == '\t')
		return dbt_error_set(DBT_EPARSE,
				     "folder name '%s' cannot be written in " CONFIG_NAME
				     " (blanks around a value are dropped there): choose another "
				     "name",
				     dir);
	if (sizeof(key) - 1 + len + dollars > 199)
		return dbt_error_set(DBT_EPARSE,
				     "folder name '%s' is too long for a line of " CONFIG_NAME
				     " (199 characters at most)",
				     dir);
	return 0;
}

/*
 * The built-in dbtool.ini with `script_location` set to `dir`: the line
 * that sets it is rewritten, every other line (the comments) is kept.
 * Each '$' of `dir` is written "$$", so that no ${VAR} is expanded in it.
 */
static int render_config(dbt_buf *out, const char *dir)
{
	const struct dbt_template_file *f = template_file(CONFIG_NAME);
	static const char key[] = "script_location";
	const char *s, *end;
	size_t dirlen = strlen(dir);

	if (!f)
		return dbt_error_set(DBT_ERROR, "the built-in template has no '%s'", CONFIG_NAME);
	while (dirlen > 1 && dir[dirlen - 1] == '/')
		dirlen--;
	for (s = f->data, end = f->data + f->size; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *next = nl ? nl + 1 : end, *p = s + sizeof(key) - 1;

		if ((size_t)(next - s) > sizeof(key) && !memcmp(s, key, sizeof(key) - 1) &&
		    (*p == ' ' || *p == '=')) {
			size_t i;

			dbt_buf_printf(out, "%s = ", key);
			for (i = 0; i < dirlen; i++) {
				if (dir[i] == '$')
					dbt_buf_putc(out, '$');
				dbt_buf_putc(out, dir[i]);
			}
			dbt_buf_putc(out, '\n');
		} else {
			dbt_buf_put(out, s, (size_t)(next - s));
		}
		s = next;
	}
	return out->oom ? dbt_error_oom() : 0;
}

/* Writes a new file (never over an existing one) and notes it. */
static int init_write(struct undo *u, dbt_buf *created, const char *path, const char *data,
		      size_t len)
{
	int rc = dbt_fs_write_atomic(path, data, len, 1);

	if (rc < 0)
		return rc;
	if ((rc = undo_add(u, path, 0)) < 0) {
		unlink(path);
		return rc;
	}
	dbt_buf_printf(created, "%s\n", path);
	return 0;
}

/* Makes the folder of the model file that dbtool.ini names, when missing. */
static int model_folder(struct undo *u, dbt_buf *created, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *folder;
	int rc = 0;

	if (!slash || slash == path)
		return 0;
	if (!(folder = strndup(path, (size_t)(slash - path))))
		return dbt_error_oom();
	if (!dbt_fs_exists(folder)) {
		if ((rc = undo_add(u, folder, 1)) == 0 && (rc = dbt_fs_mkdirs(folder)) == 0)
			dbt_buf_printf(created, "%s/\n", folder);
	}
	free(folder);
	return rc;
}

/*
 * The folder and model file an existing dbtool.ini names: init lays the
 * project down where the configuration will look for it, unless a folder
 * is given.
 */
static int config_paths(char **dir_out, char **model_out)
{
	dbt_config cfg;
	int rc;

	if ((rc = dbt_config_load(&cfg, CONFIG_NAME, 0)) < 0)
		return rc;
	if (!(*dir_out = strdup(cfg.script_location)) ||
	    (!cfg.model_command && !(*model_out = strdup(cfg.model))))
		rc = dbt_error_oom();
	dbt_config_release(&cfg);
	return rc;
}

int dbt_project_init(const char *dir_arg, char **created)
{
	const struct dbt_template_file *tmpl = template_file(TEMPLATE_NAME);
	const struct dbt_template_file *model = template_file(MODEL_NAME);
	struct undo undo = {{NULL}, {0}, 0};
	dbt_buf list = DBT_BUF_INIT, ini = DBT_BUF_INIT;
	char *versions = NULL, *tmpl_path = NULL, *config_dir = NULL, *model_path = NULL;
	const char *dir = dir_arg ? dir_arg : DEFAULT_DIR;
	int rc, dir_existed, have_config = dbt_fs_exists(CONFIG_NAME);

	if (created)
		*created = NULL;
	if (!*dir || strpbrk(dir, "\r\n"))
		return dbt_error_set(DBT_ERROR, "invalid folder name '%s'", dir);
	if (!tmpl || !model)
		return dbt_error_set(DBT_ERROR, "the built-in template is incomplete");
	if (!have_config && (rc = config_value_ok(dir)) < 0)
		return rc;
	if (have_config) {
		if ((rc = config_paths(&config_dir, &model_path)) < 0)
			goto cleanup;
		if (!dir_arg)
			dir = config_dir;
	}
	rc = dbt_fs_dir_empty(dir);
	if (rc < 0)
		goto cleanup;
	if (rc == 0) {
		rc = dbt_error_set(DBT_EEXISTS, "folder '%s' exists and is not empty", dir);
		goto cleanup;
	}
	dir_existed = dbt_fs_exists(dir);
	versions = dbt_fs_join(dir, "versions");
	tmpl_path = dbt_fs_join(dir, TEMPLATE_NAME);
	if (!versions || !tmpl_path) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	/* Noted before they are made: a failure in between removes what
	 * exists of them (rmdir of one that was never made does nothing). */
	if ((!dir_existed && (rc = undo_add(&undo, dir, 1)) < 0) ||
	    (rc = undo_add(&undo, versions, 1)) < 0 || (rc = dbt_fs_mkdirs(versions)) < 0)
		goto cleanup;
	dbt_buf_printf(&list, "%s/\n", versions);
	if ((rc = init_write(&undo, &list, tmpl_path, tmpl->data, tmpl->size)) < 0)
		goto cleanup;
	if (!have_config) {
		if ((rc = render_config(&ini, dir)) < 0 ||
		    (rc = init_write(&undo, &list, CONFIG_NAME, ini.ptr, ini.len)) < 0)
			goto cleanup;
	}
	/* No model file when the configuration's model is a command's output. */
	if (!have_config || model_path) {
		const char *path = model_path ? model_path : MODEL_NAME;

		if (!dbt_fs_exists(path) &&
		    ((rc = model_folder(&undo, &list, path)) < 0 ||
		     (rc = init_write(&undo, &list, path, model->data, model->size)) < 0))
			goto cleanup;
	}
	if (list.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (created)
		*created = dbt_buf_detach(&list);
	rc = 0;
cleanup:
	undo_run(&undo, rc < 0);
	dbt_buf_release(&list);
	dbt_buf_release(&ini);
	free(versions);
	free(tmpl_path);
	free(config_dir);
	free(model_path);
	return rc;
}

/* ---------------------------------------------------------- new revision */

struct fields {
	const char *id, *parent, *message, *created, *upgrade, *downgrade;
	/* Sections per dialect (n > 0): the first one's fill the template,
	 * whose markers then carry its label; the others follow it. */
	const struct dbt_dialect_sql *secs;
	size_t nsecs;
	int transactional; /* 0: "-- transaction: false" ends the header */
	int inverse;	   /* 1: "-- journal: inverse" ends it */
};

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The length of `s` without its final line breaks. */
static size_t section_len(const char *s)
{
	size_t len = strlen(s);

	while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	return len;
}

/* True when `hay` holds the section text `s` as put_section wrote it. */
static int holds(const char *hay, const char *s)
{
	size_t n = section_len(s);

	if (!n)
		return 1;
	for (; *hay; hay++)
		if (*hay == *s && !strncmp(hay, s, n))
			return 1;
	return 0;
}

/* Appends `s` without its final line breaks: the template supplies one. */
static void put_section(dbt_buf *out, const char *s)
{
	dbt_buf_put(out, s, section_len(s));
}

/*
 * Where the header of the rendered revision `s` ends: the offset of the
 * first line that is not a "-- key: value" line (a section marker is not
 * one), as the revision parser reads the header.
 */
static size_t header_end(const char *s, size_t len)
{
	size_t at = 0;

	while (at < len) {
		const char *l = s + at, *nl = memchr(l, '\n', len - at);
		size_t n = nl ? (size_t)(nl - l) : len - at, i = 2, k;

		if (n < 2 || l[0] != '-' || l[1] != '-')
			break;
		while (i < n && is_blank(l[i]))
			i++;
		for (k = i; k < n && is_name_char(l[k]); k++)
			;
		if (k == i || k == n || l[k] != ':' || (k - i == 7 && !memcmp(l + i, "migrate", 7)))
			break;
		at += nl ? n + 1 : n;
	}
	return at;
}

/* Adds the line `hline` as the last line of the header. */
static int mark_header(dbt_buf *text, const char *hline)
{
	dbt_buf out = DBT_BUF_INIT;
	size_t at = header_end(dbt_buf_str(text), text->len);
	int rc = 0;

	dbt_buf_put(&out, dbt_buf_str(text), at);
	if (at && text->ptr[at - 1] != '\n')
		dbt_buf_putc(&out, '\n');
	dbt_buf_puts(&out, hline);
	dbt_buf_puts(&out, dbt_buf_str(text) + at);
	if (out.oom || text->oom) {
		rc = dbt_error_oom();
		dbt_buf_release(&out);
	} else {
		dbt_buf_release(text);
		*text = out;
	}
	return rc;
}

/*
 * Renders the template `text`: "##" lines are dropped, ${name} is
 * replaced by its field, and an unknown ${name} is an error naming the
 * template's line.
 */
static int render(dbt_buf *out, const char *path, const char *text, size_t len,
		  const struct fields *f)
{
	const char *s = text, *end = text + len;
	int line = 1;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *next = nl ? nl + 1 : end, *p;

		if (next - s >= 2 && s[0] == '#' && s[1] == '#') {
			s = next;
			line++;
			continue;
		}
		/* An empty value at the end of a line leaves no blank before
		 * the line break: "-- parent:", not "-- parent: ". */
		const char *eol = nl ? (nl > s && nl[-1] == '\r' ? nl - 1 : nl) : end;
		size_t line_start = out->len, before = 0;

		/* With sections per dialect, the template's markers name the
		 * first dialect. */
		if (f->nsecs &&
		    (((size_t)(eol - s) == 18 && !memcmp(s, "-- migrate:upgrade", 18)) ||
		     ((size_t)(eol - s) == 20 && !memcmp(s, "-- migrate:downgrade", 20)))) {
			dbt_buf_put(out, s, (size_t)(eol - s));
			dbt_buf_putc(out, ' ');
			dbt_buf_puts(out, dbt_dialect_label(f->secs[0].kind));
			dbt_buf_put(out, eol, (size_t)(next - eol));
			s = next;
			line++;
			continue;
		}

		for (p = s; p < next; p++) {
			const char *name = p + 2, *q = name;
			size_t n;

			if (p[0] != '$' || p + 1 >= next || p[1] != '{') {
				dbt_buf_putc(out, *p);
				continue;
			}
			while (q < next && is_name_char(*q))
				q++;
			if (q >= next || *q != '}') {
				dbt_buf_putc(out, *p); /* not a placeholder: kept as written */
				continue;
			}
			n = (size_t)(q - name);
			before = out->len;
			if (n == 2 && !memcmp(name, "id", 2))
				dbt_buf_puts(out, f->id);
			else if (n == 6 && !memcmp(name, "parent", 6))
				dbt_buf_puts(out, f->parent);
			else if (n == 7 && !memcmp(name, "message", 7))
				dbt_buf_puts(out, f->message);
			else if (n == 7 && !memcmp(name, "created", 7))
				dbt_buf_puts(out, f->created);
			else if (n == 7 && !memcmp(name, "upgrade", 7))
				put_section(out, f->upgrade);
			else if (n == 9 && !memcmp(name, "downgrade", 9))
				put_section(out, f->downgrade);
			else
				return dbt_error_set(
					DBT_EPARSE,
					"%s:%d: unknown placeholder '${%.*s}': use ${id}, "
					"${parent}, ${message}, ${created}, ${upgrade} or "
					"${downgrade}",
					path, line, (int)n, name);
			if (q + 1 == eol && out->len == before && out->ptr) {
				/* Drop the blanks written before it, and keep the
				 * line break that follows. */
				while (out->len > line_start && !out->oom &&
				       is_blank(out->ptr[out->len - 1]))
					out->len--;
				if (!out->oom)
					out->ptr[out->len] = '\0';
			}
			p = q;
		}
		s = next;
		line++;
	}
	if (f->nsecs && !out->oom) {
		size_t i;

		for (i = 1; i < f->nsecs; i++) {
			const char *label = dbt_dialect_label(f->secs[i].kind);

			if (out->len && out->ptr[out->len - 1] != '\n')
				dbt_buf_putc(out, '\n');
			dbt_buf_printf(out, "\n-- migrate:upgrade %s\n", label);
			put_section(out, f->secs[i].upgrade ? f->secs[i].upgrade : "");
			dbt_buf_printf(out, "\n\n-- migrate:downgrade %s\n", label);
			put_section(out, f->secs[i].downgrade ? f->secs[i].downgrade : "");
			dbt_buf_putc(out, '\n');
		}
	}
	if (!f->transactional && !out->oom) {
		int rc = mark_header(out, "-- transaction: false\n");

		if (rc < 0)
			return rc;
	}
	if (f->inverse && !out->oom)
		return mark_header(out, "-- journal: inverse\n");
	return out->oom ? dbt_error_oom() : 0;
}

/* The code point of the well-formed UTF-8 character at `s` and its
 * length in `*len`, or -1 (with *len 1) for a byte that is not UTF-8. */
static long utf8_decode(const unsigned char *s, size_t *len)
{
	size_t n, i;
	long cp;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = n;
	return cp;
}

/* True for a character outside ASCII that may stand in a file name as a
 * letter: everything but the blocks of controls, spaces, punctuation,
 * symbols, emoji, variation selectors and private use. */
static int non_ascii_letter(long cp)
{
	static const long not_letters[][2] = {
		{0x80, 0xbf},	    {0xd7, 0xd7},	 {0xf7, 0xf7},	   {0x2000, 0x2bff},
		{0x2e00, 0x2e7f},   {0x3000, 0x303f},	 {0xd800, 0xf8ff}, {0xfe00, 0xfe0f},
		{0xfe30, 0xfe4f},   {0xff00, 0xff0f},	 {0xff1a, 0xff20}, {0xfff0, 0xffff},
		{0x1f000, 0x1faff}, {0xe0000, 0x10ffff},
	};
	size_t i;

	for (i = 0; i < sizeof(not_letters) / sizeof(not_letters[0]); i++)
		if (cp >= not_letters[i][0] && cp <= not_letters[i][1])
			return 0;
	return cp >= 0x80;
}

/* The message lowercased (ASCII and Latin-1 letters), its letters and
 * digits kept, UTF-8 ones included ("émojis" stays "émojis"), runs of
 * other characters made one '_'; at most SLUG_MAX bytes, never cutting a
 * character. */
static void make_slug(char out[SLUG_MAX + 1], const char *message)
{
	const unsigned char *s = (const unsigned char *)message;
	size_t n = 0, len;

	while (*s && n < SLUG_MAX) {
		long cp = utf8_decode(s, &len);

		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			out[n++] = (char)cp;
		} else if (cp >= 0 && non_ascii_letter(cp)) {
			if (n + len > SLUG_MAX)
				break;
			if (cp >= 0xc0 && cp <= 0xde) {
				/* Latin-1 capitals (0xd7 is no letter) */
				out[n++] = (char)s[0];
				out[n++] = (char)(s[1] + 0x20);
			} else {
				memcpy(out + n, s, len);
				n += len;
			}
		} else if (n && out[n - 1] != '_') {
			out[n++] = '_';
		}
		s += len;
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

/* Checks that what the template made reads back as the revision meant. */
static int self_check(const char *tmpl_path, const char *path, const char *text, size_t len,
		      const struct fields *f)
{
	dbt_revision rev;
	const char *wrong = NULL;
	size_t i;
	int rc;

	if ((rc = dbt_revision_parse(&rev, path, text, len)) < 0)
		return dbt_error_prefix(rc,
					"template '%s' makes a revision file that does not parse",
					tmpl_path);
	if (strcmp(rev.id, f->id))
		wrong = "${id}";
	else if (strcmp(rev.parent ? rev.parent : "", f->parent))
		wrong = "${parent}";
	else if (strcmp(rev.message, f->message))
		wrong = "${message}";
	else if (rev.transactional != f->transactional || rev.inverse != f->inverse)
		wrong = "the header (its '-- key: value' lines first)";
	else if (!f->nsecs && !holds(rev.upgrade, f->upgrade))
		wrong = "${upgrade}";
	else if (!f->nsecs && !holds(rev.downgrade, f->downgrade))
		wrong = "${downgrade}";
	for (i = 0; !wrong && i < f->nsecs; i++) {
		const char *up = f->secs[i].upgrade ? f->secs[i].upgrade : "";
		const char *down = f->secs[i].downgrade ? f->secs[i].downgrade : "";

		/* Each dialect's own section, not the unlabelled one. */
		if (!rev.dialect_sections[f->secs[i].kind][0] ||
		    !holds(rev.dialect_sections[f->secs[i].kind][0], up))
			wrong = "${upgrade}";
		else if (!rev.dialect_sections[f->secs[i].kind][1] ||
			 !holds(rev.dialect_sections[f->secs[i].kind][1], down))
			wrong = "${downgrade}";
	}
	dbt_revision_release(&rev);
	if (wrong)
		return dbt_error_set(DBT_EPARSE,
				     "template '%s' does not put %s where the revision file needs "
				     "it",
				     tmpl_path, wrong);
	return 0;
}

/*
 * Writes a new revision (see dbt_project_new_revision).  The head is read
 * and the file written under an exclusive lock on versions/.dbtool.lock,
 * so that two writers at the same moment give a chain, not two children
 * of one head.  With `check_head`, refuses unless the head is `head`
 * (NULL: an empty chain).
 */
static int new_revision(char **out, const char *script_location, const char *message,
			const char *rev_id, const char *upgrade, const char *downgrade,
			const struct dbt_dialect_sql *secs, size_t nsecs, int check_head,
			const char *head, int transactional, int inverse)
{
	dbt_chain chain;
	dbt_revision *existing;
	dbt_buf text = DBT_BUF_INIT, name = DBT_BUF_INIT;
	char *versions = NULL, *tmpl_path = NULL, *tmpl = NULL, *msg = NULL, *path = NULL;
	char *lock_path = NULL;
	char id[65], created[32], slug[SLUG_MAX + 1];
	struct fields f;
	size_t tmpl_len = 0, len, at;
	unsigned cp;
	time_t now = time(NULL);
	struct tm tm;
	int rc, loaded = 0, lock_fd = -1;

	*out = NULL;
	if (!message)
		message = "";
	if (strpbrk(message, "\r\n"))
		return dbt_error_set(DBT_ERROR,
				     "the message must be one line: it contains a line break");
	if (rev_id && dbt_revision_id_reserved(rev_id))
		return dbt_error_set(DBT_ERROR,
				     "invalid revision id '%s': 'head', 'heads' and 'base' name "
				     "targets, not revisions",
				     rev_id);
	/* The header line holds it as it is: refuse what a comment cannot. */
	if (dbt_text_find_break(message, strlen(message), &at, &cp))
		return dbt_error_set(DBT_ERROR,
				     "the message must be one line of text: it contains the "
				     "control "
				     "character U+%04X at byte %zu",
				     cp, at + 1);
	if (rev_id && !dbt_revision_id_valid(rev_id))
		return dbt_error_set(DBT_ERROR,
				     "invalid revision id '%s': use lowercase letters, digits and "
				     "'_', "
				     "at most 64",
				     rev_id);
	/* The header keeps the message trimmed, so render it that way. */
	while (is_blank(*message))
		message++;
	len = strlen(message);
	while (len && is_blank(message[len - 1]))
		len--;
	versions = dbt_fs_join(script_location, "versions");
	tmpl_path = dbt_fs_join(script_location, TEMPLATE_NAME);
	msg = strndup(message, len);
	if (!versions || !tmpl_path || !msg) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = dbt_versions_lock(&lock_fd, &lock_path, versions)) < 0)
		goto cleanup;
	if ((rc = dbt_chain_load(&chain, versions, 0)) < 0)
		goto cleanup;
	loaded = 1;
	if (check_head && strcmp(chain.n ? chain.revs[chain.n - 1]->id : "", head ? head : "")) {
		rc = dbt_error_set(DBT_ECHAIN,
				   "the head of the chain is now %s, not %s: another revision was "
				   "written meanwhile; upgrade the database and run again",
				   chain.n ? chain.revs[chain.n - 1]->id : "base",
				   head ? head : "base");
		goto cleanup;
	}
	if (rev_id) {
		if (dbt_chain_find(&existing, &chain, rev_id) == 0 &&
		    !strcmp(existing->id, rev_id)) {
			rc = dbt_error_set(DBT_EEXISTS, "revision id '%s' already exists in '%s'",
					   rev_id, existing->path);
			goto cleanup;
		}
		strcpy(id, rev_id);
	} else {
		do
			dbt_revision_new_id(id);
		while (dbt_chain_find(&existing, &chain, id) == 0 && !strcmp(existing->id, id));
	}
	rc = dbt_fs_read(&tmpl, &tmpl_len, tmpl_path);
	if (rc == DBT_ENOTFOUND)
		rc = dbt_error_set(rc, "cannot open revision template '%s': no such file",
				   tmpl_path);
	if (rc < 0)
		goto cleanup;
	gmtime_r(&now, &tm);
	strftime(created, sizeof(created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	f.id = id;
	f.parent = chain.n ? chain.revs[chain.n - 1]->id : "";
	f.message = msg;
	f.created = created;
	f.upgrade = upgrade ? upgrade : "";
	f.downgrade = downgrade ? downgrade : "";
	f.secs = secs;
	f.nsecs = nsecs;
	f.transactional = transactional;
	f.inverse = inverse;
	if (nsecs) {
		f.upgrade = secs[0].upgrade ? secs[0].upgrade : "";
		f.downgrade = secs[0].downgrade ? secs[0].downgrade : "";
	}
	if ((rc = render(&text, tmpl_path, tmpl, tmpl_len, &f)) < 0)
		goto cleanup;
	make_slug(slug, msg);
	dbt_buf_printf(&name, "%s%s%s.sql", id, *slug ? "_" : "", slug);
	if (name.oom || !(path = dbt_fs_join(versions, name.ptr))) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = self_check(tmpl_path, path, dbt_buf_str(&text), text.len, &f)) < 0)
		goto cleanup;
	if ((rc = dbt_fs_write_atomic(path, text.ptr, text.len, 1)) < 0)
		goto cleanup;
	*out = path;
	path = NULL;
cleanup:
	dbt_versions_unlock(lock_fd, lock_path);
	if (loaded)
		dbt_chain_release(&chain);
	dbt_buf_release(&text);
	dbt_buf_release(&name);
	free(versions);
	free(tmpl_path);
	free(tmpl);
	free(msg);
	free(path);
	return rc;
}

int dbt_versions_lock(int *fd, char **lock_path, const char *versions)
{
	int rc;

	*fd = -1;
	*lock_path = NULL;
	if (!dbt_fs_exists(versions))
		return dbt_error_set(DBT_ENOTFOUND,
				     "cannot open versions folder '%s': no such file", versions);
	if (!(*lock_path = dbt_fs_join(versions, LOCK_NAME)))
		return dbt_error_oom();
	if ((rc = dbt_fs_lock(fd, *lock_path, LOCK_TIMEOUT_MS)) < 0) {
		free(*lock_path);
		*lock_path = NULL;
		*fd = -1;
		return rc;
	}
	/* Under the lock, a temporary file is one a killed writer left. */
	dbt_fs_remove_stale_tmp(versions);
	return 0;
}

void dbt_versions_unlock(int fd, char *lock_path)
{
	dbt_fs_unlock(fd, lock_path);
	free(lock_path);
}

int dbt_project_new_revision(char **out, const char *script_location, const char *message,
			     const char *rev_id, const char *upgrade, const char *downgrade)
{
	return new_revision(out, script_location, message, rev_id, upgrade, downgrade, NULL, 0, 0,
			    NULL, 1, 0);
}

int dbt_project_new_revision_at(char **out, const char *script_location, const char *message,
				const char *rev_id, const char *upgrade, const char *downgrade,
				const char *head)
{
	return new_revision(out, script_location, message, rev_id, upgrade, downgrade, NULL, 0, 1,
			    head, 1, 0);
}

int dbt_project_new_revision_dialects(char **out, const char *script_location, const char *message,
				      const char *rev_id, const struct dbt_dialect_sql *secs,
				      size_t nsecs, const char *head)
{
	return new_revision(out, script_location, message, rev_id, NULL, NULL, secs, nsecs, 1, head,
			    1, 0);
}

int dbt_project_new_revision_tx(char **out, const char *script_location, const char *message,
				const char *rev_id, const char *upgrade, const char *downgrade,
				const struct dbt_dialect_sql *secs, size_t nsecs, const char *head,
				int transactional)
{
	return new_revision(out, script_location, message, rev_id, upgrade, downgrade, secs, nsecs,
			    1, head, transactional, 0);
}

int dbt_project_new_revision_hdr(char **out, const char *script_location, const char *message,
				 const char *rev_id, const char *upgrade, const char *downgrade,
				 const struct dbt_dialect_sql *secs, size_t nsecs, const char *head,
				 int transactional, int inverse)
{
	return new_revision(out, script_location, message, rev_id, upgrade, downgrade, secs, nsecs,
			    1, head, transactional, inverse);
}
