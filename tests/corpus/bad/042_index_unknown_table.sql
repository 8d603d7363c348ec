CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);

CREATE INDEX ix_accounts_email ON accounts (email);
