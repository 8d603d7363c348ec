-- only: sqlite
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL
);
