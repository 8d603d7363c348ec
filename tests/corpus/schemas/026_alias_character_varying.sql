-- CHARACTER VARYING(n) and CHARACTER(n), the standard spellings.
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	full_name CHARACTER VARYING(100) NOT NULL,
	initials CHARACTER(3)
);
