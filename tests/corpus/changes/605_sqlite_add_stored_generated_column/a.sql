-- only: sqlite
CREATE TABLE lines (
	id INTEGER PRIMARY KEY,
	qty INTEGER NOT NULL,
	unit_price REAL NOT NULL
);
