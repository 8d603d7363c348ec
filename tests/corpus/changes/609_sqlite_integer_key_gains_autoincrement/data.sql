INSERT INTO events (id, kind) VALUES (1, 'boot');
INSERT INTO events (id, kind) VALUES (5, 'halt');
INSERT INTO tags (id, label) VALUES (3, 'x');
