-- not-dialect: mysql (MariaDB takes no NOT NULL on a generated column)
-- Stored generated columns, on both databases: PostgreSQL prints the
-- expression its own way (casts added, parentheses), and that must still
-- compare equal to the model's spelling.
CREATE TABLE order_lines (
	id INTEGER PRIMARY KEY,
	price NUMERIC(10,2) NOT NULL,
	qty INTEGER NOT NULL DEFAULT 1,
	total NUMERIC(12,2) GENERATED ALWAYS AS (price*qty) STORED,
	note VARCHAR(40),
	note_length INTEGER GENERATED ALWAYS AS (length(note)) STORED NOT NULL,
	CHECK (qty > 0)
);
CREATE INDEX order_lines_total ON order_lines (total);
