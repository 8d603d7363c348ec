-- A type of another schema than the one dbtool compares: the model holds
-- only tables and indexes of other schemas, and says so at the type's name.
CREATE SCHEMA util;
CREATE TYPE util.size AS ENUM ('s', 'm', 'l');
CREATE TABLE shirts (
	id integer PRIMARY KEY,
	size util.size NOT NULL
);
