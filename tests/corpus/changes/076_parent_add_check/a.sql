-- not-dialect: mysql (MariaDB takes no CHECK on an AUTO_INCREMENT column)
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	country VARCHAR(2),
	bio TEXT
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL
);
CREATE INDEX ix_books_author_id ON books (author_id);
