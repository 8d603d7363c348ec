CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	code VARCHAR(12) NOT NULL,
	price INTEGER NOT NULL,
	cost INTEGER NOT NULL,
	CONSTRAINT ck_products_margin CHECK (price >= cost)
);
