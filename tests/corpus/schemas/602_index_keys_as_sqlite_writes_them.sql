-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
-- Index keys as SQLite takes them: expressions without parentheses,
-- an expression followed by an operator after a call, and a key column
-- declared PRIMARY KEY ASC.
CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY ASC,
	order_id INTEGER NOT NULL,
	qty INTEGER NOT NULL,
	unit_cents INTEGER NOT NULL,
	sku VARCHAR(20) NOT NULL
);
CREATE INDEX order_lines_amount ON order_lines (qty * unit_cents);
CREATE INDEX order_lines_order_amount ON order_lines (order_id, qty * unit_cents DESC);
CREATE UNIQUE INDEX order_lines_sku_key ON order_lines (order_id, upper(sku) || '#');
