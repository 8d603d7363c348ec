-- only: postgres
-- The values in their proper order (which is what ORDER BY and < go by):
-- the type is made again, the index with its column.
CREATE TYPE shirt_size AS ENUM ('small', 'medium', 'large');
CREATE TABLE shirts (
	id INTEGER PRIMARY KEY,
	size shirt_size DEFAULT 'medium'
);
CREATE INDEX shirts_size_idx ON shirts (size);
