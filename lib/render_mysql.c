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
 * index of its own, dropped with DROP INDEX.  A list puts some ops in the
 * order MariaDB needs (written_at): a foreign key always has an index,
 * and AUTO_INCREMENT is only on a column that leads a key.  The
 * adaptation is render_mysql_adapt.c's, expressions render_mysql_expr.c's.
 */
#include "render_mysql.h"

#include "error.h"
#include "mysql.h"
#include "render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The dialect's table (dialect_mysql.c), whose entries render.c's shared
 * pieces take. */
static const struct dbt_dialect *const my = &dbt_dialect_mysql;

static void ident(dbt_buf *out, const char *name)
{
	my->quote_ident(out, name);
}

/* ------------------------------------------------------------- types */

void dbt_mysql_put_fsp(dbt_buf *out, const dbt_type *t)
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
		dbt_mysql_put_fsp(out, t);
		break;
	/* A TIMESTAMP without text is what MariaDB reflects as "timestamp";
	 * a model's TIMESTAMP is adapted to "datetime". */
	case DBT_TYPE_TIMESTAMP:
	case DBT_TYPE_TIMESTAMPTZ:
		dbt_buf_puts(out, "TIMESTAMP");
		dbt_mysql_put_fsp(out, t);
		break;
	default:
		/* DATE, TEXT, BLOB, JSON, UUID: as dbt_type_format spells them. */
		dbt_type_format(out, t);
		break;
	}
}

/* After the default: ON UPDATE, then COMMENT, as MariaDB prints them. */
int dbt_mysql_put_column_end(dbt_buf *out, const dbt_table *t, const dbt_column *c, int *pk_inline)
{
	(void)t;
	(void)pk_inline;
	if (dbt_column_on_update(c)) {
		dbt_buf_puts(out, " ON UPDATE ");
		dbt_buf_puts(out, dbt_column_on_update(c));
	}
	if (dbt_column_comment(c)) {
		dbt_buf_puts(out, " COMMENT ");
		dbt_mysql_quote_literal(out, dbt_column_comment(c));
	}
	return 0;
}

/* The table's COMMENT, after CREATE TABLE's list (MariaDB has neither
 * STRICT nor WITHOUT ROWID: dbt_schema_adapt refuses them). */
void dbt_mysql_put_table_options(dbt_buf *out, const dbt_table *t)
{
	if (t->comment) {
		dbt_buf_puts(out, " COMMENT ");
		dbt_mysql_quote_literal(out, t->comment);
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

const char *dbt_mysql_index_lacks(const dbt_index *ix)
{
	size_t i;

	if (ix->where)
		return "it has no partial indexes (WHERE)";
	if (ix->method && strcmp(ix->method, "fulltext") && strcmp(ix->method, "spatial"))
		return "it has no such index method";
	for (i = 0; i < ix->nelems; i++) {
		if (!ix->elems[i].column)
			return "dbtool does not render its expression keys";
		if (ix->elems[i].opclass)
			return "it has no operator classes";
		if (ix->elems[i].nulls)
			return "it has no NULLS FIRST or NULLS LAST";
	}
	return NULL;
}

static int refuse_index(const dbt_index *ix)
{
	const char *why = dbt_mysql_index_lacks(ix);

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
	case DBT_OP_ALTER_COMMENT:
		return op->column ? refuse_column(op->table, op->column) : 0;
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
	case DBT_OP_ALTER_COMMENT:
		if (op->column)
			return modify_column(out, op);
		/* A table's: '' takes it away. */
		dbt_render_alter_table(out, my, op->table);
		dbt_buf_puts(out, "COMMENT ");
		dbt_mysql_quote_literal(out, op->table->comment ? op->table->comment : "");
		break;
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
	case DBT_OP_RENAME_INDEX:
		dbt_buf_puts(out, "ALTER TABLE ");
		ident(out, op->index->table);
		dbt_buf_puts(out, " RENAME INDEX ");
		ident(out, op->old_index->name);
		dbt_buf_puts(out, " TO ");
		ident(out, op->index->name);
		break;
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
	       (op->kind == DBT_OP_ALTER_COMMENT && op->column) ||
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

/* 1 when index `ix` has the shape of the one MariaDB makes for foreign
 * key `fk`: a plain index of the key's columns, in order. */
static int fk_shape(const dbt_fk *fk, const dbt_index *ix)
{
	size_t k;

	if (ix->unique || ix->method || ix->where || fk->ncolumns != ix->nelems)
		return 0;
	for (k = 0; k < ix->nelems; k++)
		if (!ix->elems[k].column || ix->elems[k].prefix || ix->elems[k].desc ||
		    strcmp(ix->elems[k].column, fk->columns[k]))
			return 0;
	return 1;
}

/* 1 when index `ix` is the one MariaDB makes for foreign key `fk`: of its
 * shape (fk_shape), named after it. */
static int fk_makes(const dbt_fk *fk, const dbt_index *ix)
{
	return fk->name && !strcmp(fk->name, ix->name) && fk_shape(fk, ix);
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

/* 1 when `op` makes (`made`) or takes away a generated column of its
 * table whose expression reads column `name`. */
static int generated_from(const dbt_op *op, const char *name, int made)
{
	const dbt_column *c = made ? op->column : op->old_column;

	if (made ? op->kind != DBT_OP_ADD_COLUMN && op->kind != DBT_OP_ALTER_GENERATED
		 : op->kind != DBT_OP_DROP_COLUMN && op->kind != DBT_OP_ALTER_GENERATED)
		return 0;
	return c && c->generated_expr && dbt_render_expr_mentions(c->generated_expr, name);
}

/*
 * 1 when ops[k] must go before ops[i], on one table:
 * - ops[k], a MODIFY that ends a column's AUTO_INCREMENT, before ops[i], a
 *   DROP_PK, and ops[k], an ADD_PK, before ops[i], a MODIFY that starts
 *   it: MariaDB takes AUTO_INCREMENT only on a column that leads a key, so
 *   the column stops being one before its key goes, and its key comes
 *   before it starts;
 * - ops[k], a MODIFY that ends it, before ops[i], which makes a generated
 *   column that reads the column, and ops[k], which takes such a column
 *   away, before ops[i], a MODIFY that starts it: MariaDB computes no
 *   generated column from an AUTO_INCREMENT one.
 */
static int autoincrement_order(const struct list *l, size_t i, size_t k)
{
	const dbt_op *a = &l->ops[i], *b = &l->ops[k];

	/* An object's op (a view's ...) has no table. */
	if (!a->table || !b->table || !dbt_render_same_name(a->table->name, b->table->name))
		return 0;
	if (a->kind == DBT_OP_DROP_PK)
		return autoincrement_changes(b, 1);
	if (autoincrement_changes(b, 1) && generated_from(a, b->column->name, 1))
		return 1;
	if (autoincrement_changes(a, 0) && generated_from(b, a->column->name, 0))
		return 1;
	return b->kind == DBT_OP_ADD_PK && autoincrement_changes(a, 0) && b->key->ncolumns &&
	       !strcmp(b->key->columns[0], a->column->name);
}

/* 1 when `add`, an index or a unique key, has column `name` in it. */
static int add_uses_column(const dbt_op *add, const char *name)
{
	size_t i;

	if (add->kind == DBT_OP_ADD_UNIQUE) {
		for (i = 0; i < add->key->ncolumns; i++)
			if (dbt_render_same_name(add->key->columns[i], name))
				return 1;
		return 0;
	}
	for (i = 0; i < add->index->nelems; i++)
		if (add->index->elems[i].column &&
		    dbt_render_same_name(add->index->elems[i].column, name))
			return 1;
	return 0;
}

/* The op before which ops[k] is written, an earlier drop that needs it
 * first (add_before_drop) or an earlier ADD_FK that it serves
 * (add_before_fk), an op whose AUTO_INCREMENT needs it
 * (autoincrement_order); for an ADD_COLUMN, the place of a later index
 * or key of it that goes there, so that the column is made first; k
 * itself when none. */
static size_t written_at(const struct list *l, size_t k)
{
	const dbt_op *op = &l->ops[k];
	size_t i, m, at;

	if (op_made_by_fk(l, op))
		return k;
	for (i = 0; i < k; i++)
		if ((add_before_drop(l, i, k) && !index_needed_later(l->ops, l->n, i) &&
		     !table_dropped_later(l->ops, l->n, i)) ||
		    add_before_fk(l, i, k) || autoincrement_order(l, i, k))
			return i;
	for (m = k + 1; op->kind == DBT_OP_ADD_COLUMN && m < l->n; m++)
		if (is_index_add(&l->ops[m]) &&
		    dbt_render_same_name(op_table(&l->ops[m]), op->table->name) &&
		    add_uses_column(&l->ops[m], op->column->name) && (at = written_at(l, m)) < k)
			return at;
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
		     (rc = dbt_render_comment_warning(out, &l->ops[k])) < 0 ||
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

		/* Named after the key, or after the name the key had (a
		 * table renamed: the key and its index keep the old
		 * table's name, where the model's key takes the new). */
		if (fk && !op_made_by_fk(l, &l->ops[k]) && fk_shape(fk, op->index))
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

/*
 * The index MariaDB makes for a foreign key of the target that the index
 * ops[i] drops serves, when the list neither adds it nor another index
 * that serves the key: MariaDB dropped it when the dropped index took
 * over (a list diffed on another dialect knows nothing of it), and the
 * key needs an index again before that one goes.  NULL when there is
 * none to make.
 */
static const dbt_index *fk_index_to_make(const struct list *l, size_t i)
{
	const dbt_op *op = &l->ops[i];
	const dbt_table *t;
	const dbt_index *own;
	size_t f, k;

	if (op->kind != DBT_OP_DROP_INDEX || !l->target ||
	    !(t = dbt_schema_find_table(l->target, op->index->table)))
		return NULL;
	for (f = 0; f < t->nfks; f++) {
		if (!serves(t->fks[f], op->index) ||
		    !(own = dbt_schema_find_index(l->target, t->fks[f]->name)) ||
		    !fk_makes(t->fks[f], own) || dbt_render_same_name(own->name, op->index->name))
			continue;
		for (k = 0; k < l->n; k++)
			if (l->ops[k].kind == DBT_OP_ADD_INDEX &&
			    (dbt_render_same_name(l->ops[k].index->name, own->name) ||
			     add_before_drop(l, i, k)))
				break;
		if (k == l->n)
			return own;
	}
	return NULL;
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
	if (is_modify(op))
		return "(before the generated column that reads it, above)";
	if (is_modify(at))
		return "(before the column is AUTO_INCREMENT again, above)";
	if (op->kind == DBT_OP_ADD_COLUMN)
		return "(before the index that needs it, above)";
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
			dbt_buf_comment(out, "%s", moved_note(&ops[at], op));
			continue;
		}
		if ((rc = write_moved_here(out, &l, i)) < 0)
			return rc;
		if (op->kind == DBT_OP_DROP_INDEX && fk_index_to_make(&l, i)) {
			dbt_op make = {.kind = DBT_OP_ADD_INDEX, .index = fk_index_to_make(&l, i)};

			dbt_buf_comment(out,
					"(its foreign key needs an index: the one MariaDB makes "
					"for it first)");
			if ((rc = dbt_mysql_render_op(out, &make)) < 0)
				return rc;
		}
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
