-- A view that reads a column its table does not have: the database
-- refuses the view, and the error names the view's place.
CREATE TABLE staff (id integer PRIMARY KEY, name text NOT NULL);
CREATE VIEW staff_names AS SELECT id, full_name FROM staff;
