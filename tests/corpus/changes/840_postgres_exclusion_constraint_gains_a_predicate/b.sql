-- dialect: postgres
-- Cancelled bookings no longer count: the exclusion constraint is dropped
-- and added again with a WHERE.
CREATE TABLE bookings (
	id integer PRIMARY KEY,
	during tstzrange NOT NULL,
	cancelled boolean NOT NULL DEFAULT false,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (NOT cancelled)
);
