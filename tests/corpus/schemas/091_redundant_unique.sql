-- UNIQUE on the primary key and a repeated UNIQUE are redundant, as in
-- PostgreSQL.
CREATE TABLE serials (
	id INTEGER PRIMARY KEY UNIQUE,
	code VARCHAR(20) NOT NULL UNIQUE,
	UNIQUE (code)
);
