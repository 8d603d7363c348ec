-- A small blog: users, posts, comments and a post-tag association.
CREATE TABLE blog_users (
	id SERIAL PRIMARY KEY,
	username VARCHAR(30) NOT NULL UNIQUE,
	joined TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE blog_posts (
	id SERIAL PRIMARY KEY,
	author_id INTEGER NOT NULL REFERENCES blog_users (id) ON DELETE CASCADE,
	title VARCHAR(200) NOT NULL,
	body TEXT NOT NULL,
	published BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE blog_comments (
	id SERIAL PRIMARY KEY,
	post_id INTEGER NOT NULL REFERENCES blog_posts (id) ON DELETE CASCADE,
	author_id INTEGER REFERENCES blog_users (id) ON DELETE SET NULL,
	body TEXT NOT NULL
);

CREATE TABLE blog_post_tags (
	post_id INTEGER NOT NULL REFERENCES blog_posts (id) ON DELETE CASCADE,
	tag VARCHAR(30) NOT NULL,
	PRIMARY KEY (post_id, tag)
);

CREATE INDEX ix_blog_posts_author ON blog_posts (author_id);
CREATE INDEX ix_blog_comments_post ON blog_comments (post_id);
