CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	code VARCHAR(12) NOT NULL,
	price INTEGER NOT NULL,
	cost INTEGER,
	CHECK (price >= cost)
);
