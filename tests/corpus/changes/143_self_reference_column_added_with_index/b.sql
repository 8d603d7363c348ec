CREATE TABLE categories (
	id INTEGER PRIMARY KEY,
	name VARCHAR(60) NOT NULL,
	parent_id INTEGER REFERENCES categories (id)
);

CREATE INDEX ix_categories_parent ON categories (parent_id);
