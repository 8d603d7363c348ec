-- VARCHAR of several lengths.
CREATE TABLE contacts (
	id INTEGER PRIMARY KEY,
	first_name VARCHAR(30) NOT NULL,
	last_name VARCHAR(60) NOT NULL,
	phone VARCHAR(20),
	note VARCHAR(1000)
);
