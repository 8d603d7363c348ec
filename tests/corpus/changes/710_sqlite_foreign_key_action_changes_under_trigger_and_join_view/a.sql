-- only: sqlite
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL
);
CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author INTEGER REFERENCES authors (id),
	title TEXT NOT NULL,
	updated TEXT
);
CREATE VIEW book_list AS SELECT b.id, b.title, a.name FROM books b JOIN authors a ON a.id = b.author;
CREATE TRIGGER books_touch AFTER UPDATE OF title ON books WHEN NEW.title <> OLD.title
BEGIN
	UPDATE books SET updated = 'yes' WHERE id = NEW.id;
END;
