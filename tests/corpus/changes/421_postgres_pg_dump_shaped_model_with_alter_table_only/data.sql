INSERT INTO authors (id, name) VALUES (1, 'le guin');
