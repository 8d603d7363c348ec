-- JSONB is a type of its own: jsonb on PostgreSQL, the declared JSONB on
-- SQLite; JSON beside it stays JSON.
CREATE TABLE docs (
	id INTEGER PRIMARY KEY,
	body JSONB NOT NULL,
	meta JSON
);
