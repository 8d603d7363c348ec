-- only: sqlite
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL DEFAULT '',
	score NUMERIC DEFAULT 0,
	tags TEXT DEFAULT '[]' CHECK (json_valid(tags))
);
