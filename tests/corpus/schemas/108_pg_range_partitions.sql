-- only: postgres
-- A range-partitioned table with a primary key that holds the key column,
-- partitions written as PostgreSQL prints their bounds and otherwise, a
-- default partition, and indexes on the partitioned table, which its
-- partitions take over.
CREATE TABLE measurements (
	id INTEGER NOT NULL,
	logdate DATE NOT NULL,
	peak INTEGER,
	note TEXT,
	PRIMARY KEY (id, logdate),
	CHECK (peak >= 0)
) PARTITION BY RANGE (logdate);

CREATE TABLE measurements_2024 PARTITION OF measurements
	FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements
	for values from (DATE '2025-01-01') to ('2026-01-01');
CREATE TABLE measurements_old PARTITION OF measurements
	FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE measurements_other PARTITION OF measurements DEFAULT;

CREATE INDEX measurements_peak ON measurements (peak);
CREATE INDEX ON measurements (lower(note));
