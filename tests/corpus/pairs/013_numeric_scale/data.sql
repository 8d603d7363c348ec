INSERT INTO users (id, name, email, balance) VALUES (1, 'ann', 'ann@example.com', 12.5);
INSERT INTO users (id, name, email, balance) VALUES (2, 'bob', 'bob@example.com', 100.25);
INSERT INTO users (id, name, email, balance) VALUES (3, 'cy', NULL, NULL);
