-- dialect: postgres
CREATE DOMAIN qty AS integer DEFAULT 1 CHECK (VALUE > 0);
CREATE TABLE lines (id integer PRIMARY KEY, amount qty);
