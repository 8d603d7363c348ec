-- only: postgres
-- The unique key on email treats NULLs as equal and carries the name in
-- its index; the primary key and the index on team carry columns too.
CREATE TABLE members (
	id INTEGER,
	email TEXT,
	name TEXT NOT NULL,
	team TEXT,
	PRIMARY KEY (id) INCLUDE (team),
	UNIQUE NULLS NOT DISTINCT (email) INCLUDE (name)
);
CREATE INDEX members_team ON members (team) INCLUDE (name, email);
CREATE UNIQUE INDEX members_name_team ON members (name, team) NULLS NOT DISTINCT;
