-- only: postgres
-- 'pending' is gone: PostgreSQL cannot drop an enum value, so the type is
-- made again and its columns (an array too) take the new one; the view on
-- the table goes before and comes back after.
CREATE TYPE post_status AS ENUM ('draft', 'published', 'archived');
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	status post_status NOT NULL DEFAULT 'draft',
	history post_status[]
);
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE status = 'published';
