INSERT INTO "order" (id, total, "select") VALUES (1, 100, 'pick');
INSERT INTO "order" (id, total, "select") VALUES (2, 250, 'drop');
INSERT INTO "order" (id, total, "select") VALUES (3, 75, 'keep');
