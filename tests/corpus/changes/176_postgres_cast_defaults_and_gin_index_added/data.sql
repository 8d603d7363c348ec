INSERT INTO tasks (id, title) VALUES (1, 'write');
INSERT INTO tasks (id, title) VALUES (2, NULL);
