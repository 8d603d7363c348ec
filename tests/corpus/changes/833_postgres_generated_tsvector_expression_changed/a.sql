-- dialect: postgres
CREATE TABLE articles (
	id integer PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL DEFAULT '',
	search tsvector GENERATED ALWAYS AS (to_tsvector('simple', title)) STORED
);
CREATE INDEX articles_search_idx ON articles USING gin (search);
