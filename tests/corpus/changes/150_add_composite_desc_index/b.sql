CREATE TABLE orders (
	id INTEGER PRIMARY KEY,
	customer VARCHAR(60) NOT NULL,
	total NUMERIC(8,2) NOT NULL
);

CREATE INDEX ix_orders_customer_total ON orders (customer, total DESC);
