-- only: sqlite
CREATE TABLE t (
	id INTEGER PRIMARY KEY,
	updated_at TEXT
);
