-- dialect: postgres
-- The model's history gains ALTER COLUMN ... TYPE statements: the
-- database's columns widen, rows kept.
CREATE TABLE orders (id integer PRIMARY KEY, qty smallint NOT NULL, code varchar(8));
ALTER TABLE orders ALTER COLUMN qty TYPE integer;
ALTER TABLE orders ALTER COLUMN code SET DATA TYPE varchar(32);
ALTER TABLE orders ADD COLUMN placed timestamptz;
