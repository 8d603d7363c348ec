-- dialect: postgres
-- A CHECK that calls a function the same revision adds: the function
-- comes before the table changes, and goes after them on the way back.
CREATE FUNCTION valid_sku(s text) RETURNS boolean LANGUAGE sql IMMUTABLE
	AS $$ SELECT s ~ '^[A-Z]{3}-[0-9]+$' $$;
CREATE TABLE products (id integer PRIMARY KEY, sku text NOT NULL CHECK (valid_sku(sku)));
