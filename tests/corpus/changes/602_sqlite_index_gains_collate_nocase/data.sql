INSERT INTO members (id, email, city) VALUES (1, 'ann@example.com', 'Oslo');
INSERT INTO members (id, email, city) VALUES (2, 'Bob@example.com', NULL);
