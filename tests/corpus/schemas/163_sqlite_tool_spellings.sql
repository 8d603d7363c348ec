-- only: sqlite
-- What SQLite tools write: DB Browser's PRIMARY KEY("id" AUTOINCREMENT),
-- MySQL's UNSIGNED carried over, Rails' datetime(6).
CREATE TABLE "accounts" (
	"id"	integer NOT NULL,
	"age"	smallint unsigned NOT NULL DEFAULT 0,
	"visits"	int unsigned,
	"created_at"	datetime(6) NOT NULL,
	PRIMARY KEY("id" AUTOINCREMENT)
);
CREATE TABLE "sessions" (
	"id"	INTEGER NOT NULL,
	"account_id"	integer NOT NULL REFERENCES "accounts" ("id"),
	"updated_at"	datetime(6),
	PRIMARY KEY("id")
);
