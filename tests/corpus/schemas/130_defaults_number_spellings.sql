-- Numeric defaults in the spellings people use, 1e3, 1.50, .5, -0.25,
-- 2.0, a parenthesised number, stored by each database its own way.
CREATE TABLE limits (
	id INTEGER PRIMARY KEY,
	max_items INTEGER NOT NULL DEFAULT 100,
	max_bytes REAL NOT NULL DEFAULT 1e3,
	big DOUBLE PRECISION DEFAULT 2.5E6,
	rate NUMERIC(5,2) NOT NULL DEFAULT 1.50,
	half NUMERIC(3,2) DEFAULT .5,
	drift REAL DEFAULT -0.25,
	factor DOUBLE PRECISION DEFAULT 2.0,
	retries SMALLINT DEFAULT (3),
	budget NUMERIC(12,2) DEFAULT 0.00,
	penalty NUMERIC DEFAULT -10
);
