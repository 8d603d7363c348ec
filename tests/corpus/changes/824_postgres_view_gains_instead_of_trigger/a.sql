-- dialect: postgres
CREATE TABLE people (id integer PRIMARY KEY, first text, last text);
CREATE VIEW people_names AS SELECT id, first || ' ' || last AS name FROM people;
