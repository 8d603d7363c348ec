-- only: sqlite
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	city TEXT
);
CREATE UNIQUE INDEX members_email ON members (email COLLATE NOCASE);
CREATE INDEX members_city ON members (city COLLATE NOCASE DESC);
