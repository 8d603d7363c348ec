-- dialect: postgres
-- UPDATE on the table is revoked, the column grant widened to two
-- columns, and EXECUTE on the function taken from PUBLIC.
CREATE TABLE ledger (id integer PRIMARY KEY, amount numeric NOT NULL, memo text);
CREATE FUNCTION ledger_sum() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(amount) FROM ledger $$;
GRANT SELECT, INSERT ON ledger TO PUBLIC;
GRANT UPDATE (memo, amount) ON ledger TO PUBLIC;
REVOKE ALL ON FUNCTION ledger_sum() FROM PUBLIC;
