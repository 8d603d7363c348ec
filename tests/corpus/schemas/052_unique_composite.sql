-- A two-column unique constraint.
CREATE TABLE seats (
	id INTEGER PRIMARY KEY,
	room VARCHAR(10) NOT NULL,
	seat_number INTEGER NOT NULL,
	UNIQUE (room, seat_number)
);
