INSERT INTO events (id, name) VALUES (10, 'launch');
INSERT INTO events (id, name) VALUES (20, 'landing');
