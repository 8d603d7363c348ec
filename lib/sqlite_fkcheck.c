/*
 * sqlite_fkcheck.c - the foreign-key check at COMMIT of the SQLite
 * dialect's transactions (see sqlite_fkcheck.h): which tables a
 * transaction touched (the authorizer), which tables' foreign keys name
 * them (a list of the schema's foreign keys kept between transactions),
 * and the rows without their parent counted there, before and after.
 */
#include "sqlite_fkcheck.h"

#include "buf.h"
#include "error.h"
#include "ident.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

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

static void fk_counts_free(struct fk_count *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].table);
		free(v[i].parent);
	}
	free(v);
}

static void touched_clear(struct sqlite_fk *c)
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

static void refs_clear(struct sqlite_fk *c)
{
	while (c->nrefs) {
		c->nrefs--;
		free(c->refs[c->nrefs].table);
		free(c->refs[c->nrefs].parent);
	}
	c->refs_known = 0;
}

/* 1 + the index of `table` in c->touched, 0 when it is not there. */
static size_t touched_at(const struct sqlite_fk *c, const char *table)
{
	size_t i;

	for (i = c->ntouched; i-- > 0;)
		if (!sqlite3_stricmp(c->touched[i], table))
			return i + 1;
	return 0;
}

static int touched_has(const struct sqlite_fk *c, const char *table)
{
	return touched_at(c, table) != 0;
}

/* Whether a table's definition changed since the last begin(). */
static int touched_reshaped(const struct sqlite_fk *c)
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
	struct sqlite_fk *c = arg;
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
static int fk_counts_add(struct sqlite_fk *c, struct fk_count **v, size_t *n, const char *table)
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
	(*c->nqueries)++;
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
static int fk_counts(struct sqlite_fk *c, struct fk_count **out, size_t *n)
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

/* The first row of `table` that lacks its parent in `parent`, as an error;
 * `before` such rows were there when the transaction began, `after` now. */
static int fk_violation(struct sqlite_fk *c, const char *table, const char *parent,
			long long before, long long after)
{
	static const char sql[] = "SELECT rowid FROM pragma_foreign_key_check "
				  "WHERE \"table\" = ?1 AND parent = ?2 LIMIT 1";
	sqlite3_stmt *stmt = NULL;
	long long rowid = 0;
	dbt_buf msg = DBT_BUF_INIT;
	int rc;

	(*c->nqueries)++;
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
static int refs_add(struct sqlite_fk *c, const char *table, const char *sql)
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
static void refs_drop(struct sqlite_fk *c, const char *table)
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
static int refs_build(struct sqlite_fk *c)
{
	static const char sql[] = "SELECT name, sql FROM sqlite_schema WHERE type = 'table'";
	sqlite3_stmt *stmt = NULL;
	int rc = 0, step;

	refs_clear(c);
	c->schema_edited = 0;
	(*c->nqueries)++;
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
static int refs_add_parsed(struct sqlite_fk *c, const char *table)
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
	(*c->nqueries)++;
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
static int table_in_main(struct sqlite_fk *c, const char *name)
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
static int refs_update(struct sqlite_fk *c)
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
static int hashed_in(const struct sqlite_fk *c, const unsigned *hashes, const char *name,
		     unsigned h)
{
	size_t i;

	for (i = 0; i < c->ntouched; i++)
		if (hashes[i] == h && !sqlite3_stricmp(c->touched[i], name))
			return 1;
	return 0;
}

static int fk_tables(struct sqlite_fk *c, const char ***out, size_t *n)
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
static int fk_counts_after(struct sqlite_fk *c, struct fk_count **after, size_t *n)
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
static int check_foreign_keys(struct sqlite_fk *c, struct fk_count **after, size_t *n)
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

void dbt_sqlite_fk_init(struct sqlite_fk *f, sqlite3 *db, unsigned long *nqueries)
{
	memset(f, 0, sizeof(*f));
	f->db = db;
	f->nqueries = nqueries;
}

void dbt_sqlite_fk_release(struct sqlite_fk *f)
{
	fk_counts_free(f->fk_before, f->n_fk_before);
	fk_counts_free(f->fk_after, f->n_fk_after);
	touched_clear(f);
	free(f->touched);
	free(f->touched_how);
	refs_clear(f);
	free(f->refs);
	memset(f, 0, sizeof(*f));
}

int dbt_sqlite_fk_note(void *f, int action, const char *a1, const char *a2, const char *db,
		       const char *trigger)
{
	return note_write(f, action, a1, a2, db, trigger);
}

void dbt_sqlite_fk_begun(struct sqlite_fk *c, int others_wrote)
{
	/* What the tables' foreign keys name holds while only this
	 * connection's transactions change the schema (see refs_update). */
	if (others_wrote || c->touched_oom || touched_reshaped(c))
		refs_clear(c);
	if (others_wrote || !c->fk_known || c->ntouched || c->touched_oom) {
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
}

int dbt_sqlite_fk_check(struct sqlite_fk *c)
{
	fk_counts_free(c->fk_after, c->n_fk_after);
	c->fk_after = NULL;
	c->n_fk_after = 0;
	return check_foreign_keys(c, &c->fk_after, &c->n_fk_after);
}

/* The counts checked before COMMIT are those the next transaction starts
 * from, unless another connection commits in between. */
void dbt_sqlite_fk_committed(struct sqlite_fk *c)
{
	fk_counts_free(c->fk_before, c->n_fk_before);
	c->fk_before = c->fk_after;
	c->n_fk_before = c->n_fk_after;
	c->fk_after = NULL;
	c->n_fk_after = 0;
	c->fk_known = 1;
	touched_clear(c);
}

/* The list of foreign keys may hold what is rolled back. */
void dbt_sqlite_fk_failed(struct sqlite_fk *c)
{
	refs_clear(c);
	fk_counts_free(c->fk_after, c->n_fk_after);
	c->fk_after = NULL;
	c->n_fk_after = 0;
}

void dbt_sqlite_fk_rolled_back(struct sqlite_fk *c)
{
	touched_clear(c);
}
