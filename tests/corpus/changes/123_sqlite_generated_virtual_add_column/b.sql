-- only: sqlite
CREATE TABLE boxes (
	id INTEGER PRIMARY KEY,
	w REAL NOT NULL,
	h REAL NOT NULL,
	area REAL AS (w * h)
);
