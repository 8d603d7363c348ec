INSERT INTO users (id, name, email, age) VALUES (1, 'ann', 'ann@example.com', 34);
INSERT INTO users (id, name, email, age) VALUES (2, 'bob', 'bob@example.com', 19);
INSERT INTO users (id, name, email, age) VALUES (3, 'cy', 'cy@example.com', NULL);
INSERT INTO projects (id, owner_id, name) VALUES (1, 1, 'apollo');
INSERT INTO projects (id, owner_id, name) VALUES (2, 2, 'gemini');
INSERT INTO tasks (id, project_id, title, done) VALUES (1, 1, 'launch', TRUE);
INSERT INTO tasks (id, project_id, title) VALUES (2, 1, 'land');
INSERT INTO tasks (id, project_id, title) VALUES (3, 2, 'orbit');
