-- CHECK constraints with AND, OR and IS NOT NULL.
CREATE TABLE ranges (
	id INTEGER PRIMARY KEY,
	low INTEGER,
	high INTEGER,
	CHECK (low >= 0 AND high <= 1000),
	CHECK (low IS NOT NULL OR high IS NOT NULL)
);
