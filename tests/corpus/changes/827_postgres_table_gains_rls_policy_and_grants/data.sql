INSERT INTO documents (id, body) VALUES (1, 'draft');
