-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120),
	age INTEGER
);
