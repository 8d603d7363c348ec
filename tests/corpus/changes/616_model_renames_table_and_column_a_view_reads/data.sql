INSERT INTO customer (id, name, mail) VALUES (1, 'Acme', 'ops@acme.test');
INSERT INTO customer (id, name, mail) VALUES (2, 'Globex', NULL);
INSERT INTO orders (id, customer_id, total) VALUES (1, 1, 10);
INSERT INTO orders (id, customer_id, total) VALUES (2, 1, 5);
INSERT INTO orders (id, customer_id, total) VALUES (3, 2, 7);
