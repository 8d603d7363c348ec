INSERT INTO sales (id, region, amount) VALUES (1, 'north', 10);
INSERT INTO sales (id, region, amount) VALUES (2, 'north', 5);
INSERT INTO sales (id, region, amount) VALUES (3, 'south', 7);
