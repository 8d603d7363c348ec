-- dialect: postgres
-- An enum used by a plain column with a default, by an array column, in a
-- CHECK, and in a partial index's predicate; a second enum with a quoted
-- value that holds a space and a quote.
CREATE TYPE status AS ENUM ('draft', 'published', 'archived');
CREATE TYPE "Tone" AS ENUM ('calm', 'it''s loud', 'UPPER');
CREATE TABLE articles (
	id integer PRIMARY KEY,
	state status NOT NULL DEFAULT 'draft',
	history status[] NOT NULL DEFAULT '{draft}',
	tone "Tone",
	CONSTRAINT articles_not_archived_loud CHECK (state <> 'archived' OR tone IS NULL)
);
CREATE INDEX articles_live_idx ON articles (id) WHERE state = 'published';
