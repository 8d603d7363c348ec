-- A primary key with a name of its own.
CREATE TABLE warehouses (
	id INTEGER NOT NULL,
	name VARCHAR(60) NOT NULL,
	CONSTRAINT pk_warehouses PRIMARY KEY (id)
);
