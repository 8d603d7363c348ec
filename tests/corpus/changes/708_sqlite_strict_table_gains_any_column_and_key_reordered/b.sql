-- only: sqlite
CREATE TABLE samples (
	sensor TEXT NOT NULL,
	taken INTEGER NOT NULL,
	value REAL CHECK (value IS NULL OR value > -273.15),
	meta ANY,
	PRIMARY KEY (taken, sensor)
) STRICT, WITHOUT ROWID;
