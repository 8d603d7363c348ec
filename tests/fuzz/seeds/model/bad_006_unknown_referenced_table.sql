-- The referenced table is not in the model.
CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER REFERENCES authors (id)
);
