-- One author, many books; deleting an author deletes the books.
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL,
	published DATE
);

CREATE INDEX ix_books_author_id ON books (author_id);
