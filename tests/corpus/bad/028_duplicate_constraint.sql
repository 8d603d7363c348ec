CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	price INTEGER CONSTRAINT ck_product CHECK (price > 0),
	stock INTEGER CONSTRAINT ck_product CHECK (stock >= 0)
);
