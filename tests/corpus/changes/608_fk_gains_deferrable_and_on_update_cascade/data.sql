INSERT INTO authors (id, name) VALUES (1, 'Le Guin');
INSERT INTO books (id, author_id, title) VALUES (1, 1, 'Earthsea');
INSERT INTO books (id, author_id, title) VALUES (2, NULL, 'Anon');
