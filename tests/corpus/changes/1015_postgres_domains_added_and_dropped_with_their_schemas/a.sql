-- dialect: postgres
-- A model that makes schemas manages them all: a domain goes with the
-- schema the model no longer has, and others come with a new schema, one
-- with a default and one whose check PostgreSQL names after it.
CREATE SCHEMA old_kinds;

CREATE DOMAIN old_kinds.code AS text CHECK (VALUE <> '');

CREATE TABLE items (
	id integer PRIMARY KEY
);
