-- only: postgres
CREATE TABLE docs (
	id INTEGER PRIMARY KEY,
	tags TEXT[],
	title TEXT
);
CREATE INDEX docs_tags ON docs (tags);
CREATE INDEX docs_title ON docs (title);
