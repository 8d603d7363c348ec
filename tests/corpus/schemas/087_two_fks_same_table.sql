-- Two foreign keys from one table to the same table.
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	owner VARCHAR(60) NOT NULL
);

CREATE TABLE transfers (
	id INTEGER PRIMARY KEY,
	from_account INTEGER NOT NULL REFERENCES accounts (id),
	to_account INTEGER NOT NULL REFERENCES accounts (id),
	amount NUMERIC(12,2) NOT NULL CHECK (amount > 0)
);
