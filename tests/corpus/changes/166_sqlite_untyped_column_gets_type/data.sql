INSERT INTO items (id, name, payload, amount) VALUES (1, 'one', 'text', 1.5);
INSERT INTO items (id, name, payload, amount) VALUES (2, 'two', NULL, 7);
