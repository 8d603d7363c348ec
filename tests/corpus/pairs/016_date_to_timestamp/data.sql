INSERT INTO users (id, name, email, born) VALUES (1, 'ann', 'ann@example.com', '1990-05-17');
INSERT INTO users (id, name, email, born) VALUES (2, 'bob', 'bob@example.com', '2001-12-31');
INSERT INTO users (id, name, email, born) VALUES (3, 'cy', NULL, NULL);
