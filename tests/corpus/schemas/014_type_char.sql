-- Fixed-length CHAR.
CREATE TABLE countries (
	code CHAR(2) PRIMARY KEY,
	code3 CHAR(3) NOT NULL,
	name VARCHAR(80) NOT NULL
);
