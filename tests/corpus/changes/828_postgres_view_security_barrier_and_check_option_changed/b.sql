-- dialect: postgres
-- The same query gains the security_barrier option and a CHECK OPTION.
CREATE TABLE accounts (id integer PRIMARY KEY, active boolean NOT NULL DEFAULT true, balance numeric);
CREATE VIEW active_accounts WITH (security_barrier = true) AS
	SELECT id, balance FROM accounts WHERE active
	WITH CASCADED CHECK OPTION;
