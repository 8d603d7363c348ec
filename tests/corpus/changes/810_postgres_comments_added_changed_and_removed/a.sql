-- dialect: postgres
CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric);
CREATE VIEW cheap AS SELECT id FROM items WHERE price < 10;
COMMENT ON TABLE items IS 'things we sell';
COMMENT ON COLUMN items.name IS 'shown on the shelf';
COMMENT ON VIEW cheap IS 'under ten';
