-- ON DELETE RESTRICT, and a reference without a column list.
CREATE TABLE categories (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL
);

CREATE TABLE goods (
	id INTEGER PRIMARY KEY,
	category_id INTEGER NOT NULL REFERENCES categories ON DELETE RESTRICT
);
