CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT
);

CREATE INDEX users ON users (name);
