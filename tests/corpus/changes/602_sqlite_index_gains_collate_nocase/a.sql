-- only: sqlite
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	city TEXT
);
CREATE INDEX members_email ON members (email);
