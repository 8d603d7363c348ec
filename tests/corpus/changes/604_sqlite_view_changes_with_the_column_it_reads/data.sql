INSERT INTO products (id, name, price, legacy_code) VALUES (1, 'Pen', 1.5, 'P-1');
INSERT INTO products (id, name, price, legacy_code) VALUES (2, 'Ink', 7, NULL);
