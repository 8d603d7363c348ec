-- dialect: postgres
-- A plain integer key that rows fill by hand becomes an identity ALWAYS:
-- the sequence goes on after the largest id held.
CREATE TABLE tickets (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL);
