-- dialect: postgres
-- fmt(integer) goes, fmt(numeric) stays, fmt(numeric, text) is added: three
-- functions of one name, told apart by their parameters.
CREATE TABLE items (id integer PRIMARY KEY, price numeric NOT NULL);
CREATE FUNCTION fmt(x numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(x, 'FM999990.00') $$;
CREATE FUNCTION fmt(x numeric, currency text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT fmt(x) || ' ' || currency $$;
