-- only: sqlite
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	-- renamed from: fullname
	display_name TEXT NOT NULL,
	initial TEXT AS (substr(display_name, 1, 1)),
	born TEXT
);
CREATE INDEX people_fullname ON people (display_name COLLATE NOCASE);
CREATE VIEW people_names AS SELECT id, display_name FROM people;
