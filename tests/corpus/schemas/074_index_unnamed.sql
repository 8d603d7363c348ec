-- Indexes without a name get the name PostgreSQL would choose.
CREATE TABLE notes (
	id INTEGER PRIMARY KEY,
	author VARCHAR(40) NOT NULL,
	created DATE NOT NULL
);

CREATE INDEX ON notes (author);
CREATE INDEX ON notes (author, created);
