INSERT INTO tags (id, label) VALUES (1, 'red');
