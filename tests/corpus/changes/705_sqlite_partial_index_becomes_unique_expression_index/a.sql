-- only: sqlite
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX users_email ON users (email) WHERE deleted = 0;
