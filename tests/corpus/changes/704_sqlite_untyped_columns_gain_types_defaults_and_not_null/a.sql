-- only: sqlite
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	title,
	score NUMERIC,
	tags
);
