-- Named unique constraints, inline and as table constraints.
CREATE TABLE vehicles (
	id INTEGER PRIMARY KEY,
	plate VARCHAR(12) NOT NULL CONSTRAINT uq_vehicles_plate UNIQUE,
	vin CHAR(17) NOT NULL,
	CONSTRAINT uq_vehicles_vin UNIQUE (vin)
);
