-- CHECK constraints over NUMERIC and VARCHAR columns, which PostgreSQL
-- stores with casts.
CREATE TABLE listings (
	id INTEGER PRIMARY KEY,
	price NUMERIC(10,2) NOT NULL CHECK (price >= 0),
	title VARCHAR(80) NOT NULL CHECK (length(title) >= 3)
);
