-- dialect: postgres
-- Each column changes its type and its default at once, between types
-- whose defaults do not fit each other (text and a domain over integer,
-- boolean and integer, integer and text): in both directions the old
-- default goes before the type changes and the new one comes after.
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE gauges (
  id integer PRIMARY KEY,
  reading positive_int,
  active integer DEFAULT 3,
  size text DEFAULT 'small',
  code text
);
