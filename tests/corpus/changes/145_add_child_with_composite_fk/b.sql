CREATE TABLE warehouses (
	country CHAR(2) NOT NULL,
	code VARCHAR(6) NOT NULL,
	name VARCHAR(60),
	PRIMARY KEY (country, code)
);

CREATE TABLE stock_counts (
	country CHAR(2) NOT NULL,
	warehouse_code VARCHAR(6) NOT NULL,
	counted_on DATE NOT NULL,
	items INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (country, warehouse_code, counted_on),
	FOREIGN KEY (country, warehouse_code) REFERENCES warehouses (country, code) ON DELETE CASCADE
);
