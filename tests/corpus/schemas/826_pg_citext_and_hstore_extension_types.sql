-- dialect: postgres
-- Columns of extension types (citext, hstore), a unique key on the
-- case-insensitive one, and a GIN index with the extension's operator class.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION hstore WITH SCHEMA public;
CREATE TABLE members (
	id integer PRIMARY KEY,
	email citext NOT NULL UNIQUE,
	attrs hstore DEFAULT ''::hstore
);
CREATE INDEX members_attrs_idx ON members USING gin (attrs gin_hstore_ops);
