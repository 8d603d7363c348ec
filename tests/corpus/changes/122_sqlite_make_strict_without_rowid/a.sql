-- only: sqlite
CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	value TEXT
);
CREATE TABLE readings (
	id INTEGER PRIMARY KEY,
	value REAL NOT NULL
);
CREATE INDEX readings_value ON readings (value);
