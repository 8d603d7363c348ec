-- only: sqlite
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	mail VARCHAR(120)
);
