-- The app of a Flask-Migrate tutorial: users who follow users, posts,
-- messages between users, notifications and background tasks.
CREATE TABLE "user" (
	id INTEGER NOT NULL,
	username VARCHAR(64) NOT NULL,
	email VARCHAR(120) NOT NULL,
	password_hash VARCHAR(256),
	about_me VARCHAR(140),
	last_seen TIMESTAMP,
	last_message_read_time TIMESTAMP,
	PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_user_username ON "user" (username);
CREATE UNIQUE INDEX ix_user_email ON "user" (email);

CREATE TABLE followers (
	follower_id INTEGER NOT NULL,
	followed_id INTEGER NOT NULL,
	PRIMARY KEY (follower_id, followed_id),
	FOREIGN KEY (follower_id) REFERENCES "user" (id),
	FOREIGN KEY (followed_id) REFERENCES "user" (id)
);

CREATE TABLE post (
	id INTEGER NOT NULL,
	body VARCHAR(140) NOT NULL,
	"timestamp" TIMESTAMP NOT NULL,
	user_id INTEGER NOT NULL,
	language VARCHAR(5),
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE INDEX ix_post_timestamp ON post ("timestamp");
CREATE INDEX ix_post_user_id ON post (user_id);

CREATE TABLE message (
	id INTEGER NOT NULL,
	sender_id INTEGER NOT NULL,
	recipient_id INTEGER NOT NULL,
	body VARCHAR(140) NOT NULL,
	"timestamp" TIMESTAMP NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY (sender_id) REFERENCES "user" (id),
	FOREIGN KEY (recipient_id) REFERENCES "user" (id)
);
CREATE INDEX ix_message_sender_id ON message (sender_id);
CREATE INDEX ix_message_recipient_id ON message (recipient_id);
CREATE INDEX ix_message_timestamp ON message ("timestamp");

CREATE TABLE notification (
	id INTEGER NOT NULL,
	name VARCHAR(128) NOT NULL,
	user_id INTEGER NOT NULL,
	"timestamp" REAL NOT NULL,
	payload_json TEXT NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE INDEX ix_notification_name ON notification (name);
CREATE INDEX ix_notification_user_id ON notification (user_id);
CREATE INDEX ix_notification_timestamp ON notification ("timestamp");

CREATE TABLE task (
	id VARCHAR(36) NOT NULL,
	name VARCHAR(128) NOT NULL,
	description VARCHAR(128),
	user_id INTEGER NOT NULL,
	complete BOOLEAN NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY (user_id) REFERENCES "user" (id)
);
CREATE INDEX ix_task_name ON task (name);
CREATE INDEX ix_task_user_id ON task (user_id);

CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
