-- only: sqlite
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE deleted = 0;
CREATE INDEX users_deleted ON users (deleted DESC, email COLLATE NOCASE);
