INSERT INTO "Mixed Case" ("Id", "Full Name", "Notes") VALUES (1, 'Ann Smith', 'first');
INSERT INTO "Mixed Case" ("Id", "Full Name", "Notes") VALUES (2, 'Bob Jones', NULL);
INSERT INTO "Mixed Case" ("Id", "Full Name", "Notes") VALUES (3, 'Cy Young', 'third');
