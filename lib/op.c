/*
 * op.c - what an operation of the differ (diff.h) means on its own: its
 * inverse, its name, the line that `check` prints for it, and whether it
 * loses data.  The differ computes the ops; everything that presents them
 * (findings, warnings, the downgrade's reversed list) starts here.
 */
#include "op.h"

#include "error.h"
#include "ident.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- inverse */

void dbt_op_inverse(dbt_op *out, const dbt_op *op)
{
	static const dbt_op_kind flip[] = {
		[DBT_OP_CREATE_TABLE] = DBT_OP_DROP_TABLE,
		[DBT_OP_DROP_TABLE] = DBT_OP_CREATE_TABLE,
		[DBT_OP_ADD_COLUMN] = DBT_OP_DROP_COLUMN,
		[DBT_OP_DROP_COLUMN] = DBT_OP_ADD_COLUMN,
		[DBT_OP_ALTER_TYPE] = DBT_OP_ALTER_TYPE,
		[DBT_OP_ALTER_NULL] = DBT_OP_ALTER_NULL,
		[DBT_OP_ALTER_DEFAULT] = DBT_OP_ALTER_DEFAULT,
		[DBT_OP_ALTER_IDENTITY] = DBT_OP_ALTER_IDENTITY,
		[DBT_OP_ALTER_GENERATED] = DBT_OP_ALTER_GENERATED,
		[DBT_OP_ALTER_OPTIONS] = DBT_OP_ALTER_OPTIONS,
		[DBT_OP_ADD_PK] = DBT_OP_DROP_PK,
		[DBT_OP_DROP_PK] = DBT_OP_ADD_PK,
		[DBT_OP_ADD_UNIQUE] = DBT_OP_DROP_UNIQUE,
		[DBT_OP_DROP_UNIQUE] = DBT_OP_ADD_UNIQUE,
		[DBT_OP_ADD_FK] = DBT_OP_DROP_FK,
		[DBT_OP_DROP_FK] = DBT_OP_ADD_FK,
		[DBT_OP_ADD_CHECK] = DBT_OP_DROP_CHECK,
		[DBT_OP_DROP_CHECK] = DBT_OP_ADD_CHECK,
		[DBT_OP_ADD_INDEX] = DBT_OP_DROP_INDEX,
		[DBT_OP_DROP_INDEX] = DBT_OP_ADD_INDEX,
		[DBT_OP_CREATE_OBJECT] = DBT_OP_DROP_OBJECT,
		[DBT_OP_DROP_OBJECT] = DBT_OP_CREATE_OBJECT,
		[DBT_OP_REPLACE_OBJECT] = DBT_OP_REPLACE_OBJECT,
		[DBT_OP_ADD_EXCLUDE] = DBT_OP_DROP_EXCLUDE,
		[DBT_OP_DROP_EXCLUDE] = DBT_OP_ADD_EXCLUDE,
		[DBT_OP_ALTER_PARTITION] = DBT_OP_ALTER_PARTITION,
		[DBT_OP_RENAME_TABLE] = DBT_OP_RENAME_TABLE,
		[DBT_OP_RENAME_COLUMN] = DBT_OP_RENAME_COLUMN,
		[DBT_OP_RENAME_INDEX] = DBT_OP_RENAME_INDEX,
		[DBT_OP_ALTER_COMMENT] = DBT_OP_ALTER_COMMENT,
	};
	dbt_op r = *op;

	r.kind = flip[op->kind];
	switch (op->kind) {
	case DBT_OP_ALTER_TYPE:
	case DBT_OP_ALTER_NULL:
	case DBT_OP_ALTER_DEFAULT:
	case DBT_OP_ALTER_IDENTITY:
	case DBT_OP_ALTER_GENERATED:
	case DBT_OP_ALTER_COMMENT:
	case DBT_OP_ALTER_PARTITION:
	case DBT_OP_RENAME_TABLE:
	case DBT_OP_RENAME_COLUMN:
		r.table = op->old_table;
		r.old_table = op->table;
		/* fall through */
	case DBT_OP_ADD_COLUMN:
	case DBT_OP_DROP_COLUMN:
		r.column = op->old_column;
		r.old_column = op->column;
		break;
	case DBT_OP_CREATE_OBJECT:
	case DBT_OP_DROP_OBJECT:
	case DBT_OP_REPLACE_OBJECT:
		r.object = op->old_object;
		r.old_object = op->object;
		break;
	case DBT_OP_ALTER_OPTIONS:
		r.table = op->old_table;
		r.old_table = op->table;
		break;
	case DBT_OP_RENAME_INDEX:
		r.table = op->old_table;
		r.old_table = op->table;
		r.index = op->old_index;
		r.old_index = op->index;
		break;
	default:
		break;
	}
	*out = r;
}

const char *dbt_op_kind_name(dbt_op_kind kind)
{
	static const char *const names[] = {
		[DBT_OP_CREATE_TABLE] = "create_table",
		[DBT_OP_DROP_TABLE] = "drop_table",
		[DBT_OP_ADD_COLUMN] = "add_column",
		[DBT_OP_DROP_COLUMN] = "drop_column",
		[DBT_OP_ALTER_TYPE] = "alter_type",
		[DBT_OP_ALTER_NULL] = "alter_null",
		[DBT_OP_ALTER_DEFAULT] = "alter_default",
		[DBT_OP_ALTER_IDENTITY] = "alter_identity",
		[DBT_OP_ALTER_GENERATED] = "alter_generated",
		[DBT_OP_ALTER_OPTIONS] = "alter_options",
		[DBT_OP_ADD_PK] = "add_primary_key",
		[DBT_OP_DROP_PK] = "drop_primary_key",
		[DBT_OP_ADD_UNIQUE] = "add_unique",
		[DBT_OP_DROP_UNIQUE] = "drop_unique",
		[DBT_OP_ADD_FK] = "add_foreign_key",
		[DBT_OP_DROP_FK] = "drop_foreign_key",
		[DBT_OP_ADD_CHECK] = "add_check",
		[DBT_OP_DROP_CHECK] = "drop_check",
		[DBT_OP_ADD_INDEX] = "add_index",
		[DBT_OP_DROP_INDEX] = "drop_index",
		[DBT_OP_CREATE_OBJECT] = "create_object",
		[DBT_OP_DROP_OBJECT] = "drop_object",
		[DBT_OP_REPLACE_OBJECT] = "replace_object",
		[DBT_OP_ADD_EXCLUDE] = "add_exclude",
		[DBT_OP_DROP_EXCLUDE] = "drop_exclude",
		[DBT_OP_ALTER_PARTITION] = "alter_partition",
		[DBT_OP_RENAME_TABLE] = "rename_table",
		[DBT_OP_RENAME_COLUMN] = "rename_column",
		[DBT_OP_RENAME_INDEX] = "rename_index",
		[DBT_OP_ALTER_COMMENT] = "alter_comment",
	};

	if ((size_t)kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "unknown";
	return names[kind];
}

/* ------------------------------------------------------------ describe */

/* A name as SQL would need it written (ident.h). */
static void put_name(dbt_buf *b, const char *name)
{
	dbt_ident_describe(b, name);
}

/* SQLite's " ON CONFLICT resolution" of a constraint; nothing for none. */
static void put_conflict(dbt_buf *b, dbt_conflict conflict)
{
	const char *word = dbt_conflict_name(conflict);

	if (word)
		dbt_buf_printf(b, " ON CONFLICT %s", word);
}

static void put_names(dbt_buf *b, char *const *v, size_t n)
{
	size_t i;

	dbt_buf_putc(b, '(');
	for (i = 0; i < n; i++) {
		if (i)
			dbt_buf_puts(b, ", ");
		put_name(b, v[i]);
	}
	dbt_buf_putc(b, ')');
}

/* A key's "(a, b COLLATE nocase)", and " DESC" after it for SQLite's
 * column PRIMARY KEY DESC, which is no rowid alias. */
static void put_key_columns(dbt_buf *b, const dbt_unique *key)
{
	size_t i;

	dbt_buf_putc(b, '(');
	for (i = 0; i < key->ncolumns; i++) {
		if (i)
			dbt_buf_puts(b, ", ");
		put_name(b, key->columns[i]);
		if (dbt_unique_collation(key, i)) {
			dbt_buf_puts(b, " COLLATE ");
			put_name(b, dbt_unique_collation(key, i));
		}
	}
	dbt_buf_puts(b, key->column_desc ? ") DESC" : ")");
}

/* The table an op acts on: its own, else (an index) the one it names. */
static const char *op_table_name(const dbt_op *op)
{
	if (op->table)
		return op->table->name;
	if (op->old_table)
		return op->old_table->name;
	if (op->index)
		return op->index->table;
	return NULL;
}

static const char *identity_text(const dbt_column *c)
{
	switch (c->identity) {
	case DBT_IDENTITY_SERIAL:
		return "SERIAL";
	case DBT_IDENTITY_ALWAYS:
		return "GENERATED ALWAYS AS IDENTITY";
	case DBT_IDENTITY_BY_DEFAULT:
		return "GENERATED BY DEFAULT AS IDENTITY";
	default:
		return c->autoincrement ? "AUTOINCREMENT" : NULL;
	}
}

/* A type as findings name it: SQLite's column without a type as "no
 * type". */
static void describe_type(dbt_buf *b, const dbt_type *type)
{
	if (type->text && !*type->text)
		dbt_buf_puts(b, "no type");
	else
		dbt_type_format(b, type);
}

static void put_type(dbt_buf *b, const dbt_column *c)
{
	describe_type(b, &c->type);
	if (c->collation) {
		dbt_buf_puts(b, " COLLATE ");
		put_name(b, c->collation);
	}
}

static void put_generated(dbt_buf *b, const dbt_column *c)
{
	if (c->generated_expr)
		dbt_buf_printf(b, "GENERATED ALWAYS AS (%s) %s", c->generated_expr,
			       c->generated_stored ? "STORED" : "VIRTUAL");
	else
		dbt_buf_puts(b, "not generated");
}

/* The table options: SQLite's "STRICT, WITHOUT ROWID", PostgreSQL's
 * "UNLOGGED WITH (fillfactor=70)", or "no table options". */
static void put_options(dbt_buf *b, const dbt_table *t)
{
	size_t i, was = b->len;

	if (t->unlogged || t->storage) {
		dbt_buf_puts(b, t->unlogged ? "UNLOGGED" : "");
		if (t->storage)
			dbt_buf_printf(b, "%sWITH (%s)", t->unlogged ? " " : "", t->storage);
	}
	/* PostgreSQL's per-column SET STATISTICS and SET STORAGE. */
	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *c = t->columns[i];

		if (c->has_statistics)
			dbt_buf_printf(b, "%s%s STATISTICS %d", b->len > was ? ", " : "", c->name,
				       c->statistics);
		if (c->storage)
			dbt_buf_printf(b, "%s%s STORAGE %c", b->len > was ? ", " : "", c->name,
				       c->storage);
	}
	if (b->len > was)
		return;
	if (!t->strict && !t->without_rowid)
		dbt_buf_puts(b, "no table options");
	dbt_buf_puts(b, t->strict ? "STRICT" : "");
	dbt_buf_puts(b, t->strict && t->without_rowid ? ", " : "");
	dbt_buf_puts(b, t->without_rowid ? "WITHOUT ROWID" : "");
}

/* MariaDB's ON UPDATE, after the default. */
static void put_on_update(dbt_buf *b, const dbt_column *c)
{
	if (dbt_column_on_update(c))
		dbt_buf_printf(b, " ON UPDATE %s", dbt_column_on_update(c));
}

/* MariaDB's COMMENT of a column or a table: "COMMENT 'text'" or "no
 * comment". */
static void put_comment(dbt_buf *b, const char *comment)
{
	if (!comment) {
		dbt_buf_puts(b, "no comment");
		return;
	}
	dbt_buf_puts(b, "COMMENT ");
	dbt_literal_quote(b, comment);
}

static void put_column_def(dbt_buf *b, const dbt_column *c)
{
	const char *ident = identity_text(c);

	describe_type(b, &c->type);
	dbt_buf_puts(b, c->not_null ? " NOT NULL" : " NULL");
	if (c->not_null)
		put_conflict(b, c->not_null_conflict);
	if (c->default_expr)
		dbt_buf_printf(b, " DEFAULT %s", c->default_expr);
	put_on_update(b, c);
	if (c->collation) {
		dbt_buf_puts(b, " COLLATE ");
		put_name(b, c->collation);
	}
	if (ident)
		dbt_buf_printf(b, " %s", ident);
	if (ident && c->identity_options)
		dbt_buf_printf(b, " (%s)", c->identity_options);
	if (c->generated_expr) {
		dbt_buf_putc(b, ' ');
		put_generated(b, c);
	}
	if (dbt_column_comment(c)) {
		dbt_buf_putc(b, ' ');
		put_comment(b, dbt_column_comment(c));
	}
}

static void put_default(dbt_buf *b, const dbt_column *c)
{
	if (c->default_expr)
		dbt_buf_printf(b, "DEFAULT %s", c->default_expr);
	else
		dbt_buf_puts(b, "no default");
	put_on_update(b, c);
}

static void put_identity(dbt_buf *b, const dbt_column *c)
{
	const char *ident = identity_text(c);

	dbt_buf_puts(b, ident ? ident : "no identity");
	if (ident && c->identity_options)
		dbt_buf_printf(b, " (%s)", c->identity_options);
}

static void put_fk(dbt_buf *b, const dbt_fk *fk)
{
	put_names(b, fk->columns, fk->ncolumns);
	dbt_buf_puts(b, " -> ");
	put_name(b, fk->ref_table);
	dbt_buf_putc(b, ' ');
	put_names(b, fk->ref_columns, fk->nref_columns);
	if (fk->match != DBT_FK_MATCH_SIMPLE)
		dbt_buf_puts(b, fk->match == DBT_FK_MATCH_FULL ? " MATCH FULL" : " MATCH PARTIAL");
	if (fk->on_delete != DBT_FK_NO_ACTION && dbt_fk_action_name(fk->on_delete))
		dbt_buf_printf(b, " ON DELETE %s", dbt_fk_action_name(fk->on_delete));
	if (fk->nset_columns) {
		dbt_buf_putc(b, ' ');
		put_names(b, fk->set_columns, fk->nset_columns);
	}
	if (fk->on_update != DBT_FK_NO_ACTION && dbt_fk_action_name(fk->on_update))
		dbt_buf_printf(b, " ON UPDATE %s", dbt_fk_action_name(fk->on_update));
	if (fk->deferrable)
		dbt_buf_puts(b, fk->initially_deferred ? " DEFERRABLE INITIALLY DEFERRED"
						       : " DEFERRABLE");
}

static void put_index(dbt_buf *b, const dbt_index *ix)
{
	size_t i;

	put_name(b, ix->name);
	dbt_buf_puts(b, " ON ");
	put_name(b, ix->table);
	if (ix->method) {
		dbt_buf_puts(b, " USING ");
		put_name(b, ix->method);
	}
	dbt_buf_puts(b, " (");
	for (i = 0; i < ix->nelems; i++) {
		const dbt_index_elem *e = &ix->elems[i];

		if (i)
			dbt_buf_puts(b, ", ");
		if (e->column)
			put_name(b, e->column);
		else
			dbt_buf_printf(b, "(%s)", e->expr ? e->expr : "");
		if (e->prefix)
			dbt_buf_printf(b, "(%d)", e->prefix);
		if (e->opclass) {
			dbt_buf_putc(b, ' ');
			put_name(b, e->opclass);
		}
		if (e->desc)
			dbt_buf_puts(b, " DESC");
		if (e->nulls)
			dbt_buf_puts(b,
				     e->nulls == DBT_NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
	}
	dbt_buf_putc(b, ')');
	if (ix->ninclude) {
		dbt_buf_puts(b, " INCLUDE ");
		put_names(b, ix->include, ix->ninclude);
	}
	if (ix->nulls_not_distinct)
		dbt_buf_puts(b, " NULLS NOT DISTINCT");
	if (ix->storage)
		dbt_buf_printf(b, " WITH (%s)", ix->storage);
	if (ix->where)
		dbt_buf_printf(b, " WHERE %s", ix->where);
}

/* "~ column t.c " for the alters. */
static void put_alter(dbt_buf *b, const dbt_op *op)
{
	const dbt_column *c = op->column ? op->column : op->old_column;

	dbt_buf_puts(b, "~ column ");
	put_name(b, op_table_name(op));
	dbt_buf_putc(b, '.');
	put_name(b, c ? c->name : NULL);
	dbt_buf_putc(b, ' ');
}

void dbt_op_describe(dbt_buf *out, const dbt_op *op)
{
	switch (op->kind) {
	case DBT_OP_CREATE_TABLE:
	case DBT_OP_DROP_TABLE:
		dbt_buf_puts(out, op->kind == DBT_OP_CREATE_TABLE ? "+ table " : "- table ");
		put_name(out, op_table_name(op));
		break;
	case DBT_OP_ALTER_PARTITION:
		dbt_buf_puts(out, "~ partition ");
		put_name(out, op_table_name(op));
		dbt_buf_puts(out, " OF ");
		put_name(out, op->table->partition_of);
		dbt_buf_printf(out, " %s -> %s", op->old_table->partition_bound,
			       op->table->partition_bound);
		break;
	case DBT_OP_RENAME_TABLE:
		dbt_buf_puts(out, "~ table ");
		put_name(out, op->table->name);
		dbt_buf_puts(out, " renamed from ");
		put_name(out, op->old_table->name);
		break;
	case DBT_OP_RENAME_COLUMN:
		dbt_buf_puts(out, "~ column ");
		put_name(out, op->table->name);
		dbt_buf_putc(out, '.');
		put_name(out, op->column->name);
		dbt_buf_puts(out, " renamed from ");
		put_name(out, op->old_column->name);
		break;
	case DBT_OP_RENAME_INDEX:
		dbt_buf_puts(out, "~ index ");
		put_name(out, op->index->name);
		dbt_buf_puts(out, " renamed from ");
		put_name(out, op->old_index->name);
		break;
	case DBT_OP_ADD_EXCLUDE:
	case DBT_OP_DROP_EXCLUDE:
		dbt_buf_puts(out, op->kind == DBT_OP_ADD_EXCLUDE ? "+ exclude " : "- exclude ");
		put_name(out, op_table_name(op));
		dbt_buf_printf(out, " %s", op->exclude->def);
		break;
	case DBT_OP_ADD_COLUMN:
		dbt_buf_puts(out, "+ column ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, '.');
		put_name(out, op->column->name);
		dbt_buf_putc(out, ' ');
		put_column_def(out, op->column);
		break;
	case DBT_OP_DROP_COLUMN:
		dbt_buf_puts(out, "- column ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, '.');
		put_name(out, op->old_column->name);
		break;
	case DBT_OP_ALTER_TYPE:
		put_alter(out, op);
		put_type(out, op->old_column);
		dbt_buf_puts(out, " -> ");
		put_type(out, op->column);
		break;
	case DBT_OP_ALTER_NULL:
		put_alter(out, op);
		dbt_buf_puts(out, op->old_column->not_null ? "NOT NULL" : "NULL");
		put_conflict(out, op->old_column->not_null ? op->old_column->not_null_conflict
							   : DBT_CONFLICT_NONE);
		dbt_buf_puts(out, " -> ");
		dbt_buf_puts(out, op->column->not_null ? "NOT NULL" : "NULL");
		put_conflict(out, op->column->not_null ? op->column->not_null_conflict
						       : DBT_CONFLICT_NONE);
		break;
	case DBT_OP_ALTER_DEFAULT:
		put_alter(out, op);
		put_default(out, op->old_column);
		dbt_buf_puts(out, " -> ");
		put_default(out, op->column);
		break;
	case DBT_OP_ALTER_IDENTITY:
		put_alter(out, op);
		put_identity(out, op->old_column);
		dbt_buf_puts(out, " -> ");
		put_identity(out, op->column);
		break;
	case DBT_OP_ALTER_GENERATED:
		put_alter(out, op);
		put_generated(out, op->old_column);
		dbt_buf_puts(out, " -> ");
		put_generated(out, op->column);
		break;
	case DBT_OP_ALTER_COMMENT:
		if (op->column || op->old_column) {
			put_alter(out, op);
			put_comment(out, dbt_column_comment(op->old_column));
			dbt_buf_puts(out, " -> ");
			put_comment(out, dbt_column_comment(op->column));
			break;
		}
		dbt_buf_puts(out, "~ table ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, ' ');
		put_comment(out, op->old_table->comment);
		dbt_buf_puts(out, " -> ");
		put_comment(out, op->table->comment);
		break;
	case DBT_OP_ALTER_OPTIONS:
		dbt_buf_puts(out, "~ table ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, ' ');
		put_options(out, op->old_table);
		dbt_buf_puts(out, " -> ");
		put_options(out, op->table);
		break;
	case DBT_OP_ADD_PK:
	case DBT_OP_DROP_PK:
	case DBT_OP_ADD_UNIQUE:
	case DBT_OP_DROP_UNIQUE: {
		int add = op->kind == DBT_OP_ADD_PK || op->kind == DBT_OP_ADD_UNIQUE;
		int pk = op->kind == DBT_OP_ADD_PK || op->kind == DBT_OP_DROP_PK;

		dbt_buf_puts(out, add ? "+ " : "- ");
		dbt_buf_puts(out, pk ? "primary key " : "unique ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, ' ');
		if (op->key->nulls_not_distinct)
			dbt_buf_puts(out, "NULLS NOT DISTINCT ");
		put_key_columns(out, op->key);
		if (op->key->ninclude) {
			dbt_buf_puts(out, " INCLUDE ");
			put_names(out, op->key->include, op->key->ninclude);
		}
		if (op->key->storage)
			dbt_buf_printf(out, " WITH (%s)", op->key->storage);
		if (op->key->deferrable)
			dbt_buf_puts(out, op->key->initially_deferred
						  ? " DEFERRABLE INITIALLY DEFERRED"
						  : " DEFERRABLE");
		put_conflict(out, op->key->conflict);
		break;
	}
	case DBT_OP_ADD_FK:
	case DBT_OP_DROP_FK:
		dbt_buf_puts(out, op->kind == DBT_OP_ADD_FK ? "+ foreign key " : "- foreign key ");
		put_name(out, op_table_name(op));
		dbt_buf_putc(out, ' ');
		put_fk(out, op->fk);
		break;
	case DBT_OP_ADD_CHECK:
	case DBT_OP_DROP_CHECK:
		dbt_buf_puts(out, op->kind == DBT_OP_ADD_CHECK ? "+ check " : "- check ");
		put_name(out, op_table_name(op));
		dbt_buf_printf(out, " (%s)", op->check->expr);
		if (op->check->no_inherit)
			dbt_buf_puts(out, " NO INHERIT");
		put_conflict(out, op->check->conflict);
		break;
	case DBT_OP_ADD_INDEX:
		dbt_buf_puts(out, op->index->unique ? "+ unique index " : "+ index ");
		put_index(out, op->index);
		break;
	case DBT_OP_DROP_INDEX:
		dbt_buf_puts(out, "- index ");
		put_name(out, op->index->name);
		break;
	case DBT_OP_CREATE_OBJECT:
	case DBT_OP_DROP_OBJECT:
	case DBT_OP_REPLACE_OBJECT: {
		const dbt_object *obj = op->object ? op->object : op->old_object;

		dbt_buf_puts(out, op->kind == DBT_OP_CREATE_OBJECT ? "+ "
				  : op->kind == DBT_OP_DROP_OBJECT ? "- "
								   : "~ ");
		dbt_buf_puts(out, dbt_object_kind_name(obj ? obj->kind : DBT_OBJ_NKINDS));
		dbt_buf_putc(out, ' ');
		dbt_buf_puts(out, obj ? obj->name : "?");
		break;
	}
	}
}

/* ----------------------------------------------------------- data loss */

/* The longest text a text type holds; INT_MAX when it has no limit. */
static int text_length(const dbt_type *t)
{
	if (t->kind == DBT_TYPE_TEXT || t->length < 0)
		return INT_MAX;
	return t->length;
}

/* Fractional digits of seconds: 6, the default, is stored as -1. */
static int time_precision(const dbt_type *t)
{
	return t->precision < 0 ? 6 : t->precision;
}

static int int_rank(dbt_type_kind k)
{
	return k == DBT_TYPE_SMALLINT ? 0 : k == DBT_TYPE_INTEGER ? 1 : 2;
}

static int is_float(dbt_type_kind k)
{
	return k == DBT_TYPE_REAL || k == DBT_TYPE_DOUBLE;
}

static int is_time(dbt_type_kind k)
{
	return k == DBT_TYPE_TIME || k == DBT_TYPE_TIMETZ || k == DBT_TYPE_TIMESTAMP ||
	       k == DBT_TYPE_TIMESTAMPTZ;
}

/* 1 when both types are of one family, where a change is a matter of size;
 * never for a type the model does not know, whose values only the
 * database can tell. */
static int same_family(dbt_type_kind a, dbt_type_kind b)
{
	if (a == DBT_TYPE_OTHER || b == DBT_TYPE_OTHER)
		return 0;
	return a == b || (dbt_type_is_integer(a) && dbt_type_is_integer(b)) ||
	       (is_float(a) && is_float(b)) || (dbt_type_is_text(a) && dbt_type_is_text(b)) ||
	       (is_time(a) && is_time(b));
}

/*
 * 1 when every value of type `a` converts to an equal value of type `b`.
 * A NUMERIC keeps its values when neither its digits before the point
 * nor those after it become fewer (no precision is unlimited).  Text
 * keeps when its limit does not shrink, except that text cannot become
 * CHAR without being padded with blanks.  TIMESTAMP to TIMESTAMP WITH
 * TIME ZONE reads each value in the session's time zone: the instants
 * change meaning, but no value is lost.
 */
static int keeps_values(const dbt_type *a, const dbt_type *b)
{
	if (a->kind == DBT_TYPE_OTHER || b->kind == DBT_TYPE_OTHER)
		return dbt_type_equal(a, b);
	if (dbt_type_is_integer(a->kind) && dbt_type_is_integer(b->kind))
		return int_rank(b->kind) >= int_rank(a->kind);
	if (is_float(a->kind) && is_float(b->kind))
		return a->kind == DBT_TYPE_REAL || b->kind == DBT_TYPE_DOUBLE;
	if (dbt_type_is_text(a->kind) && dbt_type_is_text(b->kind)) {
		if (b->kind == DBT_TYPE_CHAR && a->kind != DBT_TYPE_CHAR)
			return 0;
		return text_length(b) >= text_length(a);
	}
	if (a->kind == DBT_TYPE_NUMERIC && b->kind == DBT_TYPE_NUMERIC) {
		int as = a->scale, bs = b->scale;

		if (b->precision < 0)
			return 1;
		if (a->precision < 0)
			return 0;
		return bs >= as && b->precision - bs >= a->precision - as;
	}
	if (is_time(a->kind) && is_time(b->kind)) {
		if (a->kind != b->kind &&
		    !(a->kind == DBT_TYPE_TIMESTAMP && b->kind == DBT_TYPE_TIMESTAMPTZ))
			return 0;
		return time_precision(b) >= time_precision(a);
	}
	/* Any other kind keeps its values only when it stays (a change of
	 * collation alone, or of its spelling on SQLite). */
	return a->kind == b->kind;
}

/* "users.age", each name quoted as SQL would need it. */
static void put_column_ref(dbt_buf *b, const dbt_op *op, const dbt_column *c)
{
	put_name(b, op_table_name(op));
	dbt_buf_putc(b, '.');
	put_name(b, c->name);
}

int dbt_op_destroys(const dbt_op *op, char **why)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc = 0;

	if (why)
		*why = NULL;
	switch (op->kind) {
	case DBT_OP_DROP_TABLE:
		dbt_buf_puts(&b, "drops table ");
		put_name(&b, op_table_name(op));
		dbt_buf_puts(&b, " and its rows");
		rc = 1;
		break;
	case DBT_OP_DROP_COLUMN:
		dbt_buf_puts(&b, "drops column ");
		put_column_ref(&b, op, op->old_column);
		dbt_buf_puts(&b, " and its values");
		rc = 1;
		break;
	case DBT_OP_ALTER_TYPE:
		if (keeps_values(&op->old_column->type, &op->column->type))
			break;
		/* "narrows" where only a size shrinks; a change of kind may
		 * fail or change values in other ways. */
		if (same_family(op->old_column->type.kind, op->column->type.kind))
			dbt_buf_puts(&b, "narrows ");
		else
			dbt_buf_puts(&b, "converts ");
		put_column_ref(&b, op, op->column);
		dbt_buf_puts(&b, " from ");
		describe_type(&b, &op->old_column->type);
		dbt_buf_puts(&b, " to ");
		describe_type(&b, &op->column->type);
		if (!same_family(op->old_column->type.kind, op->column->type.kind))
			dbt_buf_puts(&b, ", which may not keep every value");
		rc = 1;
		break;
	case DBT_OP_ALTER_GENERATED:
		if (op->old_column->generated_expr)
			break;
		dbt_buf_puts(&b, "replaces the values of column ");
		put_column_ref(&b, op, op->column);
		dbt_buf_puts(&b, " with its generation expression");
		rc = 1;
		break;
	default:
		break;
	}
	if (rc && why) {
		if (b.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		*why = dbt_buf_detach(&b);
		if (!*why)
			rc = dbt_error_oom();
	}
cleanup:
	dbt_buf_release(&b);
	return rc;
}
