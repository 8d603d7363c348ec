INSERT INTO shirts (id, size, color) VALUES (1, 'l', 'red');
