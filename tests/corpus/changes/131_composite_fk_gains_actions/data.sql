INSERT INTO warehouses (country, code, name) VALUES ('FR', 'PAR1', 'Paris');
INSERT INTO warehouses (country, code, name) VALUES ('DE', 'BER1', NULL);
INSERT INTO bins (id, country, warehouse_code, label) VALUES (1, 'FR', 'PAR1', 'A-01');
INSERT INTO bins (id, country, warehouse_code, label) VALUES (2, 'FR', 'PAR1', 'A-02');
INSERT INTO bins (id, country, warehouse_code, label) VALUES (3, 'DE', 'BER1', 'Z-99');
