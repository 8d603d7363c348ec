-- only: sqlite
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	mail VARCHAR(120)
);
ALTER TABLE people RENAME COLUMN mail TO email;
