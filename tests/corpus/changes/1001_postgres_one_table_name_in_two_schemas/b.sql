-- dialect: postgres
-- Only the archive's items change: a column with a default, an index of
-- the same name as one of public's, and the foreign key cascades.
CREATE SCHEMA archive;

CREATE TABLE items (
	id integer PRIMARY KEY,
	name text NOT NULL
);

CREATE INDEX items_name ON items (name);

CREATE TABLE archive.items (
	id integer PRIMARY KEY,
	item_id integer REFERENCES items (id) ON DELETE CASCADE,
	name text NOT NULL,
	archived_at date NOT NULL DEFAULT '2020-01-01'
);

CREATE INDEX items_name ON archive.items (name);
