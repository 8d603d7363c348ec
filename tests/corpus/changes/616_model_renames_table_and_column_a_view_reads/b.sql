CREATE TABLE customer (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	mail VARCHAR(120)
);
CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customer (id),
	total NUMERIC(10,2) NOT NULL
);
CREATE VIEW customer_totals AS
	SELECT c.id, c.name, c.mail, sum(o.total) AS spent
	FROM customer c JOIN orders o ON o.customer_id = c.id
	GROUP BY c.id, c.name, c.mail;
ALTER TABLE customer RENAME COLUMN mail TO email;
ALTER TABLE customer RENAME TO clients;
