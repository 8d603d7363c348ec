-- dialect: postgres
-- Seats are swapped in one transaction: the place's unique constraint is
-- checked at commit, and the primary key may be; each is dropped and added
-- again with its deferral.
CREATE TABLE seats (
	id integer PRIMARY KEY DEFERRABLE,
	row_no integer NOT NULL,
	seat_no integer NOT NULL,
	CONSTRAINT seats_place_key UNIQUE (row_no, seat_no) DEFERRABLE INITIALLY DEFERRED
);
