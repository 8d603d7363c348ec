-- only: sqlite
CREATE TABLE lines (
	id INTEGER PRIMARY KEY,
	qty INTEGER NOT NULL,
	unit_price REAL NOT NULL,
	total REAL GENERATED ALWAYS AS (qty * unit_price) STORED,
	label TEXT AS ('line ' || id)
);
CREATE INDEX lines_total ON lines (total);
