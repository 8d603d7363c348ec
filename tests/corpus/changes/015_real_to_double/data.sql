INSERT INTO users (id, name, email, score) VALUES (1, 'ann', 'ann@example.com', 1.5);
INSERT INTO users (id, name, email, score) VALUES (2, 'bob', 'bob@example.com', -2.25);
INSERT INTO users (id, name, email, score) VALUES (3, 'cy', NULL, NULL);
