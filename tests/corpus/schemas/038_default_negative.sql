-- Negative defaults, which PostgreSQL stores with a cast.
CREATE TABLE thresholds (
	id INTEGER PRIMARY KEY,
	low INTEGER NOT NULL DEFAULT -1,
	floor BIGINT DEFAULT -100,
	delta DOUBLE PRECISION DEFAULT -2.5,
	offset_value NUMERIC(6,2) DEFAULT -0.75
);
