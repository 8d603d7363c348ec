-- only: postgres
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	room INTEGER NOT NULL,
	during TSRANGE NOT NULL,
	CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room = 1)
);
