-- dialect: postgres
-- The enum takes another name with the same values: the new type is made,
-- the column cast to it (its default set again), and the old type dropped
-- after the tables.
CREATE TYPE feeling AS ENUM ('happy', 'sad');
CREATE TABLE people (id integer PRIMARY KEY, feeling feeling NOT NULL DEFAULT 'happy');
