CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	during TEXT,
	EXCLUDE USING gist (during WITH &&)
);
