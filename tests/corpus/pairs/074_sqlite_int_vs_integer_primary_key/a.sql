-- only: sqlite
CREATE TABLE t (
	id INTEGER PRIMARY KEY,
	name TEXT
);
