-- only: postgres
CREATE TYPE post_status AS ENUM ('draft', 'pending', 'published', 'archived');
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	status post_status NOT NULL DEFAULT 'draft',
	history post_status[]
);
CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE status = 'published';
