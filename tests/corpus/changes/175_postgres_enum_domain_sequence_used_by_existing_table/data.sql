INSERT INTO tickets (id, title) VALUES (1, 'printer jams');
INSERT INTO tickets (id, title) VALUES (2, 'no coffee');
