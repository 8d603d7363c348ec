-- only: postgres
CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0);
CREATE FUNCTION bump(x integer) RETURNS integer LANGUAGE sql AS $$ SELECT x + 1 $$;
