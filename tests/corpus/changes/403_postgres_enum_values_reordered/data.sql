INSERT INTO shirts (id, size) VALUES (1, 'large');
INSERT INTO shirts (id, size) VALUES (2, 'small');
INSERT INTO shirts (id) VALUES (3);
