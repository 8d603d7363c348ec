INSERT INTO products (id, sku) VALUES (1, 'ABC-1');
INSERT INTO products (id, sku) VALUES (2, 'XYZ-42');
