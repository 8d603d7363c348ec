CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	name TEXT,
	UNIQUE (email) INCLUDE (name)
);
