-- CHAR without a length is CHAR(1).
CREATE TABLE grades (
	id INTEGER PRIMARY KEY,
	letter CHAR NOT NULL,
	sign CHARACTER
);
