CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email VARCHAR(120)
);

CREATE INDEX ix_users_mail ON users (mail);
