INSERT INTO users (id, email) VALUES (1, 'Ann@Example.org');
INSERT INTO users (id, email) VALUES (2, 'bob@example.org');
