-- dialect: postgres
CREATE TABLE drafts (
	title text,
	body text
);

CREATE TABLE authors (
	id integer PRIMARY KEY,
	name text NOT NULL
);
