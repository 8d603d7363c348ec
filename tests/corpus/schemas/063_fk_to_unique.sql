-- A foreign key to a unique column that is not the primary key.
CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	login VARCHAR(40) NOT NULL UNIQUE
);

CREATE TABLE logins (
	id INTEGER PRIMARY KEY,
	account_login VARCHAR(40) NOT NULL REFERENCES accounts (login),
	at TIMESTAMP NOT NULL
);
