-- not-dialect: mysql (InnoDB's NO ACTION is RESTRICT: the two cannot differ)
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id),
	title VARCHAR(200) NOT NULL
);
