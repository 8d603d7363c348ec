INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin');
INSERT INTO authors (id, name) VALUES (2, 'Jorge Luis Borges');
INSERT INTO authors (id, name) VALUES (3, 'Italo Calvino');
INSERT INTO books (id, author_id, title, editor_id) VALUES (1, 1, 'A Wizard of Earthsea', 2);
INSERT INTO books (id, author_id, title, editor_id) VALUES (2, 1, 'The Lathe of Heaven', NULL);
INSERT INTO books (id, author_id, title, editor_id) VALUES (3, 2, 'Ficciones', 3);
