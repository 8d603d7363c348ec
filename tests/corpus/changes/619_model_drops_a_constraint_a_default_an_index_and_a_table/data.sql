INSERT INTO customers (id, email, name, credit) VALUES (1, 'a@example.com', 'Ann', 10);
INSERT INTO customers (id, email, credit) VALUES (2, 'b@example.com', 0);
INSERT INTO orders (id, customer_id, note) VALUES (1, 1, 'first');
INSERT INTO orders (id, customer_id) VALUES (2, 2);
INSERT INTO audit (id, what) VALUES (1, 'created');
