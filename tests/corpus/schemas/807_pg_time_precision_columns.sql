-- dialect: postgres
-- time, timetz, timestamp and timestamptz with precisions 0 to 6 and none,
-- and defaults that read the clock at several precisions.
CREATE TABLE clocks (
	id integer PRIMARY KEY,
	t0 time(0),
	t3 time(3) DEFAULT LOCALTIME(3),
	tz time with time zone,
	tz2 timetz(2) DEFAULT CURRENT_TIME(2),
	ts timestamp,
	ts0 timestamp(0) without time zone DEFAULT LOCALTIMESTAMP(0),
	ts6 timestamp(6) DEFAULT now(),
	tstz timestamptz DEFAULT CURRENT_TIMESTAMP,
	tstz1 timestamp(1) with time zone DEFAULT statement_timestamp(),
	d date DEFAULT 'today'
);
