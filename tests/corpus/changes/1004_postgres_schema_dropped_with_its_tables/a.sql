-- dialect: postgres
-- A model that makes schemas manages them all: one it no longer has is
-- dropped with its tables.
CREATE SCHEMA app;
CREATE SCHEMA legacy;

CREATE TABLE app.settings (
	name text PRIMARY KEY,
	value text
);

CREATE TABLE legacy.settings (
	name text PRIMARY KEY,
	value text
);

CREATE TABLE legacy.notes (
	id integer PRIMARY KEY,
	setting text REFERENCES legacy.settings (name)
);
