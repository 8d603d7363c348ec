INSERT INTO airports (id, code) VALUES (1, 'AMS');
