-- only: sqlite
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
