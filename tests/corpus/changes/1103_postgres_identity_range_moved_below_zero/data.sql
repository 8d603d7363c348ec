INSERT INTO tickets (id, title) VALUES (1, 'first');
INSERT INTO tickets (id, title) VALUES (2, 'second');
INSERT INTO stamps (id, label) VALUES (-200, 'old');
