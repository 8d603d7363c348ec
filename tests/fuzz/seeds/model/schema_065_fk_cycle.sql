-- Two tables that reference each other: a foreign-key cycle.
CREATE TABLE clubs (
	id INTEGER PRIMARY KEY,
	captain_id INTEGER REFERENCES athletes (id),
	name VARCHAR(60) NOT NULL
);

CREATE TABLE athletes (
	id INTEGER PRIMARY KEY,
	club_id INTEGER REFERENCES clubs (id),
	name VARCHAR(60) NOT NULL
);
