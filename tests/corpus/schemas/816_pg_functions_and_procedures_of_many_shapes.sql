-- dialect: postgres
-- SQL and PL/pgSQL functions returning a table, a set, OUT parameters, a
-- VARIADIC one, two overloads of one name, and a procedure with INOUT.
CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric(12,2) NOT NULL DEFAULT 0);
CREATE FUNCTION rich(min numeric) RETURNS TABLE (id integer, balance numeric)
	LANGUAGE sql STABLE AS $$ SELECT id, balance FROM accounts WHERE balance >= min $$;
CREATE FUNCTION account_ids() RETURNS SETOF integer
	LANGUAGE sql STABLE AS $$ SELECT id FROM accounts $$;
CREATE FUNCTION stats(OUT n bigint, OUT total numeric)
	LANGUAGE sql STABLE AS $$ SELECT count(*), coalesce(sum(balance), 0) FROM accounts $$;
CREATE FUNCTION total_of(VARIADIC vals numeric[]) RETURNS numeric
	LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sum(v) FROM unnest(vals) AS v $$;
CREATE FUNCTION describe(x integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'int ' || x $$;
CREATE FUNCTION describe(x text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'text ' || x $$;
CREATE FUNCTION safe_div(a numeric, b numeric) RETURNS numeric
	LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
	AS $$
BEGIN
	IF b = 0 THEN
		RETURN NULL;
	END IF;
	RETURN a / b;
END
$$;
CREATE PROCEDURE deposit(acc integer, INOUT amount numeric)
	LANGUAGE plpgsql AS $$
BEGIN
	UPDATE accounts SET balance = balance + amount WHERE id = acc;
	amount := amount * 2;
END
$$;
