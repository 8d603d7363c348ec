/*
 * findings.c - lists of findings (findings.h, dbtool.h) and the names of
 * their kinds, which `check` and `roundtrip` print in their JSON output.
 */
#include "findings.h"

#include "buf.h"
#include "dialect.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

/* A difference is named by its op: the first kinds follow dbt_op_kind. */
#define SAME(name) \
	_Static_assert((int)DBT_FINDING_##name == (int)DBT_OP_##name, "finding kind " #name)
SAME(CREATE_TABLE);
SAME(DROP_TABLE);
SAME(ALTER_OPTIONS);
SAME(ADD_COLUMN);
SAME(DROP_COLUMN);
SAME(ALTER_TYPE);
SAME(ALTER_NULL);
SAME(ALTER_DEFAULT);
SAME(ALTER_IDENTITY);
SAME(ALTER_GENERATED);
SAME(ADD_PK);
SAME(DROP_PK);
SAME(ADD_UNIQUE);
SAME(DROP_UNIQUE);
SAME(ADD_FK);
SAME(DROP_FK);
SAME(ADD_CHECK);
SAME(DROP_CHECK);
SAME(ADD_INDEX);
SAME(DROP_INDEX);
SAME(CREATE_OBJECT);
SAME(DROP_OBJECT);
SAME(REPLACE_OBJECT);
SAME(ADD_EXCLUDE);
SAME(DROP_EXCLUDE);
SAME(ALTER_PARTITION);
SAME(RENAME_TABLE);
SAME(RENAME_COLUMN);

dbt_finding_kind dbt_finding_kind_of_op(dbt_op_kind kind)
{
	/* The op kinds after RENAME_COLUMN came later than the other
	 * findings, whose values the public enum keeps. */
	if (kind == DBT_OP_RENAME_INDEX)
		return DBT_FINDING_RENAME_INDEX;
	if (kind == DBT_OP_ALTER_COMMENT)
		return DBT_FINDING_ALTER_COMMENT;
	return (dbt_finding_kind)kind;
}

const char *dbt_finding_kind_name(dbt_finding_kind kind)
{
	static const char *const names[] = {
		[DBT_FINDING_UNAPPLIED_REVISION] = "unapplied_revision",
		[DBT_FINDING_CHANGED_REVISION] = "changed_revision",
		[DBT_FINDING_MISSING_REVISION] = "missing_revision",
		[DBT_FINDING_NOT_AT_HEAD] = "not_at_head",
		[DBT_FINDING_WILL_FAIL] = "will_fail",
		[DBT_FINDING_DESTROYS] = "destroys",
		[DBT_FINDING_MAYBE_RENAME] = "maybe_rename",
		[DBT_FINDING_CHECKSUM_RECORDED] = "checksum recorded",
		[DBT_FINDING_CHECKSUM_UPDATED] = "checksum updated",
		[DBT_FINDING_CHECKSUM_UNCHANGED] = "checksum unchanged",
		[DBT_FINDING_FORGOTTEN] = "forgotten",
		[DBT_FINDING_DOWNGRADE_DIFFERS] = "downgrade_differs",
		[DBT_FINDING_UPGRADE_DIFFERS] = "upgrade_differs",
		[DBT_FINDING_HEAD_DIFFERS] = "head_differs",
		[DBT_FINDING_SECRET] = "secret",
		[DBT_FINDING_RENAME_INDEX] = "rename_index",
		[DBT_FINDING_ALTER_COMMENT] = "alter_comment",
	};

	if ((int)kind >= 0 && kind <= DBT_FINDING_RENAME_COLUMN)
		return dbt_op_kind_name((dbt_op_kind)kind);
	if ((size_t)kind >= sizeof(names) / sizeof(names[0]) || !names[kind])
		return "unknown";
	return names[kind];
}

int dbt_findings_add(dbt_findings *f, dbt_finding_kind kind, const char *text)
{
	dbt_finding *v = realloc(f->v, (f->n + 1) * sizeof(*v));
	char *copy = strdup(text);

	if (v)
		f->v = v;
	if (!v || !copy) {
		free(copy);
		return dbt_error_oom();
	}
	f->v[f->n].kind = kind;
	f->v[f->n].text = copy;
	f->n++;
	return 0;
}

void dbt_findings_release(dbt_findings *findings)
{
	size_t i;

	for (i = 0; i < findings->n; i++)
		free(findings->v[i].text);
	free(findings->v);
	findings->v = NULL;
	findings->n = 0;
}

int dbt_findings_add_ops(dbt_findings *f, const struct dbt_dialect *dialect, const dbt_op *ops,
			 size_t n)
{
	dbt_buf line = DBT_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (dialect && dialect->op_implied && dialect->op_implied(ops, n, i))
			continue;
		dbt_buf_clear(&line);
		dbt_op_describe(&line, &ops[i]);
		rc = line.oom ? dbt_error_oom()
			      : dbt_findings_add(f, dbt_finding_kind_of_op(ops[i].kind),
						 dbt_buf_str(&line));
	}
	dbt_buf_release(&line);
	return rc;
}
