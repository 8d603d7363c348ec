-- only: sqlite
CREATE TABLE tickets (
	id INTEGER PRIMARY KEY DESC,
	title TEXT NOT NULL
);
