CREATE TABLE warehouses (
	country CHAR(2) NOT NULL,
	code VARCHAR(6) NOT NULL,
	name VARCHAR(60),
	PRIMARY KEY (country, code)
);

CREATE TABLE bins (
	id INTEGER PRIMARY KEY,
	country CHAR(2) NOT NULL,
	warehouse_code VARCHAR(6) NOT NULL,
	label VARCHAR(10) NOT NULL,
	FOREIGN KEY (country, warehouse_code) REFERENCES warehouses (country, code) ON UPDATE CASCADE ON DELETE CASCADE
);
