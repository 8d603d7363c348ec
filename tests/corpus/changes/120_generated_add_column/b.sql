CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY,
	price NUMERIC(10,2) NOT NULL,
	qty INTEGER NOT NULL,
	total NUMERIC(12,2) GENERATED ALWAYS AS (price * qty) STORED
);
CREATE INDEX order_lines_total ON order_lines (total);
