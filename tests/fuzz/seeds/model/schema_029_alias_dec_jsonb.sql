-- DEC(p,s) for NUMERIC and JSONB for JSON.
CREATE TABLE configs (
	id INTEGER PRIMARY KEY,
	weight DEC(8,3),
	settings JSONB NOT NULL
);
