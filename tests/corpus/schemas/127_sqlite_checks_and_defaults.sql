-- only: sqlite
-- SQLite CHECK constraints as people write them (IN lists, BETWEEN,
-- GLOB, typeof, length) and defaults in several spellings.
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	kind TEXT NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'admin', 'bot')),
	status TEXT CHECK (status NOT IN ('', 'deleted')),
	age INTEGER CHECK (age BETWEEN 0 AND 150),
	code TEXT CHECK (code GLOB '[A-Z][A-Z][0-9]*'),
	balance REAL NOT NULL DEFAULT 0.0 CHECK (typeof(balance) = 'real'),
	handle TEXT CHECK (length(handle) BETWEEN 3 AND 30),
	limit_x REAL DEFAULT 1e3,
	rate NUMERIC DEFAULT 1.50,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	flags INTEGER NOT NULL DEFAULT (0)
);
CREATE TABLE transfers (
	id INTEGER PRIMARY KEY,
	src INTEGER NOT NULL REFERENCES accounts (id),
	dst INTEGER NOT NULL REFERENCES accounts (id),
	amount REAL NOT NULL CHECK (amount > 0),
	CHECK (src <> dst)
);
CREATE INDEX transfers_src ON transfers (src);
CREATE INDEX transfers_dst ON transfers (dst);
