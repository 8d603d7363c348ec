INSERT INTO users (id, name, nickname) VALUES (1, 'Ann', 'annie');
INSERT INTO users (id, name, nickname) VALUES (2, 'Bob', NULL);
INSERT INTO posts (id, user_id, title) VALUES (1, 1, 'Hello');
INSERT INTO posts (id, user_id, title) VALUES (2, 2, 'World');
