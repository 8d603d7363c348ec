CREATE TABLE users (
	id INTEGER PRIMARY KEY
);

CREATE TABLE placeholder ();
