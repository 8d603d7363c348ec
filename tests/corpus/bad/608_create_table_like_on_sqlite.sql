CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
CREATE TABLE users_archive (
	archived_at TEXT,
	LIKE users INCLUDING ALL
);
