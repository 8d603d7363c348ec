INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin');
INSERT INTO authors (id, name) VALUES (2, 'Jorge Luis Borges');
INSERT INTO authors (id, name) VALUES (3, 'Italo Calvino');
INSERT INTO books (id, author_id, title) VALUES (1, 1, 'A Wizard of Earthsea');
INSERT INTO books (id, author_id, title) VALUES (2, 1, 'The Lathe of Heaven');
INSERT INTO books (id, author_id, title) VALUES (3, 2, 'Ficciones');
INSERT INTO books (id, author_id, title) VALUES (4, 3, 'Invisible Cities');
