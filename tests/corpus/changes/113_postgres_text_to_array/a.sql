-- only: postgres
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	tags TEXT
);
