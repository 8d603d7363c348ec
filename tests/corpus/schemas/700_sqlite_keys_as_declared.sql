-- only: sqlite
-- Keys as SQLite users declare them: an INT and a BIGINT key (which the
-- auto-increment rule makes the rowid alias), a column's INTEGER PRIMARY
-- KEY DESC (no rowid alias) beside the table constraint PRIMARY KEY (id
-- DESC) (one), and keys and indexes whose columns have a collation of
-- their own.
CREATE TABLE regions (
	id INT PRIMARY KEY,
	name TEXT NOT NULL
);

CREATE TABLE shipments (
	id BIGINT PRIMARY KEY,
	region INT REFERENCES regions (id),
	sent_at DATETIME
);

CREATE TABLE tickets (
	id INTEGER PRIMARY KEY DESC,
	title TEXT NOT NULL
);

CREATE TABLE seats (
	id INTEGER,
	label TEXT,
	PRIMARY KEY (id DESC)
);

CREATE TABLE handles (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	nick TEXT,
	site TEXT,
	UNIQUE (email COLLATE NOCASE),
	CONSTRAINT handles_site_nick UNIQUE (site, nick COLLATE RTRIM DESC)
);

CREATE TABLE words (
	word TEXT,
	lang TEXT NOT NULL DEFAULT 'en',
	PRIMARY KEY (word COLLATE NOCASE, lang)
);

CREATE INDEX handles_nick ON handles (nick COLLATE NOCASE DESC);
CREATE INDEX words_lang ON words (lang COLLATE NOCASE, word);
