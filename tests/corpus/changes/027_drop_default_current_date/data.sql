INSERT INTO users (id, name, email, joined) VALUES (1, 'ann', 'ann@example.com', '2024-01-02');
INSERT INTO users (id, name, email, joined) VALUES (2, 'bob', 'bob@example.com', '2020-02-29');
