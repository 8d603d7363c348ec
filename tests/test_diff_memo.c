/*
 * test_diff_memo.c - a second diff that reuses the first one's memo
 * (dbt_diff_opts' record, reuse and changed) gives exactly the ops of the
 * whole diff: the same ops, pointing at the same objects, in the same
 * order.  Each shape is diffed as dbtool's second round does it: the
 * first diff records its memo, the tables its ops name that the database
 * has are replaced (with their indexes) by those of the model as the
 * scratch database would give it back, and the diff runs again with the
 * memo and without, under the options of each dialect.  The respelling
 * of the replaced tables alone is compared with the whole one likewise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "parse.h"
#include "schema_dump.h"
#include "spelling.h"

/* ------------------------------------------------------------- helpers */

static dbt_schema *model(const char *text)
{
	dbt_schema *s = NULL;
	int rc = dbt_parse_model(&s, "model.sql", text, strlen(text));

	if (rc < 0)
		fail_msg("model does not parse: %s", dbt_error_last());
	return s;
}

static dbt_object *add_obj(dbt_schema *s, dbt_object_kind kind, const char *name, const char *table,
			   const char *def, const char *dep)
{
	char create[256], drop[256];
	dbt_object *o;

	snprintf(create, sizeof(create), "CREATE %s %s %s;", dbt_object_kind_name(kind), name, def);
	snprintf(drop, sizeof(drop), "DROP %s %s;", dbt_object_kind_name(kind), name);
	assert_int_equal(dbt_schema_add_object(&o, s, kind, name, table, def, create, drop, NULL),
			 0);
	if (dep)
		assert_int_equal(dbt_object_add_dep(o, dep), 0);
	return o;
}

static char *describe_all(const dbt_diff *d)
{
	dbt_buf b = DBT_BUF_INIT;
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (i)
			dbt_buf_putc(&b, '\n');
		dbt_op_describe(&b, &d->ops[i]);
	}
	dbt_buf_puts(&b, "");
	assert_false(b.oom);
	return dbt_buf_detach(&b);
}

/* Field by field: struct padding is not copied reliably. */
static int same_op(const dbt_op *x, const dbt_op *y)
{
	return x->kind == y->kind && x->table == y->table && x->old_table == y->old_table &&
	       x->column == y->column && x->old_column == y->old_column && x->key == y->key &&
	       x->fk == y->fk && x->check == y->check && x->index == y->index &&
	       x->old_index == y->old_index && x->exclude == y->exclude && x->object == y->object &&
	       x->old_object == y->old_object && x->fks_deferred == y->fks_deferred;
}

static const char *op_table(const dbt_op *op)
{
	if (op->kind == DBT_OP_ADD_INDEX || op->kind == DBT_OP_DROP_INDEX)
		return op->index->table;
	return op->table ? op->table->name : NULL;
}

/*
 * What dbt_scratch_normalize does to `m`: each table that `d` names and
 * `db` has (under its name or the one it is renamed from) is swapped, in
 * its place, with the table of the same name in `normal`, and so are its
 * indexes; `changed` marks their places.  Returns how many.
 */
static size_t replace_tables(dbt_schema *m, dbt_schema *normal, const dbt_diff *d,
			     const dbt_schema *db, unsigned char *changed)
{
	size_t i, k, n = 0;

	for (i = 0; i < d->n; i++) {
		const char *name = op_table(&d->ops[i]);
		long t = name ? dbt_schema_table_pos(m, name) : -1;

		if (t < 0 || changed[t] ||
		    (!dbt_schema_find_table(db, name) &&
		     !(m->tables[t]->renamed_from &&
		       dbt_schema_find_table(db, m->tables[t]->renamed_from))))
			continue;
		changed[t] = 1;
		n++;
	}
	for (i = 0; i < m->nindexes; i++) {
		dbt_index *ix = m->indexes[i];
		long t = dbt_schema_table_pos(m, ix->table);

		if (t < 0 || !changed[t])
			continue;
		for (k = 0; k < normal->nindexes; k++) {
			if (strcmp(normal->indexes[k]->name, ix->name) ||
			    strcmp(normal->indexes[k]->table, ix->table))
				continue;
			m->indexes[i] = normal->indexes[k];
			normal->indexes[k] = ix;
			break;
		}
	}
	for (i = 0; i < m->ntables; i++) {
		dbt_table *t = m->tables[i];
		long r;

		if (!changed[i])
			continue;
		r = dbt_schema_table_pos(normal, t->name);
		assert_true(r >= 0);
		m->tables[i] = normal->tables[r];
		normal->tables[r] = t;
	}
	return n;
}

/* One shape: the database, the model, and the model as the scratch
 * database gives it back (NULL: the model itself); `objects` adds the
 * objects of both sides. */
struct shape {
	const char *db, *model, *normal;
	void (*objects)(dbt_schema *db, dbt_schema *model);
};

/* The options of each dialect's differ (model.c's dbt_model_diff_opts):
 * SQLite, PostgreSQL, MariaDB. */
static const dbt_diff_opts dialects[] = {
	{.fk_forward_refs = 1},
	{.objects_around_alters = 1, .rename_indexes = 1},
	{.rename_indexes = 1},
};

/*
 * Diffs `sh` as dbtool's two rounds do, and the second round with the
 * memo and without: both give the same ops, in the same order, and the
 * second is `expected` (check lines).  Returns how many pairs the memo
 * holds as equal.
 */
static size_t expect_same_second_round(const struct shape *sh, const dbt_diff_opts *dialect,
				       const char *expected)
{
	dbt_schema *db = model(sh->db), *m = model(sh->model);
	dbt_schema *normal = model(sh->normal ? sh->normal : sh->model);
	dbt_diff_memo memo = DBT_DIFF_MEMO_INIT;
	dbt_diff_opts o = *dialect;
	dbt_diff first, hinted, full;
	unsigned char *changed;
	size_t i, nequal = 0;
	char *a, *b;

	if (sh->objects) {
		sh->objects(db, m);
		sh->objects(NULL, normal);
	}
	o.record = &memo;
	assert_int_equal(dbt_diff_schemas(&first, db, m, &o), 0);
	assert_true(first.n > 0);
	changed = calloc(m->ntables ? m->ntables : 1, 1);
	assert_non_null(changed);
	replace_tables(m, normal, &first, db, changed);
	dbt_diff_release(&first);

	o.record = NULL;
	o.reuse = &memo;
	o.changed = changed;
	assert_int_equal(dbt_diff_schemas(&hinted, db, m, &o), 0);
	o.reuse = NULL;
	o.changed = NULL;
	assert_int_equal(dbt_diff_schemas(&full, db, m, &o), 0);

	a = describe_all(&hinted);
	b = describe_all(&full);
	assert_string_equal(a, b);
	assert_string_equal(b, expected);
	assert_int_equal(hinted.n, full.n);
	/* With renames, the ops of each diff point into its own copy of the
	 * renamed `from`: the kinds and check lines say they are the same. */
	assert_true(!dbt_diff_renamed(&hinted) == !dbt_diff_renamed(&full));
	for (i = 0; i < full.n; i++)
		assert_true(dbt_diff_renamed(&full) ? hinted.ops[i].kind == full.ops[i].kind
						    : same_op(&hinted.ops[i], &full.ops[i]));
	for (i = 0; i < memo.nb; i++)
		nequal += (memo.pairs[i] & DBT_DIFF_MEMO_EQUAL) != 0;

	free(a);
	free(b);
	free(changed);
	dbt_diff_memo_release(&memo);
	dbt_diff_release(&hinted);
	dbt_diff_release(&full);
	dbt_schema_free(db);
	dbt_schema_free(m);
	dbt_schema_free(normal);
	return nequal;
}

/* expect_same_second_round() under each dialect's options; the memo
 * holds `nequal` equal pairs under each. */
static void expect_same_everywhere(const struct shape *sh, size_t nequal, const char *sqlite,
				   const char *postgres, const char *mysql)
{
	const char *expected[] = {sqlite, postgres, mysql};
	size_t i;

	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		assert_int_equal(expect_same_second_round(sh, &dialects[i], expected[i]), nequal);
}

#define T(n, extra)                                                                         \
	"CREATE TABLE t" #n " (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(40) NOT NULL " \
	"UNIQUE, qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0)" extra ");\n"              \
	"CREATE INDEX ix_t" #n " ON t" #n " (qty);\n"
#define REF(n) ", parent_id INTEGER REFERENCES t" #n " (id)"

#define BASE T(1, "") T(2, REF(1)) T(3, REF(2)) T(4, REF(3)) T(5, "")

/* ---------------------------------------------------------------- tests */

static void test_changed_table_among_unchanged_ones(void **state)
{
	const struct shape sh = {BASE,
				 T(1, "") T(2, REF(1)) T(3, REF(2) ", note VARCHAR(20)")
					 T(4, REF(3)) T(5, ""),
				 NULL, NULL};
	const char *add = "+ column t3.note VARCHAR(20) NULL";

	(void)state;
	expect_same_everywhere(&sh, 4, add, add, add);
}

/* t1 gains a column and a key that a new table's foreign key uses (which
 * waits for it where the dialect cannot name a missing key), and t2,
 * unchanged, keeps referencing t1; a new table also references t4's
 * unchanged key, which the memo holds as matched. */
static void test_changed_table_referenced_by_foreign_keys(void **state)
{
	const struct shape sh =
		{BASE,
		 T(1, ", note VARCHAR(20), UNIQUE (note)") T(2, REF(1)) T(3, REF(2)) T(4, REF(3))
			 T(5, "") "CREATE TABLE n1 (x VARCHAR(20) REFERENCES t1 (note));\n"
				  "CREATE TABLE n4 (c VARCHAR(40) REFERENCES t4 (code));\n",
		 NULL, NULL};
	const char *deferred = "+ table n1\n+ table n4\n+ column t1.note VARCHAR(20) NULL\n"
			       "+ unique t1 (note)\n+ foreign key n1 (x) -> t1 (note)";
	const char *forward = "+ table n1\n+ table n4\n+ column t1.note VARCHAR(20) NULL\n"
			      "+ unique t1 (note)";

	(void)state;
	expect_same_everywhere(&sh, 4, forward, deferred, deferred);
}

static void view_and_trigger(dbt_schema *db, dbt_schema *m)
{
	if (db) {
		add_obj(db, DBT_OBJ_VIEW, "v", NULL, "AS SELECT qty FROM t2", "t2");
		add_obj(db, DBT_OBJ_TRIGGER, "trg ON t4", "t4", "AFTER INSERT", "t4");
	}
	add_obj(m, DBT_OBJ_VIEW, "v", NULL, "AS SELECT qty FROM t2", "t2");
	add_obj(m, DBT_OBJ_TRIGGER, "trg ON t4", "t4", "AFTER INSERT", "t4");
}

/* The view on t2, whose column changes type, goes and comes back around
 * the change where the database asks for it (PostgreSQL); the trigger on
 * t4, unchanged, stays. */
static void test_view_on_a_changed_table(void **state)
{
	const struct shape sh =
		{BASE,
		 T(1, "") "CREATE TABLE t2 (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(40) NOT "
			  "NULL UNIQUE, qty BIGINT NOT NULL DEFAULT 0 CHECK (qty >= 0)" REF(
				  1) ");\n"
				     "CREATE INDEX ix_t2 ON t2 (qty);\n" T(3, REF(2)) T(4, REF(3))
					     T(5, ""),
		 NULL, view_and_trigger};
	const char *alter = "~ column t2.qty INTEGER -> BIGINT";
	const char *around = "- view v\n~ column t2.qty INTEGER -> BIGINT\n+ view v";

	(void)state;
	expect_same_everywhere(&sh, 4, alter, around, alter);
}

static void test_renamed_table_and_column(void **state)
{
	const struct shape sh =
		{BASE,
		 T(1, "") T(2, REF(1)) T(3, REF(2))
			 T(4, REF(3)) "-- renamed from: t5\n"
				      "CREATE TABLE t6 (id INTEGER NOT NULL PRIMARY KEY, code "
				      "VARCHAR(40) NOT NULL UNIQUE,\n-- renamed from: qty\n"
				      "amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0));\n"
				      "CREATE INDEX ix_t5 ON t6 (amount);\n",
		 NULL, NULL};
	const char *rename = "~ table t6 renamed from t5\n~ column t6.amount renamed from qty";

	(void)state;
	/* A diff that renames keeps no memo: the second is whole. */
	expect_same_everywhere(&sh, 0, rename, rename, rename);
}

static void test_table_dropped_and_one_added(void **state)
{
	const struct shape sh = {BASE, T(1, "") T(2, REF(1)) T(3, REF(2)) T(4, REF(3)) T(6, REF(4)),
				 NULL, NULL};
	const char *ops = "- table t5\n+ table t6\n+ index ix_t6 ON t6 (qty)";

	(void)state;
	expect_same_everywhere(&sh, 4, ops, ops, ops);
}

static void test_index_change_only(void **state)
{
	const struct shape sh = {BASE "CREATE INDEX ix_code ON t3 (code);\n",
				 BASE "CREATE INDEX ix_code ON t3 (code, qty);\n", NULL, NULL};
	const char *ops = "- index ix_code\n+ index ix_code ON t3 (code, qty)";

	(void)state;
	expect_same_everywhere(&sh, 5, ops, ops, ops);
}

/* The model's check is the database's once the scratch database has read
 * it: the second round finds the table equal, beside a real change. */
static void test_change_that_the_normal_form_takes_back(void **state)
{
	const struct shape sh = {BASE,
				 T(1, "") T(2, REF(1) ", CHECK (0 <= id)") T(3, REF(2)) T(4, REF(3))
					 T(5, ", note VARCHAR(20)"),
				 T(1, "") T(2, REF(1) ", CHECK (id >= 0)") T(3, REF(2)) T(4, REF(3))
					 T(5, ", note VARCHAR(20)"),
				 NULL};
	const struct shape db_has_it = {T(1, "") T(2, REF(1) ", CHECK (id >= 0)") T(3, REF(2))
						T(4, REF(3)) T(5, ""),
					sh.model, sh.normal, NULL};
	const char *add = "+ column t5.note VARCHAR(20) NULL";

	(void)state;
	expect_same_everywhere(&db_has_it, 3, add, add, add);
}

/* Likewise an index: once read back, it is the database's, and the
 * second round matches it again while it takes the other tables'
 * indexes from the memo. */
static void test_index_that_the_normal_form_takes_back(void **state)
{
	const struct shape sh = {
		BASE "CREATE INDEX ix_pos ON t3 (code) WHERE qty > 0;\n",
		T(1, "") T(2, REF(1)) T(3, REF(2)) T(4, REF(3))
			T(5,
			  ", note VARCHAR(20)") "CREATE INDEX ix_pos ON t3 (code) WHERE 0 < qty;\n",
		T(1, "") T(2, REF(1)) T(3, REF(2)) T(4, REF(3))
			T(5,
			  ", note VARCHAR(20)") "CREATE INDEX ix_pos ON t3 (code) WHERE qty > 0;\n",
		NULL};
	const char *add = "+ column t5.note VARCHAR(20) NULL";

	(void)state;
	expect_same_everywhere(&sh, 4, add, add, add);
}

/* The other way round, for the differ: an index of a replaced table that
 * the first diff matched, and that comes back otherwise, is matched
 * again, and no longer matches. */
static void test_index_of_a_replaced_table_is_matched_again(void **state)
{
	const struct shape sh =
		{BASE,
		 T(1, "") T(2, REF(1)) T(3, REF(2) ", note VARCHAR(20)") T(4, REF(3)) T(5, ""),
		 T(1, "")
			 T(2, REF(1)) "CREATE TABLE t3 (id INTEGER NOT NULL PRIMARY KEY, code "
				      "VARCHAR(40) NOT NULL UNIQUE, qty INTEGER NOT NULL DEFAULT 0 "
				      "CHECK (qty >= 0)" REF(
					      2) ", note VARCHAR(20));\n"
						 "CREATE INDEX ix_t3 ON t3 (qty, code);\n" T(4,
											     REF(3))
							 T(5, ""),
		 NULL};
	const char *ops = "- index ix_t3\n+ column t3.note VARCHAR(20) NULL\n"
			  "+ index ix_t3 ON t3 (qty, code)";

	(void)state;
	expect_same_everywhere(&sh, 4, ops, ops, ops);
}

/* A partition key that changes makes the parent, and its partitions that
 * the first diff found equal, again. */
static void test_recreated_parent_takes_its_equal_partitions(void **state)
{
	const struct shape sh =
		{"CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL) PARTITION BY RANGE (at);\n"
		 "CREATE TABLE a_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
		 "('2025-01-01');\n" T(1, ""),
		 "CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL) PARTITION BY RANGE (id);\n"
		 "CREATE TABLE a_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
		 "('2025-01-01');\n" T(1, ""),
		 NULL, NULL};
	const char *ops = "- table a_2024\n- table m\n+ table m\n+ table a_2024";

	(void)state;
	expect_same_everywhere(&sh, 2, ops, ops, ops);
}

/* A partition that the first diff found equal, and that the second takes
 * as equal from the memo, is made again with its parent all the same:
 * here the normal form of the parent, which the first diff named for a
 * new column, has another partition key. */
static void test_partition_taken_from_the_memo_follows_its_parent(void **state)
{
	const struct shape sh =
		{"CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL) PARTITION BY RANGE (at);\n"
		 "CREATE TABLE a_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
		 "('2025-01-01');\n" T(1, ""),
		 "CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL, n INT) PARTITION BY RANGE "
		 "(at);\nCREATE TABLE a_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
		 "('2025-01-01');\n" T(1, ""),
		 "CREATE TABLE m (id INTEGER NOT NULL, at DATE NOT NULL, n INT) PARTITION BY RANGE "
		 "(id);\nCREATE TABLE a_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO "
		 "('2025-01-01');\n" T(1, ""),
		 NULL};
	const char *ops = "- table a_2024\n- table m\n+ table m\n+ table a_2024";

	(void)state;
	expect_same_everywhere(&sh, 2, ops, ops, ops);
}

/* ---------------------------------------------------------- respelling */

/* The model after dbt_schema_take_spelling, a second round of which
 * replaced `replace` (its tables' places by name in `normal`), then
 * respelled whole or (`again`) the replaced tables alone. */
static char *respelt(const char *db_text, const char *model_text, const char *normal_text,
		     const char *const *replace, int again, int *renamed)
{
	dbt_schema *db = model(db_text), *m = model(model_text), *normal = model(normal_text);
	unsigned flags = DBT_SPELL_TABLES | DBT_SPELL_COLUMNS | DBT_SPELL_INDEXES;
	unsigned char *changed;
	dbt_diff d;
	dbt_buf b = DBT_BUF_INIT;
	size_t i, k;

	assert_int_equal(dbt_schema_take_spelling(m, db, flags), 0);
	changed = calloc(m->ntables, 1);
	assert_non_null(changed);
	/* The ops that name the tables to replace. */
	d.n = 0;
	for (k = 0; replace[k]; k++)
		;
	d.ops = calloc(k ? k : 1, sizeof(*d.ops));
	assert_non_null(d.ops);
	for (i = 0; i < k; i++) {
		d.ops[i].kind = DBT_OP_ADD_COLUMN;
		d.ops[i].table = dbt_schema_find_table(m, replace[i]);
		assert_non_null(d.ops[i].table);
	}
	d.n = k;
	replace_tables(m, normal, &d, db, changed);
	free(d.ops);
	*renamed = 0;
	if (again)
		assert_int_equal(dbt_schema_take_spelling_again(m, db, flags, changed, renamed), 0);
	else
		assert_int_equal(dbt_schema_take_spelling(m, db, flags), 0);
	dbt_schema_dump(&b, m, 0);
	dbt_buf_puts(&b, "");
	assert_false(b.oom);
	free(changed);
	dbt_schema_free(db);
	dbt_schema_free(m);
	dbt_schema_free(normal);
	return dbt_buf_detach(&b);
}

static void expect_same_respelling(const char *db, const char *m, const char *normal,
				   const char *const *replace, int renamed)
{
	int r_whole, r_again;
	char *whole = respelt(db, m, normal, replace, 0, &r_whole);
	char *again = respelt(db, m, normal, replace, 1, &r_again);

	assert_string_equal(again, whole);
	assert_int_equal(r_again, renamed);
	free(whole);
	free(again);
}

/* Quoted, as SQLite keeps them; the model's unquoted names. */
#define SPELL_DB                                                                         \
	"CREATE TABLE \"Users\" (\"Id\" INTEGER PRIMARY KEY, \"Code\" TEXT, CONSTRAINT " \
	"\"Ck\" CHECK (id > 0));\nCREATE INDEX \"Ix_Code\" ON \"Users\" (\"Code\");\n"   \
	"CREATE TABLE \"Posts\" (\"Id\" INTEGER PRIMARY KEY, \"User_Id\" INTEGER "       \
	"REFERENCES \"Users\" (\"Id\"), \"Body\" TEXT);\n"
#define SPELL_MODEL                                                                       \
	"CREATE TABLE users (id INTEGER PRIMARY KEY, code TEXT, CONSTRAINT ck CHECK (id " \
	"> 0));\nCREATE INDEX ix_code ON users (code);\n"                                 \
	"CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users "   \
	"(id), body TEXT, extra TEXT);\n"
/* SPELL_MODEL as the scratch database gives it back, respelt. */
#define SPELL_NORMAL                                                                     \
	"CREATE TABLE \"Users\" (\"Id\" INTEGER PRIMARY KEY, \"Code\" TEXT, CONSTRAINT " \
	"\"Ck\" CHECK (id > 0));\nCREATE INDEX \"Ix_Code\" ON \"Users\" (\"Code\");\n"   \
	"CREATE TABLE \"Posts\" (\"Id\" INTEGER PRIMARY KEY, \"User_Id\" INTEGER "       \
	"REFERENCES \"Users\" (\"Id\"), \"Body\" TEXT, extra TEXT);\n"

static void test_respelling_the_replaced_tables_is_the_whole_respelling(void **state)
{
	static const char *const posts[] = {"Posts", NULL};
	static const char *const both[] = {"Users", "Posts", NULL};

	(void)state;
	/* The scratch database gives back the names as the model, respelt,
	 * wrote them. */
	expect_same_respelling(SPELL_DB, SPELL_MODEL, SPELL_NORMAL, posts, 0);
	expect_same_respelling(SPELL_DB, SPELL_MODEL, SPELL_NORMAL, both, 0);
}

/* A replaced table whose column the scratch database spells otherwise
 * takes the database's spelling again, and so do the foreign keys of the
 * other tables that name it: the caller is told. */
static void test_respelling_a_replaced_column_says_so(void **state)
{
	static const char *const users[] = {"Users", NULL};

	(void)state;
	expect_same_respelling(SPELL_DB, SPELL_MODEL,
			       "CREATE TABLE \"Users\" (\"ID\" INTEGER PRIMARY KEY, \"Code\" TEXT, "
			       "CONSTRAINT \"Ck\" CHECK (id > 0));\n"
			       "CREATE INDEX \"Ix_Code\" ON \"Users\" (\"Code\");\n",
			       users, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_changed_table_among_unchanged_ones),
		cmocka_unit_test(test_changed_table_referenced_by_foreign_keys),
		cmocka_unit_test(test_view_on_a_changed_table),
		cmocka_unit_test(test_renamed_table_and_column),
		cmocka_unit_test(test_table_dropped_and_one_added),
		cmocka_unit_test(test_index_change_only),
		cmocka_unit_test(test_change_that_the_normal_form_takes_back),
		cmocka_unit_test(test_index_that_the_normal_form_takes_back),
		cmocka_unit_test(test_index_of_a_replaced_table_is_matched_again),
		cmocka_unit_test(test_recreated_parent_takes_its_equal_partitions),
		cmocka_unit_test(test_partition_taken_from_the_memo_follows_its_parent),
		cmocka_unit_test(test_respelling_the_replaced_tables_is_the_whole_respelling),
		cmocka_unit_test(test_respelling_a_replaced_column_says_so),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
