INSERT INTO warehouses (country, code, name) VALUES ('FR', 'PAR1', 'Paris');
INSERT INTO warehouses (country, code, name) VALUES ('DE', 'BER1', NULL);
