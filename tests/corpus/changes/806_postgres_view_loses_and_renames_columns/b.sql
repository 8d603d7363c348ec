-- dialect: postgres
-- The view drops a column and renames another, which CREATE OR REPLACE
-- VIEW cannot do: it is dropped and made again, and so is the view on it.
CREATE TABLE staff (id integer PRIMARY KEY, name text NOT NULL, salary numeric(10,2), dept text);
CREATE VIEW staff_public AS SELECT id, name AS full_name, dept FROM staff;
CREATE VIEW depts AS SELECT DISTINCT dept FROM staff_public;
