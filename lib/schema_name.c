/*
 * schema_name.c - dbt_schema_name_auto (see schema.h): the names PostgreSQL
 * gives to the constraints and indexes a model leaves unnamed, so that the
 * model's and the database's compare equal.
 */
#include "schema.h"

#include "error.h"
#include "ident.h"
#include "nameset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

enum space { SPACE_RELATION, SPACE_CONSTRAINT };

/* The names taken in each space: tables, keys and indexes share the
 * relation space; keys, foreign keys and checks the constraint space. */
struct names {
	dbt_nameset space[2];
	size_t *tables; /* the positions of the tables with something unnamed */
	size_t ntables;
	size_t *indexes; /* the positions of the unnamed indexes */
	size_t nindexes;
};

/* Records `name`, the name of a constraint or index, in its spaces. */
static int names_add(struct names *nm, int relation, int constraint, const char *name)
{
	int rc = 0;

	if (relation)
		rc = dbt_nameset_add(&nm->space[SPACE_RELATION], name);
	if (rc == 0 && constraint)
		rc = dbt_nameset_add(&nm->space[SPACE_CONSTRAINT], name);
	return rc;
}

int dbt_table_lacks_name(const dbt_table *t)
{
	size_t j;

	if (t->pk && !t->pk->name)
		return 1;
	for (j = 0; j < t->nuniques; j++)
		if (!t->uniques[j]->name)
			return 1;
	for (j = 0; j < t->nfks; j++)
		if (!t->fks[j]->name)
			return 1;
	for (j = 0; j < t->nchecks; j++)
		if (!t->checks[j]->name)
			return 1;
	for (j = 0; j < t->nexcludes; j++)
		if (!t->excludes[j]->name)
			return 1;
	return 0;
}

/*
 * The names the schema holds, and which tables and indexes have something
 * to name: one pass over the tables' constraints, so that the naming
 * after it goes back only to those (at some thousands of tables, each pass
 * over them all reads them from memory again).
 */
static int names_init(struct names *nm, const dbt_schema *schema)
{
	size_t i, j, n = 0;
	int rc;

	memset(nm, 0, sizeof(*nm));
	/* Room for every name the schema holds or will be given, so that
	 * neither set grows while it is filled. */
	for (i = 0; i < schema->ntables; i++) {
		const dbt_table *t = schema->tables[i];

		n += 2 + t->nuniques + t->nfks + t->nchecks + t->nexcludes;
	}
	n += schema->nindexes;
	if ((rc = dbt_nameset_reserve(&nm->space[SPACE_RELATION], n)) < 0 ||
	    (rc = dbt_nameset_reserve(&nm->space[SPACE_CONSTRAINT], n)) < 0)
		return rc;
	if (!(nm->tables = malloc((schema->ntables ? schema->ntables : 1) * sizeof(size_t))) ||
	    !(nm->indexes = malloc((schema->nindexes ? schema->nindexes : 1) * sizeof(size_t))))
		return dbt_error_oom();
	for (i = 0; i < schema->ntables && rc == 0; i++) {
		const dbt_table *t = schema->tables[i];

		if (dbt_table_lacks_name(t))
			nm->tables[nm->ntables++] = i;
		rc = names_add(nm, 1, 0, t->name);
		if (rc == 0 && t->pk)
			rc = names_add(nm, 1, 1, t->pk->name);
		for (j = 0; j < t->nuniques && rc == 0; j++)
			rc = names_add(nm, 1, 1, t->uniques[j]->name);
		for (j = 0; j < t->nfks && rc == 0; j++)
			rc = names_add(nm, 0, 1, t->fks[j]->name);
		for (j = 0; j < t->nchecks && rc == 0; j++)
			rc = names_add(nm, 0, 1, t->checks[j]->name);
		for (j = 0; j < t->nexcludes && rc == 0; j++)
			rc = names_add(nm, 1, 1, t->excludes[j]->name);
	}
	for (i = 0; i < schema->nindexes && rc == 0; i++) {
		if (!schema->indexes[i]->name)
			nm->indexes[nm->nindexes++] = i;
		rc = names_add(nm, 1, 0, schema->indexes[i]->name);
	}
	return rc;
}

static void names_release(struct names *nm)
{
	dbt_nameset_release(&nm->space[0]);
	dbt_nameset_release(&nm->space[1]);
	free(nm->tables);
	free(nm->indexes);
}

/* The length, at most `n`, that does not split a UTF-8 character of `s`. */
static size_t clip_utf8(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* PostgreSQL's makeObjectName: "name1_name2_label" cut to 63 bytes by
 * shortening the longer of the two names first. */
static char *object_name(const char *name1, const char *name2, const char *label)
{
	size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0, nl = strlen(label);
	size_t avail = DBT_NAME_MAX - nl - 1 - (name2 ? 1 : 0), o = 0;
	char *name;

	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	n1 = clip_utf8(name1, n1);
	if (name2)
		n2 = clip_utf8(name2, n2);
	/* One allocation of the exact size: a schema names thousands. */
	if (!(name = malloc(n1 + (name2 ? n2 + 1 : 0) + nl + 2)))
		return NULL;
	memcpy(name, name1, n1);
	o = n1;
	if (name2) {
		name[o++] = '_';
		memcpy(name + o, name2, n2);
		o += n2;
	}
	name[o++] = '_';
	memcpy(name + o, label, nl + 1);
	return name;
}

/*
 * A free name "name1_name2_label", then "..._label1", "..._label2"...,
 * free in `space`; it is then recorded as taken in the spaces that
 * `relation` and `constraint` say (a key's name takes both).  With `like`
 * not NULL, the name given is qualified as `like` is (an index of another
 * schema's table is named in that schema); the sets then hold the part of
 * it after the qualifier, which lives as long as the name given.
 */
static int choose_name(char **out, struct names *nm, enum space space, int relation, int constraint,
		       const char *like, const char *name1, const char *name2, const char *label)
{
	char modlabel[32];
	int pass, rc;

	for (pass = 1;; pass++) {
		char *name = object_name(name1, name2, pass == 1 ? label : modlabel);

		if (!name)
			return dbt_error_oom();
		if (!dbt_nameset_has(&nm->space[space], name)) {
			if ((like && (rc = dbt_ident_qualify_like(&name, like)) < 0) ||
			    (rc = names_add(nm, relation, constraint, dbt_ident_base(name))) < 0) {
				free(name);
				return rc;
			}
			*out = name;
			return 0;
		}
		free(name);
		snprintf(modlabel, sizeof(modlabel), "%s%d", label, pass);
	}
}

/* PostgreSQL's ChooseIndexNameAddition: names joined with '_', stopping
 * once past 63 bytes. */
static char *join_names(char **names, size_t n)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < n && b.len <= DBT_NAME_MAX; i++) {
		if (i)
			dbt_buf_putc(&b, '_');
		dbt_buf_puts(&b, names[i]);
	}
	return dbt_buf_detach(&b);
}

/* `names` joined, then the INCLUDE columns `include`: PostgreSQL names a
 * key or an index after all its columns. */
static char *join_with_include(char **names, size_t n, char **include, size_t ninclude)
{
	char *keys = join_names(names, n), *more;
	dbt_buf b = DBT_BUF_INIT;

	if (!keys || !ninclude)
		return keys;
	if ((more = join_names(include, ninclude)))
		dbt_buf_printf(&b, "%s_%s", keys, more);
	else
		b.oom = 1;
	free(keys);
	free(more);
	return dbt_buf_detach(&b);
}

/* The key names of an index, made unique within it as PostgreSQL's
 * ChooseIndexColumnNames does: "expr", "expr1", "expr2"... */
static int index_colnames(char ***out, const dbt_index *ix)
{
	char **v = calloc(ix->nelems ? ix->nelems : 1, sizeof(*v));
	size_t i, j;
	int k, rc = DBT_ERROR;

	*out = NULL;
	if (!v)
		return dbt_error_oom();
	for (i = 0; i < ix->nelems; i++) {
		const dbt_index_elem *e = &ix->elems[i];
		char *orig = e->column ? strdup(e->column) : dbt_expr_colname(e->expr);

		if (!orig)
			goto cleanup;
		v[i] = orig;
		for (k = 1;; k++) {
			dbt_buf b = DBT_BUF_INIT;
			char num[16];

			for (j = 0; j < i && strcmp(v[j], v[i]); j++)
				;
			if (j == i)
				break;
			snprintf(num, sizeof(num), "%d", k);
			dbt_buf_put(&b, orig,
				    clip_utf8(orig, strlen(orig) > DBT_NAME_MAX - strlen(num)
							    ? DBT_NAME_MAX - strlen(num)
							    : strlen(orig)));
			dbt_buf_puts(&b, num);
			if (v[i] != orig)
				free(v[i]);
			v[i] = dbt_buf_detach(&b);
			if (!v[i]) {
				v[i] = orig;
				goto cleanup;
			}
		}
		if (v[i] != orig)
			free(orig);
	}
	*out = v;
	v = NULL;
	rc = 0;
cleanup:
	if (v)
		strv_free(v, ix->nelems);
	return rc < 0 ? dbt_error_oom() : 0;
}

int dbt_schema_name_auto(dbt_schema *schema)
{
	char *add = NULL, **cols = NULL;
	dbt_index *ix = NULL;
	struct names nm;
	size_t i, j;
	int rc = names_init(&nm, schema);

	for (i = 0; i < nm.ntables && rc == 0; i++) {
		dbt_table *t = schema->tables[nm.tables[i]];

		if (t->pk && !t->pk->name)
			rc = choose_name(&t->pk->name, &nm, SPACE_RELATION, 1, 1, NULL,
					 dbt_ident_base(t->name), NULL, "pkey");
		for (j = 0; j < t->nuniques && rc == 0; j++) {
			dbt_unique *u = t->uniques[j];

			if (u->name)
				continue;
			if (!(add = join_with_include(u->columns, u->ncolumns, u->include,
						      u->ninclude)))
				rc = dbt_error_oom();
			else
				rc = choose_name(&u->name, &nm, SPACE_RELATION, 1, 1, NULL,
						 dbt_ident_base(t->name), add, "key");
			free(add);
			add = NULL;
		}
		for (j = 0; j < t->nchecks && rc == 0; j++) {
			dbt_check *c = t->checks[j];

			if (!c->name)
				rc = choose_name(&c->name, &nm, SPACE_CONSTRAINT, 0, 1, NULL,
						 dbt_ident_base(t->name),
						 dbt_expr_check_column(t, c->expr), "check");
		}
		for (j = 0; j < t->nexcludes && rc == 0; j++) {
			dbt_exclude *x = t->excludes[j];

			if (x->name)
				continue;
			if ((rc = dbt_expr_exclude_columns(&add, x->def)) == 0)
				rc = choose_name(&x->name, &nm, SPACE_RELATION, 1, 1, NULL,
						 dbt_ident_base(t->name), add, "excl");
			free(add);
			add = NULL;
		}
		for (j = 0; j < t->nfks && rc == 0; j++) {
			dbt_fk *fk = t->fks[j];

			if (fk->name)
				continue;
			if (!(add = join_names(fk->columns, fk->ncolumns)))
				rc = dbt_error_oom();
			else
				rc = choose_name(&fk->name, &nm, SPACE_CONSTRAINT, 0, 1, NULL,
						 dbt_ident_base(t->name), add, "fkey");
			free(add);
			add = NULL;
		}
	}
	for (i = 0; i < nm.nindexes && rc == 0; i++) {
		ix = schema->indexes[nm.indexes[i]];
		if ((rc = index_colnames(&cols, ix)) < 0)
			break;
		if (!(add = join_with_include(cols, ix->nelems, ix->include, ix->ninclude)))
			rc = dbt_error_oom();
		else
			rc = choose_name(&ix->name, &nm, SPACE_RELATION, 1, 0, ix->table,
					 dbt_ident_base(ix->table), add, "idx");
		strv_free(cols, ix->nelems);
		cols = NULL;
		free(add);
		add = NULL;
	}
	names_release(&nm);
	return rc;
}
