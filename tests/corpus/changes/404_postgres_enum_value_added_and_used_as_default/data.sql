INSERT INTO tasks (id, state) VALUES (1, 'done');
INSERT INTO tasks (id) VALUES (2);
