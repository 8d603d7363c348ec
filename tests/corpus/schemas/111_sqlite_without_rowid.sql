-- only: sqlite
-- WITHOUT ROWID tables, one of them STRICT too; INTEGER PRIMARY KEY is no
-- rowid alias there.
CREATE TABLE settings (
	name TEXT PRIMARY KEY,
	value TEXT
) WITHOUT ROWID;
CREATE TABLE counters (
	id INTEGER PRIMARY KEY,
	region TEXT NOT NULL,
	n INTEGER NOT NULL DEFAULT 0,
	UNIQUE (region, n)
) WITHOUT ROWID, STRICT;
CREATE TABLE pairs (
	a INT,
	b INT,
	PRIMARY KEY (a, b)
) STRICT, WITHOUT ROWID;
