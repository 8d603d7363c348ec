CREATE TABLE "Order Items" (
	"Item Id" INTEGER PRIMARY KEY,
	"order" INTEGER NOT NULL,
	"Unit Price" NUMERIC(8,2)
);
