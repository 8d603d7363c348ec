-- dialect: postgres
-- The table gains a CHECK that PostgreSQL stores in another form, a named
-- unique constraint, and its index becomes a unique one of another name.
CREATE SCHEMA billing;

CREATE TABLE billing.invoices (
	id integer PRIMARY KEY,
	number text NOT NULL,
	amount numeric(10,2) NOT NULL CHECK (amount > 0),
	discount integer,
	CONSTRAINT invoices_discount_range CHECK (discount BETWEEN 0 AND 50),
	CONSTRAINT invoices_number_amount UNIQUE (number, amount)
);

CREATE UNIQUE INDEX invoices_number_key ON billing.invoices (number);
