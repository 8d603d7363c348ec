INSERT INTO people (id, feeling) VALUES (1, 'sad');
