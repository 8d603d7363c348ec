INSERT INTO authors (id, name) VALUES (1, 'Ursula K. Le Guin');
INSERT INTO authors (id, name) VALUES (2, 'Jorge Luis Borges');
INSERT INTO authors (id, name) VALUES (3, 'Italo Calvino');
