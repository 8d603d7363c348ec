-- only: sqlite
CREATE TABLE codes (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
