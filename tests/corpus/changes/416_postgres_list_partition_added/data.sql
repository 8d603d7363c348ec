INSERT INTO measurements (id, region, value) VALUES (1, 'eu', 2.5);
