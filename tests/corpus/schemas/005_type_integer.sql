-- INTEGER columns, nullable and not.
CREATE TABLE counters (
	id INTEGER PRIMARY KEY,
	hits INTEGER NOT NULL,
	misses INTEGER
);
