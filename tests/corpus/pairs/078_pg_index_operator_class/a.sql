-- dialect: postgres
CREATE TABLE people (
	id INTEGER PRIMARY KEY,
	email TEXT
);

CREATE INDEX ix_people_email ON people (email);
