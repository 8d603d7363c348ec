-- only: postgres
CREATE TABLE "User Accounts" ("Id" INTEGER PRIMARY KEY, "Full Name" TEXT);
