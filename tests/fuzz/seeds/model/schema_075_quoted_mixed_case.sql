-- Mixed-case quoted names keep their case.
CREATE TABLE "UserAccounts" (
	"Id" INTEGER PRIMARY KEY,
	"DisplayName" VARCHAR(50) NOT NULL,
	"createdAt" TIMESTAMP
);

CREATE INDEX "IX_UserAccounts_DisplayName" ON "UserAccounts" ("DisplayName");
