-- Books and publishers, many to many: an association table with a
-- composite primary key and two cascading foreign keys.
CREATE TABLE publishers (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL UNIQUE
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	title VARCHAR(200) NOT NULL,
	isbn CHAR(13)
);

CREATE TABLE book_publishers (
	book_id INTEGER NOT NULL,
	publisher_id INTEGER NOT NULL,
	PRIMARY KEY (book_id, publisher_id),
	FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
	FOREIGN KEY (publisher_id) REFERENCES publishers (id) ON DELETE CASCADE
);
