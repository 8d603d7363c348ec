INSERT INTO lines (id, amount) VALUES (1, 3);
INSERT INTO lines (id, amount) VALUES (2, 1);
