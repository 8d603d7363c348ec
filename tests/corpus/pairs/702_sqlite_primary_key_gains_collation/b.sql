-- only: sqlite
CREATE TABLE words (
	word TEXT,
	lang TEXT NOT NULL DEFAULT 'en',
	PRIMARY KEY (word COLLATE NOCASE, lang)
);
CREATE TABLE uses (
	id INTEGER PRIMARY KEY,
	word TEXT,
	lang TEXT,
	note TEXT
);
