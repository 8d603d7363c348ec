INSERT INTO notes (id, body) VALUES (1, 'first');
INSERT INTO notes (id, body) VALUES (2, 'second');
