INSERT INTO "User Accounts" ("Id", "Full Name") VALUES (1, 'Ann Lee');
