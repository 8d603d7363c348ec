INSERT INTO items (id, name, price) VALUES (1, 'lamp', 9.5);
