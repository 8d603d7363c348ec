-- dialect: postgres
-- PostgreSQL keeps "Users" and users apart, and "Name" and name too
-- (SQLite does not: see bad/037).
CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	"Name" TEXT,
	name TEXT
);

CREATE TABLE "Users" (
	id INTEGER PRIMARY KEY,
	user_id INTEGER REFERENCES users (id)
);

CREATE INDEX ix_users_name ON "Users" (user_id);
