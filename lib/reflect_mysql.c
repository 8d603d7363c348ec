/*
 * reflect_mysql.c - reads the tables of a MariaDB or MySQL database into
 * the Schema model (schema.h) from information_schema.
 *
 * Six queries whatever the number of tables (and four for the objects): the server's version, the
 * tables, every column, every index key (STATISTICS: the primary key,
 * unique keys and the other indexes), every foreign-key column with its
 * actions, and every CHECK constraint.  Each query reads the whole
 * database, ordered, and its rows are dealt to the tables by name.
 *
 * What the server prints is kept as it prints it, as the other
 * reflections do: a column's type is COLUMN_TYPE ("int(11)",
 * "varchar(50)", "enum('a','b')", "int(10) unsigned") over the portable
 * kind that DATA_TYPE names, and defaults, generated expressions and
 * CHECK clauses are the server's text (backticks and all), which the
 * model meets in a scratch database once the dialect is wired.  The
 * server-dependent parts switch in one place, on `mariadb`: MariaDB
 * prints a default as an expression ('abc', NULL, current_timestamp()),
 * MySQL as the bare value, with DEFAULT_GENERATED in EXTRA for an
 * expression; MariaDB names the table of a CHECK constraint in
 * CHECK_CONSTRAINTS, MySQL only in TABLE_CONSTRAINTS.
 *
 * A unique key on whole columns in ascending order is a unique
 * constraint; one with a prefix length or a descending key is a unique
 * index.  FULLTEXT and SPATIAL indexes keep that word as their method.
 * MySQL's functional index keys (8.0.13) are not read yet.
 *
 * Views, triggers, functions and procedures are objects held as
 * definitions (schema.h), three queries more (VIEWS, TRIGGERS, and
 * ROUTINES with PARAMETERS): each is written back as the CREATE statement
 * that makes it, without its definer (a user, not the schema), the
 * database's own name taken out of a view's definition, so that the
 * scratch database's reading of the model equals the live one's.  A view
 * depends on the tables and views its definition names, a trigger on its
 * table.
 */
#include "mysql.h"

#include "dialect.h"
#include "error.h"
#include "schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VERSION_TABLE "dbtool_version"
#define HISTORY_TABLE "dbtool_history"

/* The rows of one query and the column count it must have. */
static int fetch(dbt_mysql_rows *out, dbt_conn *conn, const char *head, const char *db,
		 const char *tail, size_t ncols)
{
	dbt_buf sql = DBT_BUF_INIT;
	int rc;

	dbt_buf_puts(&sql, head);
	dbt_mysql_quote_literal(&sql, db);
	dbt_buf_puts(&sql, tail);
	if (sql.oom) {
		dbt_buf_release(&sql);
		return dbt_error_oom();
	}
	rc = dbt_mysql_query(out, conn, sql.ptr);
	dbt_buf_release(&sql);
	if (rc == 0 && out->nrows && out->ncols != ncols) {
		dbt_mysql_rows_release(out);
		return dbt_error_set(DBT_EDB, "unexpected information_schema result");
	}
	return rc;
}

static const char *cell(const dbt_mysql_rows *r, size_t row, size_t col)
{
	return dbt_mysql_cell(r, row, col);
}

/* A cell that must not be NULL: "" when it is. */
static const char *text(const dbt_mysql_rows *r, size_t row, size_t col)
{
	const char *v = dbt_mysql_cell(r, row, col);

	return v ? v : "";
}

/* 1 when `s` holds `word`, ignoring ASCII case. */
static int has(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (!strncasecmp(s, word, n))
			return 1;
	return 0;
}

/* 1 when a name needs quotes to keep its case or characters. */
static int needs_quotes(const char *name)
{
	for (; *name; name++)
		if (!((*name >= 'a' && *name <= 'z') || (*name >= '0' && *name <= '9') ||
		      *name == '_'))
			return 1;
	return 0;
}

static int set_copy(char **field, const char *v)
{
	char *copy = strdup(v);

	if (!copy)
		return dbt_error_oom();
	free(*field);
	*field = copy;
	return 0;
}

dbt_type_kind dbt_mysql_type_kind(const char *data_type, size_t len)
{
	static const struct {
		const char *name;
		dbt_type_kind kind;
	} kinds[] = {
		{"smallint", DBT_TYPE_SMALLINT},   {"int", DBT_TYPE_INTEGER},
		{"bigint", DBT_TYPE_BIGINT},	   {"float", DBT_TYPE_REAL},
		{"double", DBT_TYPE_DOUBLE},	   {"decimal", DBT_TYPE_NUMERIC},
		{"varchar", DBT_TYPE_VARCHAR},	   {"char", DBT_TYPE_CHAR},
		{"text", DBT_TYPE_TEXT},	   {"date", DBT_TYPE_DATE},
		{"time", DBT_TYPE_TIME},	   {"datetime", DBT_TYPE_TIMESTAMP},
		{"timestamp", DBT_TYPE_TIMESTAMP}, {"blob", DBT_TYPE_BLOB},
		{"json", DBT_TYPE_JSON},	   {"uuid", DBT_TYPE_UUID},
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == len && !strncasecmp(data_type, kinds[i].name, len))
			return kinds[i].kind;
	return DBT_TYPE_OTHER;
}

/* The portable kind DATA_TYPE names, with its numbers; OTHER for the
 * rest.  `text` stays NULL. */
static void type_kind(dbt_type *t, const dbt_mysql_rows *r, size_t row)
{
	const char *data_type = text(r, row, 2), *v;

	*t = (dbt_type)DBT_TYPE_INIT(dbt_mysql_type_kind(data_type, strlen(data_type)));
	switch (t->kind) {
	case DBT_TYPE_VARCHAR:
	case DBT_TYPE_CHAR:
		if ((v = cell(r, row, 9)))
			t->length = atoi(v);
		break;
	case DBT_TYPE_NUMERIC:
		if ((v = cell(r, row, 10)))
			t->precision = atoi(v);
		if ((v = cell(r, row, 11)))
			t->scale = atoi(v);
		break;
	case DBT_TYPE_TIME:
	case DBT_TYPE_TIMESTAMP:
		if ((v = cell(r, row, 12)) && atoi(v) > 0)
			t->precision = atoi(v);
		break;
	default:
		break;
	}
}

/*
 * Sets the column's type: the kind of type_kind, and COLUMN_TYPE as the
 * text unless it is the kind's canonical spelling ignoring case.
 */
static int set_type(dbt_type *t, const dbt_mysql_rows *r, size_t row)
{
	const char *column_type = text(r, row, 3);
	dbt_buf canon = DBT_BUF_INIT;
	int rc = 0;

	type_kind(t, r, row);
	if (t->kind != DBT_TYPE_OTHER)
		dbt_type_format(&canon, t);
	if (canon.oom)
		rc = dbt_error_oom();
	else if ((t->kind == DBT_TYPE_OTHER || strcasecmp(dbt_buf_str(&canon), column_type)) &&
		 !(t->text = strdup(column_type)))
		rc = dbt_error_oom();
	dbt_buf_release(&canon);
	return rc;
}

/*
 * A default that is one string literal, as MariaDB prints it: with a
 * quote in it written '' for a VARCHAR column and \' for a TEXT one (its
 * expression printer), the same string either way.  Puts the literal with
 * the quote doubled, and 0; 1, putting nothing, when `v` is not one
 * whole literal.
 */
static int put_mariadb_literal(dbt_buf *b, const char *v)
{
	size_t i;

	if (v[0] != '\'')
		return 1;
	for (i = 1; v[i]; i++) {
		if (v[i] == '\\' && v[i + 1]) {
			i++;
		} else if (v[i] == '\'') {
			if (v[i + 1] != '\'')
				break;
			i++;
		}
	}
	if (v[i] != '\'' || v[i + 1])
		return 1;
	dbt_buf_putc(b, '\'');
	for (i = 1; v[i + 1]; i++) {
		if (v[i] == '\\' && v[i + 1] == '\'') {
			dbt_buf_puts(b, "''");
			i++;
		} else if (v[i] == '\\' || (v[i] == '\'' && v[i + 1] == '\'')) {
			dbt_buf_putc(b, v[i]);
			dbt_buf_putc(b, v[++i]);
		} else {
			dbt_buf_putc(b, v[i]);
		}
	}
	dbt_buf_putc(b, '\'');
	return 0;
}

/* The default of a column as SQL: MariaDB prints an expression, MySQL
 * the value (an expression only with DEFAULT_GENERATED). */
static int set_default(dbt_column *c, const char *v, const char *extra, int mariadb,
		       dbt_type_kind kind)
{
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	if (!v || (mariadb && !strcasecmp(v, "NULL")))
		return 0;
	if (mariadb) {
		if (put_mariadb_literal(&b, v))
			dbt_buf_puts(&b, v);
	} else if (has(extra, "DEFAULT_GENERATED") ||
		   ((dbt_type_is_integer(kind) || kind == DBT_TYPE_NUMERIC ||
		     kind == DBT_TYPE_REAL || kind == DBT_TYPE_DOUBLE) &&
		    *v)) {
		dbt_buf_puts(&b, v);
	} else {
		dbt_mysql_quote_literal(&b, v);
	}
	rc = b.oom ? dbt_error_oom() : set_copy(&c->default_expr, b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/*
 * A column's COMMENT (COLUMN_COMMENT, '' for none) and ON UPDATE (in
 * EXTRA, after "on update ": MariaDB's "current_timestamp()" or
 * "current_timestamp(6)", MySQL's "CURRENT_TIMESTAMP" or
 * "CURRENT_TIMESTAMP(6)"), each in MariaDB's form (dbt_column_mysql).
 */
static int set_mysql_attrs(dbt_column *c, const char *comment, const char *extra)
{
	const char *at = NULL, *s;
	dbt_column_mysql *m;
	dbt_buf b = DBT_BUF_INIT;
	int rc;

	for (s = extra; s && *s && !at; s++)
		if (!strncasecmp(s, "on update ", 10))
			at = s + 10;
	if (!(comment && *comment) && !at)
		return 0;
	if ((rc = dbt_column_mysql_edit(&m, c)) < 0)
		return rc;
	if (comment && *comment && (rc = set_copy(&m->comment, comment)) < 0)
		return rc;
	if (!at)
		return 0;
	for (s = at; *s && *s != ' '; s++)
		dbt_buf_putc(&b, (char)tolower((unsigned char)*s));
	if (!strchr(dbt_buf_str(&b), '('))
		dbt_buf_puts(&b, "()");
	rc = b.oom ? dbt_error_oom() : set_copy(&m->on_update, b.ptr);
	dbt_buf_release(&b);
	return rc;
}

/* Columns: TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE,
 * COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, COLLATION_NAME,
 * CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
 * DATETIME_PRECISION, the table's collation, and COLUMN_COMMENT. */
static int read_columns(dbt_schema *s, dbt_conn *conn, const char *db, int mariadb)
{
	dbt_mysql_rows r;
	dbt_table *t = NULL;
	size_t i;
	int rc;

	rc = fetch(&r, conn,
		   "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, "
		   "c.IS_NULLABLE, c.COLUMN_DEFAULT, c.EXTRA, c.GENERATION_EXPRESSION, "
		   "c.COLLATION_NAME, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, "
		   "c.NUMERIC_SCALE, c.DATETIME_PRECISION, t.TABLE_COLLATION, c.COLUMN_COMMENT "
		   "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
		   "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
		   "WHERE t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND c.TABLE_SCHEMA = ",
		   db, " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION", 15);
	if (rc < 0)
		return rc;
	for (i = 0; i < r.nrows; i++) {
		const char *tname = text(&r, i, 0), *extra = text(&r, i, 6), *v;
		dbt_type type;
		dbt_column *c;

		if (!t || strcmp(t->name, tname))
			t = dbt_schema_find_table(s, tname);
		if (!t)
			continue; /* the version table, or one made since */
		if ((rc = set_type(&type, &r, i)) < 0)
			goto cleanup;
		rc = dbt_table_add_column(&c, t, text(&r, i, 1), needs_quotes(text(&r, i, 1)),
					  &type);
		dbt_type_release(&type);
		if (rc < 0)
			goto cleanup;
		c->not_null = !strcmp(text(&r, i, 4), "NO");
		c->autoincrement = has(extra, "auto_increment");
		if (has(extra, "GENERATED") && !has(extra, "DEFAULT_GENERATED") &&
		    (v = cell(&r, i, 7)) && *v) {
			if ((rc = set_copy(&c->generated_expr, v)) < 0)
				goto cleanup;
			c->generated_stored = has(extra, "STORED") || has(extra, "PERSISTENT");
		} else if ((rc = set_default(c, cell(&r, i, 5), extra, mariadb, c->type.kind)) <
			   0) {
			goto cleanup;
		}
		if ((v = cell(&r, i, 8)) && cell(&r, i, 13) && strcmp(v, cell(&r, i, 13)) &&
		    (rc = dbt_column_set_collation(c, v)) < 0)
			goto cleanup;
		if ((rc = set_mysql_attrs(c, cell(&r, i, 14), extra)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	dbt_mysql_rows_release(&r);
	return rc;
}

/* One index of STATISTICS, rows [from, to): a primary key, a unique
 * constraint, or an index. */
static int add_key(dbt_schema *s, dbt_table *t, const dbt_mysql_rows *r, size_t from, size_t to)
{
	const char *name = text(r, from, 1), *type = text(r, from, 6);
	int unique = !strcmp(text(r, from, 2), "0"), plain = 1, rc;
	dbt_index *ix;
	dbt_unique *u;
	size_t i;

	for (i = from; i < to; i++)
		if (cell(r, i, 4) || !strcmp(text(r, i, 5), "D") || !cell(r, i, 3))
			plain = 0;
	if (unique && plain && strcmp(type, "FULLTEXT") && strcmp(type, "SPATIAL")) {
		if (!strcmp(name, "PRIMARY"))
			rc = dbt_table_set_pk(&u, t, NULL);
		else
			rc = dbt_table_add_unique(&u, t, name);
		for (i = from; rc == 0 && i < to; i++)
			rc = dbt_unique_add_column(u, text(r, i, 3));
		return rc;
	}
	if ((rc = dbt_schema_add_index(&ix, s, name, needs_quotes(name), t->name, unique)) < 0)
		return rc;
	if ((!strcmp(type, "FULLTEXT") || !strcmp(type, "SPATIAL")) &&
	    (rc = set_copy(&ix->method, !strcmp(type, "FULLTEXT") ? "fulltext" : "spatial")) < 0)
		return rc;
	for (i = from; i < to; i++) {
		const char *col = cell(r, i, 3), *sub = cell(r, i, 4);
		int desc = !strcmp(text(r, i, 5), "D");

		if (!col)
			continue; /* an expression key (MySQL 8): not read yet */
		if ((rc = dbt_index_add_column(ix, col, desc)) < 0)
			return rc;
		if (sub)
			ix->elems[ix->nelems - 1].prefix = atoi(sub);
	}
	return 0;
}

/* STATISTICS: TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART,
 * COLLATION, INDEX_TYPE; a key's rows in order. */
static int read_keys(dbt_schema *s, dbt_conn *conn, const char *db)
{
	dbt_mysql_rows r;
	size_t i, from;
	int rc;

	rc = fetch(&r, conn,
		   "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, "
		   "COLLATION, INDEX_TYPE FROM information_schema.STATISTICS "
		   "WHERE TABLE_SCHEMA = ",
		   db,
		   " ORDER BY TABLE_NAME, INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, "
		   "SEQ_IN_INDEX",
		   7);
	if (rc < 0)
		return rc;
	for (from = 0; from < r.nrows; from = i) {
		dbt_table *t = dbt_schema_find_table(s, text(&r, from, 0));

		for (i = from + 1; i < r.nrows && !strcmp(text(&r, i, 0), text(&r, from, 0)) &&
				   !strcmp(text(&r, i, 1), text(&r, from, 1));
		     i++)
			;
		if (t && (rc = add_key(s, t, &r, from, i)) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	dbt_mysql_rows_release(&r);
	return rc;
}

static dbt_fk_action action(const char *rule)
{
	if (!strcmp(rule, "CASCADE"))
		return DBT_FK_CASCADE;
	if (!strcmp(rule, "SET NULL"))
		return DBT_FK_SET_NULL;
	if (!strcmp(rule, "SET DEFAULT"))
		return DBT_FK_SET_DEFAULT;
	/* RESTRICT, InnoDB's default, and NO ACTION, which does the same
	 * there: the default (see dbt_mysql_adapt). */
	return DBT_FK_NO_ACTION;
}

/* Foreign keys: TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
 * REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME,
 * UPDATE_RULE, DELETE_RULE; a key's rows in order. */
static int read_fks(dbt_schema *s, dbt_conn *conn, const char *db)
{
	dbt_mysql_rows r;
	dbt_fk *fk = NULL;
	size_t i;
	int rc;

	rc = fetch(&r, conn,
		   "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, "
		   "k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, "
		   "k.REFERENCED_COLUMN_NAME, f.UPDATE_RULE, f.DELETE_RULE "
		   "FROM information_schema.KEY_COLUMN_USAGE k "
		   "JOIN information_schema.REFERENTIAL_CONSTRAINTS f "
		   "ON f.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
		   "AND f.TABLE_NAME = k.TABLE_NAME AND f.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
		   "WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND k.TABLE_SCHEMA = ",
		   db, " ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION", 8);
	if (rc < 0)
		return rc;
	for (i = 0; i < r.nrows; i++) {
		dbt_table *t = dbt_schema_find_table(s, text(&r, i, 0));

		if (!t)
			continue;
		if (!i || strcmp(text(&r, i, 0), text(&r, i - 1, 0)) ||
		    strcmp(text(&r, i, 1), text(&r, i - 1, 1))) {
			dbt_buf ref = DBT_BUF_INIT;

			/* A table of another database is named with it. */
			if (strcmp(text(&r, i, 3), db)) {
				dbt_buf_puts(&ref, text(&r, i, 3));
				dbt_buf_putc(&ref, '.');
			}
			dbt_buf_puts(&ref, text(&r, i, 4));
			rc = ref.oom ? dbt_error_oom()
				     : dbt_table_add_fk(&fk, t, text(&r, i, 1), ref.ptr);
			dbt_buf_release(&ref);
			if (rc < 0)
				goto cleanup;
			fk->ref_columns_given = 1;
			fk->on_update = action(text(&r, i, 6));
			fk->on_delete = action(text(&r, i, 7));
		}
		if ((rc = dbt_fk_add_column(fk, text(&r, i, 2))) < 0 ||
		    (rc = dbt_fk_add_ref_column(fk, text(&r, i, 5))) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	dbt_mysql_rows_release(&r);
	return rc;
}

/* CHECK constraints: TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE. */
static int read_checks(dbt_schema *s, dbt_conn *conn, const char *db, int mariadb)
{
	dbt_mysql_rows r;
	size_t i;
	int rc;

	if (mariadb)
		rc = fetch(&r, conn,
			   "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE "
			   "FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ",
			   db, " ORDER BY TABLE_NAME, CONSTRAINT_NAME", 3);
	else
		rc = fetch(&r, conn,
			   "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE "
			   "FROM information_schema.CHECK_CONSTRAINTS c "
			   "JOIN information_schema.TABLE_CONSTRAINTS t "
			   "ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA "
			   "AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME "
			   "AND t.CONSTRAINT_TYPE = 'CHECK' WHERE c.CONSTRAINT_SCHEMA = ",
			   db, " ORDER BY t.TABLE_NAME, c.CONSTRAINT_NAME", 3);
	if (rc < 0)
		return rc;
	for (i = 0; i < r.nrows; i++) {
		dbt_table *t = dbt_schema_find_table(s, text(&r, i, 0));
		dbt_check *c;

		if (!t)
			continue;
		/* Added on a placeholder, then given the server's text as it
		 * is: the expression normaliser reads PostgreSQL's SQL, not
		 * backticks. */
		if ((rc = dbt_table_add_check(&c, t, text(&r, i, 1), "TRUE", 4)) < 0 ||
		    (rc = set_copy(&c->expr, text(&r, i, 2))) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	dbt_mysql_rows_release(&r);
	return rc;
}

/* ----------------------------------------- views, triggers and routines */

/*
 * `sql` with each "`db`." that qualifies a name of the reflected database
 * taken out: its objects are named without it, as the model names them,
 * so that the scratch database's reading of a view equals the live one's.
 * NULL when out of memory.
 */
static char *unqualified(const char *sql, const char *db)
{
	dbt_buf q = DBT_BUF_INIT, out = DBT_BUF_INIT;
	const char *p, *hit, *needle;
	size_t len;

	dbt_buf_putc(&q, '`');
	for (p = db; *p; p++) {
		if (*p == '`')
			dbt_buf_putc(&q, '`');
		dbt_buf_putc(&q, *p);
	}
	dbt_buf_puts(&q, "`.");
	needle = dbt_buf_str(&q);
	len = strlen(needle);
	for (p = sql; !q.oom && (hit = strstr(p, needle)); p = hit + len)
		dbt_buf_put(&out, p, (size_t)(hit - p));
	dbt_buf_puts(&out, p);
	if (q.oom)
		out.oom = 1;
	dbt_buf_release(&q);
	return dbt_buf_detach(&out);
}

/* 1 when `name` is the name of one of the rows' first column. */
static int row_named(const dbt_mysql_rows *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (!strcmp(text(r, i, 0), name))
			return 1;
	return 0;
}

/*
 * Adds to `obj` the tables and views (among `views`, itself left out)
 * that the backticked names of `def` name.
 */
static int view_deps(dbt_object *obj, const dbt_schema *s, const dbt_mysql_rows *views,
		     const char *self, const char *def)
{
	dbt_buf name = DBT_BUF_INIT, dep = DBT_BUF_INIT;
	const char *p = def;
	int rc = 0;

	while (rc == 0 && (p = strchr(p, '`'))) {
		dbt_buf_clear(&name);
		for (p++; *p && !(p[0] == '`' && p[1] != '`'); p++) {
			if (*p == '`')
				p++;
			dbt_buf_putc(&name, *p);
		}
		if (!*p++)
			break;
		if (name.oom)
			return dbt_error_oom();
		if (dbt_schema_find_table(s, dbt_buf_str(&name))) {
			rc = dbt_object_add_dep(obj, dbt_buf_str(&name));
		} else if (strcmp(dbt_buf_str(&name), self) &&
			   row_named(views, dbt_buf_str(&name))) {
			dbt_buf_clear(&dep);
			dbt_buf_puts(&dep, "view ");
			dbt_mysql_quote_ident(&dep, dbt_buf_str(&name));
			rc = dep.oom ? dbt_error_oom() : dbt_object_add_dep(obj, dbt_buf_str(&dep));
		}
	}
	dbt_buf_release(&name);
	dbt_buf_release(&dep);
	return rc;
}

/* Views: TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE,
 * ALGORITHM.  The definer is left out: it names a user, not the schema. */
static int read_views(dbt_schema *s, dbt_conn *conn, const char *db)
{
	dbt_mysql_rows r;
	dbt_buf name = DBT_BUF_INIT, head = DBT_BUF_INIT, def = DBT_BUF_INIT, create = DBT_BUF_INIT,
		drop = DBT_BUF_INIT, replace = DBT_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = fetch(&r, conn,
			"SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, "
			"ALGORITHM "
			"FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ",
			db, " ORDER BY TABLE_NAME", 5)) < 0)
		return rc;
	for (i = 0; i < r.nrows && rc == 0; i++) {
		char *body = unqualified(text(&r, i, 1), db);
		dbt_object *obj;

		if (!body) {
			rc = dbt_error_oom();
			break;
		}
		dbt_buf_clear(&name);
		dbt_buf_clear(&head);
		dbt_buf_clear(&def);
		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		dbt_buf_clear(&replace);
		dbt_mysql_quote_ident(&name, text(&r, i, 0));
		if (strcasecmp(text(&r, i, 4), "UNDEFINED"))
			dbt_buf_printf(&head, "ALGORITHM = %s ", text(&r, i, 4));
		if (strcasecmp(text(&r, i, 3), "DEFINER"))
			dbt_buf_printf(&head, "SQL SECURITY %s ", text(&r, i, 3));
		dbt_buf_printf(&def, "%sVIEW %s AS %s", dbt_buf_str(&head), dbt_buf_str(&name),
			       body);
		if (strcasecmp(text(&r, i, 2), "NONE"))
			dbt_buf_printf(&def, " WITH %s CHECK OPTION", text(&r, i, 2));
		dbt_buf_printf(&create, "CREATE %s;", dbt_buf_str(&def));
		dbt_buf_printf(&replace, "CREATE OR REPLACE %s;", dbt_buf_str(&def));
		dbt_buf_printf(&drop, "DROP VIEW %s;", dbt_buf_str(&name));
		if (def.oom || create.oom || replace.oom || drop.oom || name.oom)
			rc = dbt_error_oom();
		else if ((rc = dbt_schema_add_object(&obj, s, DBT_OBJ_VIEW, dbt_buf_str(&name),
						     NULL, dbt_buf_str(&def), dbt_buf_str(&create),
						     dbt_buf_str(&drop), dbt_buf_str(&replace))) ==
			 0)
			rc = view_deps(obj, s, &r, text(&r, i, 0), body);
		free(body);
	}
	dbt_buf_release(&name);
	dbt_buf_release(&head);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_buf_release(&replace);
	dbt_mysql_rows_release(&r);
	return rc;
}

/*
 * `create` as a statement of its own: between DELIMITER lines when the
 * body holds a ';' (a BEGIN ... END block), as the mysql client and
 * dbtool's runner read them.
 */
static void put_compound(dbt_buf *out, const char *create, const char *body)
{
	const char *delim = strstr(body, "//") ? "$$" : "//";

	if (!strchr(body, ';')) {
		dbt_buf_printf(out, "%s;", create);
		return;
	}
	dbt_buf_printf(out, "DELIMITER %s\n%s%s\nDELIMITER ;", delim, create, delim);
}

/* Triggers: TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING,
 * EVENT_MANIPULATION, ACTION_STATEMENT, in the order they fire.  Those
 * on dbtool's own tables are not part of the schema. */
static int read_triggers(dbt_schema *s, dbt_conn *conn, const char *db)
{
	dbt_mysql_rows r;
	dbt_buf name = DBT_BUF_INIT, def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = fetch(&r, conn,
			"SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, "
			"EVENT_MANIPULATION, ACTION_STATEMENT "
			"FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ",
			db,
			" ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
			"ACTION_ORDER",
			5)) < 0)
		return rc;
	for (i = 0; i < r.nrows && rc == 0; i++) {
		const char *table = text(&r, i, 1);
		dbt_object *obj;

		if (!dbt_schema_find_table(s, table))
			continue;
		dbt_buf_clear(&name);
		dbt_buf_clear(&def);
		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		dbt_mysql_quote_ident(&def, text(&r, i, 0));
		dbt_buf_printf(&name, "%s ON ", dbt_buf_str(&def));
		dbt_mysql_quote_ident(&name, table);
		dbt_buf_clear(&def);
		dbt_buf_puts(&def, "CREATE TRIGGER ");
		dbt_mysql_quote_ident(&def, text(&r, i, 0));
		dbt_buf_printf(&def, " %s %s ON ", text(&r, i, 2), text(&r, i, 3));
		dbt_mysql_quote_ident(&def, table);
		dbt_buf_printf(&def, " FOR EACH ROW %s", text(&r, i, 4));
		put_compound(&create, dbt_buf_str(&def), text(&r, i, 4));
		dbt_buf_puts(&drop, "DROP TRIGGER ");
		dbt_mysql_quote_ident(&drop, text(&r, i, 0));
		dbt_buf_putc(&drop, ';');
		if (name.oom || def.oom || create.oom || drop.oom)
			rc = dbt_error_oom();
		else if ((rc = dbt_schema_add_object(&obj, s, DBT_OBJ_TRIGGER, dbt_buf_str(&name),
						     table, dbt_buf_str(&def), dbt_buf_str(&create),
						     dbt_buf_str(&drop), NULL)) == 0)
			rc = dbt_object_add_dep(obj, table);
	}
	dbt_buf_release(&name);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_mysql_rows_release(&r);
	return rc;
}

/*
 * Functions and procedures: ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER
 * (what a function returns), ROUTINE_DEFINITION, IS_DETERMINISTIC,
 * SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT; and their parameters
 * (SPECIFIC_NAME, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER) in a
 * second query.  MariaDB has no overloading: a routine is its name.
 * Written back in the form CREATE FUNCTION takes, without the definer,
 * each clause only where it is not the default.
 */
static int read_routines(dbt_schema *s, dbt_conn *conn, const char *db)
{
	dbt_mysql_rows r, p;
	dbt_buf name = DBT_BUF_INIT, def = DBT_BUF_INIT, create = DBT_BUF_INIT, drop = DBT_BUF_INIT;
	size_t i, k = 0, n;
	int rc;

	if ((rc = fetch(&r, conn,
			"SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, "
			"IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT "
			"FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ",
			db, " ORDER BY ROUTINE_NAME, ROUTINE_TYPE", 8)) < 0)
		return rc;
	if ((rc = fetch(&p, conn,
			"SELECT SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME, "
			"DTD_IDENTIFIER FROM information_schema.PARAMETERS "
			"WHERE ORDINAL_POSITION > 0 AND SPECIFIC_SCHEMA = ",
			db, " ORDER BY SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION", 5)) < 0) {
		dbt_mysql_rows_release(&r);
		return rc;
	}
	for (i = 0; i < r.nrows && rc == 0; i++) {
		int function = !strcasecmp(text(&r, i, 1), "FUNCTION");
		dbt_object *obj;

		dbt_buf_clear(&name);
		dbt_buf_clear(&def);
		dbt_buf_clear(&create);
		dbt_buf_clear(&drop);
		dbt_mysql_quote_ident(&name, text(&r, i, 0));
		dbt_buf_printf(&def, "CREATE %s %s(", function ? "FUNCTION" : "PROCEDURE",
			       dbt_buf_str(&name));
		/* Both queries are ordered alike: the parameters of this
		 * routine are the next rows of `p`. */
		while (k < p.nrows && (strcmp(text(&p, k, 0), text(&r, i, 0)) < 0 ||
				       (!strcmp(text(&p, k, 0), text(&r, i, 0)) &&
					strcmp(text(&p, k, 1), text(&r, i, 1)) < 0)))
			k++;
		for (n = 0; k < p.nrows && !strcmp(text(&p, k, 0), text(&r, i, 0)) &&
			    !strcmp(text(&p, k, 1), text(&r, i, 1));
		     k++, n++) {
			if (n)
				dbt_buf_puts(&def, ", ");
			if (!function)
				dbt_buf_printf(&def, "%s ", text(&p, k, 2));
			dbt_mysql_quote_ident(&def, text(&p, k, 3));
			dbt_buf_printf(&def, " %s", text(&p, k, 4));
		}
		dbt_buf_putc(&def, ')');
		if (function)
			dbt_buf_printf(&def, " RETURNS %s", text(&r, i, 2));
		if (!strcasecmp(text(&r, i, 4), "YES"))
			dbt_buf_puts(&def, " DETERMINISTIC");
		if (strcasecmp(text(&r, i, 5), "CONTAINS SQL"))
			dbt_buf_printf(&def, " %s", text(&r, i, 5));
		if (strcasecmp(text(&r, i, 6), "DEFINER"))
			dbt_buf_printf(&def, " SQL SECURITY %s", text(&r, i, 6));
		if (*text(&r, i, 7)) {
			dbt_buf_puts(&def, " COMMENT ");
			dbt_mysql_quote_literal(&def, text(&r, i, 7));
		}
		dbt_buf_printf(&def, " %s", text(&r, i, 3));
		put_compound(&create, dbt_buf_str(&def), text(&r, i, 3));
		dbt_buf_printf(&drop, "DROP %s %s;", function ? "FUNCTION" : "PROCEDURE",
			       dbt_buf_str(&name));
		if (name.oom || def.oom || create.oom || drop.oom)
			rc = dbt_error_oom();
		else
			rc = dbt_schema_add_object(&obj, s,
						   function ? DBT_OBJ_FUNCTION : DBT_OBJ_PROCEDURE,
						   dbt_buf_str(&name), NULL, dbt_buf_str(&def),
						   dbt_buf_str(&create), dbt_buf_str(&drop), NULL);
	}
	dbt_buf_release(&name);
	dbt_buf_release(&def);
	dbt_buf_release(&create);
	dbt_buf_release(&drop);
	dbt_mysql_rows_release(&p);
	dbt_mysql_rows_release(&r);
	return rc;
}

int dbt_mysql_reflect(struct dbt_schema **out, dbt_conn *conn, const char *schema_name)
{
	const char *db = schema_name;
	dbt_schema *s = NULL;
	dbt_mysql_rows r = {0};
	char *version = NULL, *current = NULL;
	int mariadb, rc;
	size_t i;

	*out = NULL;
	/* No name: the database the session uses (the URL's, or the scratch
	 * database a scratch connection went into). */
	if (!db) {
		if ((rc = dbt_mysql_query_value(conn, "SELECT DATABASE()", &current)) < 0)
			return rc;
		db = current ? current : dbt_mysql_database(conn);
	}
	if ((rc = dbt_mysql_query_value(conn, "SELECT VERSION()", &version)) < 0) {
		free(current);
		return rc;
	}
	mariadb = version && strstr(version, "MariaDB") != NULL;
	free(version);
	if ((rc = dbt_schema_new(&s)) < 0)
		return rc;
	rc = fetch(&r, conn,
		   "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES "
		   "WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND TABLE_SCHEMA = ",
		   db, " ORDER BY TABLE_NAME", 2);
	if (rc < 0)
		goto cleanup;
	for (i = 0; i < r.nrows; i++) {
		const char *name = text(&r, i, 0);
		dbt_table *t;

		if (!strcmp(name, VERSION_TABLE) || !strcmp(name, HISTORY_TABLE) ||
		    !strcmp(name, DBT_JOURNAL_TABLE))
			continue;
		if ((rc = dbt_schema_add_table(&t, s, name, needs_quotes(name))) < 0 ||
		    (*text(&r, i, 1) && (rc = set_copy(&t->comment, text(&r, i, 1))) < 0))
			goto cleanup;
	}
	if ((rc = read_columns(s, conn, db, mariadb)) < 0 || (rc = read_keys(s, conn, db)) < 0 ||
	    (rc = read_fks(s, conn, db)) < 0 || (rc = read_checks(s, conn, db, mariadb)) < 0)
		goto cleanup;
	for (i = 0; i < s->ntables; i++)
		dbt_table_normalize(s->tables[i]);
	if ((rc = read_routines(s, conn, db)) < 0 || (rc = read_views(s, conn, db)) < 0 ||
	    (rc = read_triggers(s, conn, db)) < 0)
		goto cleanup;
	*out = s;
	s = NULL;
cleanup:
	dbt_mysql_rows_release(&r);
	dbt_schema_free(s);
	free(current);
	return rc;
}
