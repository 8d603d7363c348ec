INSERT INTO pages (id, body) VALUES (1, 'one two three');
