-- A string default that never ends.
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(50) DEFAULT 'anonymous
);
