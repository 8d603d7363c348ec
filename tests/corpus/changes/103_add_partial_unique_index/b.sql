CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120),
	age INTEGER
);
CREATE UNIQUE INDEX ux_users_email_adults ON users (email) WHERE age IS NOT NULL;
