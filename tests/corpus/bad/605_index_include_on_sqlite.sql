CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	name TEXT
);
CREATE INDEX users_email ON users (email) INCLUDE (name);
