-- dialect: postgres
-- A new schema with a table that references public's, and a view in
-- public that reads both.
CREATE SCHEMA audit;

CREATE TABLE customers (
	id integer PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE audit.events (
	id integer PRIMARY KEY,
	customer_id integer NOT NULL REFERENCES customers (id),
	happened_at timestamp NOT NULL
);

CREATE INDEX ON audit.events (customer_id, happened_at);

CREATE VIEW customer_events AS
SELECT c.name, e.happened_at FROM customers c JOIN audit.events e ON e.customer_id = c.id;
