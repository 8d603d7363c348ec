-- dialect: postgres
-- The stored tsvector also reads the body: the column is made again and
-- computed anew, its GIN index with it.
CREATE TABLE articles (
	id integer PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL DEFAULT '',
	search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
);
CREATE INDEX articles_search_idx ON articles USING gin (search);
