CREATE TABLE translations (
	locale VARCHAR(10) NOT NULL,
	msgid VARCHAR(200) NOT NULL,
	msgstr TEXT NOT NULL,
	PRIMARY KEY (locale, msgid)
);
