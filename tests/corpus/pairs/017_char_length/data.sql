INSERT INTO users (id, name, email, country) VALUES (1, 'ann', 'ann@example.com', 'us');
INSERT INTO users (id, name, email, country) VALUES (2, 'bob', 'bob@example.com', 'fr');
INSERT INTO users (id, name, email, country) VALUES (3, 'cy', NULL, NULL);
