-- dialect: postgres
-- Per-column planner statistics targets and TOAST storage, as ALTER TABLE
-- statements after the table (pg_dump writes them so, with ONLY).
CREATE TABLE articles (
	id integer PRIMARY KEY,
	slug text NOT NULL,
	body text,
	thumbnail bytea,
	views bigint NOT NULL DEFAULT 0
);

ALTER TABLE articles ALTER COLUMN slug SET STATISTICS 1000;
ALTER TABLE ONLY articles ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE articles ALTER COLUMN thumbnail SET STORAGE MAIN;
ALTER TABLE articles ALTER COLUMN views SET STATISTICS 0;
ALTER TABLE articles ALTER COLUMN views SET STORAGE PLAIN;
