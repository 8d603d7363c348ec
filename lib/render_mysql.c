/*
 * render_mysql.c - the MariaDB/MySQL entries of rendering (render_mysql.h):
 * every differ operation in MariaDB 10.11 / MySQL 8 syntax, and the
 * adaptation of a model to what MariaDB reports of it.  What every
 * dialect writes alike (CREATE TABLE, ADD and DROP COLUMN, renames, the
 * comment lines) is render.c's, written through the entries of `my`
 * below: names in backticks by dbt_mysql_quote_ident, the one quoter.
 *
 * MariaDB changes a column with MODIFY COLUMN, which restates the whole
 * column (type, AUTO_INCREMENT, NULL, default): each ALTER of a column
 * is one MODIFY with the column's target definition, written once per
 * column and list.  A foreign key is dropped with DROP FOREIGN KEY; the
 * index MariaDB made for it (named after it, see dbt_mysql_adapt) is an
 * index of its own, dropped with DROP INDEX.
 */
#include "render_mysql.h"

#include "error.h"
#include "mysql.h"
#include "render_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The dialect's table (dialect_mysql.c), whose entries render.c's shared
 * pieces take. */
static const struct dbt_dialect *const my = &dbt_dialect_mysql;

static void ident(dbt_buf *out, const char *name)
{
	my->quote_ident(out, name);
}

/* ------------------------------------------------------------- types */

/* "(p)" of a fractional-seconds precision, when one is given. */
static void put_fsp(dbt_buf *out, const dbt_type *t)
{
	if (t->precision > 0)
		dbt_buf_printf(out, "(%d)", t->precision);
}

void dbt_mysql_put_column_type(dbt_buf *out, const dbt_column *c)
{
	const dbt_type *t = &c->type;

	if (t->text) {
		dbt_buf_puts(out, t->text);
		return;
	}
	switch (t->kind) {
	case DBT_TYPE_SMALLINT:
		dbt_buf_puts(out, "SMALLINT");
		break;
	case DBT_TYPE_INTEGER:
		dbt_buf_puts(out, "INT");
		break;
	case DBT_TYPE_BIGINT:
		dbt_buf_puts(out, "BIGINT");
		break;
	case DBT_TYPE_BOOLEAN:
		dbt_buf_puts(out, "TINYINT(1)");
		break;
	case DBT_TYPE_REAL:
		dbt_buf_puts(out, "FLOAT");
		break;
	case DBT_TYPE_DOUBLE:
		dbt_buf_puts(out, "DOUBLE");
		break;
	case DBT_TYPE_NUMERIC:
		dbt_buf_puts(out, "DECIMAL");
		if (t->precision > 0)
			dbt_buf_printf(out, "(%d,%d)", t->precision, t->scale > 0 ? t->scale : 0);
		break;
	case DBT_TYPE_VARCHAR:
		dbt_buf_puts(out, "VARCHAR");
		if (t->length > 0)
			dbt_buf_printf(out, "(%d)", t->length);
		break;
	case DBT_TYPE_CHAR:
		dbt_buf_printf(out, "CHAR(%d)", t->length > 0 ? t->length : 1);
		break;
	case DBT_TYPE_TIME:
	case DBT_TYPE_TIMETZ: /* refused before: MariaDB has no zone in TIME */
		dbt_buf_puts(out, "TIME");
		put_fsp(out, t);
		break;
	/* A TIMESTAMP without text is what MariaDB reflects as "timestamp";
	 * a model's TIMESTAMP is adapted to "datetime". */
	case DBT_TYPE_TIMESTAMP:
	case DBT_TYPE_TIMESTAMPTZ:
		dbt_buf_puts(out, "TIMESTAMP");
		put_fsp(out, t);
		break;
	default:
		/* DATE, TEXT, BLOB, JSON, UUID: as dbt_type_format spells them. */
		dbt_type_format(out, t);
		break;
	}
}

void dbt_mysql_put_column_identity(dbt_buf *out, const dbt_column *c)
{
	if (c->autoincrement || c->identity != DBT_IDENTITY_NONE)
		dbt_buf_puts(out, " AUTO_INCREMENT");
}

void dbt_mysql_put_index_head(dbt_buf *out, const dbt_index *index)
{
	dbt_buf_puts(out, "CREATE ");
	if (index->method && !strcmp(index->method, "fulltext"))
		dbt_buf_puts(out, "FULLTEXT ");
	else if (index->method && !strcmp(index->method, "spatial"))
		dbt_buf_puts(out, "SPATIAL ");
	else if (index->unique)
		dbt_buf_puts(out, "UNIQUE ");
	dbt_buf_puts(out, "INDEX ");
}

/* --------------------------------------------------------- refusals */

static int refuse_column(const dbt_table *t, const dbt_column *c)
{
	if (c->type.kind == DBT_TYPE_TIMETZ && !c->type.text)
		return dbt_error_set(DBT_ERROR,
				     "cannot render column '%s.%s' for MariaDB/MySQL: it has no "
				     "TIME WITH TIME ZONE",
				     t->name, c->name);
	if (c->generated_expr && c->not_null)
		return dbt_error_set(DBT_ERROR,
				     "cannot render column '%s.%s' for MariaDB: a generated "
				     "column takes no NOT NULL",
				     t->name, c->name);
	return 0;
}

static int refuse_fk(const dbt_table *t, const dbt_fk *fk)
{
	const char *why = NULL;

	if (fk->deferrable)
		why = "it has no deferrable foreign keys";
	else if (fk->match != DBT_FK_MATCH_SIMPLE)
		why = "it reads MATCH FULL and MATCH PARTIAL and ignores them";
	else if (fk->on_delete == DBT_FK_SET_DEFAULT || fk->on_update == DBT_FK_SET_DEFAULT)
		why = "InnoDB refuses the action SET DEFAULT";
	if (!why)
		return 0;
	return dbt_error_set(DBT_ERROR,
			     "cannot render foreign key '%s' of table '%s' for MariaDB/MySQL: %s",
			     fk->name, t->name, why);
}

static int refuse_index(const dbt_index *ix)
{
	const char *why = NULL;
	size_t i;

	if (ix->where)
		why = "it has no partial indexes (WHERE)";
	else if (ix->method && strcmp(ix->method, "fulltext") && strcmp(ix->method, "spatial"))
		why = "it has no such index method";
	for (i = 0; !why && i < ix->nelems; i++) {
		if (!ix->elems[i].column)
			why = "dbtool does not render its expression keys";
		else if (ix->elems[i].opclass)
			why = "it has no operator classes";
		else if (ix->elems[i].nulls)
			why = "it has no NULLS FIRST or NULLS LAST";
	}
	if (!why)
		return 0;
	return dbt_error_set(DBT_ERROR,
			     "cannot render index '%s' on table '%s' for MariaDB/MySQL: %s",
			     ix->name, ix->table, why);
}

static int refuse_table(const dbt_table *t)
{
	size_t i;
	int rc;

	if (t->partition_by || t->partition_of)
		return dbt_error_set(DBT_ERROR,
				     "cannot render table '%s' for MariaDB/MySQL: PostgreSQL's "
				     "partitions are not rendered there",
				     t->name);
	if (t->nexcludes)
		return dbt_error_set(DBT_ERROR,
				     "cannot render table '%s' for MariaDB/MySQL: it has no "
				     "exclusion constraints ('%s')",
				     t->name, t->excludes[0]->name);
	for (i = 0; i < t->ncolumns; i++)
		if ((rc = refuse_column(t, t->columns[i])) < 0)
			return rc;
	for (i = 0; i < t->nfks; i++)
		if ((rc = refuse_fk(t, t->fks[i])) < 0)
			return rc;
	return 0;
}

/* 0, or the one-line refusal of an op MariaDB cannot express. */
static int refuse(const dbt_op *op)
{
	switch (op->kind) {
	case DBT_OP_CREATE_TABLE:
		return refuse_table(op->table);
	case DBT_OP_ADD_COLUMN:
	case DBT_OP_ALTER_TYPE:
	case DBT_OP_ALTER_NULL:
	case DBT_OP_ALTER_DEFAULT:
	case DBT_OP_ALTER_IDENTITY:
	case DBT_OP_ALTER_GENERATED:
		return refuse_column(op->table, op->column);
	case DBT_OP_ADD_FK:
		return refuse_fk(op->table, op->fk);
	case DBT_OP_ADD_INDEX:
		return refuse_index(op->index);
	case DBT_OP_ALTER_OPTIONS:
		return dbt_error_set(DBT_ERROR,
				     "cannot change the options of table '%s' on MariaDB/MySQL: "
				     "STRICT and WITHOUT ROWID are SQLite's",
				     op->table->name);
	case DBT_OP_ADD_EXCLUDE:
	case DBT_OP_DROP_EXCLUDE:
		return dbt_error_set(DBT_ERROR,
				     "cannot render exclusion constraint '%s' of table '%s' for "
				     "MariaDB/MySQL: it has none",
				     op->exclude->name, op->table->name);
	case DBT_OP_ALTER_PARTITION:
		return dbt_error_set(DBT_ERROR,
				     "cannot render partition '%s' for MariaDB/MySQL: PostgreSQL's "
				     "partitions are not rendered there",
				     op->table->name);
	default:
		return 0;
	}
}

/* --------------------------------------------------------- operations */

/* ALTER TABLE t MODIFY COLUMN <the column's whole target definition>. */
static int modify_column(dbt_buf *out, const dbt_op *op)
{
	int rc;

	dbt_render_alter_table(out, my, op->table);
	dbt_buf_puts(out, "MODIFY COLUMN ");
	if ((rc = dbt_render_column(out, my, op->table, op->column, NULL)) < 0)
		return rc;
	dbt_buf_puts(out, ";\n");
	return dbt_render_finish(out);
}

/*
 * A change of a column's generation: a column that stops being generated
 * keeps its values through MODIFY (MariaDB computes them no more), and so
 * does a new expression of a column that stays STORED or VIRTUAL, which
 * keeps its indexes that way; any other change (MariaDB does not turn a
 * column generated, nor STORED into VIRTUAL) drops the column and adds it
 * again, which loses nothing of a generated column, whose values MariaDB
 * computes again.
 */
static int alter_generated(dbt_buf *out, const dbt_op *op)
{
	int rc;

	if (!op->column->generated_expr ||
	    (op->old_column && op->old_column->generated_expr &&
	     op->old_column->generated_stored == op->column->generated_stored))
		return modify_column(out, op);
	dbt_render_alter_table(out, my, op->table);
	dbt_buf_puts(out, "DROP COLUMN ");
	ident(out, op->column->name);
	dbt_buf_puts(out, ";\n");
	dbt_render_alter_table(out, my, op->table);
	dbt_buf_puts(out, "ADD COLUMN ");
	if ((rc = dbt_render_column(out, my, op->table, op->column, NULL)) < 0)
		return rc;
	dbt_buf_puts(out, ";\n");
	return dbt_render_finish(out);
}

/* "ALTER TABLE t DROP <what> name;" */
static int alter_drop(dbt_buf *out, const dbt_table *t, const char *what, const char *name)
{
	dbt_render_alter_table(out, my, t);
	dbt_buf_puts(out, "DROP ");
	dbt_buf_puts(out, what);
	if (name) {
		dbt_buf_putc(out, ' ');
		ident(out, name);
	}
	dbt_buf_puts(out, ";\n");
	return dbt_render_finish(out);
}

int dbt_mysql_render_op(dbt_buf *out, const dbt_op *op)
{
	int rc;

	if ((rc = refuse(op)) < 0)
		return rc;
	switch (op->kind) {
	case DBT_OP_DROP_INDEX:
		/* An index's name is its table's: DROP INDEX names both. */
		dbt_buf_puts(out, "DROP INDEX ");
		ident(out, op->index->name);
		dbt_buf_puts(out, " ON ");
		ident(out, op->index->table);
		dbt_buf_puts(out, ";\n");
		return dbt_render_finish(out);
	case DBT_OP_ALTER_TYPE:
	case DBT_OP_ALTER_NULL:
	case DBT_OP_ALTER_DEFAULT:
	case DBT_OP_ALTER_IDENTITY:
		return modify_column(out, op);
	case DBT_OP_ALTER_GENERATED:
		return alter_generated(out, op);
	case DBT_OP_ADD_PK:
	case DBT_OP_ADD_UNIQUE:
	case DBT_OP_ADD_FK:
	case DBT_OP_ADD_CHECK:
		dbt_render_add_constraint(out, my, op);
		break;
	case DBT_OP_DROP_PK:
		/* The primary key is always named PRIMARY. */
		return alter_drop(out, op->table, "PRIMARY KEY", NULL);
	case DBT_OP_DROP_UNIQUE:
		/* A unique constraint is a unique index of its name. */
		return alter_drop(out, op->table, "INDEX", op->key->name);
	case DBT_OP_DROP_FK:
		return alter_drop(out, op->table, "FOREIGN KEY", op->fk->name);
	case DBT_OP_DROP_CHECK:
		return alter_drop(out, op->table, "CONSTRAINT", op->check->name);
	default:
		/* CREATE and DROP TABLE, ADD INDEX, ADD and DROP COLUMN,
		 * renames, objects: written alike. */
		rc = dbt_render_common(out, my, op);
		if (rc == 1)
			return dbt_error_set(DBT_ERROR, "unknown operation %d", (int)op->kind);
		return rc;
	}
	dbt_buf_puts(out, ";\n");
	return dbt_render_finish(out);
}

/* ------------------------------------------------------------- lists */

/* 1 for the ops that MODIFY COLUMN renders. */
static int is_modify(const dbt_op *op)
{
	return op->kind == DBT_OP_ALTER_TYPE || op->kind == DBT_OP_ALTER_NULL ||
	       op->kind == DBT_OP_ALTER_DEFAULT || op->kind == DBT_OP_ALTER_IDENTITY ||
	       (op->kind == DBT_OP_ALTER_GENERATED && !op->column->generated_expr);
}

/* 1 when an op before ops[i] wrote the same MODIFY COLUMN: the same
 * target column of the same table. */
static int modified_before(const dbt_op *ops, size_t i)
{
	size_t k;

	for (k = 0; k < i; k++)
		if (is_modify(&ops[k]) && ops[k].column == ops[i].column &&
		    dbt_render_same_name(ops[k].table->name, ops[i].table->name))
			return 1;
	return 0;
}

/* 1 when index `ix` is the one MariaDB makes for foreign key `fk`: a
 * plain index of the key's columns, in order, named after it. */
static int fk_makes(const dbt_fk *fk, const dbt_index *ix)
{
	size_t k;

	if (ix->unique || ix->method || ix->where || !fk->name || strcmp(fk->name, ix->name) ||
	    fk->ncolumns != ix->nelems)
		return 0;
	for (k = 0; k < ix->nelems; k++)
		if (!ix->elems[k].column || ix->elems[k].prefix || ix->elems[k].desc ||
		    strcmp(ix->elems[k].column, fk->columns[k]))
			return 0;
	return 1;
}

/* The foreign key of `t` that index `ix` is the index MariaDB makes for;
 * NULL for none. */
static const dbt_fk *implied_by(const dbt_table *t, const dbt_index *ix)
{
	size_t i;

	for (i = 0; t && i < t->nfks; i++)
		if (fk_makes(t->fks[i], ix))
			return t->fks[i];
	return NULL;
}

/* The table an index or key op acts on, by name. */
static const char *op_table(const dbt_op *op)
{
	return op->kind == DBT_OP_ADD_INDEX || op->kind == DBT_OP_DROP_INDEX ? op->index->table
									     : op->table->name;
}

/* 1 when index `ix` can serve foreign key `fk`: the key's columns lead
 * it, whole. */
static int serves(const dbt_fk *fk, const dbt_index *ix)
{
	size_t k;

	if (ix->method || ix->where || ix->nelems < fk->ncolumns)
		return 0;
	for (k = 0; k < fk->ncolumns; k++)
		if (!ix->elems[k].column || ix->elems[k].prefix ||
		    strcmp(ix->elems[k].column, fk->columns[k]))
			return 0;
	return 1;
}

/* 1 when the index or the unique key (a unique index to MariaDB) that
 * `op` adds or drops can serve foreign key `fk`; 0 for other ops. */
static int op_serves(const dbt_fk *fk, const dbt_op *op)
{
	size_t k;

	switch (op->kind) {
	case DBT_OP_ADD_INDEX:
	case DBT_OP_DROP_INDEX:
		return serves(fk, op->index);
	case DBT_OP_ADD_UNIQUE:
	case DBT_OP_DROP_UNIQUE:
		if (op->key->ncolumns < fk->ncolumns)
			return 0;
		for (k = 0; k < fk->ncolumns; k++)
			if (strcmp(op->key->columns[k], fk->columns[k]))
				return 0;
		return 1;
	default:
		return 0;
	}
}

static int is_index_drop(const dbt_op *op)
{
	return op->kind == DBT_OP_DROP_INDEX || op->kind == DBT_OP_DROP_UNIQUE;
}

static int is_index_add(const dbt_op *op)
{
	return op->kind == DBT_OP_ADD_INDEX || op->kind == DBT_OP_ADD_UNIQUE;
}

/* 1 for a drop of an index or unique key that can serve the foreign key
 * that drop_fk drops: the key needs it until then. */
static int drops_index_of(const dbt_op *drop_index, const dbt_op *drop_fk)
{
	return is_index_drop(drop_index) && drop_fk->kind == DBT_OP_DROP_FK &&
	       dbt_render_same_name(op_table(drop_index), drop_fk->table->name) &&
	       op_serves(drop_fk->fk, drop_index);
}

/* 1 when a DROP_FK after ops[i] needs the index that ops[i] drops. */
static int index_needed_later(const dbt_op *ops, size_t n, size_t i)
{
	size_t k;

	for (k = i + 1; k < n; k++)
		if (drops_index_of(&ops[i], &ops[k]))
			return 1;
	return 0;
}

/* 1 when an op after ops[i], a DROP_INDEX, drops the index's table: DROP
 * TABLE drops its indexes, and before it MariaDB refuses to drop one that
 * a foreign key of the table needs. */
static int table_dropped_later(const dbt_op *ops, size_t n, size_t i)
{
	size_t k;

	for (k = i + 1; ops[i].kind == DBT_OP_DROP_INDEX && k < n; k++)
		if (ops[k].kind == DBT_OP_DROP_TABLE &&
		    dbt_render_same_name(ops[k].table->name, ops[i].index->table))
			return 1;
	return 0;
}

struct list {
	const dbt_op *ops;
	size_t n;
	const dbt_schema *target;
};

/* 1 when a statement of the list adds the foreign key `fk` of table
 * `table`: its CREATE TABLE or an ADD_FK. */
static int list_adds_fk(const struct list *l, const char *table, const char *fk)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		const dbt_op *o = &l->ops[i];

		if (o->kind == DBT_OP_ADD_FK && dbt_render_same_name(o->table->name, table) &&
		    dbt_render_same_name(o->fk->name, fk))
			return 1;
		if (o->kind != DBT_OP_CREATE_TABLE || !dbt_render_same_name(o->table->name, table))
			continue;
		for (k = 0; k < o->table->nfks; k++)
			if (dbt_render_same_name(o->table->fks[k]->name, fk))
				return 1;
	}
	return 0;
}

/* The index that MariaDB makes for a foreign key when the list adds the
 * key: creating it again would fail on its name. */
static int made_by_fk(const dbt_index *ix, void *arg)
{
	const struct list *l = arg;
	const dbt_table *t = l->target ? dbt_schema_find_table(l->target, ix->table) : NULL;
	const dbt_fk *fk = implied_by(t, ix);

	return fk && list_adds_fk(l, ix->table, fk->name);
}

/* 1 for an ADD_INDEX of the index MariaDB makes for a foreign key that
 * the list adds (which is not written, see made_by_fk). */
static int op_made_by_fk(const struct list *l, const dbt_op *op)
{
	return op->kind == DBT_OP_ADD_INDEX && made_by_fk(op->index, (void *)l);
}

/*
 * The foreign key of the target that the index or key dropped by ops[i]
 * serves and that the index or key added by ops[k], on the same table,
 * serves too: a foreign key needs an index at all times, so the add goes
 * first.  NULL when there is none.
 */
static const dbt_fk *add_before_drop(const struct list *l, size_t i, size_t k)
{
	const dbt_op *drop = &l->ops[i], *add = &l->ops[k];
	const dbt_table *t;
	size_t f;

	if (!is_index_drop(drop) || !is_index_add(add) || !l->target ||
	    !dbt_render_same_name(op_table(drop), op_table(add)) ||
	    !(t = dbt_schema_find_table(l->target, op_table(drop))))
		return NULL;
	for (f = 0; f < t->nfks; f++)
		if (op_serves(t->fks[f], drop) && op_serves(t->fks[f], add))
			return t->fks[f];
	return NULL;
}

/* 1 when ops[k], an index or a unique key, can serve the foreign key that
 * ops[i] adds on the same table: the index goes first, so that MariaDB
 * does not make one of its own for the key only to drop it again. */
static int add_before_fk(const struct list *l, size_t i, size_t k)
{
	const dbt_op *fk = &l->ops[i], *add = &l->ops[k];

	return fk->kind == DBT_OP_ADD_FK && is_index_add(add) &&
	       dbt_render_same_name(fk->table->name, op_table(add)) && op_serves(fk->fk, add);
}

/* 1 for a MODIFY of a column that stops (`stops`) or starts being
 * AUTO_INCREMENT. */
static int autoincrement_changes(const dbt_op *op, int stops)
{
	int was = op->old_column && op->old_column->autoincrement;

	return is_modify(op) && op->column &&
	       (stops ? was && !op->column->autoincrement : !was && op->column->autoincrement);
}

/* 1 when ops[k], a MODIFY, must go before ops[i], a DROP_PK of the same
 * table, or ops[k], an ADD_PK, before ops[i], a MODIFY: MariaDB takes
 * AUTO_INCREMENT only on a column that leads a key, so the column stops
 * being one before its key goes, and its key comes before it starts. */
static int autoincrement_order(const struct list *l, size_t i, size_t k)
{
	const dbt_op *a = &l->ops[i], *b = &l->ops[k];

	if (a->kind == DBT_OP_DROP_PK)
		return autoincrement_changes(b, 1) &&
		       dbt_render_same_name(a->table->name, b->table->name);
	return b->kind == DBT_OP_ADD_PK && autoincrement_changes(a, 0) &&
	       dbt_render_same_name(a->table->name, b->table->name) && b->key->ncolumns &&
	       !strcmp(b->key->columns[0], a->column->name);
}

/* The op before which ops[k] is written, an earlier drop that needs it
 * first (add_before_drop) or an earlier ADD_FK that it serves
 * (add_before_fk), an op whose AUTO_INCREMENT needs it
 * (autoincrement_order); k itself when none. */
static size_t written_at(const struct list *l, size_t k)
{
	size_t i;

	if (op_made_by_fk(l, &l->ops[k]))
		return k;
	for (i = 0; i < k; i++)
		if ((add_before_drop(l, i, k) && !index_needed_later(l->ops, l->n, i) &&
		     !table_dropped_later(l->ops, l->n, i)) ||
		    add_before_fk(l, i, k) || autoincrement_order(l, i, k))
			return i;
	return k;
}

/* Writes the later ops that go before ops[i] (written_at). */
static int write_moved_here(dbt_buf *out, const struct list *l, size_t i)
{
	size_t k;
	int rc;

	for (k = i + 1; k < l->n; k++)
		if (written_at(l, k) == i &&
		    ((rc = dbt_render_comment_op(out, "", &l->ops[k])) < 0 ||
		     (rc = dbt_mysql_render_op(out, &l->ops[k])) < 0))
			return rc;
	return 0;
}

/*
 * A drop of an index or key that a foreign key of the table needs: the
 * later adds that serve the key went first (write_moved_here).  The key's
 * own index, which MariaDB made for it, MariaDB drops itself once another
 * serves the key: it is dropped IF EXISTS then (MariaDB's syntax).  1 when
 * it wrote the drop.
 */
static int drop_own_index(dbt_buf *out, const struct list *l, size_t i)
{
	const dbt_op *op = &l->ops[i];
	size_t k;

	if (op->kind != DBT_OP_DROP_INDEX)
		return 0;
	for (k = i + 1; k < l->n; k++) {
		const dbt_fk *fk = add_before_drop(l, i, k);

		if (fk && !op_made_by_fk(l, &l->ops[k]) && fk_makes(fk, op->index))
			break;
	}
	if (k == l->n)
		return 0;
	dbt_buf_puts(out, "DROP INDEX IF EXISTS ");
	ident(out, op->index->name);
	dbt_buf_puts(out, " ON ");
	ident(out, op->index->table);
	dbt_buf_puts(out, ";\n");
	return 1;
}

/* What the place of `op` says when it went before `at` (written_at). */
static const char *moved_note(const dbt_op *at, const dbt_op *op)
{
	if (at->kind == DBT_OP_ADD_FK)
		return "(before its foreign key, above)";
	if (at->kind == DBT_OP_DROP_PK)
		return "(before the primary key's drop, above)";
	if (op->kind == DBT_OP_ADD_PK)
		return "(before the AUTO_INCREMENT it needs, above)";
	return "(before the index it takes over from, above)";
}

int dbt_mysql_render_ops(dbt_buf *out, const dbt_op *ops, size_t n, const dbt_schema *target,
			 const dbt_sql_objects *keep)
{
	struct list l = {ops, n, target};
	size_t i, k, at;
	int rc, nblocks = 0, created, merged;

	(void)keep; /* MariaDB keeps its views and triggers itself. */
	for (i = 0; i < n; i++) {
		const dbt_op *op = &ops[i];

		created = op->kind == DBT_OP_CREATE_TABLE;
		merged = is_modify(op) && modified_before(ops, i);
		dbt_render_next_block(out, &nblocks);
		if ((rc = dbt_render_comment_op(out, "", op)) < 0 ||
		    (!merged && (rc = dbt_render_comment_warning(out, op)) < 0) ||
		    (created && (rc = dbt_render_created_table_indexes_but(out, my, ops, n, target,
									   op->table->name, 0,
									   made_by_fk, &l)) < 0))
			return rc;
		if (merged) {
			dbt_buf_comment(out, "(in the MODIFY COLUMN above)");
			continue;
		}
		/* The one MODIFY does what the column's later ops say: their
		 * warnings go before it. */
		for (k = i + 1; is_modify(op) && k < n; k++)
			if (is_modify(&ops[k]) && ops[k].column == op->column &&
			    dbt_render_same_name(ops[k].table->name, op->table->name) &&
			    (rc = dbt_render_comment_warning(out, &ops[k])) < 0)
				return rc;
		if (op_made_by_fk(&l, op)) {
			dbt_buf_comment(out, "(made by its foreign key)");
			continue;
		}
		if (table_dropped_later(ops, n, i)) {
			dbt_buf_comment(out, "(dropped with its table, below)");
			continue;
		}
		if (index_needed_later(ops, n, i)) {
			dbt_buf_comment(out, "(after its foreign key, below)");
			continue;
		}
		if ((at = written_at(&l, i)) < i) {
			dbt_buf_comment(out, moved_note(&ops[at], op));
			continue;
		}
		if ((rc = write_moved_here(out, &l, i)) < 0)
			return rc;
		if (drop_own_index(out, &l, i)) {
			if ((rc = dbt_render_finish(out)) < 0)
				return rc;
			continue;
		}
		if (is_modify(op) && op->column->not_null && op->column->default_expr &&
		    op->old_column && !op->old_column->not_null)
			dbt_render_fill_nulls(out, my, op);
		if ((rc = dbt_mysql_render_op(out, op)) < 0 ||
		    (created && (rc = dbt_render_created_table_indexes_but(out, my, ops, n, target,
									   op->table->name, 1,
									   made_by_fk, &l)) < 0))
			return rc;
		for (k = 0; op->kind == DBT_OP_DROP_FK && k < i; k++)
			if (drops_index_of(&ops[k], op) &&
			    (rc = dbt_mysql_render_op(out, &ops[k])) < 0)
				return rc;
	}
	return dbt_render_finish(out);
}

/* 1 when an op of the list adds (`add`) or drops a foreign key of table
 * `table` that makes index `ix`: ADD_FK or CREATE_TABLE, DROP_FK or
 * DROP_TABLE. */
static int list_has_fk_of(const dbt_op *ops, size_t n, const dbt_index *ix, int add)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const dbt_op *o = &ops[i];

		if (o->kind != (add ? DBT_OP_ADD_FK : DBT_OP_DROP_FK) &&
		    o->kind != (add ? DBT_OP_CREATE_TABLE : DBT_OP_DROP_TABLE))
			continue;
		if (!dbt_render_same_name(o->table->name, ix->table))
			continue;
		if (o->kind == DBT_OP_ADD_FK || o->kind == DBT_OP_DROP_FK) {
			if (fk_makes(o->fk, ix))
				return 1;
		} else if (implied_by(o->table, ix)) {
			return 1;
		}
	}
	return 0;
}

int dbt_mysql_op_implied(const dbt_op *ops, size_t n, size_t i)
{
	if (ops[i].kind != DBT_OP_ADD_INDEX && ops[i].kind != DBT_OP_DROP_INDEX)
		return 0;
	return list_has_fk_of(ops, n, ops[i].index, ops[i].kind == DBT_OP_ADD_INDEX);
}

/* One DROP TABLE naming every table, foreign-key checks off for it. */
int dbt_mysql_drop_tables(dbt_buf *out, const dbt_table_name *tables, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	dbt_buf_puts(out, "SET @dbtool_foreign_key_checks = @@SESSION.foreign_key_checks;\n"
			  "SET SESSION foreign_key_checks = 0;\n");
	for (i = 0; i < n; i++) {
		dbt_buf_puts(out, i ? ", " : "DROP TABLE ");
		if (tables[i].schema) {
			ident(out, tables[i].schema);
			dbt_buf_putc(out, '.');
		}
		ident(out, tables[i].name);
	}
	dbt_buf_puts(out, ";\nSET SESSION foreign_key_checks = @dbtool_foreign_key_checks;\n");
	return dbt_render_finish(out);
}

/* ----------------------------------------------------------- adapting */

void dbt_mysql_autoincrement(dbt_column *c)
{
	c->autoincrement = 1;
	c->identity_implicit = 1;
	c->not_null = 1;
}

int dbt_mysql_autoincrement_is(const dbt_column *c)
{
	return c->autoincrement;
}

/* 1 when the type's text says UNSIGNED, in any case. */
static int has_unsigned(const char *text)
{
	for (; *text; text++)
		if (!strncasecmp(text, "unsigned", 8))
			return 1;
	return 0;
}

/*
 * MariaDB's COLUMN_TYPE of a type the model declares with a name of its
 * own (kind OTHER): in lower case outside quotes ("enum('A','b')" keeps
 * its values), and an integer type written without a display width
 * ("INT UNSIGNED", "TINYINT") with the one MariaDB gives it.
 */
static void reported_other(dbt_buf *out, const char *text)
{
	static const struct {
		const char *name, *as;
		int width, unsigned_width;
	} ints[] = {
		{"tinyint", "tinyint", 4, 3},	  {"smallint", "smallint", 6, 5},
		{"mediumint", "mediumint", 9, 8}, {"int", "int", 11, 10},
		{"integer", "int", 11, 10},	  {"bigint", "bigint", 20, 20},
	};
	size_t i, word = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
	const char *s = text;
	char quote = 0;

	for (i = 0; text[word] != '(' && i < sizeof(ints) / sizeof(ints[0]); i++) {
		if (strlen(ints[i].name) != word || strncasecmp(text, ints[i].name, word))
			continue;
		dbt_buf_printf(out, "%s(%d)", ints[i].as,
			       has_unsigned(text) ? ints[i].unsigned_width : ints[i].width);
		s = text + word;
		break;
	}
	for (; *s; s++) {
		if (quote && *s == quote)
			quote = 0;
		else if (!quote && (*s == '\'' || *s == '"'))
			quote = *s;
		dbt_buf_putc(out, quote ? *s : (char)tolower((unsigned char)*s));
	}
}

/* MariaDB's COLUMN_TYPE for a portable type (see dbt_mysql_adapt); 0,
 * or DBT_EPARSE for what it does not have, `why` saying it. */
static int reported_type(dbt_buf *out, const dbt_type *t, const char **why)
{
	switch (t->kind) {
	case DBT_TYPE_SMALLINT:
		dbt_buf_puts(out, "smallint(6)");
		break;
	case DBT_TYPE_INTEGER:
		dbt_buf_puts(out, "int(11)");
		break;
	case DBT_TYPE_BIGINT:
		dbt_buf_puts(out, "bigint(20)");
		break;
	case DBT_TYPE_BOOLEAN:
		dbt_buf_puts(out, "tinyint(1)");
		break;
	case DBT_TYPE_REAL:
		dbt_buf_puts(out, "float");
		break;
	case DBT_TYPE_DOUBLE:
		dbt_buf_puts(out, "double");
		break;
	case DBT_TYPE_NUMERIC:
		dbt_buf_printf(out, "decimal(%d,%d)", t->precision > 0 ? t->precision : 10,
			       t->scale > 0 ? t->scale : 0);
		break;
	case DBT_TYPE_VARCHAR:
		if (t->length <= 0) {
			*why = "VARCHAR without a length, which MariaDB requires";
			return DBT_EPARSE;
		}
		dbt_buf_printf(out, "varchar(%d)", t->length);
		break;
	case DBT_TYPE_CHAR:
		dbt_buf_printf(out, "char(%d)", t->length > 0 ? t->length : 1);
		break;
	case DBT_TYPE_TEXT:
		dbt_buf_puts(out, "text");
		break;
	case DBT_TYPE_DATE:
		dbt_buf_puts(out, "date");
		break;
	case DBT_TYPE_TIME:
		dbt_buf_puts(out, "time");
		put_fsp(out, t);
		break;
	case DBT_TYPE_TIMETZ:
		*why = "TIME WITH TIME ZONE, which MariaDB does not have";
		return DBT_EPARSE;
	case DBT_TYPE_TIMESTAMP:
		dbt_buf_puts(out, "datetime");
		put_fsp(out, t);
		break;
	case DBT_TYPE_TIMESTAMPTZ:
		dbt_buf_puts(out, "timestamp");
		put_fsp(out, t);
		break;
	case DBT_TYPE_BLOB:
		dbt_buf_puts(out, "blob");
		break;
	case DBT_TYPE_JSON:
		dbt_buf_puts(out, "longtext");
		break;
	case DBT_TYPE_UUID:
		dbt_buf_puts(out, "uuid");
		break;
	default:
		reported_other(out, t->text ? t->text : "");
		break;
	}
	return 0;
}

/* The numbers in "(a)" or "(a,b)" after a type's name; -1 when absent. */
static void type_numbers(const char *s, int *a, int *b)
{
	*a = *b = -1;
	s = strchr(s, '(');
	if (!s || sscanf(s, "(%d,%d)", a, b) < 1)
		*a = *b = -1;
}

/* The type that MariaDB's reflection reads from COLUMN_TYPE `column_type`,
 * as reflect_mysql.c builds it: the kind of its DATA_TYPE with its
 * numbers, and COLUMN_TYPE as the text unless it is the kind's canonical
 * spelling. */
static int reflected_type(dbt_type *out, const char *column_type)
{
	dbt_type t = DBT_TYPE_INIT(DBT_TYPE_OTHER);
	dbt_buf canon = DBT_BUF_INIT;
	int a, b, rc = 0;

	t.kind =
		dbt_mysql_type_kind(column_type, strspn(column_type, "abcdefghijklmnopqrstuvwxyz"));
	type_numbers(column_type, &a, &b);
	switch (t.kind) {
	case DBT_TYPE_VARCHAR:
	case DBT_TYPE_CHAR:
		t.length = a;
		break;
	case DBT_TYPE_NUMERIC:
		t.precision = a;
		t.scale = b;
		break;
	case DBT_TYPE_TIME:
	case DBT_TYPE_TIMESTAMP:
		t.precision = a > 0 ? a : -1;
		break;
	default:
		break;
	}
	if (t.kind != DBT_TYPE_OTHER)
		dbt_type_format(&canon, &t);
	if (canon.oom)
		rc = dbt_error_oom();
	else if ((t.kind == DBT_TYPE_OTHER || strcasecmp(dbt_buf_str(&canon), column_type)) &&
		 !(t.text = strdup(column_type)))
		rc = dbt_error_oom();
	dbt_buf_release(&canon);
	*out = t;
	return rc;
}

/* 1 when column `name` leads the primary key, a unique constraint or an
 * index of `t`: the key MariaDB needs for AUTO_INCREMENT and a foreign
 * key. */
static int leads_key(const dbt_schema *s, const dbt_table *t, char *const *names, size_t n)
{
	size_t i, k;

	for (i = 0; i <= t->nuniques; i++) {
		const dbt_unique *u = i < t->nuniques ? t->uniques[i] : t->pk;

		if (!u || u->ncolumns < n)
			continue;
		for (k = 0; k < n && !strcmp(u->columns[k], names[k]); k++)
			;
		if (k == n)
			return 1;
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		if (strcmp(ix->table, t->name) || ix->nelems < n || ix->method || ix->where)
			continue;
		for (k = 0; k < n && ix->elems[k].column && !ix->elems[k].prefix &&
			    !strcmp(ix->elems[k].column, names[k]);
		     k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The check MariaDB adds to a JSON column, named after it:
 * json_valid(`c`), its column in backticks, as MariaDB prints it. */
static int add_json_check(dbt_table *t, const dbt_column *c)
{
	dbt_buf expr = DBT_BUF_INIT;
	dbt_check *check;
	const char *s;
	int rc;

	dbt_buf_puts(&expr, "json_valid(`");
	for (s = c->name; *s; s++) {
		if (*s == '`')
			dbt_buf_putc(&expr, '`');
		dbt_buf_putc(&expr, *s);
	}
	dbt_buf_puts(&expr, "`)");
	if (expr.oom) {
		dbt_buf_release(&expr);
		return dbt_error_oom();
	}
	/* Made on a placeholder, then given MariaDB's text as it is, as
	 * reflect_mysql.c does: the normaliser reads no backticks. */
	if ((rc = dbt_table_add_check(&check, t, c->name, "TRUE", 4)) == 0) {
		free(check->expr);
		check->expr = dbt_buf_detach(&expr);
		if (!check->expr)
			rc = dbt_error_oom();
	}
	dbt_buf_release(&expr);
	return rc;
}

/* Defaults as MariaDB prints them where the model's canonical text
 * differs: TRUE and FALSE of a BOOLEAN (1 and 0), CURRENT_TIMESTAMP. */
static int adapt_default(dbt_column *c, dbt_type_kind declared)
{
	const char *to = NULL;

	if (!c->default_expr)
		return 0;
	if (declared == DBT_TYPE_BOOLEAN && !strcasecmp(c->default_expr, "true"))
		to = "1";
	else if (declared == DBT_TYPE_BOOLEAN && !strcasecmp(c->default_expr, "false"))
		to = "0";
	else if (!strcasecmp(c->default_expr, "current_timestamp"))
		to = "current_timestamp()";
	if (!to)
		return 0;
	free(c->default_expr);
	if (!(c->default_expr = strdup(to)))
		return dbt_error_oom();
	return 0;
}

/* 0 when dbt_mysql_expr writes `expr` of table `t` for MariaDB; else
 * DBT_EPARSE at `line`:`col`, `what` naming the expression. */
static int check_expr(const dbt_table *t, const char *expr, int line, int col, const char *what)
{
	dbt_buf b = DBT_BUF_INIT;
	char at[32];
	int rc = dbt_mysql_expr(&b, t, expr);

	dbt_buf_release(&b);
	if (rc == 0)
		return 0;
	dbt_render_place(at, sizeof(at), line, col);
	return dbt_error_set(DBT_EPARSE,
			     "%s%s of table '%s' uses || among other operators, which MariaDB "
			     "reads as OR and dbtool writes as CONCAT() only alone: write "
			     "CONCAT(...) there",
			     at, what, t->name);
}

/* 1 for PostgreSQL's JSONB, which MariaDB/MySQL stores as its one JSON
 * type. */
static int is_jsonb(const dbt_type *t)
{
	return t->kind == DBT_TYPE_OTHER && t->text && !strcasecmp(t->text, "jsonb");
}

static int adapt_column(dbt_table *t, dbt_column *c)
{
	dbt_buf reported = DBT_BUF_INIT;
	const char *why = NULL;
	const dbt_type json = DBT_TYPE_INIT(DBT_TYPE_JSON);
	dbt_type ty;
	dbt_type_kind declared = is_jsonb(&c->type) ? DBT_TYPE_JSON : c->type.kind;
	char at[32];
	int rc;

	dbt_render_place(at, sizeof(at), c->line, c->col);
	if (!c->type.decl)
		return 0;
	if (!*c->type.decl)
		return dbt_error_set(DBT_EPARSE,
				     "%scolumn '%s.%s' has no type, which MariaDB requires", at,
				     t->name, c->name);
	if (c->generated_expr && c->not_null)
		return dbt_error_set(DBT_EPARSE,
				     "%scolumn '%s.%s' is a generated column with NOT NULL, which "
				     "MariaDB does not take",
				     at, t->name, c->name);
	if (c->generated_expr &&
	    (rc = check_expr(t, c->generated_expr, c->line, c->col, "a generation expression")) < 0)
		return rc;
	if (reported_type(&reported, declared == DBT_TYPE_JSON ? &json : &c->type, &why) < 0) {
		dbt_buf_release(&reported);
		return dbt_error_set(DBT_EPARSE, "%scolumn '%s.%s' is %s", at, t->name, c->name,
				     why);
	}
	if (reported.oom) {
		dbt_buf_release(&reported);
		return dbt_error_oom();
	}
	rc = reflected_type(&ty, dbt_buf_str(&reported));
	dbt_buf_release(&reported);
	if (rc < 0)
		return rc;
	ty.decl = c->type.decl;
	c->type.decl = NULL;
	dbt_type_release(&c->type);
	c->type = ty;
	if (declared == DBT_TYPE_JSON && !c->collation &&
	    ((rc = dbt_column_set_collation(c, "utf8mb4_bin")) < 0 ||
	     (rc = add_json_check(t, c)) < 0))
		return rc;
	return adapt_default(c, declared);
}

/* The index MariaDB makes for a foreign key whose columns lead no key or
 * index of its table: a plain one, named after the key. */
static int add_fk_index(dbt_schema *s, dbt_table *t, const dbt_fk *fk)
{
	dbt_index *ix;
	size_t i;
	int rc;

	if (leads_key(s, t, fk->columns, fk->ncolumns))
		return 0;
	if ((rc = dbt_schema_add_index(&ix, s, fk->name, 0, t->name, 0)) < 0)
		return rc;
	ix->name_given = 0;
	for (i = 0; i < fk->ncolumns; i++)
		if ((rc = dbt_index_add_column(ix, fk->columns[i], 0)) < 0)
			return rc;
	return 0;
}

/* A unique index of whole columns in ascending order is, to MariaDB's
 * reflection, a unique constraint of the index's name: so it becomes
 * one. */
static int unique_indexes_as_keys(dbt_schema *s)
{
	size_t i, k;
	int rc;

	for (i = 0; i < s->nindexes;) {
		dbt_index *ix = s->indexes[i];
		dbt_table *t = dbt_schema_find_table(s, ix->table);
		dbt_unique *u;

		for (k = 0; k < ix->nelems; k++)
			if (!ix->elems[k].column || ix->elems[k].desc || ix->elems[k].prefix ||
			    ix->elems[k].opclass || ix->elems[k].nulls)
				break;
		if (!t || !ix->unique || ix->method || ix->where || k < ix->nelems) {
			i++;
			continue;
		}
		if ((rc = dbt_table_add_unique(&u, t, ix->name)) < 0)
			return rc;
		u->name_given = ix->name_given;
		u->line = ix->line;
		u->col = ix->col;
		for (k = 0; k < ix->nelems; k++)
			if ((rc = dbt_unique_add_column(u, ix->elems[k].column)) < 0)
				return rc;
		dbt_schema_remove_index(s, ix);
	}
	return 0;
}

/* The first column of foreign key `fk` that is NOT NULL in `t`; NULL for
 * none. */
static const char *not_null_column(const dbt_table *t, const dbt_fk *fk)
{
	size_t i, k;

	for (i = 0; i < fk->ncolumns; i++)
		for (k = 0; k < t->ncolumns; k++)
			if (!strcmp(t->columns[k]->name, fk->columns[i]) && t->columns[k]->not_null)
				return fk->columns[i];
	return NULL;
}

static int adapt_table(dbt_schema *s, dbt_table *t)
{
	char at[32];
	size_t i;
	int rc;

	if (t->strict || t->without_rowid) {
		if (t->strict)
			dbt_render_place(at, sizeof(at), t->strict_line, t->strict_col);
		else
			dbt_render_place(at, sizeof(at), t->wr_line, t->wr_col);
		return dbt_error_set(DBT_EPARSE,
				     "%stable '%s' is %s, a table option of SQLite's that MariaDB "
				     "does not have",
				     at, t->name, t->strict ? "STRICT" : "WITHOUT ROWID");
	}
	if (t->partition_by || t->partition_of || t->nexcludes) {
		dbt_render_place(at, sizeof(at), t->line, t->col);
		return dbt_error_set(DBT_EPARSE,
				     "%stable '%s' has PostgreSQL's %s, which dbtool does not "
				     "render for MariaDB",
				     at, t->name,
				     t->nexcludes ? "exclusion constraints" : "partitioning");
	}
	if ((rc = dbt_render_generated_pk(t)) < 0)
		return rc;
	for (i = 0; i < t->nchecks; i++)
		if ((rc = check_expr(t, t->checks[i]->expr, t->checks[i]->line, t->checks[i]->col,
				     "a CHECK")) < 0)
			return rc;
	/* MariaDB names every primary key PRIMARY: the model's name is not
	 * kept, so it is not compared either. */
	if (t->pk)
		t->pk->name_given = 0;
	for (i = 0; i < t->ncolumns; i++) {
		dbt_column *c = t->columns[i];

		if ((rc = adapt_column(t, c)) < 0)
			return rc;
		if (c->identity == DBT_IDENTITY_NONE && !c->autoincrement)
			continue;
		if (!leads_key(s, t, &c->name, 1)) {
			dbt_render_place(at, sizeof(at), c->line, c->col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' is %s, but MariaDB generates values "
					     "(AUTO_INCREMENT) only for a column that leads a key",
					     at, t->name, c->name, dbt_render_generator_name(c));
		}
		c->identity = DBT_IDENTITY_NONE;
		c->autoincrement = 1;
		c->not_null = 1;
	}
	for (i = 0; i < t->nfks; i++) {
		const dbt_fk *fk = t->fks[i];
		const char *col = not_null_column(t, fk);

		if (col && (fk->on_delete == DBT_FK_SET_NULL || fk->on_update == DBT_FK_SET_NULL)) {
			dbt_render_place(at, sizeof(at), fk->line, fk->col);
			return dbt_error_set(DBT_EPARSE,
					     "%sforeign key '%s' of table '%s' sets NULL in the "
					     "NOT "
					     "NULL column '%s', which InnoDB refuses",
					     at, fk->name, t->name, col);
		}
		/* RESTRICT is InnoDB's default, and NO ACTION does the same
		 * there (no deferred checks): both are the default, as
		 * reflect_mysql.c reads them. */
		if (t->fks[i]->on_delete == DBT_FK_RESTRICT)
			t->fks[i]->on_delete = DBT_FK_NO_ACTION;
		if (t->fks[i]->on_update == DBT_FK_RESTRICT)
			t->fks[i]->on_update = DBT_FK_NO_ACTION;
		if ((rc = add_fk_index(s, t, t->fks[i])) < 0)
			return rc;
	}
	return 0;
}

/* PostgreSQL's options of a key or an index, which MariaDB's do not have;
 * `what` names it. */
static int refuse_pg_key_options(int line, int col, const char *what, size_t ninclude,
				 int nulls_not_distinct)
{
	char at[48];

	if (!ninclude && !nulls_not_distinct)
		return 0;
	dbt_render_place(at, sizeof(at), line, col);
	return dbt_error_set(DBT_EPARSE, "%s%s has %s, which MariaDB/MySQL does not have", at, what,
			     ninclude ? "INCLUDE columns" : "NULLS NOT DISTINCT");
}

/* The model's PostgreSQL-only forms, refused at their place. */
static int refuse_pg_forms(const dbt_schema *s)
{
	char at[48], what[256];
	size_t i, k;
	int rc;

	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i];

		if ((rc = dbt_render_refuse_conflict(t, "MariaDB/MySQL")) < 0)
			return rc;
		if (t->unlogged) {
			dbt_render_place(at, sizeof(at), t->unlogged_line, t->unlogged_col);
			return dbt_error_set(DBT_EPARSE,
					     "%stable '%s' is UNLOGGED, which MariaDB/MySQL does "
					     "not have",
					     at, t->name);
		}
		snprintf(what, sizeof(what), "a key of table '%s'", t->name);
		if (t->pk &&
		    (rc = refuse_pg_key_options(t->pk->pg_line, t->pk->pg_col, what,
						t->pk->ninclude, t->pk->nulls_not_distinct)) < 0)
			return rc;
		for (k = 0; k < t->nuniques; k++) {
			const dbt_unique *u = t->uniques[k];

			if ((rc = refuse_pg_key_options(u->pg_line, u->pg_col, what, u->ninclude,
							u->nulls_not_distinct)) < 0)
				return rc;
		}
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k];

			if (!c->identity_options)
				continue;
			dbt_render_place(at, sizeof(at), c->identity_options_line,
					 c->identity_options_col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has identity sequence options, "
					     "which MariaDB/MySQL does not have",
					     at, t->name, c->name);
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];

		snprintf(what, sizeof(what), "index '%s'", ix->name);
		if ((rc = refuse_pg_key_options(ix->pg_line, ix->pg_col, what, ix->ninclude,
						ix->nulls_not_distinct)) < 0)
			return rc;
	}
	return 0;
}

int dbt_mysql_adapt(dbt_schema *schema)
{
	size_t i;
	int rc;

	if ((rc = refuse_pg_forms(schema)) < 0 || (rc = unique_indexes_as_keys(schema)) < 0)
		return rc;
	for (i = 0; i < schema->ntables; i++)
		if ((rc = adapt_table(schema, schema->tables[i])) < 0)
			return rc;
	return 0;
}
