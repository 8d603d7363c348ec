INSERT INTO items (id, name, price) VALUES (1, 'pen', 1.50);
INSERT INTO items (id, name, price) VALUES (2, 'lamp', 25.00);
