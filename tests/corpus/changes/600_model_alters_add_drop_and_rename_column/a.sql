CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	nickname VARCHAR(40)
);
CREATE TABLE posts (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id),
	title VARCHAR(200) NOT NULL
);
CREATE INDEX posts_user_id ON posts (user_id);
