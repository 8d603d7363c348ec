INSERT INTO "order" (id, total) VALUES (1, 100);
INSERT INTO "order" (id, total) VALUES (2, 250);
