CREATE TABLE "Order Items" (
	"Item Id" INTEGER PRIMARY KEY,
	"order" INTEGER NOT NULL
);
CREATE INDEX "IX Order" ON "Order Items" ("order");
