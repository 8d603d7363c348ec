INSERT INTO students (id, name) VALUES (1, 'ann');
INSERT INTO students (id, name) VALUES (2, 'bob');
INSERT INTO students (id, name) VALUES (3, 'cy');
INSERT INTO courses (id, title) VALUES (10, 'algebra');
INSERT INTO courses (id, title) VALUES (20, 'biology');
