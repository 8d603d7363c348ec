-- dialect: postgres
CREATE TABLE names (id integer PRIMARY KEY, name text NOT NULL);
CREATE INDEX names_name_idx ON names (name);
