INSERT INTO contacts (id, name, email) VALUES (1, 'Ann Smith', 'ann@example.com');
INSERT INTO contacts (id, name, email) VALUES (2, 'Bob', NULL);
