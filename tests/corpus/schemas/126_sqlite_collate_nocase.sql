-- only: sqlite
-- Case-insensitive text as SQLite users declare it: COLLATE NOCASE on
-- unique and key columns, RTRIM and BINARY beside it, and tables keyed by
-- text.
CREATE TABLE countries (
	code TEXT PRIMARY KEY COLLATE NOCASE,
	name TEXT NOT NULL COLLATE NOCASE UNIQUE
);
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL COLLATE NOCASE,
	handle TEXT COLLATE RTRIM,
	secret TEXT COLLATE BINARY,
	country TEXT REFERENCES countries (code),
	UNIQUE (email)
);
CREATE TABLE kv (
	namespace TEXT NOT NULL,
	key TEXT NOT NULL,
	value BLOB,
	expires INTEGER,
	PRIMARY KEY (namespace, key)
);
CREATE INDEX kv_expires ON kv (expires) WHERE expires IS NOT NULL;
CREATE INDEX members_country ON members (country);
