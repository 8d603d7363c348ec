-- only: sqlite
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	x INTEGER,
	"important data" TEXT,
	extra INTEGER
);
CREATE INDEX ix ON users (x);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	author TEXT REFERENCES users (name),
	CONSTRAINT title_ok CHECK (id > 0)
);
