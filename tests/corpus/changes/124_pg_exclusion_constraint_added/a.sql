-- only: postgres
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	room INTEGER NOT NULL,
	during TSRANGE NOT NULL
);
