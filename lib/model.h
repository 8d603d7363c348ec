/*
 * model.h - the steps shared by everything that sets the model against the
 * database (model.c, autogen.c).
 */
#ifndef DBT_MODEL_H
#define DBT_MODEL_H

#include "dialect.h"
#include "diff.h"
#include "schema.h"

/* Parses the model file and adapts it to the connection's database;
 * errors carry "path:line:column:". */
int dbt_model_load(dbt_schema **out, dbt_conn *conn, const char *path);

/* dbt_model_load() in two steps: the file parsed and adapted to a kind of
 * database (reads nothing of a connection, so it may run on any thread),
 * then the connection's exclude patterns applied (`*s` freed and NULL on
 * failure). */
int dbt_model_load_for(dbt_schema **out, const struct dbt_dialect *dialect, const char *path);
int dbt_model_exclude(dbt_schema **s, const dbt_conn *conn);

/* The model file's content, read as dbt_model_load_for() reads it: in
 * `*out` (caller frees) and `*len`; a missing file is DBT_ENOTFOUND with
 * the message dbt_model_load_for() gives. */
int dbt_model_read(char **out, size_t *len, const char *path);

/* dbt_model_load_for() of the model file `path` whose content the caller
 * has read: `text`, `len` bytes, which stays the caller's.  Any thread. */
int dbt_model_load_text(dbt_schema **out, const struct dbt_dialect *dialect, const char *path,
			const char *text, size_t len);

/* 1 when dbt_model_set_command() named a command: dbt_model_load() then
 * runs it instead of reading the file. */
int dbt_model_command_set(void);

/* Runs the model command with DBTOOL_DIALECT set for `kind`; `*out` (the
 * caller frees) is its standard output, `*len` its length.  A command that
 * fails or is killed is an error naming its exit status and the first line
 * of its standard error; `*out` is NULL then. */
int dbt_model_command_run(char **out, size_t *len, dbt_dialect_kind kind);

/* Reflects the connection's database (`schema_name`: NULL for public). */
int dbt_model_reflect(dbt_schema **out, dbt_conn *conn, const char *schema_name);

/* dbt_model_reflect, with the tables of every other schema of a
 * PostgreSQL database too (named as ident.h's DBT_QUALIFIER says), for
 * dbt_model_scope to keep those the model compares. */
int dbt_model_reflect_all(dbt_schema **out, dbt_conn *conn, const char *schema_name);

/*
 * Settles which schemas `model` and `db` (read by dbt_model_reflect_all)
 * are compared in (model_scope.c): the model's names qualified by the
 * managed schema `schema_name` (NULL: public) lose the qualifier, and
 * `db` loses the tables and indexes of the other schemas that the model
 * neither names nor, when it creates none, manages.  Nothing on a
 * database without schemas.  0, or DBT_ERROR when out of memory.
 */
int dbt_model_scope(dbt_schema *model, dbt_schema *db, const dbt_conn *conn,
		    const char *schema_name);

/* Gives `model`'s names the spelling of `db`'s where the connection's
 * database cannot tell them apart (spelling.h), which on MariaDB/MySQL
 * asks the server for lower_case_table_names; 0, else DBT_ERROR (out of
 * memory) or the server's error. */
int dbt_model_take_spelling(dbt_schema *model, const dbt_schema *db, dbt_conn *conn);

/* The differ's options for the connection's database. */
void dbt_model_diff_opts(dbt_diff_opts *out, const dbt_conn *conn);

/*
 * The differ's ops from `db` to `model`, settled by the database: when the
 * differ finds a difference on a table both have, the model's version of
 * the table is replaced by its reflection from a scratch database
 * (scratch.h) and the schemas are diffed again; dbt_model_scope settles
 * the schemas compared first.  `model` may change, and so may `db`, which
 * gets the roles dbtool manages (role.h); `out` points into both.  Errors
 * as dbt_scratch_normalize's.
 */
int dbt_model_diff(dbt_diff *out, dbt_conn *conn, dbt_schema *db, dbt_schema *model,
		   const char *model_path, const char *schema_name);

#endif
