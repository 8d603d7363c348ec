INSERT INTO customer (id, name) VALUES (1, 'Acme');
INSERT INTO customer (id, name) VALUES (2, 'Globex');
INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 12.5);
INSERT INTO orders (id, customer_id, total) VALUES (11, 2, 3);
