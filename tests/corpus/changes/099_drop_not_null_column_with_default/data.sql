INSERT INTO users (id, name, email, age, level) VALUES (1, 'ann', 'ann@example.com', 34, 3);
INSERT INTO users (id, name, email, age) VALUES (2, 'bob', 'bob@example.com', 19);
INSERT INTO users (id, name, email, age, level) VALUES (3, 'cy', 'cy@example.com', NULL, 7);
