INSERT INTO sales (id, region, amount) VALUES (1, 'north', 10.50);
INSERT INTO sales (id, region, amount) VALUES (2, 'south', 4.00);
