INSERT INTO products (id, name, price) VALUES (1, 'pen', 2);
INSERT INTO products (id, name, price) VALUES (2, 'book', 15);
