CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email TEXT,
	age INTEGER
);
CREATE INDEX ix_users_email_lower ON users (lower(email));
