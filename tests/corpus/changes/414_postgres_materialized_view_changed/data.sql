INSERT INTO orders (id, region, total) VALUES (1, 'north', 5);
