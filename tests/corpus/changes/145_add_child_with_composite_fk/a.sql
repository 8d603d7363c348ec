CREATE TABLE warehouses (
	country CHAR(2) NOT NULL,
	code VARCHAR(6) NOT NULL,
	name VARCHAR(60),
	PRIMARY KEY (country, code)
);
