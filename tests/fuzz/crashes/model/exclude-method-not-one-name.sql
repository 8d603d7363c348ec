-- dialeÿÿÿct: postgres
CREATE TABLE bookings (
	id INTEGER PRIMARY KEY,
	durinf TSRANGE NOT NULL,
	EXCLUDE USING ends.
1REATE TAB gist (during WITH ::&&)
);
