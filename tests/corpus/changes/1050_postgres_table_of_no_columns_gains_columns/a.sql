-- dialect: postgres
-- A table declared before its columns are known, beside one with rows.
CREATE TABLE accounts (
	id integer PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE settings ();
