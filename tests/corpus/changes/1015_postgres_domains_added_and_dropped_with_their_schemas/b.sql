-- dialect: postgres
CREATE SCHEMA "Kinds";

CREATE DOMAIN "Kinds".state AS text DEFAULT 'new' NOT NULL;
CREATE DOMAIN "Kinds"."Weight" AS numeric(6, 2) CHECK (VALUE > 0);

CREATE TABLE items (
	id integer PRIMARY KEY,
	state "Kinds".state
);
