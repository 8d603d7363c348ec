INSERT INTO orders (id, country, total) VALUES (1, 'de', 10);
INSERT INTO orders (id, country, total) VALUES (2, 'us', 20);
