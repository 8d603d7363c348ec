CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	price INTEGER NOT NULL,
	cost INTEGER NOT NULL,
	CHECK (price >= cost)
);
