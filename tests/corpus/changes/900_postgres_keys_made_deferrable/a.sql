-- dialect: postgres
CREATE TABLE seats (
	id integer PRIMARY KEY,
	row_no integer NOT NULL,
	seat_no integer NOT NULL,
	CONSTRAINT seats_place_key UNIQUE (row_no, seat_no)
);
