INSERT INTO orders (id, customer, total) VALUES (1, 'ann', 12.50);
INSERT INTO orders (id, customer, total) VALUES (2, 'bob', 0.99);
INSERT INTO orders (id, customer, total) VALUES (3, 'cy', 100.00);
