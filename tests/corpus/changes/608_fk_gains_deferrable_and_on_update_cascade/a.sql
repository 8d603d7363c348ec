-- not-dialect: mysql (MariaDB/MySQL have no deferrable foreign keys)
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL
);
CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER REFERENCES authors (id),
	title VARCHAR(200) NOT NULL
);
