-- dialect: postgres
-- The function a CHECK calls changes its body only: CREATE OR REPLACE, in
-- place, since the CHECK keeps it from being dropped.
CREATE FUNCTION positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n > 0 AND n < 1000000 $$;
CREATE TABLE prices (id integer PRIMARY KEY, amount numeric NOT NULL CHECK (positive(amount)));
