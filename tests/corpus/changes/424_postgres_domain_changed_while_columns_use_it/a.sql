-- only: postgres
CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);
CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY,
	qty quantity NOT NULL,
	backorder quantity
);
CREATE VIEW big_lines AS SELECT id, qty FROM order_lines WHERE qty > 10;
