INSERT INTO tasks (id, stage) VALUES (1, 'done');
