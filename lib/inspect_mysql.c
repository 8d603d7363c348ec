/*
 * inspect_mysql.c - the MariaDB/MySQL entries of `dbtool inspect`
 * (dialect.h's portable_types and model_spelling): the types its
 * reflection spells its own way, written back as the portable types a
 * model reads on every database.
 */
#include "render_mysql.h"

#include "buf.h"
#include "error.h"
#include "schema.h"

#include <stdlib.h>
#include <string.h>

/*
 * MariaDB's spelling of a portable type, as its reflection keeps it
 * (int(11) is what a model's INTEGER becomes there), goes back to the
 * portable type: the model then reads on every database, and MariaDB
 * makes the same column of it again.  Any other spelling (int(10)
 * unsigned, tinyint(1), enum(...)) stays MariaDB's own.
 */
void dbt_mysql_portable_types(dbt_schema *db)
{
	static const struct {
		dbt_type_kind kind;
		const char *text;
	} same[] = {
		{DBT_TYPE_SMALLINT, "smallint(6)"},
		{DBT_TYPE_INTEGER, "int(11)"},
		{DBT_TYPE_BIGINT, "bigint(20)"},
		{DBT_TYPE_DOUBLE, "double"},
	};
	size_t i, k, j;

	for (i = 0; i < db->ntables; i++)
		for (k = 0; k < db->tables[i]->ncolumns; k++) {
			dbt_type *t = &db->tables[i]->columns[k]->type;

			for (j = 0; t->text && j < sizeof(same) / sizeof(same[0]); j++)
				if (t->kind == same[j].kind && !strcmp(t->text, same[j].text)) {
					free(t->text);
					t->text = NULL;
				}
		}
}

/*
 * MariaDB prints two of its types in words that a model reads as other
 * portable types: "float" (a model's FLOAT is DOUBLE PRECISION) and
 * "timestamp" (a model's TIMESTAMP is MariaDB's datetime).  The model
 * that inspect prints spells them as it reads them back: REAL and
 * TIMESTAMP WITH TIME ZONE, which MariaDB's adaptation makes float and
 * timestamp again.  NULL in `*out` to keep `text`.
 */
int dbt_mysql_model_spelling(char **out, const dbt_type *type)
{
	dbt_buf b = DBT_BUF_INIT;

	*out = NULL;
	if (type->text && !strcmp(type->text, "float")) {
		dbt_buf_puts(&b, "REAL");
	} else if (!type->text &&
		   (type->kind == DBT_TYPE_TIMESTAMP || type->kind == DBT_TYPE_TIMESTAMPTZ)) {
		/* (the reflection's "timestamp" has no text: see
		 * dbt_mysql_put_column_type) */
		dbt_buf_puts(&b, "TIMESTAMP");
		if (type->precision > 0)
			dbt_buf_printf(&b, "(%d)", type->precision);
		dbt_buf_puts(&b, " WITH TIME ZONE");
	} else {
		return 0;
	}
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}
