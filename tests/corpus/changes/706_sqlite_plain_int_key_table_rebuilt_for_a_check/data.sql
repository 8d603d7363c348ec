INSERT INTO parts (id, name, qty) VALUES (4, 'bolt', 10);
INSERT INTO parts (id, name, qty) VALUES (9, 'nut', 0);
