-- only: sqlite
CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	value TEXT
) STRICT, WITHOUT ROWID;
CREATE TABLE readings (
	id INTEGER PRIMARY KEY,
	value REAL NOT NULL
) STRICT;
CREATE INDEX readings_value ON readings (value);
