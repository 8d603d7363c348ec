CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120),
	age INTEGER
);
CREATE INDEX ix_users_name ON users (name);
