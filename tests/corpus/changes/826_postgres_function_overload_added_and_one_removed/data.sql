INSERT INTO items (id, price) VALUES (1, 3.5);
