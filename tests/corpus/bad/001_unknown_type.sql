-- A misspelt type.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name strnig NOT NULL
);
