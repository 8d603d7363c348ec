INSERT INTO cars (id, paint, trims) VALUES (1, 'red', '{blue,red}');
INSERT INTO cars (id, paint, trims) VALUES (2, 'blue', NULL);
