-- only: postgres
-- A foreign key to a column that becomes unique in the same change: the
-- unique key is added before the foreign key that needs it.
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE);
CREATE TABLE stock (id INTEGER PRIMARY KEY, product_sku TEXT REFERENCES products (sku));
