-- A user owns many game characters (one foreign key).
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name VARCHAR(50) NOT NULL,
	email VARCHAR(120) NOT NULL UNIQUE
);

CREATE TABLE characters (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id),
	name VARCHAR(50) NOT NULL,
	level INTEGER NOT NULL DEFAULT 1
);

CREATE INDEX ix_characters_user_id ON characters (user_id);
