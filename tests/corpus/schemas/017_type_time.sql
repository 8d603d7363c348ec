-- TIME columns.
CREATE TABLE opening_hours (
	id INTEGER PRIMARY KEY,
	opens TIME NOT NULL,
	closes TIME NOT NULL
);
