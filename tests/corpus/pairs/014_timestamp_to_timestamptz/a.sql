-- not-dialect: mysql (MariaDB/MySQL have no time or timestamp type with a time zone)
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(30) NOT NULL,
	email VARCHAR(120),
	seen TIMESTAMP
);
