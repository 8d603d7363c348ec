-- dialect: postgres
-- A domain with a CHECK is added and the column takes it; the rows hold
-- addresses that pass.
CREATE DOMAIN email AS text CHECK (VALUE LIKE '%_@_%');
CREATE TABLE contacts (id integer PRIMARY KEY, email email NOT NULL);
