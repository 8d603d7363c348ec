-- only: postgres
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name NOT NULL
);
