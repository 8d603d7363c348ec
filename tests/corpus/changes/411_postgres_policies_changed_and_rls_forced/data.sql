INSERT INTO documents (id, owner, body) VALUES (1, 'ann', 'memo');
