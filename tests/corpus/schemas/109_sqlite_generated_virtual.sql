-- only: sqlite
-- SQLite's VIRTUAL generated columns, the short form AS (...) and a column
-- without a type.
CREATE TABLE boxes (
	id INTEGER PRIMARY KEY,
	w REAL NOT NULL,
	h REAL NOT NULL,
	area REAL GENERATED ALWAYS AS (w * h) VIRTUAL,
	perimeter AS (2 * (w + h)),
	label TEXT AS ('box ' || id) STORED
);
