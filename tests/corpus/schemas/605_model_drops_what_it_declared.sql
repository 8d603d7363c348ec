-- A model kept as an ordered DDL script: tables, constraints and indexes
-- declared, then some of them removed again by DROP CONSTRAINT (a named
-- one and one named by the database), ALTER COLUMN ... DROP DEFAULT and
-- DROP NOT NULL, DROP INDEX and DROP TABLE.
CREATE TABLE customers (
	id INTEGER PRIMARY KEY,
	email VARCHAR(200) NOT NULL CONSTRAINT customers_email_key UNIQUE,
	name VARCHAR(100) NOT NULL DEFAULT 'anonymous',
	credit INTEGER CHECK (credit >= 0),
	CONSTRAINT customers_credit_max CHECK (credit < 100000)
);

CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL CONSTRAINT orders_customer_fk REFERENCES customers (id),
	note TEXT
);

CREATE TABLE scratch_notes (
	id INTEGER PRIMARY KEY,
	body TEXT
);

CREATE INDEX orders_note_idx ON orders (note);
CREATE INDEX orders_customer_idx ON orders (customer_id);
CREATE INDEX scratch_notes_body_idx ON scratch_notes (body);

ALTER TABLE customers DROP CONSTRAINT customers_email_key;
ALTER TABLE customers DROP CONSTRAINT customers_credit_check;
ALTER TABLE customers ALTER COLUMN name DROP DEFAULT;
ALTER TABLE customers ALTER COLUMN name DROP NOT NULL;
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_customer_fk;
DROP INDEX orders_note_idx;
DROP TABLE scratch_notes;
