/*
 * journal_inverse.c - whether a MariaDB/MySQL revision's downgrade undoes
 * its upgrade statement by statement, for `migrate` to write "-- journal:
 * inverse" (see journal_inverse.h).
 *
 * The sections are compared with what each op and its inverse render
 * alone rather than trusted to follow the ops: the list renderer may
 * merge ops (one MODIFY COLUMN for several changes of a column), leave
 * one out (an index dropped with its table), add statements (the UPDATE
 * that fills NULLs before NOT NULL) or order them otherwise, and each of
 * those must cost the header, never give a wrong one.
 */
#include "journal_inverse.h"

#include "buf.h"
#include "error.h"
#include "render.h"
#include "sqlsplit_mysql.h"

#include <stdlib.h>
#include <string.h>

/* A statement of a script: where it is in its buffer, and how long. */
struct stmt {
	size_t start, len;
};

/* The statements of `sql`, as the runner splits them, in `*out` (`*n`
 * of them); 0, 1 when a DELIMITER line has no delimiter, or a negative
 * DBT_E* code. */
static int split(struct stmt **out, size_t *n, const char *sql)
{
	dbt_mysql_split sp = DBT_MYSQL_SPLIT_INIT;
	dbt_sqlstmt st;
	size_t pos = 0, cap = 0;
	int line = 0, more;

	*out = NULL;
	*n = 0;
	while ((more = dbt_mysql_sql_next(&st, sql, &pos, &line, &sp)) != 0) {
		if (more < 0)
			return 1;
		if (*n == cap) {
			struct stmt *v = realloc(*out, (cap ? 2 * cap : 8) * sizeof(*v));

			if (!v)
				return dbt_error_oom();
			*out = v;
			cap = cap ? 2 * cap : 8;
		}
		(*out)[*n].start = st.start;
		(*out)[*n].len = st.len;
		(*n)++;
	}
	return 0;
}

static int same(const char *a, const struct stmt *x, const char *b, const struct stmt *y)
{
	return x->len == y->len && !memcmp(a + x->start, b + y->start, x->len);
}

/*
 * Renders `op` alone at the end of `b` and finds it there: 1 with `*out`
 * its one statement (offsets into `b`), 0 when it is none or several or
 * cannot be rendered alone, a negative DBT_E* code when out of memory.
 */
static int one_statement(struct stmt *out, dbt_buf *b, const dbt_op *op)
{
	struct stmt *v = NULL;
	size_t at = b->len, n = 0;
	int rc;

	/* An op that the list writes otherwise (or leaves out) may be
	 * refused alone: that costs the header, not the revision. */
	if ((rc = dbt_render_op(b, DBT_DIALECT_MYSQL, op)) < 0)
		return b->oom ? rc : 0;
	if (b->oom)
		return dbt_error_oom();
	if ((rc = split(&v, &n, dbt_buf_str(b) + at)) != 0) {
		free(v);
		return rc < 0 ? rc : 0;
	}
	if (n == 1) {
		out->start = at + v[0].start;
		out->len = v[0].len;
	}
	free(v);
	return n == 1;
}

int dbt_journal_inverse_pairs(const char **why, const char *up, const char *down, const dbt_op *ops,
			      const dbt_op *inv, size_t n)
{
	const char *no = NULL;
	dbt_buf ub = DBT_BUF_INIT, db = DBT_BUF_INIT;
	struct stmt *us = NULL, *ds = NULL, *uo = NULL, *dox = NULL;
	unsigned char *used = NULL;
	size_t nu = 0, nd = 0, units = 0, i, k, j;
	int rc = 0;

	for (i = 0; i < n && !no; i++)
		if (dbt_op_destroys(&ops[i], NULL))
			no = "a change loses data that its inverse cannot bring back";
	if (no)
		goto cleanup;
	if ((rc = split(&us, &nu, up)) != 0 || (rc = split(&ds, &nd, down)) != 0) {
		if (rc == 1) {
			rc = 0;
			no = "a DELIMITER line has no delimiter";
		}
		goto cleanup;
	}
	uo = malloc((n ? n : 1) * sizeof(*uo));
	dox = malloc((n ? n : 1) * sizeof(*dox));
	used = calloc(n ? n : 1, 1);
	if (!uo || !dox || !used) {
		rc = dbt_error_oom();
		goto cleanup;
	}
	for (i = 0; i < n; i++) {
		struct stmt u = {0, 0}, d = {0, 0};

		if ((rc = one_statement(&u, &ub, &ops[i])) < 0 ||
		    (rc == 1 && (rc = one_statement(&d, &db, &inv[n - 1 - i])) < 0))
			goto cleanup;
		if (!rc) {
			no = "a change is written as several statements, or none";
			goto cleanup;
		}
		rc = 0;
		/* Changes of one column that one MODIFY COLUMN makes render
		 * alike alone, and so do their inverses: one statement each. */
		for (k = 0; k < units; k++)
			if (same(ub.ptr, &uo[k], ub.ptr, &u) && same(db.ptr, &dox[k], db.ptr, &d))
				break;
		if (k == units) {
			uo[units] = u;
			dox[units++] = d;
		}
	}
	if (!nu || nu != units || nd != units) {
		no = nu ? "the sections hold more or fewer statements than the changes"
			: "the upgrade has no statement";
		goto cleanup;
	}
	for (i = 0; i < nu && !no; i++) {
		for (j = 0; j < units; j++)
			if (!used[j] && same(up, &us[i], ub.ptr, &uo[j]))
				break;
		if (j == units)
			no = "an upgrade statement is not one change's alone";
		else if (!same(down, &ds[nd - 1 - i], db.ptr, &dox[j]))
			no = "the downgrade does not undo the upgrade in reverse order";
		else
			used[j] = 1;
	}
cleanup:
	free(us);
	free(ds);
	free(uo);
	free(dox);
	free(used);
	dbt_buf_release(&ub);
	dbt_buf_release(&db);
	if (why)
		*why = no;
	return rc < 0 ? rc : !no;
}
