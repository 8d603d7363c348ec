-- only: sqlite
-- WITHOUT ROWID tables with composite and text keys, STRICT tables with
-- ANY and every strict type, and one table that is both.
CREATE TABLE kv (
	bucket TEXT NOT NULL,
	k TEXT NOT NULL,
	v BLOB,
	PRIMARY KEY (bucket, k)
) WITHOUT ROWID;

CREATE TABLE codes (
	code TEXT PRIMARY KEY COLLATE NOCASE,
	label TEXT
) WITHOUT ROWID;

CREATE TABLE readings (
	id INTEGER PRIMARY KEY,
	sensor TEXT NOT NULL,
	value REAL,
	raw BLOB,
	extra ANY,
	n INT DEFAULT 0
) STRICT;

CREATE TABLE samples (
	sensor TEXT NOT NULL,
	taken INTEGER NOT NULL,
	value ANY,
	PRIMARY KEY (sensor, taken DESC)
) STRICT, WITHOUT ROWID;

CREATE INDEX readings_sensor ON readings (sensor, value DESC);
CREATE INDEX kv_v ON kv (k) WHERE v IS NOT NULL;
