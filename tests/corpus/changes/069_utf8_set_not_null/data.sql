INSERT INTO "café" (id, "crème") VALUES (1, 'brûlée');
INSERT INTO "café" (id, "crème") VALUES (2, 'fraîche');
INSERT INTO "café" (id, "crème") VALUES (3, 'chantilly');
