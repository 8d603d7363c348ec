-- only: sqlite
CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	value TEXT
) WITHOUT ROWID;
