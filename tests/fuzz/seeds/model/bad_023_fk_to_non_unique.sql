CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100)
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_name VARCHAR(100) REFERENCES authors (name)
);
