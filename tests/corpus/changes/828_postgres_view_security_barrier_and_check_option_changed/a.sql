-- dialect: postgres
CREATE TABLE accounts (id integer PRIMARY KEY, active boolean NOT NULL DEFAULT true, balance numeric);
CREATE VIEW active_accounts AS SELECT id, balance FROM accounts WHERE active;
