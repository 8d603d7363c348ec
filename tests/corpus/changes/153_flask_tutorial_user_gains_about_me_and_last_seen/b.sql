CREATE TABLE "user" (
	id INTEGER NOT NULL,
	username VARCHAR(64) NOT NULL,
	email VARCHAR(120) NOT NULL,
	password_hash VARCHAR(256),
	about_me VARCHAR(140),
	last_seen TIMESTAMP,
	PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_user_username ON "user" (username);
CREATE UNIQUE INDEX ix_user_email ON "user" (email);

CREATE TABLE post (
	id INTEGER NOT NULL,
	body VARCHAR(140) NOT NULL,
	"timestamp" TIMESTAMP NOT NULL,
	user_id INTEGER NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE INDEX ix_post_timestamp ON post ("timestamp");
CREATE INDEX ix_post_user_id ON post (user_id);

CREATE TABLE followers (
	follower_id INTEGER NOT NULL,
	followed_id INTEGER NOT NULL,
	PRIMARY KEY (follower_id, followed_id),
	FOREIGN KEY (follower_id) REFERENCES "user" (id),
	FOREIGN KEY (followed_id) REFERENCES "user" (id)
);
