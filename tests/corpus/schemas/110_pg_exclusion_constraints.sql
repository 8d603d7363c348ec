-- only: postgres
-- Exclusion constraints: named and unnamed, with a WHERE, deferrable, and
-- on a range column only (no extension needed).
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	room INTEGER NOT NULL,
	during TSRANGE NOT NULL,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room > 0),
	EXCLUDE USING GIST (during WITH -|-) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE shifts (
	id INTEGER PRIMARY KEY,
	span DATERANGE NOT NULL
);
ALTER TABLE shifts ADD CONSTRAINT shifts_span_excl EXCLUDE USING gist (span WITH &&);
