-- only: postgres
CREATE TABLE members (
	id INTEGER PRIMARY KEY,
	email TEXT,
	name TEXT NOT NULL,
	team TEXT,
	UNIQUE (email)
);
CREATE INDEX members_team ON members (team);
