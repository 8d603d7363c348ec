INSERT INTO "UserAccounts" ("Id", "DisplayName") VALUES (1, 'Ann Smith');
INSERT INTO "UserAccounts" ("Id", "DisplayName") VALUES (2, 'Bob Jones');
INSERT INTO "UserAccounts" ("Id", "DisplayName") VALUES (3, NULL);
