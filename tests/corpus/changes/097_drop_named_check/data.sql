INSERT INTO products (id, code, price, cost) VALUES (1, 'P-1', 500, 300);
INSERT INTO products (id, code, price, cost) VALUES (2, 'P-2', 120, 120);
INSERT INTO products (id, code, price, cost) VALUES (3, 'P-3', 990, 10);
