INSERT INTO handles (id, email, site, nick) VALUES (1, 'ada@example.org', 'x', 'ada');
INSERT INTO handles (id, email, site, nick) VALUES (2, 'bob@example.org', 'x', 'bob');
