-- TEXT columns.
CREATE TABLE articles (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	body TEXT
);
