CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	name VARCHAR(100) NOT NULL,
	price NUMERIC(10,2) NOT NULL,
	legacy_code VARCHAR(20)
);
CREATE VIEW product_list AS SELECT id, name, legacy_code FROM products;
