-- not-dialect: mysql (MariaDB has no partial indexes (CREATE INDEX ... WHERE))
CREATE TABLE "Customers" (
	"CustomerId" INTEGER PRIMARY KEY,
	"FirstName" VARCHAR(40) NOT NULL,
	"Email Address" VARCHAR(60)
);
CREATE TABLE "Invoices" (
	"InvoiceId" INTEGER PRIMARY KEY,
	"CustomerId" INTEGER NOT NULL REFERENCES "Customers" ("CustomerId"),
	"Total" NUMERIC(10,2) NOT NULL
);
CREATE INDEX "IFK_InvoiceCustomerId" ON "Invoices" ("CustomerId");
