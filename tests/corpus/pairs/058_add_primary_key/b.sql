CREATE TABLE tags (
	id INTEGER NOT NULL PRIMARY KEY, -- dbtool: no-autoincrement
	label TEXT
);
