-- only: sqlite
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL
);
CREATE INDEX members_email ON members (email COLLATE NOCASE);
