-- Named CHECK constraints, one comparing two columns.
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	first_night INTEGER NOT NULL,
	last_night INTEGER NOT NULL,
	guests INTEGER NOT NULL CONSTRAINT ck_bookings_guests CHECK (guests > 0),
	CONSTRAINT ck_bookings_nights CHECK (last_night >= first_night)
);
