INSERT INTO "Sales"."Orders" (id, total) VALUES (1, 100);
INSERT INTO sales."Orders" (id, total) VALUES (1, 7);
