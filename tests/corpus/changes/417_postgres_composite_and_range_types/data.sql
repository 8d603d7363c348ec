INSERT INTO shapes (id, label) VALUES (1, 'circle');
