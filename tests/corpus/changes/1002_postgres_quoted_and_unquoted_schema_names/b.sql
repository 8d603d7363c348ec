-- dialect: postgres
-- Each table changes in its own way.
CREATE SCHEMA "Sales";
CREATE SCHEMA sales;

CREATE TABLE "Sales"."Orders" (
	id integer PRIMARY KEY,
	total bigint NOT NULL,
	"Note" text
);

CREATE TABLE sales."Orders" (
	id integer PRIMARY KEY,
	total integer NOT NULL CHECK (total >= 0)
);
