-- A comma forgotten between two columns.
CREATE TABLE users (
	id INTEGER PRIMARY KEY
	name VARCHAR(50)
);
