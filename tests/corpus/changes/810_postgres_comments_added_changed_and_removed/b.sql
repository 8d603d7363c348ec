-- dialect: postgres
-- One comment changed, one removed, two added (one on a column, one on a
-- constraint); the table and its rows are untouched.
CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW cheap AS SELECT id FROM items WHERE price < 10;
COMMENT ON TABLE items IS 'things we sell, and rent';
COMMENT ON COLUMN items.price IS 'in euros';
COMMENT ON VIEW cheap IS 'under ten';
COMMENT ON CONSTRAINT items_pkey ON items IS 'the catalogue number';
