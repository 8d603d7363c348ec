INSERT INTO projects (id, name) VALUES (1, 'alpha');
INSERT INTO tasks (id, project_id) VALUES (1, 1);
