-- only: sqlite
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL CHECK (json_valid(body)),
	kind TEXT GENERATED ALWAYS AS (json_extract(body, '$.kind')) VIRTUAL,
	title TEXT AS (json_extract(body, '$.title'))
);
CREATE INDEX documents_kind ON documents (kind) WHERE kind IS NOT NULL;
