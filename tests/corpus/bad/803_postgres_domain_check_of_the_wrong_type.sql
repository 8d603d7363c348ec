-- A domain whose CHECK compares its integer value with text.
CREATE DOMAIN qty AS integer CHECK (VALUE ~ '^[0-9]+$');
CREATE TABLE lines (id integer PRIMARY KEY, amount qty);
