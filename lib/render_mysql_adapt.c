/*
 * render_mysql_adapt.c - the adaptation of a model to what MariaDB
 * reports of it once created (dbt_mysql_adapt, render_mysql.h), so that
 * the reflection of the database and the model compare equal: MariaDB's
 * COLUMN_TYPE for each declared type, its defaults' spelling, the check
 * of a JSON column, the index of a foreign key, AUTO_INCREMENT; and the
 * refusal, at its place, of what MariaDB does not have.
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

int dbt_mysql_autoincrement(dbt_column *c)
{
	c->autoincrement = 1;
	c->identity_implicit = 1;
	c->not_null = 1;
	return 0;
}

int dbt_mysql_autoincrement_is(const dbt_column *c)
{
	return c->autoincrement;
}

/* 1 when the type's text holds `word`, in any case. */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (; *text; text++)
		if (!strncasecmp(text, word, n))
			return 1;
	return 0;
}

/* 1 when the type's text says UNSIGNED, in any case, or ZEROFILL, which
 * MariaDB makes unsigned. */
static int has_unsigned(const char *text)
{
	return has_word(text, "unsigned") || has_word(text, "zerofill");
}

/*
 * MariaDB's COLUMN_TYPE of a type the model declares with a name of its
 * own (kind OTHER): in lower case outside quotes ("enum('A','b')" keeps
 * its values), an integer type written without a display width
 * ("INT UNSIGNED", "TINYINT") with the one MariaDB gives it, and
 * ZEROFILL without UNSIGNED with the UNSIGNED that MariaDB adds.
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
		else if (!quote && !strncasecmp(s, "zerofill", 8) && !has_word(text, "unsigned"))
			dbt_buf_puts(out, "unsigned ");
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
		if (t->precision > 0 && (t->scale < 0 || t->scale > t->precision)) {
			*why = "NUMERIC with a negative scale or one above its precision, which "
			       "MariaDB does not have";
			return DBT_EPARSE;
		}
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
		dbt_mysql_put_fsp(out, t);
		break;
	case DBT_TYPE_TIMETZ:
		*why = "TIME WITH TIME ZONE, which MariaDB does not have";
		return DBT_EPARSE;
	case DBT_TYPE_TIMESTAMP:
		dbt_buf_puts(out, "datetime");
		dbt_mysql_put_fsp(out, t);
		break;
	case DBT_TYPE_TIMESTAMPTZ:
		dbt_buf_puts(out, "timestamp");
		dbt_mysql_put_fsp(out, t);
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

/*
 * MariaDB computes no generated column from an AUTO_INCREMENT one (its
 * value is not known when the expression is): refused at the generated
 * column, naming the way out when the AUTO_INCREMENT is the auto-increment
 * rule's rather than the model's words.
 */
static int refuse_generated_from_autoincrement(const dbt_table *t)
{
	char at[32];
	size_t i, k;

	for (i = 0; i < t->ncolumns; i++) {
		const dbt_column *a = t->columns[i];
		int rule = !a->autoincrement && a->identity == DBT_IDENTITY_NONE &&
			   !a->no_autoincrement && dbt_render_autoincrement_rule_applies(t, a);

		if (!rule && !a->autoincrement && a->identity == DBT_IDENTITY_NONE)
			continue;
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *g = t->columns[k];

			if (!g->generated_expr ||
			    !dbt_render_expr_mentions(g->generated_expr, a->name))
				continue;
			dbt_render_place(at, sizeof(at), dbt_column_places_get(g)->generated_line,
					 dbt_column_places_get(g)->generated_col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' is generated from '%s', which is "
					     "AUTO_INCREMENT on MariaDB%s, and MariaDB computes no "
					     "generated column from one%s",
					     at, t->name, g->name, a->name,
					     rule ? " (the sole integer primary key)" : "",
					     rule ? ": the hint '-- dbtool: no-autoincrement' at "
						    "the end "
						    "of its line keeps it a plain key"
						  : "");
		}
	}
	return 0;
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
	if ((rc = dbt_render_generated_pk(t)) < 0 ||
	    (rc = refuse_generated_from_autoincrement(t)) < 0)
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
				 int nulls_not_distinct, int deferrable, const char *storage)
{
	const char *form;
	char at[48];

	if (!ninclude && !nulls_not_distinct && !deferrable && !storage)
		return 0;
	form = ninclude		    ? "INCLUDE columns"
	       : nulls_not_distinct ? "NULLS NOT DISTINCT"
	       : storage	    ? "storage parameters (WITH (...))"
				    : "DEFERRABLE";
	dbt_render_place(at, sizeof(at), line, col);
	return dbt_error_set(DBT_EPARSE, "%s%s has %s, which MariaDB/MySQL does not have", at, what,
			     form);
}

/* The model's PostgreSQL-only forms, and indexes MariaDB cannot have,
 * refused at their place. */
static int refuse_pg_forms(const dbt_schema *s)
{
	char at[48], what[256];
	size_t i, k;
	int rc;

	for (i = 0; i < s->ntables; i++) {
		const dbt_table *t = s->tables[i];

		if ((rc = dbt_render_refuse_conflict(t, "MariaDB/MySQL")) < 0)
			return rc;
		/* A partition's columns are its parent's: refused as one below. */
		if (t->ncolumns == 0 && !t->partition_of) {
			dbt_render_place(at, sizeof(at), t->line, t->col);
			return dbt_error_set(DBT_EPARSE,
					     "%stable '%s' has no columns, which MariaDB/MySQL "
					     "does not allow",
					     at, t->name);
		}
		if (t->unlogged) {
			dbt_render_place(at, sizeof(at), t->unlogged_line, t->unlogged_col);
			return dbt_error_set(DBT_EPARSE,
					     "%stable '%s' is UNLOGGED, which MariaDB/MySQL does "
					     "not have",
					     at, t->name);
		}
		if (t->storage) {
			dbt_render_place(at, sizeof(at), t->storage_line, t->storage_col);
			return dbt_error_set(DBT_EPARSE,
					     "%stable '%s' has storage parameters (WITH (...)), "
					     "which MariaDB/MySQL does not have",
					     at, t->name);
		}
		snprintf(what, sizeof(what), "a key of table '%s'", t->name);
		if (t->pk && (rc = refuse_pg_key_options(t->pk->pg_line, t->pk->pg_col, what,
							 t->pk->ninclude, t->pk->nulls_not_distinct,
							 t->pk->deferrable, t->pk->storage)) < 0)
			return rc;
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k];

			if (!c->has_statistics && !c->storage)
				continue;
			dbt_render_place(at, sizeof(at), dbt_column_places_get(c)->pg_set_line,
					 dbt_column_places_get(c)->pg_set_col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has SET %s, which MariaDB/MySQL "
					     "does "
					     "not have",
					     at, t->name, c->name,
					     c->has_statistics ? "STATISTICS" : "STORAGE");
		}
		for (k = 0; k < t->nfks; k++) {
			const dbt_fk *fk = t->fks[k];

			if (!fk->nset_columns)
				continue;
			dbt_render_place(at, sizeof(at), fk->set_line, fk->set_col);
			return dbt_error_set(DBT_EPARSE,
					     "%sforeign key '%s' of table '%s' sets only some of "
					     "its "
					     "columns (ON DELETE SET ... (columns)), which "
					     "MariaDB/MySQL does not have",
					     at, fk->name, t->name);
		}
		for (k = 0; k < t->nchecks; k++) {
			const dbt_check *c = t->checks[k];

			if (!c->no_inherit)
				continue;
			dbt_render_place(at, sizeof(at), c->no_inherit_line, c->no_inherit_col);
			return dbt_error_set(DBT_EPARSE,
					     "%sa CHECK of table '%s' is NO INHERIT, which "
					     "MariaDB/MySQL does not have",
					     at, t->name);
		}
		for (k = 0; k < t->nuniques; k++) {
			const dbt_unique *u = t->uniques[k];

			if ((rc = refuse_pg_key_options(u->pg_line, u->pg_col, what, u->ninclude,
							u->nulls_not_distinct, u->deferrable,
							u->storage)) < 0)
				return rc;
		}
		for (k = 0; k < t->ncolumns; k++) {
			const dbt_column *c = t->columns[k];

			if (!c->identity_options)
				continue;
			dbt_render_place(at, sizeof(at),
					 dbt_column_places_get(c)->identity_options_line,
					 dbt_column_places_get(c)->identity_options_col);
			return dbt_error_set(DBT_EPARSE,
					     "%scolumn '%s.%s' has identity sequence options, "
					     "which MariaDB/MySQL does not have",
					     at, t->name, c->name);
		}
	}
	for (i = 0; i < s->nindexes; i++) {
		const dbt_index *ix = s->indexes[i];
		const char *why = dbt_mysql_index_lacks(ix);

		snprintf(what, sizeof(what), "index '%s'", ix->name);
		if ((rc = refuse_pg_key_options(ix->pg_line, ix->pg_col, what, ix->ninclude,
						ix->nulls_not_distinct, 0, ix->storage)) < 0)
			return rc;
		/* Here rather than only when rendering: the scratch database
		 * that check and migrate build would get it as written. */
		if (why) {
			dbt_render_place(at, sizeof(at), ix->line, ix->col);
			return dbt_error_set(DBT_EPARSE,
					     "%scannot make index '%s' on table '%s' on "
					     "MariaDB/MySQL: %s",
					     at, ix->name, ix->table, why);
		}
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
