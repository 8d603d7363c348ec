/*
 * render_sqlite.c - the SQLite entries of rendering (render.h,
 * dialect.h): whatever SQLite's ALTER TABLE cannot do becomes the table
 * rebuild that SQLite's documentation prescribes, one per table, planned
 * over the whole list of ops (plan_build) and written by emit_rebuild,
 * keeping the triggers and views the rebuild would lose.  The adaptation
 * of a model to what SQLite stores is render_sqlite_adapt.c's.  What
 * every dialect writes alike is render.c's.
 */
#include "dialect.h"
#include "error.h"
#include "ident.h"
#include "render.h"
#include "render_int.h"
#include "render_sqlite.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct dbt_dialect *const lite = &dbt_dialect_sqlite;

static void ident(dbt_buf *out, const char *name)
{
	lite->quote_ident(out, name);
}

/* One op alone cannot be a rebuild: which ops a rebuild covers, and
 * where it goes, depend on the whole list (dbt_render_ops). */
static const char *const rebuild_msg =
	"SQLite needs a table rebuild for this, which is rendered only for a whole list of "
	"operations";

int sqlite_autoinc_error(const dbt_table *t, const dbt_column *c)
{
	char at[32] = "";

	/* A model's column says where it is; a reflected one cannot. */
	if (c->line > 0)
		snprintf(at, sizeof(at), "%d:%d: ", c->line, c->col);
	return dbt_error_set(DBT_EPARSE,
			     "%scolumn '%s.%s' is %s, but SQLite generates values only for an "
			     "INTEGER "
			     "PRIMARY KEY column",
			     at, t->name, c->name, dbt_render_generator_name(c));
}

/* 1 when SQLite reads `text` as a type name bare: words, then at most
 * one parenthesised list of signed numbers. */
static int sqlite_bare_type(const char *text)
{
	const char *p = text;

	while (*p && *p != '(') {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == ' '))
			return 0;
		p++;
	}
	if (!*p)
		return 1;
	for (p++; *p && *p != ')'; p++)
		if (!((*p >= '0' && *p <= '9') || *p == ',' || *p == '-' || *p == '+' || *p == '.'))
			return 0;
	return *p == ')' && p[1] == '\0';
}

static int needs_rebuild(const dbt_op *op)
{
	dbt_buf line = DBT_BUF_INIT;
	int rc;

	dbt_op_describe(&line, op);
	if (line.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_error_set(DBT_ERROR, "%s: %s", dbt_buf_str(&line), rebuild_msg);
	dbt_buf_release(&line);
	return rc;
}

/* Of the op's two tables, the one that holds the column `c` itself: an
 * inverse op may point at the table of either schema, and only one of
 * them has the column. */
static const dbt_table *table_with(const dbt_op *op, const dbt_column *c)
{
	const dbt_table *cand[2] = {op->table, op->old_table};
	size_t i, k;

	for (i = 0; i < 2; i++)
		for (k = 0; cand[i] && k < cand[i]->ncolumns; k++)
			if (cand[i]->columns[k] == c)
				return cand[i];
	return op->table ? op->table : op->old_table;
}

/* SQLite's ALTER TABLE ADD COLUMN takes no key, and needs a constant
 * default: a NOT NULL column needs one that is not NULL. */
static int sqlite_can_add(const dbt_op *op)
{
	const dbt_table *t = table_with(op, op->column);
	const dbt_column *c = op->column;
	size_t i;

	if (c->autoincrement ||
	    (t->pk && dbt_render_in_list(t->pk->columns, t->pk->ncolumns, c->name)))
		return 0;
	for (i = 0; i < t->nuniques; i++)
		if (dbt_render_in_list(t->uniques[i]->columns, t->uniques[i]->ncolumns, c->name))
			return 0;
	/* SQLite adds a STORED column only to an empty table. */
	if (c->generated_expr && c->generated_stored)
		return 0;
	if (c->default_expr)
		return dbt_render_classify_default(c->default_expr) == DBT_DEFAULT_CONSTANT;
	return !c->not_null;
}

/* SQLite's ALTER TABLE DROP COLUMN refuses a column that a key,
 * foreign key or check uses.  Indexes live outside the table: SQLite
 * itself refuses to drop a column one of them uses. */
static int sqlite_can_drop(const dbt_op *op)
{
	const dbt_table *t = table_with(op, op->old_column);
	const char *name = op->old_column->name;
	size_t i;

	if (t->pk && dbt_render_in_list(t->pk->columns, t->pk->ncolumns, name))
		return 0;
	for (i = 0; i < t->nuniques; i++)
		if (dbt_render_in_list(t->uniques[i]->columns, t->uniques[i]->ncolumns, name))
			return 0;
	for (i = 0; i < t->nfks; i++)
		if (dbt_render_in_list(t->fks[i]->columns, t->fks[i]->ncolumns, name))
			return 0;
	for (i = 0; i < t->nchecks; i++)
		if (dbt_render_expr_mentions(t->checks[i]->expr, name))
			return 0;
	/* Nor a STORED generated column, nor one a generated column uses. */
	if (op->old_column->generated_expr && op->old_column->generated_stored)
		return 0;
	for (i = 0; i < t->ncolumns; i++)
		if (t->columns[i]->generated_expr && t->columns[i] != op->old_column &&
		    dbt_render_expr_mentions(t->columns[i]->generated_expr, name))
			return 0;
	return 1;
}

int dbt_sqlite_render_op(dbt_buf *out, const dbt_op *op)
{
	int rc;

	if (op->kind == DBT_OP_ADD_COLUMN && !sqlite_can_add(op))
		return needs_rebuild(op);
	if (op->kind == DBT_OP_DROP_COLUMN && !sqlite_can_drop(op))
		return needs_rebuild(op);
	rc = dbt_render_common(out, lite, op);
	return rc == 1 ? needs_rebuild(op) : rc;
}

#define NONE ((size_t)-1)

/* Where the list says to build new tables before they replace old ones. */
#define REBUILD_PREFIX "_dbtool_new_"

/*
 * 1 when SQLite can do the op only by rebuilding its table: every change
 * of a column or a constraint, an ADD COLUMN that ALTER TABLE refuses
 * (sqlite_can_add) and a DROP COLUMN that it refuses (sqlite_can_drop) or
 * that an index of the target still uses.  Indexes that the list drops
 * are gone by then: the differ drops indexes before columns.
 */
static int sqlite_needs_rebuild(const dbt_op *op, const dbt_schema *target)
{
	size_t i;

	switch (op->kind) {
	case DBT_OP_CREATE_TABLE:
	case DBT_OP_DROP_TABLE:
	case DBT_OP_ADD_INDEX:
	case DBT_OP_DROP_INDEX:
	case DBT_OP_CREATE_OBJECT:
	case DBT_OP_DROP_OBJECT:
	case DBT_OP_REPLACE_OBJECT:
	case DBT_OP_RENAME_TABLE:
	case DBT_OP_RENAME_COLUMN:
	case DBT_OP_RENAME_INDEX:
		return 0;
	case DBT_OP_ADD_COLUMN:
		return !sqlite_can_add(op);
	case DBT_OP_DROP_COLUMN:
		if (!sqlite_can_drop(op))
			return 1;
		for (i = 0; target && i < target->nindexes; i++)
			if (dbt_render_same_name(target->indexes[i]->table,
						 dbt_render_op_table(op)) &&
			    dbt_render_index_uses(target->indexes[i], op->old_column->name))
				return 1;
		return 0;
	default:
		return 1;
	}
}

/* What becomes of each op of a list on SQLite. */
enum fate {
	FATE_RUN = 0, /* rendered on its own, at its place */
	FATE_COVERED, /* done by its table's rebuild */
	FATE_FOLDED,  /* an ADD_FK that the CREATE TABLE of its new table writes */
	FATE_DROPPED, /* needs a rebuild of a table that the list drops anyway */
};

/* A table that SQLite rebuilds. */
struct rebuild {
	const char *name;
	const dbt_table *def; /* the target's definition */
	size_t slot;	      /* emitted just before op `slot` (n: at the end) */
};

struct plan {
	const dbt_op *ops;
	size_t n;
	const dbt_schema *target;
	const dbt_sql_objects *keep; /* triggers and views to keep; may be NULL */
	struct rebuild *rb;	     /* in the order of their first op */
	size_t nrb;
	unsigned char *fate;
	size_t *owner; /* per op: its rebuild, NONE when not covered */
};

static void plan_release(struct plan *pl)
{
	free(pl->rb);
	free(pl->fate);
	free(pl->owner);
}

/* The position of the list's first op of `kind` on the table `name`;
 * NONE when there is none. */
static size_t find_op(const struct plan *pl, dbt_op_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (pl->ops[i].kind == kind &&
		    dbt_render_same_name(dbt_render_op_table(&pl->ops[i]), name))
			return i;
	return NONE;
}

static size_t find_rebuild(const struct plan *pl, const char *name)
{
	size_t k;

	for (k = 0; k < pl->nrb; k++)
		if (!strcmp(pl->rb[k].name, name))
			return k;
	return NONE;
}

static int no_table_error(const dbt_op *op, const char *name)
{
	dbt_buf line = DBT_BUF_INIT;
	int rc;

	dbt_op_describe(&line, op);
	if (line.oom)
		rc = dbt_error_oom();
	else
		rc = dbt_error_set(DBT_ERROR,
				   "%s: SQLite needs a table rebuild for this, but table '%s' is "
				   "not "
				   "in the target schema",
				   dbt_buf_str(&line), name);
	dbt_buf_release(&line);
	return rc;
}

/*
 * Decides, for a list on SQLite, which tables are rebuilt, where, and
 * what becomes of each op:
 * - A table is rebuilt when one of its ops needs it.  The rebuild does
 *   all of the table's ops at once, since it creates the target's whole
 *   definition: they are covered, except DROP INDEX, which runs at its
 *   place before the rebuild (dropping an index early is harmless, and
 *   frees its name), and CREATE TABLE.
 * - The rebuild is emitted where the first op that needs it stands, but
 *   never before an op that drops an index or a table, whose names the
 *   rebuild's CREATE INDEX may take again (an index moved from one table
 *   to another), nor before the CREATE TABLE of its own table.  Nothing
 *   else in a list depends on where a rebuild goes: foreign keys are off
 *   until the commit, and no other op touches the rebuilt table.
 * - An ADD_FK of a table the list creates is written in its CREATE TABLE
 *   instead: SQLite accepts a foreign key to a table created later.
 * - An op that needs a rebuild of a table the target lacks is left out
 *   when the list drops that table: the DROP TABLE takes it along.
 */
static int plan_build(struct plan *pl)
{
	size_t i, k, lower = 0, n = pl->n;

	pl->rb = malloc((n ? n : 1) * sizeof(*pl->rb));
	pl->fate = calloc(n ? n : 1, 1);
	pl->owner = malloc((n ? n : 1) * sizeof(*pl->owner));
	if (!pl->rb || !pl->fate || !pl->owner)
		return dbt_error_oom();
	for (i = 0; i < n; i++) {
		pl->owner[i] = NONE;
		if (pl->ops[i].kind == DBT_OP_DROP_INDEX || pl->ops[i].kind == DBT_OP_DROP_TABLE)
			lower = i + 1;
	}
	for (i = 0; i < n; i++) {
		const dbt_op *op = &pl->ops[i];
		const char *name = dbt_render_op_table(op);
		const dbt_table *def;
		size_t created;

		if (!sqlite_needs_rebuild(op, pl->target))
			continue;
		if (!name)
			return dbt_error_set(DBT_ERROR, "%s operation names no table",
					     dbt_op_kind_name(op->kind));
		created = find_op(pl, DBT_OP_CREATE_TABLE, name);
		if (op->kind == DBT_OP_ADD_FK && created != NONE)
			continue;
		def = pl->target ? dbt_schema_find_table(pl->target, name) : NULL;
		if (!def) {
			if (find_op(pl, DBT_OP_DROP_TABLE, name) == NONE)
				return no_table_error(op, name);
			pl->fate[i] = FATE_DROPPED;
			continue;
		}
		if (find_rebuild(pl, name) != NONE)
			continue;
		k = pl->nrb++;
		pl->rb[k].name = name;
		pl->rb[k].def = def;
		pl->rb[k].slot = i > lower ? i : lower;
		if (created != NONE && created + 1 > pl->rb[k].slot)
			pl->rb[k].slot = created + 1;
	}
	for (i = 0; i < n; i++) {
		const dbt_op *op = &pl->ops[i];
		const char *name = dbt_render_op_table(op);

		/* A rename runs on its own, before the rebuild (or, undone,
		 * after it), which copies the rows by the new names. */
		if (pl->fate[i] != FATE_RUN || !name || op->kind == DBT_OP_DROP_INDEX ||
		    op->kind == DBT_OP_CREATE_TABLE || op->kind == DBT_OP_RENAME_TABLE ||
		    op->kind == DBT_OP_RENAME_COLUMN)
			continue;
		if ((k = find_rebuild(pl, name)) != NONE) {
			pl->fate[i] = FATE_COVERED;
			pl->owner[i] = k;
		} else if (op->kind == DBT_OP_ADD_FK &&
			   find_op(pl, DBT_OP_CREATE_TABLE, name) != NONE) {
			pl->fate[i] = FATE_FOLDED;
		}
	}
	return 0;
}

/* The op of `kind` on the column `column` that rebuild `k` covers; NULL
 * when there is none. */
static const dbt_op *covered_op(const struct plan *pl, size_t k, dbt_op_kind kind,
				const char *column)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		const dbt_op *op = &pl->ops[i];

		if (pl->owner[i] == k && op->kind == kind && op->column &&
		    !strcmp(op->column->name, column))
			return op;
	}
	return NULL;
}

/* ASCII case-insensitive equality of `name` and the `len` bytes at `s`
 * with every doubled `quote` standing for one (0: none), as SQLite
 * compares names. */
static int token_is(const char *s, size_t len, char quote, const char *name)
{
	size_t i = 0;

	for (; len; s++, len--, i++) {
		char a = *s, b = name[i];

		if (quote && a == quote && len > 1) {
			s++;
			len--;
		}
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (!b || a != b)
			return 0;
	}
	return name[i] == '\0';
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c >= 0x80;
}

/*
 * 1 when the SQLite statement `sql` holds `name` as an identifier: bare,
 * or quoted with "", `` or [], outside strings and comments.  It errs on
 * the side of yes (a column of another table of that name counts), which
 * only makes a rebuild drop and create again an object that it need not.
 */
static int sql_names(const char *sql, const char *name)
{
	const char *p = sql, *q;

	while (*p) {
		char c = *p;

		if (c == '\'') {
			for (p++; *p && !(p[0] == '\'' && p[1] != '\''); p += p[0] == '\'' ? 2 : 1)
				;
			if (*p)
				p++;
		} else if (c == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (c == '/' && p[1] == '*') {
			q = strstr(p + 2, "*/");
			p = q ? q + 2 : p + strlen(p);
		} else if (c == '"' || c == '`' || c == '[') {
			char close = c == '[' ? ']' : c;

			for (q = p + 1; *q && !(q[0] == close && (close == ']' || q[1] != close));
			     q += (q[0] == close) ? 2 : 1)
				;
			if (token_is(p + 1, (size_t)(q - p - 1), close == ']' ? 0 : close, name))
				return 1;
			p = *q ? q + 1 : q;
		} else if (is_word_byte((unsigned char)c)) {
			for (q = p; *q && is_word_byte((unsigned char)*q); q++)
				;
			if (token_is(p, (size_t)(q - p), 0, name))
				return 1;
			p = q;
		} else {
			p++;
		}
	}
	return 0;
}

/*
 * Marks in `dep` (one flag per object of `keep`) the triggers and views
 * that a rebuild of `table` must drop and create again: those on it or
 * naming it, then, until nothing changes, those naming a marked view.
 */
static void mark_dependents(unsigned char *dep, const dbt_sql_objects *keep, const char *table)
{
	size_t i, j;
	int more = 1;

	for (i = 0; i < keep->n; i++) {
		const dbt_sql_object *o = &keep->v[i];

		dep[i] = (!strcmp(o->type, "trigger") &&
			  token_is(o->table, strlen(o->table), 0, table)) ||
			 sql_names(o->sql, table);
	}
	while (more) {
		more = 0;
		for (i = 0; i < keep->n; i++) {
			if (!dep[i] || strcmp(keep->v[i].type, "view"))
				continue;
			for (j = 0; j < keep->n; j++)
				if (!dep[j] && sql_names(keep->v[j].sql, keep->v[i].name))
					dep[j] = more = 1;
		}
	}
}

/* Fails when a marked object names a column that the rebuild `k` drops. */
static int check_dependents(const struct plan *pl, size_t k, const unsigned char *dep,
			    const char *table)
{
	const dbt_sql_objects *keep = pl->keep;
	size_t i, j;

	for (i = 0; i < pl->n; i++) {
		const dbt_op *op = &pl->ops[i];
		const dbt_column *c = op->old_column ? op->old_column : op->column;

		if (pl->owner[i] != k || op->kind != DBT_OP_DROP_COLUMN || !c)
			continue;
		for (j = 0; j < keep->n; j++)
			if (dep[j] && sql_names(keep->v[j].sql, c->name))
				return dbt_error_set(DBT_ERROR,
						     "cannot rebuild table '%s': %s '%s' uses "
						     "column '%s', which the "
						     "change drops, so it could not be created "
						     "again: drop or change "
						     "the %s in a revision of its own first",
						     table, keep->v[j].type, keep->v[j].name,
						     c->name, keep->v[j].type);
	}
	return 0;
}

/* DROP of the marked objects, the last created first. */
static void drop_dependents(dbt_buf *out, const dbt_sql_objects *keep, const unsigned char *dep)
{
	size_t i;

	for (i = keep->n; i-- > 0;) {
		if (!dep[i])
			continue;
		dbt_buf_comment(out, "keep %s %s: dropped here, created again after the rebuild",
				keep->v[i].type, keep->v[i].name);
		dbt_buf_puts(out, strcmp(keep->v[i].type, "view") ? "DROP TRIGGER " : "DROP VIEW ");
		ident(out, keep->v[i].name);
		dbt_buf_puts(out, ";\n");
	}
}

/* The marked objects created again, in their order of creation. */
static void create_dependents(dbt_buf *out, const dbt_sql_objects *keep, const unsigned char *dep)
{
	size_t i;

	for (i = 0; i < keep->n; i++) {
		const char *sql = keep->v[i].sql, *last;

		if (!dep[i])
			continue;
		/* SQLite keeps a view's trailing comment: the ';' then goes on a
		 * line of its own. */
		last = strrchr(sql, '\n');
		dbt_buf_puts(out, sql);
		dbt_buf_puts(out, strstr(last ? last : sql, "--") ? "\n;\n" : ";\n");
	}
}

/*
 * `*t`, or a shallow copy of it in `copy` (its column array in `*cols`,
 * which the caller frees, and its key column in `key`) whose key is the
 * type the model declared, when the database's table `old` has that key
 * as declared, no rowid alias (dbt_diff_column_as_declared): a rebuild
 * keeps the key as it is, as the differ leaves it, rather than making it
 * the alias (which would give ids to rows that have none).
 */
static int keep_declared_key(const dbt_table **t, dbt_table *copy, dbt_column ***cols,
			     dbt_column *key, const dbt_table *old)
{
	const dbt_column *c = dbt_render_sole_pk_column(*t), *oc;
	size_t i;

	*cols = NULL;
	if (!c || !c->rule_decl || !old || !(oc = dbt_table_find_column(old, c->name)) ||
	    !dbt_diff_column_as_declared(oc, c))
		return 0;
	if (!(*cols = malloc((*t)->ncolumns * sizeof(**cols))))
		return dbt_error_oom();
	*key = *c;
	key->type = c->rule_decl->type;
	key->not_null = c->rule_decl->not_null;
	for (i = 0; i < (*t)->ncolumns; i++)
		(*cols)[i] = (*t)->columns[i] == c ? key : (*t)->columns[i];
	*copy = **t;
	copy->columns = *cols;
	*t = copy;
	return 0;
}

/* The database's table that rebuild `k` replaces, as the ops name it. */
static const dbt_table *rebuild_old_table(const struct plan *pl, size_t k)
{
	size_t i;

	for (i = 0; i < pl->n; i++)
		if (pl->owner[i] == k && pl->ops[i].old_table)
			return pl->ops[i].old_table;
	return NULL;
}

/*
 * The rebuild of one table, as SQLite's documentation prescribes it
 * ("Making Other Kinds Of Table Schema Changes"); foreign keys are off
 * while it runs (the dialect's begin() turns them off, its commit() runs
 * PRAGMA foreign_key_check), so that dropping the old table neither
 * fails nor cascades to the rows that reference it.
 */
static int emit_rebuild(dbt_buf *out, const struct plan *pl, size_t k)
{
	const struct dbt_dialect *d = lite;
	const dbt_table *t = pl->rb[k].def;
	dbt_buf tmp = DBT_BUF_INIT, sel = DBT_BUF_INIT;
	char *newname = NULL;
	unsigned char *dep = NULL;
	dbt_table copy;
	dbt_column key, **cols = NULL;
	size_t i, ncopy = 0;
	int rc = 0, autoinc = 0;

	if ((rc = keep_declared_key(&t, &copy, &cols, &key, rebuild_old_table(pl, k))) < 0)
		return rc;

	/* The triggers and views to keep across it. */
	if (pl->keep && pl->keep->n) {
		if (!(dep = calloc(pl->keep->n, 1))) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		mark_dependents(dep, pl->keep, t->name);
		if ((rc = check_dependents(pl, k, dep, t->name)) < 0)
			goto cleanup;
	}

	/* The header names the table, then lists every op the rebuild does. */
	dbt_buf_puts(&tmp, "rebuild table ");
	ident(&tmp, t->name);
	dbt_buf_puts(&tmp, " (SQLite cannot ALTER it in place):");
	dbt_buf_comment(out, "%s", dbt_buf_str(&tmp));
	for (i = 0; i < pl->n; i++)
		if (pl->owner[i] == k && (rc = dbt_render_comment_op(out, "  ", &pl->ops[i])) < 0)
			goto cleanup;
	for (i = 0; i < pl->n; i++)
		if (pl->owner[i] == k && (rc = dbt_render_comment_warning(out, &pl->ops[i])) < 0)
			goto cleanup;

	/* 0. Its triggers and the views and triggers that name it go first:
	 * DROP TABLE would take its triggers along, and RENAME fails while a
	 * view or trigger names a table that is missing. */
	if (dep)
		drop_dependents(out, pl->keep, dep);

	/* 1. The new table, beside the old one, with the target's definition. */
	dbt_buf_clear(&tmp);
	dbt_buf_printf(&tmp, REBUILD_PREFIX "%s", t->name);
	if (tmp.oom) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	newname = dbt_buf_detach(&tmp);
	if (!newname) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	if ((rc = dbt_render_create_table_as(out, lite, t, newname, NULL, NULL)) < 0)
		goto cleanup;

	/*
	 * 2. The rows, in the columns both definitions have: those the list
	 * adds are not there yet and take their defaults.  A column whose
	 * type changes is copied as it is (SQLite keeps each value, converted
	 * by the new column's affinity where it can).  A column that becomes
	 * NOT NULL takes its new default where it held NULL; without a default
	 * such a row fails the INSERT, which rolls the revision back, as
	 * PostgreSQL's SET NOT NULL would fail.  When no column carries over,
	 * the rows are still kept, each with the new columns' defaults.
	 */
	dbt_buf_puts(out, "INSERT INTO ");
	ident(out, newname);
	dbt_buf_puts(out, " (");
	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *c = t->columns[i];

		/* SQLite computes a generated column; it takes no value. */
		if (covered_op(pl, k, DBT_OP_ADD_COLUMN, c->name) || c->generated_expr)
			continue;
		if (ncopy++) {
			dbt_buf_puts(out, ", ");
			dbt_buf_puts(&sel, ", ");
		}
		ident(out, c->name);
		if (c->not_null && c->default_expr &&
		    covered_op(pl, k, DBT_OP_ALTER_NULL, c->name)) {
			dbt_buf_puts(&sel, "COALESCE(");
			ident(&sel, c->name);
			dbt_buf_puts(&sel, ", ");
			dbt_render_default_value(&sel, c->default_expr);
			dbt_buf_putc(&sel, ')');
		} else {
			ident(&sel, c->name);
		}
	}
	if (!ncopy) {
		dbt_buf_puts(out, "rowid");
		dbt_buf_puts(&sel, "rowid");
	}
	dbt_buf_puts(out, ") SELECT ");
	dbt_buf_puts(out, dbt_buf_str(&sel));
	dbt_buf_puts(out, " FROM ");
	ident(out, t->name);
	dbt_buf_puts(out, ";\n");

	/*
	 * 3. An AUTOINCREMENT table keeps its counter: the copy set the new
	 * table's to the largest id copied, but the old one may be higher (rows
	 * deleted at the end), and ids are never to be given twice.  The old
	 * table's row in sqlite_sequence moves to the new table (DROP TABLE
	 * would delete it; RENAME carries it along); when the old table had
	 * none, SQLite counts from the largest id, as it would have.
	 */
	for (i = 0; i < t->ncolumns; i++)
		autoinc |= t->columns[i]->autoincrement;
	if (autoinc) {
		dbt_buf_puts(out, "DELETE FROM sqlite_sequence WHERE name = ");
		d->quote_literal(out, newname);
		dbt_buf_puts(out, ";\nUPDATE sqlite_sequence SET name = ");
		d->quote_literal(out, newname);
		dbt_buf_puts(out, " WHERE name = ");
		d->quote_literal(out, t->name);
		dbt_buf_puts(out, ";\n");
	}

	/* 4. The old table goes, with its indexes; the new one takes its name.
	 * References to the table from other tables name it, and keep
	 * naming it: SQLite rewrites only references to the renamed table. */
	dbt_buf_puts(out, "DROP TABLE ");
	ident(out, t->name);
	dbt_buf_puts(out, ";\nALTER TABLE ");
	ident(out, newname);
	dbt_buf_puts(out, " RENAME TO ");
	ident(out, t->name);
	dbt_buf_puts(out, ";\n");

	/* 5. Every index the target has on the table. */
	for (i = 0; pl->target && i < pl->target->nindexes; i++)
		if (dbt_render_same_name(pl->target->indexes[i]->table, t->name) &&
		    (rc = dbt_render_create_index(out, lite->kind, pl->target->indexes[i])) < 0)
			goto cleanup;

	/* 6. The triggers and views dropped in step 0, as they were. */
	if (dep)
		create_dependents(out, pl->keep, dep);
	rc = dbt_render_finish(out);
	if (rc == 0 && sel.oom)
		rc = dbt_error_oom();
cleanup:
	free(cols);
	free(dep);
	free(newname);
	dbt_buf_release(&tmp);
	dbt_buf_release(&sel);
	return rc;
}

/* CREATE TABLE of a new table with every foreign key inline, even those
 * that the differ left to later ADD_FK ops (SQLite accepts a foreign key
 * to a table that does not exist yet); those ops are listed under the
 * table's comment line. */
static int sqlite_create_table(dbt_buf *out, const struct plan *pl, size_t at)
{
	const dbt_op *op = &pl->ops[at];
	size_t i;
	int rc;

	for (i = 0; i < pl->n; i++)
		if (pl->fate[i] == FATE_FOLDED &&
		    dbt_render_same_name(dbt_render_op_table(&pl->ops[i]), op->table->name) &&
		    (rc = dbt_render_comment_op(out, "  ", &pl->ops[i])) < 0)
			return rc;
	if ((rc = dbt_render_created_table_indexes(out, lite, pl->ops, pl->n, pl->target,
						   op->table->name, 0)) < 0 ||
	    (rc = dbt_render_create_table(out, lite->kind, op->table, NULL, NULL)) < 0)
		return rc;
	return dbt_render_created_table_indexes(out, lite, pl->ops, pl->n, pl->target,
						op->table->name, 1);
}

int dbt_sqlite_render_ops(dbt_buf *out, const dbt_op *ops, size_t n, const dbt_schema *target,
			  const dbt_sql_objects *keep)
{
	struct plan pl;
	dbt_buf note = DBT_BUF_INIT;
	size_t i, k;
	int rc, nblocks = 0;

	memset(&pl, 0, sizeof(pl));
	pl.ops = ops;
	pl.n = n;
	pl.target = target;
	pl.keep = keep;
	if ((rc = plan_build(&pl)) < 0)
		goto cleanup;
	for (i = 0; i <= n; i++) {
		const dbt_op *op;

		for (k = 0; k < pl.nrb; k++) {
			if (pl.rb[k].slot != i)
				continue;
			dbt_render_next_block(out, &nblocks);
			if ((rc = emit_rebuild(out, &pl, k)) < 0)
				goto cleanup;
		}
		if (i == n || pl.fate[i] == FATE_COVERED || pl.fate[i] == FATE_FOLDED)
			continue;
		op = &ops[i];
		dbt_render_next_block(out, &nblocks);
		if ((rc = dbt_render_comment_op(out, "", op)) < 0 ||
		    (rc = dbt_render_comment_warning(out, op)) < 0)
			goto cleanup;
		if (pl.fate[i] == FATE_DROPPED) {
			dbt_buf_clear(&note);
			dbt_buf_puts(&note, "nothing to run: SQLite drops it with table ");
			ident(&note, dbt_render_op_table(op));
			dbt_buf_comment(out, "%s", dbt_buf_str(&note));
			continue;
		}
		if (op->kind == DBT_OP_CREATE_TABLE)
			rc = sqlite_create_table(out, &pl, i);
		else
			rc = dbt_sqlite_render_op(out, op);
		if (rc < 0)
			goto cleanup;
	}
	rc = note.oom ? dbt_error_oom() : dbt_render_finish(out);
cleanup:
	dbt_buf_release(&note);
	plan_release(&pl);
	return rc;
}

/*
 * A DROP TABLE per table, in the list's order: foreign keys between them
 * (cycles included) are checked at commit, when none of them is left.
 * SQLite has no schemas: the tables' are ignored.
 */
int dbt_sqlite_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n)
{
	size_t i;

	if (n)
		dbt_buf_puts(out, "PRAGMA defer_foreign_keys = ON;\n");
	for (i = 0; i < n; i++) {
		dbt_buf_puts(out, "DROP TABLE ");
		ident(out, tables[i].name);
		dbt_buf_puts(out, ";\n");
	}
	return dbt_render_finish(out);
}

/* The type alone: one that SQLite would not read bare goes in quotes,
 * which SQLite drops when it keeps the declared type. */
static void put_type(dbt_buf *out, const dbt_type *type)
{
	dbt_buf tmp = DBT_BUF_INIT;

	dbt_type_format(&tmp, type);
	if (!tmp.oom && !sqlite_bare_type(dbt_buf_str(&tmp)))
		ident(out, dbt_buf_str(&tmp));
	else if (tmp.oom)
		out->oom = 1;
	else
		dbt_buf_puts(out, dbt_buf_str(&tmp));
	dbt_buf_release(&tmp);
}

void dbt_sqlite_put_column_type(dbt_buf *out, const dbt_column *c)
{
	put_type(out, &c->type);
}

/* A column whose values the database generates must be the table's sole
 * INTEGER primary-key column, which then carries the primary key inline;
 * dbt_schema_adapt makes models so. */
int dbt_sqlite_put_column_end(dbt_buf *out, const dbt_table *t, const dbt_column *c, int *pk_inline)
{
	/* A column's PRIMARY KEY DESC says what no table constraint can:
	 * the column is no rowid alias. */
	if (t->pk && t->pk->column_desc && dbt_render_sole_pk_column(t) == c) {
		if (t->pk->name) {
			dbt_buf_puts(out, " CONSTRAINT ");
			ident(out, t->pk->name);
		}
		dbt_buf_puts(out, " PRIMARY KEY DESC");
		dbt_render_conflict(out, t->pk->conflict);
		if (pk_inline)
			*pk_inline = 1;
		return 0;
	}
	if (!c->autoincrement)
		return 0;
	if (!dbt_table_is_rowid_alias(t, c))
		return sqlite_autoinc_error(t, c);
	dbt_buf_puts(out, " CONSTRAINT ");
	ident(out, t->pk->name);
	dbt_buf_puts(out, " PRIMARY KEY");
	dbt_render_conflict(out, t->pk->conflict);
	dbt_buf_puts(out, " AUTOINCREMENT");
	if (pk_inline)
		*pk_inline = 1;
	return 0;
}

void dbt_sqlite_put_table_options(dbt_buf *out, const dbt_table *t)
{
	dbt_buf_puts(out, t->strict ? " STRICT" : "");
	dbt_buf_puts(out, t->strict && t->without_rowid ? "," : "");
	dbt_buf_puts(out, t->without_rowid ? " WITHOUT ROWID" : "");
}

/* SQLite's own collations, which are no identifiers. */
const char *const dbt_sqlite_bare_collations[] = {"BINARY", "NOCASE", "RTRIM", NULL};
