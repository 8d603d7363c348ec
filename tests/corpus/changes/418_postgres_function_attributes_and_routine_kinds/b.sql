-- only: postgres
-- A function made IMMUTABLE STRICT PARALLEL SAFE (replaced in place); a
-- plpgsql function with a default argument, SECURITY DEFINER and a
-- search_path; a procedure; a function RETURNS TABLE.
CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
CREATE FUNCTION bump(x integer) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT x + 1 $$;
CREATE FUNCTION public.greet(who text DEFAULT 'world') RETURNS text AS $$
BEGIN
	RETURN 'hello ' || who;
END;
$$ LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public;
CREATE PROCEDURE public.reset_counter(cid integer) LANGUAGE plpgsql AS $$
BEGIN
	UPDATE counters SET n = 0 WHERE id = cid;
END;
$$;
CREATE FUNCTION public.counter_list() RETURNS TABLE(id integer, n integer)
	LANGUAGE sql STABLE AS $$ SELECT id, n FROM counters $$;
