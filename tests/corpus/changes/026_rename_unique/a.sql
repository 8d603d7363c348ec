CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120),
	age INTEGER,
	CONSTRAINT uq_users_email UNIQUE (email)
);
