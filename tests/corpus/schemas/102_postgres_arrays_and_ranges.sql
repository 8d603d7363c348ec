-- only: postgres
-- Arrays in their several spellings, ranges and timestamps with an explicit
-- precision of 6, which PostgreSQL keeps apart from none.
CREATE TABLE schedule (
	id BIGSERIAL PRIMARY KEY,
	days smallint ARRAY,
	weeks integer ARRAY[52],
	stamps timestamp with time zone[],
	at timestamp(6),
	spans daterange,
	big int8range,
	local tsrange,
	mins varchar(10)[] NOT NULL DEFAULT '{}'
);
