-- only: postgres
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL);
CREATE TABLE stock (id INTEGER PRIMARY KEY, product_sku TEXT);
