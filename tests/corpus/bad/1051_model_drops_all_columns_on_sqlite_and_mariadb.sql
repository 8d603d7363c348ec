CREATE TABLE tags (
	name TEXT,
	color TEXT
);

ALTER TABLE tags DROP COLUMN color;
ALTER TABLE tags DROP COLUMN name;
