CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	age INTEGER
);
CREATE INDEX ix_users_name ON users (name);
