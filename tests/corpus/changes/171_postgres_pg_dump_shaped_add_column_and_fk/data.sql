INSERT INTO authors (id, name) VALUES (1, 'Le Guin');
INSERT INTO authors (id, name) VALUES (2, 'Pratchett');
INSERT INTO books (id, title, author_id) VALUES (1, 'The Dispossessed', 1);
INSERT INTO books (id, title, author_id) VALUES (2, 'Mort', 2);
INSERT INTO books (id, title, author_id) VALUES (3, 'Anonymous', NULL);
