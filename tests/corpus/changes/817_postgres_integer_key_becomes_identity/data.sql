INSERT INTO tickets (id, title) VALUES (1, 'first');
INSERT INTO tickets (id, title) VALUES (7, 'seventh');
