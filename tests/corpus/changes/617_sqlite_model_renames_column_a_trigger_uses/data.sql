INSERT INTO users (id, name, email) VALUES (1, 'a', 'a@x');
INSERT INTO posts (id, user_id, title) VALUES (1, 1, 't');
