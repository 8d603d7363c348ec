INSERT INTO posts (id, title, updated_at) VALUES (1, 'Hello', NULL);
INSERT INTO posts (id, title, updated_at) VALUES (2, 'Again', '2024-01-01 00:00:00');
