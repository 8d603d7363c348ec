-- only: postgres
CREATE TABLE measurements (
	id INTEGER NOT NULL,
	logdate DATE NOT NULL,
	peak INTEGER
) PARTITION BY RANGE (logdate);

CREATE TABLE measurements_2024 PARTITION OF measurements
	FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
