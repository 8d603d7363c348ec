-- dialect: postgres
-- The column sorts by bytes now: its type is restated with COLLATE "C"
-- and its index is rebuilt by PostgreSQL; rows kept.
CREATE TABLE names (id integer PRIMARY KEY, name text COLLATE "C" NOT NULL);
CREATE INDEX names_name_idx ON names (name);
