-- dialect: postgres
-- The domain gains NOT NULL and a wider CHECK and its default changes,
-- while a column uses it and rows hold values that fit.
CREATE DOMAIN qty AS integer NOT NULL DEFAULT 0 CHECK (VALUE >= 0);
CREATE TABLE lines (id integer PRIMARY KEY, amount qty);
