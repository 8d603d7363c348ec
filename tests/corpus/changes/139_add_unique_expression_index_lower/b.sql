CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	email VARCHAR(254) NOT NULL,
	deleted_at TIMESTAMP,
	plan VARCHAR(10) NOT NULL DEFAULT 'free'
);

CREATE UNIQUE INDEX ux_accounts_email_lower ON accounts (lower(email));
