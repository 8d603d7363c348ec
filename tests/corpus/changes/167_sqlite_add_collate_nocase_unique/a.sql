-- only: sqlite
CREATE TABLE tags (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
