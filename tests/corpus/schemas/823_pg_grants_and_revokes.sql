-- dialect: postgres
-- Grants to PUBLIC on a table, columns, a sequence, a view and a function,
-- and the default EXECUTE on a function revoked from PUBLIC.
CREATE TABLE prices (id integer PRIMARY KEY, net numeric(10,2) NOT NULL, note text, secret text);
CREATE SEQUENCE price_ids;
CREATE VIEW public_prices AS SELECT id, net FROM prices;
CREATE FUNCTION price_of(i integer) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT net FROM prices WHERE id = i $$;
CREATE FUNCTION admin_reset() RETURNS void LANGUAGE sql AS $$ DELETE FROM prices $$;
GRANT SELECT, INSERT ON prices TO PUBLIC;
GRANT UPDATE (note), REFERENCES (id) ON prices TO PUBLIC;
GRANT USAGE, SELECT ON SEQUENCE price_ids TO PUBLIC;
GRANT SELECT ON public_prices TO PUBLIC;
REVOKE EXECUTE ON FUNCTION admin_reset() FROM PUBLIC;
