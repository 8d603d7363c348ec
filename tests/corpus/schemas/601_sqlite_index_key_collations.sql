-- only: sqlite
-- Index keys with a collation of their own: a case-insensitive lookup on a
-- column that compares exactly, an expression key with RTRIM, and a key
-- that says BINARY on a NOCASE column.
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	nick TEXT COLLATE NOCASE,
	city TEXT
);
CREATE UNIQUE INDEX members_email_ci ON members (email COLLATE NOCASE);
CREATE INDEX members_nick_exact ON members (nick COLLATE BINARY DESC, id);
CREATE INDEX members_city_trimmed ON members (lower(city) COLLATE RTRIM) WHERE city IS NOT NULL;
