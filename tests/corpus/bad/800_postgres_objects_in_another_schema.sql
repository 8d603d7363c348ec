-- A view of another schema than the one dbtool compares: the model holds
-- only tables, indexes, enums and domains of other schemas, and says so
-- at the view's name.
CREATE SCHEMA util;
CREATE VIEW util.sizes AS SELECT 's'::text AS size;
CREATE TABLE shirts (
	id integer PRIMARY KEY,
	size text NOT NULL
);
