INSERT INTO prices (id, amount) VALUES (1, 10.00);
INSERT INTO prices (id, amount) VALUES (2, 2.50);
