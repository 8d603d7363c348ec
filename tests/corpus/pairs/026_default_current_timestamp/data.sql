INSERT INTO users (id, name, email, joined) VALUES (1, 'ann', 'ann@example.com', '2024-01-02 03:04:05');
INSERT INTO users (id, name, email, joined) VALUES (2, 'bob', 'bob@example.com', NULL);
