INSERT INTO users (id, name, x, "important data") VALUES (1, 'ada', 10, 'kept');
INSERT INTO users (id, name, x, "important data") VALUES (2, 'bob', 20, 'also kept');
INSERT INTO posts (id, author) VALUES (7, 'ada');
