-- dialect: postgres
-- Routines with SECURITY DEFINER and a search_path of their own, COST and
-- ROWS, LEAKPROOF, RETURNS NULL ON NULL INPUT, a SQL-standard body, and a
-- procedure with a standard body.
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, what text NOT NULL);
CREATE FUNCTION audit_count() RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp COST 50
	AS $$ SELECT count(*) FROM audit $$;
CREATE FUNCTION same_text(a text, b text) RETURNS boolean
	LANGUAGE sql IMMUTABLE LEAKPROOF RETURNS NULL ON NULL INPUT PARALLEL SAFE
	AS $$ SELECT a = b $$;
CREATE FUNCTION recent(n integer) RETURNS SETOF audit
	LANGUAGE sql STABLE ROWS 20
	AS $$ SELECT * FROM audit ORDER BY id DESC LIMIT n $$;
CREATE FUNCTION twice(x integer) RETURNS integer
	LANGUAGE sql IMMUTABLE
	RETURN x * 2;
CREATE PROCEDURE note(w text)
	LANGUAGE sql
	BEGIN ATOMIC
		INSERT INTO audit (what) VALUES (w);
	END;
