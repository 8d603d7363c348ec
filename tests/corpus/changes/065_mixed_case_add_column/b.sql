CREATE TABLE "Mixed Case" (
	"Id" INTEGER PRIMARY KEY,
	"Full Name" VARCHAR(40) NOT NULL,
	"Notes" TEXT,
	"Created At" TIMESTAMP
);
