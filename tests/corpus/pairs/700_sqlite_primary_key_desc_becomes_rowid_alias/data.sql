INSERT INTO tickets (id, title) VALUES (3, 'three');
INSERT INTO tickets (id, title) VALUES (8, 'eight');
