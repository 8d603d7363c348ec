-- dialect: postgres
-- The drafts table keeps its rows and loses every column, as a model
-- written as a script says it.
CREATE TABLE drafts (
	title text,
	body text
);
ALTER TABLE drafts DROP COLUMN body;
ALTER TABLE drafts DROP COLUMN title;

CREATE TABLE authors (
	id integer PRIMARY KEY,
	name text NOT NULL
);
