-- A model shared with PostgreSQL, used with SQLite.
CREATE UNLOGGED TABLE cache (
	k TEXT PRIMARY KEY,
	v TEXT
);
