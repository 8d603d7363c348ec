INSERT INTO users (id, name, email, age) VALUES (1, 'ann', 'ann@example.com', 34);
INSERT INTO users (id, name, email, age) VALUES (2, 'bob', 'bob@example.com', 19);
INSERT INTO users (id, name, email, age) VALUES (3, 'cy', 'cy@example.com', NULL);
