-- only: sqlite
CREATE TABLE samples (
	sensor TEXT NOT NULL,
	taken INTEGER NOT NULL,
	value REAL,
	PRIMARY KEY (sensor, taken)
) STRICT, WITHOUT ROWID;
