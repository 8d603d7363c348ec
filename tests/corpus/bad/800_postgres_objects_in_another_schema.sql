-- A domain of another schema than the one dbtool compares: the model holds
-- only tables, indexes and enums of other schemas, and says so at the
-- domain's name.
CREATE SCHEMA util;
CREATE DOMAIN util.size AS text CHECK (VALUE IN ('s', 'm', 'l'));
CREATE TABLE shirts (
	id integer PRIMARY KEY,
	size util.size NOT NULL
);
