INSERT INTO tickets (id, code, label, note) VALUES (1, 'abc', 'first', 'one');
INSERT INTO tickets (id, code, label, note) VALUES (2, 'xyz', 'second', NULL);
INSERT INTO tickets (id, code, label, note) VALUES (3, NULL, NULL, 'three');
