CREATE TABLE users (
	id INTEGER PRIMARY KEY
);
/* this comment is never closed
CREATE TABLE teams (id INTEGER PRIMARY KEY);
