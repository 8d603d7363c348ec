INSERT INTO "café" (id) VALUES (1);
INSERT INTO "café" (id) VALUES (2);
