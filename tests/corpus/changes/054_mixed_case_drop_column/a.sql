CREATE TABLE "UserAccounts" (
	"Id" INTEGER PRIMARY KEY,
	"DisplayName" VARCHAR(50)
);
