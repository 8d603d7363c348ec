-- dialect: postgres
CREATE TABLE members (
	id integer PRIMARY KEY,
	handle text NOT NULL
);
