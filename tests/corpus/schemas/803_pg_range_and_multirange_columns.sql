-- dialect: postgres
-- Every built-in range type, a multirange, a range default with bounds, and
-- a GiST index on a range.
CREATE TABLE bookings (
	id integer PRIMARY KEY,
	seats int4range NOT NULL DEFAULT '[1,2)',
	ids int8range,
	price numrange DEFAULT numrange(0, 100, '[]'),
	during tsrange,
	during_tz tstzrange,
	days daterange DEFAULT daterange(CURRENT_DATE, NULL),
	blocks int4multirange DEFAULT '{}'
);
CREATE INDEX bookings_during_idx ON bookings USING gist (during_tz);
