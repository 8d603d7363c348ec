INSERT INTO tasks (id, stage, history) VALUES (1, 'new', '{}');
INSERT INTO tasks (id, stage, history) VALUES (2, 'done', '{new,done}');
