INSERT INTO members (id, email, name, team) VALUES (1, 'ann@example.com', 'Ann', 'red');
INSERT INTO members (id, email, name, team) VALUES (2, NULL, 'Bob', 'blue');
INSERT INTO members (id, email, name, team) VALUES (3, 'cy@example.com', 'Cy', NULL);
