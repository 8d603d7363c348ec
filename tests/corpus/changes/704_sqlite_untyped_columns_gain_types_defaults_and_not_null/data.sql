INSERT INTO notes (id, title, score, tags) VALUES (1, 'first', 3, '["a"]');
INSERT INTO notes (id, title, score, tags) VALUES (2, 'second', NULL, '[]');
