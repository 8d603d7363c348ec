INSERT INTO "Order Items" ("Item Id", "order") VALUES (1, 10);
INSERT INTO "Order Items" ("Item Id", "order") VALUES (2, 20);
INSERT INTO "Order Items" ("Item Id", "order") VALUES (3, 20);
