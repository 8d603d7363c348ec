INSERT INTO users (id, name, email, age, mentor_id) VALUES (1, 'ann', 'ann@example.com', 34, NULL);
INSERT INTO users (id, name, email, age, mentor_id) VALUES (2, 'bob', 'bob@example.com', 19, 1);
INSERT INTO users (id, name, email, age, mentor_id) VALUES (3, 'cy', 'cy@example.com', NULL, 2);
