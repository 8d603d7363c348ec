-- only: sqlite
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL,
	joined TEXT,
	UNIQUE (email)
);
CREATE TABLE member_log (
	id INTEGER PRIMARY KEY,
	member INTEGER,
	what TEXT
);
CREATE VIEW member_emails AS SELECT id, lower(email) AS email FROM members;
CREATE TRIGGER members_joined AFTER INSERT ON members
BEGIN
	INSERT INTO member_log (member, what) VALUES (NEW.id, 'joined');
END;
