INSERT INTO users (id, name, email, active) VALUES (1, 'ann', 'ann@example.com', TRUE);
INSERT INTO users (id, name, email, active) VALUES (2, 'bob', 'bob@example.com', FALSE);
INSERT INTO users (id, name, email) VALUES (3, 'cy', NULL);
