-- dialect: postgres
CREATE TABLE ledger (id integer PRIMARY KEY, amount numeric NOT NULL, memo text);
CREATE FUNCTION ledger_sum() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM ledger $$;
GRANT SELECT, INSERT, UPDATE ON ledger TO PUBLIC;
GRANT UPDATE (memo) ON ledger TO PUBLIC;
