-- dialect: postgres
-- The slug gets a larger statistics target, the body goes back to its
-- type's storage, and a new column is made with a storage of its own.
CREATE TABLE articles (
	id integer PRIMARY KEY,
	slug text NOT NULL,
	body text,
	summary text
);

ALTER TABLE articles ALTER COLUMN slug SET STATISTICS 500;
ALTER TABLE articles ALTER COLUMN summary SET STORAGE EXTERNAL;
