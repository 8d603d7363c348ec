-- dialect: postgres
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	during TSRANGE NOT NULL,
	EXCLUDE USING gist (during WITH &&)
);
