-- A CHECK that calls a function on a TEXT column.
CREATE TABLE slugs (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL CHECK (length(slug) > 0)
);
