-- A table named after the reserved word ORDER, referenced by another.
CREATE TABLE "order" (
	id INTEGER PRIMARY KEY,
	"user" VARCHAR(40) NOT NULL
);

CREATE TABLE shipment (
	id INTEGER PRIMARY KEY,
	"order" INTEGER NOT NULL REFERENCES "order" (id)
);

CREATE INDEX ix_shipment_order ON shipment ("order");
