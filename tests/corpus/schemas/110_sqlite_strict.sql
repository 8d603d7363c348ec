-- only: sqlite
-- A STRICT table takes INT, INTEGER, REAL, TEXT, BLOB and ANY, and its
-- primary key holds no NULL.
CREATE TABLE readings (
	sensor TEXT NOT NULL,
	at INT PRIMARY KEY,
	value REAL,
	raw BLOB,
	extra ANY
) STRICT;
CREATE TABLE sensors (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL UNIQUE
) STRICT;
