-- Unnamed CHECK constraints on columns.
CREATE TABLE products (
	id INTEGER PRIMARY KEY,
	stock INTEGER NOT NULL CHECK (stock >= 0),
	discount INTEGER CHECK (discount <= 90)
);
