-- only: sqlite
-- SQLite keeps each declared type as it is written: INT is not INTEGER,
-- and a column may have any type name or none.
CREATE TABLE items (
	id INT PRIMARY KEY,
	made DATETIME,
	price DECIMAL(12),
	label NVARCHAR(40) NOT NULL,
	anything,
	whatever ANY,
	name STRING,
	doc JSONB,
	big UNSIGNED BIG INT,
	tags text[]
);
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	item_id INT REFERENCES items (id),
	body CLOB
);
CREATE INDEX ix_notes_item ON notes (item_id);
