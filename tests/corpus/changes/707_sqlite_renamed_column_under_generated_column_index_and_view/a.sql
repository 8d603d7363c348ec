-- only: sqlite
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	fullname TEXT NOT NULL,
	initial TEXT AS (substr(fullname, 1, 1)),
	born TEXT
);
CREATE INDEX people_fullname ON people (fullname COLLATE NOCASE);
CREATE VIEW people_names AS SELECT id, fullname FROM people;
