-- only: sqlite
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'live', 'gone'))
);
CREATE INDEX posts_title ON posts (trim(title) COLLATE NOCASE) WHERE state = 'live';
