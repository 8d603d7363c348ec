INSERT INTO authors (id, name) VALUES (1, 'Le Guin');
INSERT INTO books (id, author, title, updated) VALUES (1, 1, 'The Dispossessed', NULL);
INSERT INTO books (id, author, title, updated) VALUES (2, NULL, 'Anonymous', 'no');
