-- dialect: postgres
-- An enum added in a schema the model makes, with a column that uses it
-- on a table of that schema.
CREATE TABLE notes (
	id integer PRIMARY KEY
);
