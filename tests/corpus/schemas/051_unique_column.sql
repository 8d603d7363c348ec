-- Unnamed UNIQUE on columns.
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	username VARCHAR(40) NOT NULL UNIQUE,
	email VARCHAR(120) UNIQUE
);
