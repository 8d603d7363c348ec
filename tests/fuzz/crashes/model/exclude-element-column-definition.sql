-- dialect: postgres
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	during TSRANGE NOT NULL,
	EXCLUDE (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NUL)
);
