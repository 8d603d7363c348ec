INSERT INTO readings (id, level) VALUES (1, 0);
INSERT INTO readings (id, level) VALUES (2, 55);
INSERT INTO readings (id, level) VALUES (3, 100);
