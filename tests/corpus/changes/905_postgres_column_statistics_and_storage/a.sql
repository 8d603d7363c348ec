-- dialect: postgres
CREATE TABLE articles (
	id integer PRIMARY KEY,
	slug text NOT NULL,
	body text
);

ALTER TABLE articles ALTER COLUMN body SET STORAGE MAIN;
