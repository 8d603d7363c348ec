-- dialect: postgres
-- The function takes a second parameter: a new signature, so the old
-- function is dropped after the view that calls it, and the new one made
-- before the view made again.
CREATE FUNCTION valid_code(c text, len integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT length(c) = len $$;
CREATE TABLE airports (id integer PRIMARY KEY, code text NOT NULL);
CREATE VIEW airport_codes AS SELECT id, valid_code(code, 3) AS ok FROM airports;
