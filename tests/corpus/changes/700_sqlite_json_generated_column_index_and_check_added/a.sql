-- only: sqlite
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL
);
