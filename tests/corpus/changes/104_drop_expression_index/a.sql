-- not-dialect: mysql (MariaDB has no expression index keys (MySQL 8.0.13 has, through hidden columns))
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email TEXT,
	age INTEGER
);
CREATE INDEX ix_users_email_lower ON users (lower(email));
