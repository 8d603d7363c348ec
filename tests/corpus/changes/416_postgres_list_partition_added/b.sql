-- only: postgres
-- A partition for two more values, and a default one.
CREATE TABLE measurements (
	id INTEGER NOT NULL,
	region TEXT NOT NULL,
	value NUMERIC
) PARTITION BY LIST (region);
CREATE TABLE measurements_eu PARTITION OF measurements FOR VALUES IN ('eu');
CREATE TABLE measurements_na PARTITION OF measurements FOR VALUES IN ('us', 'ca');
CREATE TABLE measurements_other PARTITION OF measurements DEFAULT;
