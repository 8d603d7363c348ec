CREATE TABLE translations (
	key VARCHAR(100),
	locale CHAR(5),
	PRIMARY KEY (key, language)
);
