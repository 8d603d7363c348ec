-- only: postgres
CREATE TABLE measurements (
	id INTEGER NOT NULL,
	region TEXT NOT NULL,
	value NUMERIC
) PARTITION BY LIST (region);
CREATE TABLE measurements_eu PARTITION OF measurements FOR VALUES IN ('eu');
