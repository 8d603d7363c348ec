-- A primary key declared after the columns, on a column that is not first.
CREATE TABLE licences (
	holder VARCHAR(60) NOT NULL,
	number VARCHAR(20),
	expires DATE,
	PRIMARY KEY (number)
);
