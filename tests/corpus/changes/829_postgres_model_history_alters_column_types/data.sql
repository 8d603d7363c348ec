INSERT INTO orders (id, qty, code) VALUES (1, 3, 'A-1');
INSERT INTO orders (id, qty, code) VALUES (2, 300, 'B-22');
