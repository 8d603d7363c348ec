CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email VARCHAR(120) NOT NULL UNIQUE,
	name VARCHAR(80) NOT NULL
);

CREATE TABLE addresses (
	id INTEGER PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind VARCHAR(10) NOT NULL DEFAULT 'home',
	street VARCHAR(120),
	city VARCHAR(60),
	postcode VARCHAR(10)
);

CREATE INDEX ix_addresses_user ON addresses (user_id);
