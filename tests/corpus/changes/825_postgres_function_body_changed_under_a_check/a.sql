-- dialect: postgres
CREATE FUNCTION positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 0 $$;
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric NOT NULL CHECK (positive(amount)));
