CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY,
	price INTEGER NOT NULL,
	qty INTEGER NOT NULL,
	total INTEGER GENERATED ALWAYS AS (price * qty) STORED
);
CREATE INDEX order_lines_total ON order_lines (total);
