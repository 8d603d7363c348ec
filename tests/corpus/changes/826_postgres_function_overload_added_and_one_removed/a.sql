-- dialect: postgres
CREATE TABLE items (id integer PRIMARY KEY, price numeric NOT NULL);
CREATE FUNCTION fmt(x integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT x::text $$;
CREATE FUNCTION fmt(x numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(x, 'FM999990.00') $$;
