-- dialect: postgres
-- "Sales" and sales are two schemas, each with a table of the same name.
CREATE SCHEMA "Sales";
CREATE SCHEMA sales;

CREATE TABLE "Sales"."Orders" (
	id integer PRIMARY KEY,
	total integer NOT NULL
);

CREATE TABLE sales."Orders" (
	id integer PRIMARY KEY,
	total integer NOT NULL
);
