CREATE TABLE words (
	word TEXT,
	lang TEXT NOT NULL,
	PRIMARY KEY (word COLLATE NOCASE, lang)
);
CREATE TABLE uses (
	id INTEGER PRIMARY KEY,
	word TEXT,
	lang TEXT,
	FOREIGN KEY (word, lang) REFERENCES words (word, lang)
);
