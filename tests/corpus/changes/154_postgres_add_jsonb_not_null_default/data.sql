INSERT INTO users (id, email, created_at) VALUES (1, 'ann@example.com', '2024-03-01 10:00:00+00');
INSERT INTO users (id, email, created_at) VALUES (2, 'bob@example.com', '2023-12-31 23:59:59+00');
