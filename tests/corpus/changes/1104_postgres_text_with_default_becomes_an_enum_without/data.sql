INSERT INTO orders (id, state) VALUES (1, 'open');
INSERT INTO orders (id, state) VALUES (2, 'shipped');
INSERT INTO orders (id, state) VALUES (3, NULL);
