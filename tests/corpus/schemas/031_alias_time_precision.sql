-- Fractional-second precision on TIME and TIMESTAMP.
CREATE TABLE laps (
	id INTEGER PRIMARY KEY,
	split TIME(3) NOT NULL,
	recorded TIMESTAMP(0) NOT NULL,
	finished TIMESTAMP(6)
);
