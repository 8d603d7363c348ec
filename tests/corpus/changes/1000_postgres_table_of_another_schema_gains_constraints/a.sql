-- dialect: postgres
-- A table of a schema other than public, with an index.
CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
	id integer PRIMARY KEY,
	number text NOT NULL,
	amount numeric(10,2) NOT NULL,
	discount integer
);

CREATE INDEX invoices_number ON billing.invoices (number);
