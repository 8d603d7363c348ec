-- only: sqlite
-- Generated columns that read JSON, strings and other generated columns,
-- VIRTUAL and STORED, with indexes on them and a CHECK that uses one.
CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	body TEXT NOT NULL CHECK (json_valid(body)),
	kind TEXT GENERATED ALWAYS AS (json_extract(body, '$.kind')) VIRTUAL,
	title TEXT AS (json_extract(body, '$.title')),
	slug TEXT AS (lower(replace(title, ' ', '-'))) STORED,
	words INTEGER GENERATED ALWAYS AS (length(title) - length(replace(title, ' ', '')) + 1) STORED,
	CHECK (kind IN ('page', 'post'))
);

CREATE TABLE rectangles (
	id INTEGER PRIMARY KEY,
	w REAL NOT NULL,
	h REAL NOT NULL,
	area REAL AS (w * h) STORED,
	perimeter REAL AS (2 * (w + h)),
	square INTEGER AS (w = h) VIRTUAL
);

CREATE INDEX documents_kind ON documents (kind);
CREATE UNIQUE INDEX documents_slug ON documents (slug);
CREATE INDEX rectangles_area ON rectangles (area DESC) WHERE square = 0;
