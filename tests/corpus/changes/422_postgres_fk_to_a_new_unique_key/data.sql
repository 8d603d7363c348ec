INSERT INTO products (id, sku) VALUES (1, 'A-1');
INSERT INTO stock (id, product_sku) VALUES (1, 'A-1');
