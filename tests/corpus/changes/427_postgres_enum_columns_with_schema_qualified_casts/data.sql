INSERT INTO paints (id, name) VALUES (1, 'sunset');
