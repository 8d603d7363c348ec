CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	first_name VARCHAR(40) NOT NULL,
	last_name VARCHAR(40) NOT NULL,
	full_name VARCHAR(81) GENERATED ALWAYS AS (first_name || ' ' || last_name) STORED
);
