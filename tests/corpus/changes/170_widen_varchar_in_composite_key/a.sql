CREATE TABLE translations (
	locale VARCHAR(5) NOT NULL,
	msgid VARCHAR(100) NOT NULL,
	msgstr TEXT NOT NULL,
	PRIMARY KEY (locale, msgid)
);
