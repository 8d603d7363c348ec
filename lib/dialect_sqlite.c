/*
 * dialect_sqlite.c - the SQLite dialect, through the sqlite3 library.
 *
 * Scripts run one statement at a time through sqlite3_prepare_v2 and its
 * tail pointer, so a failure names the statement and its line.  The
 * migration lock is SQLite's own write lock: begin() is BEGIN IMMEDIATE,
 * which takes it at once, waiting up to the busy timeout that lock() sets.
 */
#include "dialect.h"

#include "error.h"
#include "ident.h"
#include "render.h"
#include "txcontrol.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long any statement waits for another connection's lock until
 * lock() says otherwise, so that readers do not fail on a writer's
 * commit. */
#define DEFAULT_BUSY_MS 5000

#define EXCERPT_MAX 60

/* How many rows of one table lack their parent in another. */
struct fk_count {
	char *table, *parent;
	long long n;
};

/*
 * A foreign key of main's `table`, and the table it names: what the
 * foreign-key check at COMMIT looks up to find the tables whose rows a
 * transaction may have left without their parent (fk_tables).  Read from
 * the REFERENCES clauses of the schema's text (refs_build), or from the
 * schema SQLite holds for a table a transaction created or altered
 * (refs_update).  `parent` NULL: the text could not be read so (a comment
 * after REFERENCES, a quote doubled inside the name), so any table.  The
 * keys of one table are next to each other in the list.
 */
struct fk_ref {
	char *table, *parent;
	unsigned table_hash, parent_hash; /* name_hash() of each */
};

/* What a statement did to a table's definition (note_write), besides
 * writing its rows or its indexes. */
#define TOUCH_CREATED 1
#define TOUCH_DROPPED 2
#define TOUCH_ALTERED 4

struct sqlite_conn {
	dbt_conn base;
	sqlite3 *db;
	char *path; /* as named in messages */
	int busy_ms;
	int last_code;		    /* SQLite's result code for the last failure */
	struct fk_count *fk_before; /* the orphan rows when the transaction began */
	size_t n_fk_before;
	int fk_known;		    /* fk_before still holds at the next begin(),
				     * unless another connection wrote */
	sqlite3_int64 data_version; /* PRAGMA data_version at the last begin() */
	int data_version_known;	    /* 0 before the first begin(), or when it
				     * could not be read */
	int others_wrote;	    /* another connection may have committed
				     * between the last two begin()s */
	char **touched;		    /* the tables written, dropped or altered since
				     * the last begin() (see note_write) */
	unsigned char *touched_how; /* for each, TOUCH_ bits: its definition */
	size_t ntouched, cap_touched;
	int touched_oom;     /* a name could not be kept: commit fails */
	int schema_edited;   /* PRAGMA writable_schema was prepared */
	struct fk_ref *refs; /* the foreign keys of main's tables */
	size_t nrefs, cap_refs;
	int refs_known; /* refs holds for the schema as it was at the last
			 * COMMIT (see refs_update) */
};

static void fk_counts_free(struct fk_count *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].table);
		free(v[i].parent);
	}
	free(v);
}

static void touched_clear(struct sqlite_conn *c)
{
	while (c->ntouched)
		free(c->touched[--c->ntouched]);
	c->touched_oom = 0;
}

/* A hash of a table's name, ASCII case ignored as SQLite compares names:
 * names whose hashes differ differ. */
static unsigned name_hash(const char *name)
{
	unsigned h = 2166136261u;
	unsigned char ch;

	while ((ch = (unsigned char)*name++) != 0)
		h = (h ^ (ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch)) * 16777619u;
	return h;
}

static void refs_clear(struct sqlite_conn *c)
{
	while (c->nrefs) {
		c->nrefs--;
		free(c->refs[c->nrefs].table);
		free(c->refs[c->nrefs].parent);
	}
	c->refs_known = 0;
}

/* 1 + the index of `table` in c->touched, 0 when it is not there. */
static size_t touched_at(const struct sqlite_conn *c, const char *table)
{
	size_t i;

	for (i = c->ntouched; i-- > 0;)
		if (!sqlite3_stricmp(c->touched[i], table))
			return i + 1;
	return 0;
}

static int touched_has(const struct sqlite_conn *c, const char *table)
{
	return touched_at(c, table) != 0;
}

/* Whether a table's definition changed since the last begin(). */
static int touched_reshaped(const struct sqlite_conn *c)
{
	size_t i;

	for (i = 0; i < c->ntouched; i++)
		if (c->touched_how[i])
			return 1;
	return c->schema_edited;
}

/*
 * The authorizer, which SQLite calls for each action of a statement as it
 * prepares it (the statements of triggers included): notes every table a
 * statement writes, drops, alters or creates, or makes or drops an index
 * on, so that the foreign-key
 * check before COMMIT looks at those tables and the ones that reference
 * them instead of the whole database; and, for the list of what the
 * tables' REFERENCES clauses name (c->refs), whether a statement
 * created, dropped or altered a table, or could edit the schema's text
 * by hand (PRAGMA writable_schema).  It refuses nothing.
 */
static int note_write(void *arg, int action, const char *a1, const char *a2, const char *db,
		      const char *trigger)
{
	struct sqlite_conn *c = arg;
	const char *table = NULL;
	unsigned char how = 0;
	size_t at;
	char **v;
	unsigned char *h;

	(void)db;
	(void)trigger;
	switch (action) {
	case SQLITE_PRAGMA:
		if (a1 && !sqlite3_stricmp(a1, "writable_schema"))
			c->schema_edited = 1;
		return SQLITE_OK;
	case SQLITE_DROP_TABLE:
	case SQLITE_DROP_TEMP_TABLE:
		how = TOUCH_DROPPED;
		table = a1;
		break;
	case SQLITE_CREATE_TABLE:
	case SQLITE_CREATE_TEMP_TABLE:
		how = TOUCH_CREATED;
		table = a1;
		break;
	case SQLITE_INSERT:
	case SQLITE_UPDATE:
	case SQLITE_DELETE:
		table = a1;
		break;
	case SQLITE_ALTER_TABLE:
		how = TOUCH_ALTERED;
		table = a2;
		break;
	case SQLITE_CREATE_INDEX:
	case SQLITE_CREATE_TEMP_INDEX:
	case SQLITE_DROP_INDEX:
	case SQLITE_DROP_TEMP_INDEX:
		/* An index: dropping the unique one a foreign key's parent key
		 * needs leaves that key unusable ("foreign key mismatch"). */
		table = a2;
		break;
	default:
		return SQLITE_OK;
	}
	if (!table || !sqlite3_strnicmp(table, "sqlite_", 7))
		return SQLITE_OK;
	if ((at = touched_at(c, table)) != 0) {
		c->touched_how[at - 1] |= how;
		return SQLITE_OK;
	}
	if (c->ntouched == c->cap_touched) {
		size_t cap = c->cap_touched ? 2 * c->cap_touched : 8;

		if (!(v = realloc(c->touched, cap * sizeof(*v)))) {
			c->touched_oom = 1;
			return SQLITE_OK;
		}
		c->touched = v;
		if (!(h = realloc(c->touched_how, cap))) {
			c->touched_oom = 1;
			return SQLITE_OK;
		}
		c->touched_how = h;
		c->cap_touched = cap;
	}
	if (!(c->touched[c->ntouched] = strdup(table))) {
		c->touched_oom = 1;
	} else {
		c->touched_how[c->ntouched] = how;
		c->ntouched++;
	}
	return SQLITE_OK;
}

static struct sqlite_conn *conn_of(dbt_conn *conn)
{
	return (struct sqlite_conn *)conn;
}

struct sqlite3 *dbt_sqlite_handle(dbt_conn *conn)
{
	return conn_of(conn)->db;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Moves past blanks and comments (SQLite's comments do not nest, and an
 * unterminated block comment runs to the end), counting newlines. */
static const char *skip_blanks(const char *p, int *line)
{
	for (;;) {
		if (is_space(*p)) {
			if (*p == '\n')
				(*line)++;
			p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			p += 2;
			while (*p && !(p[0] == '*' && p[1] == '/')) {
				if (*p == '\n')
					(*line)++;
				p++;
			}
			if (*p)
				p += 2;
		} else {
			return p;
		}
	}
}

static int count_newlines(const char *p, const char *end)
{
	int n = 0;

	for (; p < end; p++)
		n += *p == '\n';
	return n;
}

/* The length of the statement at `p` when SQLite could not prepare it:
 * up to the first semicolon that completes a statement (so a trigger body
 * stays whole), else the rest of the script. */
static size_t failed_stmt_len(const char *p)
{
	const char *semi = p;
	size_t total = strlen(p);

	while ((semi = strchr(semi, ';')) != NULL) {
		size_t len = (size_t)(semi - p) + 1;
		char *prefix = strndup(p, len);
		int complete;

		if (!prefix)
			return total;
		complete = sqlite3_complete(prefix);
		free(prefix);
		if (complete)
			return len;
		semi++;
	}
	return total;
}

/* Sets "[FILE:LINE: ]<sqlite message> (in: <statement start>)"; `file`
 * NULL leaves out the position. */
static int db_error(struct sqlite_conn *c, const char *file, int line, const char *stmt, size_t len)
{
	dbt_buf msg = DBT_BUF_INIT;
	int rc;

	c->last_code = sqlite3_errcode(c->db);
	while (len && (is_space(stmt[len - 1]) || stmt[len - 1] == ';'))
		len--;
	if (file)
		dbt_buf_printf(&msg, "%s:%d: ", file, line);
	dbt_dialect_excerpt(&msg, sqlite3_errmsg(c->db), strlen(sqlite3_errmsg(c->db)), 200);
	dbt_buf_puts(&msg, " (in: ");
	dbt_dialect_excerpt(&msg, stmt, len, EXCERPT_MAX);
	dbt_buf_putc(&msg, ')');
	if ((c->last_code & 0xff) == SQLITE_READONLY)
		dbt_buf_printf(&msg,
			       "; the database '%s' is read-only: check the file's permissions "
			       "and the url's mode parameter",
			       c->path);
	if (msg.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_error_set(DBT_EDB, "%s", msg.ptr);
	dbt_buf_release(&msg);
	return rc;
}

/*
 * Runs every statement of `sql`.  `file` NULL means a single statement
 * from the program itself, whose errors carry no position.
 */
static int run_sql(struct sqlite_conn *c, const char *sql, const char *file, int first_line)
{
	const char *p = sql, *tail = NULL;
	int line = first_line, rc = 0;

	for (;;) {
		sqlite3_stmt *stmt = NULL;
		int step;

		p = skip_blanks(p, &line);
		if (!*p)
			break;
		if (sqlite3_prepare_v2(c->db, p, -1, &stmt, &tail) != SQLITE_OK) {
			c->base.nqueries++;
			rc = db_error(c, file, line, p, failed_stmt_len(p));
			goto cleanup;
		}
		if (!stmt) {
			/* Nothing but a lone ';'. */
			if (tail == p)
				break;
			line += count_newlines(p, tail);
			p = tail;
			continue;
		}
		c->base.nqueries++;
		while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
			;
		if (step != SQLITE_DONE) {
			rc = db_error(c, file, line, p, (size_t)(tail - p));
			sqlite3_finalize(stmt);
			goto cleanup;
		}
		sqlite3_finalize(stmt);
		line += count_newlines(p, tail);
		p = tail;
	}
cleanup:
	return rc;
}

/*
 * The open flags the URL asks for: `?mode=ro|rw|rwc` as SQLite's own URIs
 * spell it (default rwc: read, write, create).  Any other parameter is an
 * error rather than silently ignored.
 */
static int open_flags(int *out, const dbt_url *url)
{
	size_t i;

	*out = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	for (i = 0; i < url->nparams; i++) {
		if (strcmp(url->keys[i], "mode"))
			return dbt_error_set(DBT_EPARSE,
					     "unknown parameter '%s' in sqlite url (the one known "
					     "is mode=ro|rw|rwc)",
					     url->keys[i]);
		if (!strcmp(url->values[i], "ro"))
			*out = SQLITE_OPEN_READONLY;
		else if (!strcmp(url->values[i], "rw"))
			*out = SQLITE_OPEN_READWRITE;
		else if (!strcmp(url->values[i], "rwc"))
			*out = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		else
			return dbt_error_set(DBT_EPARSE,
					     "sqlite url parameter mode is '%s' (expected ro, rw "
					     "or rwc)",
					     url->values[i]);
	}
	return 0;
}

static int open_conn(dbt_conn **out, const dbt_url *url, int readonly)
{
	const char *path = url->database ? url->database : ":memory:";
	struct sqlite_conn *c;
	int rc = 0, flags;

	*out = NULL;
	if ((rc = open_flags(&flags, url)) < 0)
		return rc;
	/* A reader never creates the file: a database that does not exist yet
	 * reads as an empty one. */
	if (readonly) {
		flags = SQLITE_OPEN_READONLY;
		if (url->database && access(url->database, F_OK) != 0)
			path = ":memory:";
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return dbt_error_oom();
	c->base.dialect = &dbt_dialect_sqlite;
	c->busy_ms = DEFAULT_BUSY_MS;
	c->path = strdup(url->database ? url->database : ":memory:");
	if (!c->path) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if (strcmp(path, ":memory:") == 0)
		flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	/* A connection serves one thread at a time (dbtool.h), and the
	 * struct around it holds state of its own that no lock guards: the
	 * mutex SQLite would take and release in every call it gets (a few
	 * million in a long upgrade, 1.3% of its instructions) guards
	 * nothing. */
	if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = dbt_error_set(DBT_ECONNECT, "cannot open sqlite database '%s': %s", c->path,
				   c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto cleanup;
	}
	/* SQLite opens a file it may not write read-only without a word;
	 * say so now rather than at the first statement of a revision. */
	if (!readonly && (flags & SQLITE_OPEN_READWRITE) &&
	    sqlite3_db_readonly(c->db, "main") == 1) {
		rc = dbt_error_set(DBT_ECONNECT,
				   "sqlite database '%s' is read-only: check the permissions of "
				   "the file "
				   "and its folder",
				   c->path);
		goto cleanup;
	}
	sqlite3_busy_timeout(c->db, c->busy_ms);
	sqlite3_set_authorizer(c->db, note_write, c);
	/* Reading the schema finds a file that is no database now rather
	 * than at the first migration. */
	if (run_sql(c, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema", NULL, 0) <
	    0) {
		rc = dbt_error_set(DBT_ECONNECT, "cannot open sqlite database '%s': %s", c->path,
				   sqlite3_errmsg(c->db));
		goto cleanup;
	}
	c->base.nqueries = 0;
	*out = &c->base;
	c = NULL;
cleanup:
	if (c) {
		sqlite3_close(c->db);
		free(c->path);
		touched_clear(c);
		free(c->touched);
		free(c->touched_how);
		free(c);
	}
	return rc;
}

static void close_conn(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);

	if (!c)
		return;
	sqlite3_close(c->db);
	free(c->path);
	fk_counts_free(c->fk_before, c->n_fk_before);
	touched_clear(c);
	free(c->touched);
	free(c->touched_how);
	refs_clear(c);
	free(c->refs);
	free(c);
}

static int exec_script(dbt_conn *conn, const char *sql, const char *file, int first_line)
{
	return run_sql(conn_of(conn), sql, file ? file : "(script)", first_line);
}

static int exec(dbt_conn *conn, const char *sql)
{
	return run_sql(conn_of(conn), sql, NULL, 0);
}

static int query_value(dbt_conn *conn, const char *sql, char **out)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	int rc = 0, step;

	*out = NULL;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, &tail) != SQLITE_OK) {
		c->base.nqueries++;
		return db_error(c, NULL, 0, sql, failed_stmt_len(sql));
	}
	if (!stmt)
		return dbt_error_set(DBT_ERROR, "no statement in query '%s'", sql);
	c->base.nqueries++;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(stmt, 0);

		if (v) {
			*out = strdup((const char *)v);
			if (!*out)
				rc = dbt_error_oom();
		} else if (sqlite3_errcode(c->db) == SQLITE_NOMEM) {
			rc = dbt_error_oom();
		}
	} else if (step != SQLITE_DONE) {
		rc = db_error(c, NULL, 0, sql, (size_t)(tail - sql));
	}
	sqlite3_finalize(stmt);
	return rc;
}

static int query_rows(dbt_conn *conn, const char *sql, dbt_row_fn fn, void *arg)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	const char **values = NULL;
	size_t i, ncols;
	int rc = 0, step;

	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, &tail) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, failed_stmt_len(sql));
	if (!stmt)
		return dbt_error_set(DBT_ERROR, "no statement in query '%s'", sql);
	ncols = (size_t)sqlite3_column_count(stmt);
	if (!(values = calloc(ncols ? ncols : 1, sizeof(*values)))) {
		sqlite3_finalize(stmt);
		return dbt_error_oom();
	}
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < ncols; i++) {
			values[i] = (const char *)sqlite3_column_text(stmt, (int)i);
			if (!values[i] && sqlite3_errcode(c->db) == SQLITE_NOMEM)
				rc = dbt_error_oom();
		}
		if (rc == 0)
			rc = fn(arg, ncols, values);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = db_error(c, NULL, 0, sql, (size_t)(tail - sql));
	free(values);
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * The rows that PRAGMA foreign_key_check reports, counted per table and
 * parent table, for the whole database (`table` NULL) or for the rows of
 * one table; appended to `*v` (`*n` entries).  A database can hold such
 * rows before dbtool ever runs (SQLite enforces foreign keys only where a
 * program turns them on), so a transaction is judged by the rows it adds,
 * not by those it found.  The pragma itself, its rows counted here: its
 * table function prepared the pragma inside a statement of its own, which
 * cost more than the check of a small table.
 */
static int fk_counts_add(struct sqlite_conn *c, struct fk_count **v, size_t *n, const char *table)
{
	dbt_buf sql = DBT_BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	size_t cap = *n, first = *n, i;
	const char *t, *parent;
	int rc = 0, step;

	/* The whole database's is counted at begin(), which allocates
	 * nothing for its text. */
	if (table) {
		dbt_buf_puts(&sql, "PRAGMA foreign_key_check(");
		dbt_literal_quote(&sql, table);
		dbt_buf_putc(&sql, ')');
		if (sql.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
	}
	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, table ? sql.ptr : "PRAGMA foreign_key_check", -1, &stmt,
			       NULL) != SQLITE_OK) {
		rc = dbt_error_set(DBT_EDB, "cannot check foreign keys: %s", sqlite3_errmsg(c->db));
		goto cleanup;
	}
	/* table, rowid, parent, fkid: a row per row without its parent. */
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(stmt, 0);
		parent = (const char *)sqlite3_column_text(stmt, 2);
		if (!t || !parent) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		for (i = first;
		     i < *n && (strcmp((*v)[i].table, t) || strcmp((*v)[i].parent, parent)); i++)
			;
		if (i < *n) {
			(*v)[i].n++;
			continue;
		}
		if (*n == cap) {
			struct fk_count *p = realloc(*v, (cap = cap ? 2 * cap : 8) * sizeof(**v));

			if (!p) {
				rc = dbt_error_oom();
				goto cleanup;
			}
			*v = p;
		}
		(*v)[*n].table = strdup(t);
		(*v)[*n].parent = strdup(parent);
		(*v)[*n].n = 1;
		(*n)++;
		if (!(*v)[*n - 1].table || !(*v)[*n - 1].parent) {
			rc = dbt_error_oom();
			goto cleanup;
		}
	}
	if (step != SQLITE_DONE)
		rc = dbt_error_set(DBT_EDB, "cannot check foreign keys: %s", sqlite3_errmsg(c->db));
cleanup:
	sqlite3_finalize(stmt);
	dbt_buf_release(&sql);
	return rc;
}

/* fk_counts_add() of the whole database into a new list. */
static int fk_counts(struct sqlite_conn *c, struct fk_count **out, size_t *n)
{
	int rc;

	*out = NULL;
	*n = 0;
	rc = fk_counts_add(c, out, n, NULL);
	if (rc < 0) {
		fk_counts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* PRAGMA data_version: it changes when another connection commits. */
static int data_version(struct sqlite_conn *c, sqlite3_int64 *out)
{
	sqlite3_stmt *stmt = NULL;
	int rc = DBT_EDB;

	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = 0;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/*
 * Foreign keys are off inside dbtool's transactions and checked as a whole
 * before COMMIT.  SQLite's documented way to change a table it cannot
 * ALTER (create the new table, copy, drop the old one, rename) needs
 * them off, and PRAGMA foreign_keys does nothing inside a transaction, so
 * it is switched here, around the transaction.  Nothing is given up:
 * PRAGMA foreign_key_check at commit refuses any row left without its
 * parent, and the transaction is then rolled back.  Rows that were
 * without their parent when the transaction began are counted here, so
 * that they stop no transaction that did not add to them.
 */
/*
 * Foreign keys enforced (`on`) or not, the setting PRAGMA foreign_keys
 * changes, set through the C interface: no statement to prepare twice a
 * transaction.  Only between transactions, where the pragma takes effect
 * too.
 */
static int enforce_foreign_keys(struct sqlite_conn *c, int on)
{
	int now = -1;

	if (sqlite3_db_config(c->db, SQLITE_DBCONFIG_ENABLE_FKEY, on, &now) != SQLITE_OK ||
	    now != on)
		return dbt_error_set(DBT_EDB, "cannot turn foreign keys %s: %s", on ? "on" : "off",
				     sqlite3_errmsg(c->db));
	return 0;
}

static int begin(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_int64 dv = 0;
	int have, rc = enforce_foreign_keys(c, 0);

	if (rc < 0)
		return rc;
	rc = run_sql(c, "BEGIN IMMEDIATE", NULL, 0);
	if (rc < 0) {
		int busy = (c->last_code & 0xff) == SQLITE_BUSY;
		char *msg = strdup(dbt_error_last());

		enforce_foreign_keys(c, 1);
		if (busy)
			rc = dbt_error_set(DBT_ELOCKED,
					   "waited too long for the lock (%gs): another process is "
					   "writing to '%s'",
					   c->busy_ms / 1000.0, c->path);
		else
			dbt_error_set(rc, "%s", msg ? msg : "cannot begin a transaction");
		free(msg);
		return rc;
	}
	/* The counts that the last transaction of this connection left hold
	 * while no other connection committed and nothing was written
	 * outside a transaction since (a revision marked '-- transaction:
	 * false'). */
	have = data_version(c, &dv) == 0;
	c->others_wrote = !have || !c->data_version_known || dv != c->data_version;
	c->data_version = dv;
	c->data_version_known = have;
	/* What the tables' REFERENCES clauses name holds while only this
	 * connection's transactions change the schema (see refs_update). */
	if (c->others_wrote || c->touched_oom || touched_reshaped(c))
		refs_clear(c);
	if (c->others_wrote || !c->fk_known || c->ntouched || c->touched_oom) {
		fk_counts_free(c->fk_before, c->n_fk_before);
		c->fk_before = NULL;
		c->n_fk_before = 0;
		c->fk_known = 0;
		/* A schema the check cannot run on ("foreign key mismatch")
		 * fails at commit, as before; a transaction that only reads
		 * is not stopped. */
		if (fk_counts(c, &c->fk_before, &c->n_fk_before) < 0)
			dbt_error_clear();
		else
			c->fk_known = 1;
	}
	touched_clear(c);
	return 0;
}

/* Inside a transaction: whether another connection may have committed
 * since this connection's previous transaction (see begin()). */
static int written_by_others(dbt_conn *conn)
{
	return conn_of(conn)->others_wrote;
}

/*
 * SQLite keeps the parsed schema of every table and index for the life of
 * the connection, as large as a reflection of it: PRAGMA writable_schema =
 * RESET discards it (the next statement that needs it reads it again, as
 * SQLite documents the pragma; writable_schema stays off, as dbtool leaves
 * it), then sqlite3_db_release_memory frees the unused pages of the page
 * cache.  No statement is counted: the pragma reads nothing.
 */
static void release_memory(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);

	if (!sqlite3_get_autocommit(c->db))
		return;
	sqlite3_exec(c->db, "PRAGMA writable_schema = RESET", NULL, NULL, NULL);
	sqlite3_db_release_memory(c->db);
}

/* The first row of `table` that lacks its parent in `parent`, as an error;
 * `before` such rows were there when the transaction began, `after` now. */
static int fk_violation(struct sqlite_conn *c, const char *table, const char *parent,
			long long before, long long after)
{
	static const char sql[] = "SELECT rowid FROM pragma_foreign_key_check "
				  "WHERE \"table\" = ?1 AND parent = ?2 LIMIT 1";
	sqlite3_stmt *stmt = NULL;
	long long rowid = 0;
	dbt_buf msg = DBT_BUF_INIT;
	int rc;

	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_bind_text(stmt, 2, parent, -1, SQLITE_STATIC) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		rowid = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (!before)
		dbt_buf_printf(&msg,
			       "foreign key violation: row %lld of table '%s' references a row of "
			       "'%s' that does not exist",
			       rowid, table, parent);
	else
		dbt_buf_printf(&msg,
			       "foreign key violation: %lld rows of table '%s' reference rows of "
			       "'%s' "
			       "that do not exist, %lld more than when the transaction began (row "
			       "%lld is one of them)",
			       after, table, parent, after - before, rowid);
	rc = msg.oom ? dbt_error_oom() : dbt_error_set(DBT_EDB, "%s", msg.ptr);
	dbt_buf_release(&msg);
	return rc;
}

/* The count of `table` and `parent` in `v`, 0 when it has none. */
static long long fk_count_of(const struct fk_count *v, size_t n, const char *table,
			     const char *parent)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].table, table) && !strcmp(v[i].parent, parent))
			return v[i].n;
	return 0;
}

static int is_ident_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '$' || ch >= 0x80;
}

/*
 * The name that a REFERENCES clause names, at `q` (just past the word):
 * bare or quoted ("", ``, [], ''), into a new string at `*out`; `*out`
 * NULL when it cannot be read so (a comment, a quote doubled inside the
 * name, nothing), which stands for any table.  SQLite keeps the text as
 * written, and rewrites it when a parent is renamed.
 */
static int reference_name(char **out, const char *q)
{
	const char *end;
	char close;

	*out = NULL;
	while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
		q++;
	if (*q == '"' || *q == '`' || *q == '[' || *q == '\'') {
		close = *q == '[' ? ']' : *q;
		if (!(end = strchr(++q, close)) || end[1] == close)
			return 0;
	} else {
		for (end = q; is_ident_char((unsigned char)*end); end++)
			;
	}
	if (end == q)
		return 0;
	return (*out = strndup(q, (size_t)(end - q))) ? 0 : dbt_error_oom();
}

/* Appends to c->refs an entry for each REFERENCES clause of the CREATE
 * TABLE text `sql` of `table` (ASCII case ignored, as SQLite reads it; a
 * word REFERENCES in a string or a comment counts too). */
static int refs_add(struct sqlite_conn *c, const char *table, const char *sql)
{
	const char *p;
	struct fk_ref *r;
	int rc;

	for (p = sql; *p; p++) {
		if ((*p | 0x20) != 'r' || sqlite3_strnicmp(p, "references", 10) ||
		    (p > sql && is_ident_char((unsigned char)p[-1])) ||
		    is_ident_char((unsigned char)p[10]))
			continue;
		if (c->nrefs == c->cap_refs) {
			size_t cap = c->cap_refs ? 2 * c->cap_refs : 16;

			if (!(r = realloc(c->refs, cap * sizeof(*r))))
				return dbt_error_oom();
			c->refs = r;
			c->cap_refs = cap;
		}
		r = &c->refs[c->nrefs];
		if ((rc = reference_name(&r->parent, p + 10)) < 0)
			return rc;
		if (!(r->table = strdup(table))) {
			free(r->parent);
			return dbt_error_oom();
		}
		r->table_hash = name_hash(table);
		r->parent_hash = r->parent ? name_hash(r->parent) : 0;
		c->nrefs++;
	}
	return 0;
}
/* Takes the entries of `table` out of c->refs, keeping the others in
 * their order. */
static void refs_drop(struct sqlite_conn *c, const char *table)
{
	size_t i, k = 0;

	for (i = 0; i < c->nrefs; i++) {
		if (!sqlite3_stricmp(c->refs[i].table, table)) {
			free(c->refs[i].table);
			free(c->refs[i].parent);
		} else {
			c->refs[k++] = c->refs[i];
		}
	}
	c->nrefs = k;
}

/* c->refs from the text of every table of the schema. */
static int refs_build(struct sqlite_conn *c)
{
	static const char sql[] = "SELECT name, sql FROM sqlite_schema WHERE type = 'table'";
	sqlite3_stmt *stmt = NULL;
	int rc = 0, step;

	refs_clear(c);
	c->schema_edited = 0;
	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return dbt_error_set(DBT_EDB, "cannot check foreign keys: %s",
				     sqlite3_errmsg(c->db));
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		const char *text = (const char *)sqlite3_column_text(stmt, 1);

		if (name && text)
			rc = refs_add(c, name, text);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = dbt_error_set(DBT_EDB, "cannot check foreign keys: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(stmt);
	if (rc == 0)
		c->refs_known = 1;
	return rc;
}

/*
 * Appends to c->refs an entry for each foreign key of main's `table`, as
 * SQLite holds them (parsed from the same text, so by the same names;
 * none when there is no such table).  The pragma itself, not its table
 * function: that costs a statement more to prepare.
 */
static int refs_add_parsed(struct sqlite_conn *c, const char *table)
{
	dbt_buf sql = DBT_BUF_INIT;
	sqlite3_stmt *stmt = NULL;
	struct fk_ref *r;
	const char *parent;
	int rc = 0, step;

	dbt_buf_puts(&sql, "PRAGMA main.foreign_key_list(");
	dbt_literal_quote(&sql, table);
	dbt_buf_putc(&sql, ')');
	if (sql.oom)
		return dbt_error_oom();
	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql.ptr, -1, &stmt, NULL) != SQLITE_OK) {
		rc = dbt_error_set(DBT_EDB, "cannot check foreign keys: %s", sqlite3_errmsg(c->db));
		goto cleanup;
	}
	/* id, seq, table, from, to, ...: a row per column of each key. */
	while (rc == 0 && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (!(parent = (const char *)sqlite3_column_text(stmt, 2))) {
			rc = dbt_error_oom();
			break;
		}
		if (c->nrefs == c->cap_refs) {
			size_t cap = c->cap_refs ? 2 * c->cap_refs : 16;

			if (!(r = realloc(c->refs, cap * sizeof(*r)))) {
				rc = dbt_error_oom();
				break;
			}
			c->refs = r;
			c->cap_refs = cap;
		}
		r = &c->refs[c->nrefs];
		if (!(r->table = strdup(table)) || !(r->parent = strdup(parent))) {
			free(r->table);
			rc = dbt_error_oom();
			break;
		}
		r->table_hash = name_hash(table);
		r->parent_hash = name_hash(parent);
		c->nrefs++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = dbt_error_set(DBT_EDB, "cannot check foreign keys: %s", sqlite3_errmsg(c->db));
cleanup:
	sqlite3_finalize(stmt);
	dbt_buf_release(&sql);
	return rc;
}

/* Whether main has a table `name`, as SQLite holds the schema. */
static int table_in_main(struct sqlite_conn *c, const char *name)
{
	return sqlite3_table_column_metadata(c->db, "main", name, NULL, NULL, NULL, NULL, NULL,
					     NULL) == SQLITE_OK;
}

/*
 * Brings c->refs up to the schema as this transaction leaves it.  Only
 * the statements noted by the authorizer change a table's definition here
 * (another connection's commit, or a change outside a transaction, made
 * begin() forget the list): the foreign keys of the tables created,
 * dropped or altered are read again, each on its own, from the schema
 * SQLite holds.  Renaming a table rewrites the REFERENCES clauses of the
 * others, under a name that nothing noted: so a table altered that is
 * gone, or that was also created (another one renamed to its name), has
 * the whole schema read again, as does PRAGMA writable_schema and a list
 * not known yet.  On failure the list is forgotten.
 */
static int refs_update(struct sqlite_conn *c)
{
	size_t i;
	int rc = 0;

	if (!c->refs_known || c->schema_edited)
		return refs_build(c);
	c->refs_known = 0;
	for (i = 0; i < c->ntouched && rc == 0; i++) {
		unsigned how = c->touched_how[i];

		if (!how)
			continue;
		if ((how & TOUCH_ALTERED) &&
		    ((how & TOUCH_CREATED) || !table_in_main(c, c->touched[i])))
			break;
		refs_drop(c, c->touched[i]);
		rc = refs_add_parsed(c, c->touched[i]);
	}
	if (rc < 0)
		return rc;
	if (i < c->ntouched)
		return refs_build(c);
	c->refs_known = 1;
	return 0;
}

/*
 * The tables whose rows a transaction that touched the tables in
 * c->touched may have left without their parent: those of them that have
 * foreign keys, and every table with a foreign key that may name one of
 * them (rows of a parent deleted, or the parent dropped or rebuilt), as
 * c->refs lists them.  Each name once, in
 * `*out` (`*n`): the caller frees the array, not the names, which are
 * c->refs's.
 */
/* Whether `name`, whose name_hash() is `h`, is one of c->touched, whose
 * hashes are `hashes`. */
static int hashed_in(const struct sqlite_conn *c, const unsigned *hashes, const char *name,
		     unsigned h)
{
	size_t i;

	for (i = 0; i < c->ntouched; i++)
		if (hashes[i] == h && !sqlite3_stricmp(c->touched[i], name))
			return 1;
	return 0;
}

static int fk_tables(struct sqlite_conn *c, const char ***out, size_t *n)
{
	const struct fk_ref *r;
	const char **v = NULL;
	unsigned *hashes = NULL, last = 0;
	size_t i, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = refs_update(c)) < 0)
		return rc;
	if (!(hashes = malloc((c->ntouched ? c->ntouched : 1) * sizeof(*hashes))))
		return dbt_error_oom();
	for (i = 0; i < c->ntouched; i++)
		hashes[i] = name_hash(c->touched[i]);
	for (i = 0; i < c->nrefs; i++) {
		r = &c->refs[i];
		/* A table's keys are next to each other. */
		if (*n && r->table_hash == last && !sqlite3_stricmp(v[*n - 1], r->table))
			continue;
		if (r->parent && !hashed_in(c, hashes, r->parent, r->parent_hash) &&
		    !hashed_in(c, hashes, r->table, r->table_hash))
			continue;
		if (*n == cap) {
			const char **p = realloc(v, (cap = cap ? 2 * cap : 8) * sizeof(*v));

			if (!p) {
				free(v);
				free(hashes);
				return dbt_error_oom();
			}
			v = p;
		}
		v[(*n)++] = r->table;
		last = r->table_hash;
	}
	free(hashes);
	*out = v;
	return 0;
}

/*
 * The counts after the transaction into `*after`: for the whole database
 * when the counts at begin() are not known, else only for the tables
 * fk_tables() names, the other tables' counts carried over from begin():
 * the transaction did not change their rows nor their parents.
 */
static int fk_counts_after(struct sqlite_conn *c, struct fk_count **after, size_t *n)
{
	const struct fk_count *b;
	const char **tables = NULL;
	size_t ntables = 0, i, k, cap = 0;
	int rc;

	*after = NULL;
	*n = 0;
	/* A table the authorizer could not note may hold the rows that
	 * matter: out of memory is an error, as everywhere, and the
	 * transaction is rolled back. */
	if (c->touched_oom)
		return dbt_error_oom();
	if (!c->fk_known) {
		/* Nothing reads the list: the next check builds it again. */
		refs_clear(c);
		return fk_counts(c, after, n);
	}
	if ((rc = fk_tables(c, &tables, &ntables)) < 0)
		goto cleanup;
	for (i = 0; i < c->n_fk_before && rc == 0; i++) {
		b = &c->fk_before[i];
		for (k = 0; k < ntables && sqlite3_stricmp(tables[k], b->table); k++)
			;
		if (k < ntables || touched_has(c, b->table))
			continue;
		if (*n == cap) {
			struct fk_count *p =
				realloc(*after, (cap = cap ? 2 * cap : 8) * sizeof(*p));

			if (!p) {
				rc = dbt_error_oom();
				break;
			}
			*after = p;
		}
		(*after)[*n].table = strdup(b->table);
		(*after)[*n].parent = strdup(b->parent);
		(*after)[*n].n = b->n;
		(*n)++;
		if (!(*after)[*n - 1].table || !(*after)[*n - 1].parent)
			rc = dbt_error_oom();
	}
	for (k = 0; k < ntables && rc == 0; k++)
		rc = fk_counts_add(c, after, n, tables[k]);
cleanup:
	free(tables);
	if (rc < 0) {
		fk_counts_free(*after, *n);
		*after = NULL;
		*n = 0;
	}
	return rc;
}

/* Fails when the transaction left more rows without their parent, for
 * some table and parent table, than there were when it began; otherwise
 * `*after` (`*n`) holds the counts now, for the next transaction. */
static int check_foreign_keys(struct sqlite_conn *c, struct fk_count **after, size_t *n)
{
	size_t i;
	int rc = fk_counts_after(c, after, n);

	for (i = 0; rc == 0 && i < *n; i++) {
		long long before = fk_count_of(c->fk_before, c->n_fk_before, (*after)[i].table,
					       (*after)[i].parent);

		if ((*after)[i].n > before)
			rc = fk_violation(c, (*after)[i].table, (*after)[i].parent, before,
					  (*after)[i].n);
	}
	if (rc < 0) {
		fk_counts_free(*after, *n);
		*after = NULL;
		*n = 0;
	}
	return rc;
}

/* Every trigger and view, in the order they were created (sqlite_schema's
 * rowid order). */
static int read_kept(dbt_sql_objects *out, dbt_conn *conn)
{
	static const char sql[] =
		"SELECT type, name, tbl_name, sql FROM sqlite_schema "
		"WHERE type IN ('trigger', 'view') AND sql IS NOT NULL ORDER BY rowid";
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	int rc = 0, step;

	out->v = NULL;
	out->n = 0;
	c->base.nqueries++;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return dbt_error_set(DBT_EDB, "cannot read the triggers and views: %s",
				     sqlite3_errmsg(c->db));
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		dbt_sql_object *o;
		int i;

		if (out->n == cap) {
			dbt_sql_object *v = realloc(out->v, (cap = cap ? 2 * cap : 8) * sizeof(*v));

			if (!v) {
				rc = dbt_error_oom();
				break;
			}
			out->v = v;
		}
		o = &out->v[out->n++];
		memset(o, 0, sizeof(*o));
		for (i = 0; i < 4; i++) {
			const char *t = (const char *)sqlite3_column_text(stmt, i);
			char *copy = strdup(t ? t : "");
			size_t len;

			if (!copy) {
				rc = dbt_error_oom();
				break;
			}
			if (i == 3) {
				/* Without the final ';' (sqlite_schema keeps none, but an
				 * edited schema might) and trailing blanks. */
				for (len = strlen(copy); len && strchr(" \t\r\n;", copy[len - 1]);)
					copy[--len] = '\0';
			}
			*(i == 0   ? &o->type
			  : i == 1 ? &o->name
			  : i == 2 ? &o->table
				   : &o->sql) = copy;
		}
		if (rc < 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = dbt_error_set(DBT_EDB, "cannot read the triggers and views: %s",
				   sqlite3_errmsg(c->db));
	sqlite3_finalize(stmt);
	if (rc < 0)
		dbt_sql_objects_release(out);
	return rc;
}

/*
 * The same in an offline script, which sqlite3 runs: foreign keys off
 * around each transaction, and before its COMMIT the rows that PRAGMA
 * foreign_key_check lists (printed for the reader), counted into a
 * temporary table whose CHECK refuses any count but 0.  INSERT OR ROLLBACK
 * then rolls the transaction back, and `sqlite3 -bail` stops there.
 */
#define FK_CHECK_TABLE "dbtool_foreign_key_check"
/* clang-format off */
#define SCRIPT_START                                                                              \
	"CREATE TEMP TABLE IF NOT EXISTS " FK_CHECK_TABLE " (violations INTEGER CONSTRAINT "       \
	"\"foreign key violation: see PRAGMA foreign_key_check\" CHECK (violations = 0));\n"
#define SCRIPT_BEFORE_COMMIT                                                                      \
	"PRAGMA foreign_key_check;\n"                                                             \
	"INSERT OR ROLLBACK INTO temp." FK_CHECK_TABLE " SELECT count(*) FROM "                    \
	"pragma_foreign_key_check;\n"
/* clang-format on */

/*
 * The counts checked before COMMIT are those the next transaction starts
 * from, unless another connection commits in between (begin() sees it in
 * PRAGMA data_version, which this connection's own commits do not change).
 */
static int commit(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	struct fk_count *after = NULL;
	size_t n = 0;
	int rc = check_foreign_keys(c, &after, &n);

	/* The list of foreign keys may hold what is rolled back. */
	if (rc < 0) {
		refs_clear(c);
		return rc;
	}
	if ((rc = run_sql(c, "COMMIT", NULL, 0)) < 0) {
		refs_clear(c);
		fk_counts_free(after, n);
		return rc;
	}
	fk_counts_free(c->fk_before, c->n_fk_before);
	c->fk_before = after;
	c->n_fk_before = n;
	c->fk_known = 1;
	touched_clear(c);
	return enforce_foreign_keys(c, 1);
}

static int rollback(dbt_conn *conn)
{
	struct sqlite_conn *c = conn_of(conn);
	int rc = 0;

	/* SQLite may already have rolled back on its own (after a full disk,
	 * for example); a second ROLLBACK would only be an error. */
	if (sqlite3_get_autocommit(c->db))
		return 0;
	rc = run_sql(c, "ROLLBACK", NULL, 0);
	enforce_foreign_keys(c, 1);
	/* The rows are as they were at begin(), and so are their counts. */
	if (rc == 0)
		touched_clear(c);
	return rc;
}

static int lock(dbt_conn *conn, int timeout_ms)
{
	struct sqlite_conn *c = conn_of(conn);

	c->busy_ms = timeout_ms > 0 ? timeout_ms : 0;
	sqlite3_busy_timeout(c->db, c->busy_ms);
	return 0;
}

static int unlock(dbt_conn *conn)
{
	(void)conn;
	return 0;
}

/*
 * The statement lock timeout does not apply: the write lock is taken once,
 * by begin() (BEGIN IMMEDIATE, waiting the migration lock timeout), and
 * held to the commit, so no statement in between waits for one.
 */
static int set_lock_timeout(dbt_conn *conn, int ms)
{
	(void)conn;
	(void)ms;
	return 0;
}

/* Pragmas are the session state of SQLite; begin() sets the ones a
 * migration depends on for each transaction. */
static int reset_session(dbt_conn *conn)
{
	(void)conn;
	return 0;
}

/* A database file has one namespace for tables: `schema` means nothing. */
static int table_exists(dbt_conn *conn, const char *schema, const char *name, int *out)
{
	static const char sql[] =
		"SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1 COLLATE NOCASE";
	struct sqlite_conn *c = conn_of(conn);
	sqlite3_stmt *stmt = NULL;
	int rc = 0, step;

	(void)schema;
	*out = 0;
	if (sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return db_error(c, NULL, 0, sql, strlen(sql));
	if (sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC) != SQLITE_OK) {
		rc = db_error(c, NULL, 0, sql, strlen(sql));
		goto cleanup;
	}
	c->base.nqueries++;
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW)
		*out = 1;
	else if (step != SQLITE_DONE)
		rc = db_error(c, NULL, 0, sql, strlen(sql));
cleanup:
	sqlite3_finalize(stmt);
	return rc;
}

/* Bare when [a-z_][a-z0-9_]* and no keyword, so that rendered SQL reads
 * like hand-written SQL and still means exactly `name`. */
static int needs_quotes(const char *name)
{
	if (!dbt_ident_is_plain(name))
		return 1;
	return sqlite3_keyword_check(name, (int)strlen(name)) != 0;
}

static void quote_ident(dbt_buf *out, const char *name)
{
	if (needs_quotes(name))
		dbt_ident_quote(out, name);
	else
		dbt_buf_puts(out, name);
}

static void quote_literal(dbt_buf *out, const char *value)
{
	dbt_literal_quote(out, value);
}

const struct dbt_dialect dbt_dialect_sqlite = {
	.name = "sqlite",
	.kind = DBT_DIALECT_SQLITE,
	.title = "SQLite",
	.a_title = "an SQLite",
	.memory_url = "sqlite://",
	.open = open_conn,
	.close = close_conn,
	.exec_script = exec_script,
	.split_script = dbt_sql_split,
	.is_tx_control = dbt_txcontrol_words,
	.exec = exec,
	.query_value = query_value,
	.query_rows = query_rows,
	.begin = begin,
	.commit = commit,
	.written_by_others = written_by_others,
	.rollback = rollback,
	.lock = lock,
	.unlock = unlock,
	.set_lock_timeout = set_lock_timeout,
	.reset_session = reset_session,
	.table_exists = table_exists,
	.reflect = dbt_sqlite_reflect,
	.release_memory = release_memory,
	.quote_ident = quote_ident,
	.quote_literal = quote_literal,
	.read_kept = read_kept,
	.script_start = SCRIPT_START,
	.script_before_begin = "PRAGMA foreign_keys = OFF;\n",
	.script_before_commit = SCRIPT_BEFORE_COMMIT,
	.script_after_commit = "PRAGMA foreign_keys = ON;\n",
	.scratch_open = dbt_sqlite_scratch_open,
	.scratch_close = dbt_sqlite_scratch_close,
	.caps = DBT_CAP_TRANSACTIONAL_DDL | DBT_CAP_TRIGGER_BODY | DBT_CAP_FK_FORWARD_REFS |
		DBT_CAP_FILE | DBT_CAP_NOCASE_NAMES | DBT_CAP_NOCASE_COLUMNS |
		DBT_CAP_VIEWS_AS_WRITTEN,
	.default_schema = "main",
	.any_object_sql = "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' LIMIT 1",
	.now_sql = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
	.insert_or_replace = "INSERT OR REPLACE INTO",
	.render_op = dbt_sqlite_render_op,
	.render_ops = dbt_sqlite_render_ops,
	.adapt = dbt_sqlite_adapt,
	.autoincrement = dbt_sqlite_autoincrement,
	.autoincrement_is = dbt_sqlite_autoincrement_is,
	.drop_tables = dbt_sqlite_drop_tables,
	.put_column_type = dbt_sqlite_put_column_type,
	.put_column_end = dbt_sqlite_put_column_end,
	.put_table_options = dbt_sqlite_put_table_options,
	.bare_collations = dbt_sqlite_bare_collations,
};
