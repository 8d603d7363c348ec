-- A model shared with PostgreSQL, used with SQLite.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
