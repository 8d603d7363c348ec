-- dialect: postgres
-- The table gains its first columns, one of them a foreign key.
CREATE TABLE accounts (
	id integer PRIMARY KEY,
	name text NOT NULL
);

CREATE TABLE settings (
	account_id integer REFERENCES accounts (id),
	theme text NOT NULL DEFAULT 'light'
);
