CREATE TABLE "Customers" (
	"CustomerId" INTEGER PRIMARY KEY,
	"FirstName" VARCHAR(80) NOT NULL,
	"Email Address" VARCHAR(60) NOT NULL DEFAULT '',
	"Company" VARCHAR(80)
);
CREATE TABLE "Invoices" (
	"InvoiceId" INTEGER PRIMARY KEY,
	"CustomerId" INTEGER NOT NULL REFERENCES "Customers" ("CustomerId"),
	"Total" NUMERIC(10,2) NOT NULL CHECK ("Total" >= 0)
);
CREATE INDEX "IFK_InvoiceCustomerId" ON "Invoices" ("CustomerId");
CREATE UNIQUE INDEX "UX_Customers_Email" ON "Customers" ("Email Address") WHERE "Email Address" <> '';
