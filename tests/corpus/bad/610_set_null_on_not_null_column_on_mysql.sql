-- A foreign key that sets NULL in a NOT NULL column: PostgreSQL and
-- SQLite take it (and fail only when a referenced row goes), InnoDB
-- refuses the key itself.
CREATE TABLE authors (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL
);

CREATE TABLE books (
	id INTEGER PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES authors (id) ON DELETE SET NULL,
	title VARCHAR(200) NOT NULL
);
