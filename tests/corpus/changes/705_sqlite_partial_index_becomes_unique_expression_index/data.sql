INSERT INTO users (id, email, deleted) VALUES (1, 'ada@example.org', 0);
INSERT INTO users (id, email, deleted) VALUES (2, 'ADA@example.org', 1);
INSERT INTO users (id, email, deleted) VALUES (3, 'bob@example.org', 0);
