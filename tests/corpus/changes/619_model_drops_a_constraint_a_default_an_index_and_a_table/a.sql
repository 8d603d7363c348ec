CREATE TABLE customers (
	id INTEGER PRIMARY KEY,
	email VARCHAR(200) NOT NULL CONSTRAINT customers_email_key UNIQUE,
	name VARCHAR(100) NOT NULL DEFAULT 'anonymous',
	credit INTEGER CONSTRAINT customers_credit_min CHECK (credit >= 0)
);

CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL CONSTRAINT orders_customer_fk REFERENCES customers (id),
	note TEXT
);

CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	what TEXT
);

CREATE INDEX orders_note_idx ON orders (note);
