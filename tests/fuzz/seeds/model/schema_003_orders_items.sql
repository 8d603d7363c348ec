-- Orders and items, many to many through an association table whose
-- primary key is the pair of foreign keys.
CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE items (
	id INTEGER PRIMARY KEY,
	name VARCHAR(80) NOT NULL,
	price NUMERIC(10,2) NOT NULL
);

CREATE TABLE order_items (
	order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES items (id),
	quantity INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (order_id, item_id)
);
