-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
-- A social network: profiles, symmetric friendships stored once with
-- the smaller id first, follows, posts with replies and reposts, likes,
-- blocks and direct messages.
CREATE TABLE profiles (
	id BIGINT PRIMARY KEY,
	handle VARCHAR(30) NOT NULL UNIQUE,
	display_name VARCHAR(60),
	bio VARCHAR(280),
	private BOOLEAN NOT NULL DEFAULT FALSE,
	joined_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE friendships (
	low_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	high_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	since DATE NOT NULL,
	PRIMARY KEY (low_id, high_id),
	CHECK (low_id < high_id)
);

CREATE TABLE follows (
	follower BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	followee BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	PRIMARY KEY (follower, followee)
);

CREATE TABLE posts (
	id BIGINT PRIMARY KEY,
	author BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	reply_to BIGINT REFERENCES posts (id) ON DELETE SET NULL,
	repost_of BIGINT REFERENCES posts (id) ON DELETE CASCADE,
	text VARCHAR(500),
	created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CHECK (text IS NOT NULL OR repost_of IS NOT NULL)
);

CREATE TABLE likes (
	post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
	profile_id BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	liked_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (post_id, profile_id)
);

CREATE TABLE blocks (
	blocker BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	blocked BIGINT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
	PRIMARY KEY (blocker, blocked)
);

CREATE TABLE direct_messages (
	id BIGINT PRIMARY KEY,
	sender BIGINT NOT NULL REFERENCES profiles (id),
	recipient BIGINT NOT NULL REFERENCES profiles (id),
	body TEXT NOT NULL,
	sent_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	read_at TIMESTAMP
);

CREATE INDEX ix_follows_followee ON follows (followee);
CREATE INDEX ix_posts_author_created ON posts (author, created_at DESC);
CREATE INDEX ix_posts_reply_to ON posts (reply_to) WHERE reply_to IS NOT NULL;
CREATE INDEX ix_dm_unread ON direct_messages (recipient) WHERE read_at IS NULL;
