-- only: postgres
CREATE TYPE shirt_size AS ENUM ('small', 'large', 'medium');
CREATE TABLE shirts (
	id INTEGER PRIMARY KEY,
	size shirt_size DEFAULT 'medium'
);
CREATE INDEX shirts_size_idx ON shirts (size);
