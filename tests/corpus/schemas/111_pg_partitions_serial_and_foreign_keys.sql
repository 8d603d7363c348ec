-- only: postgres
-- A partitioned table with a SERIAL column and a foreign key, referenced in
-- turn by another table's foreign key: PostgreSQL copies each of them onto
-- every partition, and those copies are the parent's.
CREATE TABLE customers (id INTEGER PRIMARY KEY);

CREATE TABLE orders (
	id SERIAL,
	placed DATE NOT NULL,
	customer INTEGER REFERENCES customers (id),
	PRIMARY KEY (id, placed)
) PARTITION BY RANGE (placed);

CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE lines (
	order_id INTEGER NOT NULL,
	placed DATE NOT NULL,
	FOREIGN KEY (order_id, placed) REFERENCES orders (id, placed) ON DELETE CASCADE
);
