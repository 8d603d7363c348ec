CREATE TABLE pairs (
	a INTEGER,
	b INTEGER,
	PRIMARY KEY (a, b, a)
);
