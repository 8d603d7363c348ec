-- dialect: postgres
-- tsvector and tsquery columns, a stored generated tsvector with weights,
-- and GIN and GiST indexes on text search expressions.
CREATE TABLE documents (
	id integer PRIMARY KEY,
	title text NOT NULL,
	body text NOT NULL DEFAULT '',
	query tsquery,
	search tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
		setweight(to_tsvector('english', body), 'B')) STORED
);
CREATE INDEX documents_search_idx ON documents USING gin (search);
CREATE INDEX documents_title_idx ON documents USING gist (to_tsvector('simple', title));
