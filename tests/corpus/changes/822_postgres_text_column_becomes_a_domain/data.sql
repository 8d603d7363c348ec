INSERT INTO contacts (id, email) VALUES (1, 'ann@example.org');
