INSERT INTO users (id, name, email, seen) VALUES (1, 'ann', 'ann@example.com', '2024-01-02 03:04:05');
INSERT INTO users (id, name, email, seen) VALUES (2, 'bob', 'bob@example.com', '2023-12-31 23:59:59');
INSERT INTO users (id, name, email, seen) VALUES (3, 'cy', NULL, NULL);
