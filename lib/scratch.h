/*
 * scratch.h - the database as the model's normalizer.
 *
 * The differ compares the parsed model with the live reflection.  What it
 * finds different on a table that both have may be a real change, or the
 * same definition spelled another way ("m BETWEEN 1 AND 5" against the
 * server's "m >= 1 AND m <= 5").  Only the database can tell: each such
 * table is built, with the tables its foreign keys reference, in a
 * scratch database of the same dialect, reflected with the code that reads
 * the live database, and put in the model in place of the parsed one.
 * Comparing again then compares the database's normal form on both sides.
 *
 * The scratch database:
 * - SQLite: a new in-memory database;
 * - PostgreSQL: a schema of a random name (dbtool_scratch_<hex>) on the
 *   live server, created in a transaction (or a savepoint of the caller's)
 *   that is always rolled back, with search_path pointing at it and then
 *   at the managed schema while the tables are built and reflected;
 * - MariaDB/MySQL, whose DDL no transaction takes back: a database of a
 *   random name (dbtool_scratch_<hex>) made on the live server through a
 *   connection of its own, and dropped at the end, after a failure too; a
 *   user without the right to create it gets an error naming dev_url;
 * - or, on any of them, the empty database that dbt_conn_set_dev_url()
 *   named, used in the same way inside a transaction that is rolled back
 *   (on MariaDB/MySQL: emptied again at the end).
 */
#ifndef DBT_SCRATCH_H
#define DBT_SCRATCH_H

#include "dialect.h"
#include "diff.h"
#include "schema.h"

/*
 * Replaces, in `model`, each table that `diff` (from `db` to `model`, as
 * dbt_diff_schemas computed it) touches and that `db` also has, with its
 * indexes, by its reflection from the scratch database.  The reflected
 * objects keep the model's places (line, col) and whether the model named
 * them; a unique index that the reflection has as a unique constraint of
 * its name (MariaDB's hash key on a TEXT column) leaves the model, the
 * constraint taking its place.  Each table that `diff` creates (that `db`
 * lacks) is built there too, with its indexes and foreign keys, so that
 * what the database would refuse at the upgrade is refused now, but stays
 * as parsed.  `diff` points into `model` and must not be used afterwards:
 * diff again.  `model_path` names the model in errors; `schema_name` is
 * the managed schema (NULL for "public").
 *
 * Does nothing, and touches no database, when `diff` touches no table.
 * DBT_EDB with "MODEL:LINE:COL: DATABASE MESSAGE (in: ...)" when the
 * scratch database rejects an object of the model; DBT_EEXISTS when the
 * dev_url database is not empty; DBT_ECONNECT when it cannot be opened.
 * Nothing of the scratch work persists, whatever happens.  `model` may
 * be partly replaced after a failure (each replaced table whole).
 *
 * `replaced`, when not NULL, has model->ntables bytes, zeroed by the
 * caller: each table replaced gets 1 at its place.  A replaced table
 * keeps its place and its name; the model's other tables, and its
 * objects, are not touched (the indexes of a replaced table are
 * replaced with it, but for an index that leaves the model).
 */
int dbt_scratch_normalize(dbt_schema *model, const dbt_diff *diff, dbt_conn *conn,
			  const dbt_schema *db, const char *model_path, const char *schema_name,
			  unsigned char *replaced);

/*
 * Fills `model->objects` from its statements (`model->statements`): they
 * are run in the scratch database with the model tables they need (those
 * a statement names by a word or quoted identifier, and what their
 * foreign keys reference), each after the tables, indexes and objects
 * its text names and otherwise in the order the model declares them
 * (scratch_order.h: a view may be declared before its table), and the
 * scratch database's objects are reflected with the code that reflects
 * the live database.  On PostgreSQL, the managed schema's qualifier in a
 * statement (public.users) is made the scratch schema's, and CREATE
 * EXTENSION and CREATE SCHEMA get IF NOT EXISTS; the reflected names of
 * the scratch schema are made the managed schema's again.  The objects
 * take the place of the first statement of their kind and name.
 *
 * Does nothing, and touches no database, when the model has no
 * statements.  DBT_EDB with "MODEL:LINE:COL: DATABASE MESSAGE" when the
 * scratch database rejects a statement or table; otherwise as
 * dbt_scratch_normalize.  Nothing of the scratch work persists; after a
 * failure `model->objects` is as it was.
 */
int dbt_scratch_objects(dbt_schema *model, dbt_conn *conn, const char *model_path,
			const char *schema_name);

#endif
