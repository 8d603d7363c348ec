CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	name TEXT,
	email TEXT
);

CREATE INDEX ix_users ON users (name);
CREATE INDEX ix_users ON users (email);
