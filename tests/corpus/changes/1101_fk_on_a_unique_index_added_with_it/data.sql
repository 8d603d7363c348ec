INSERT INTO authors (id, name) VALUES (1, 'Ada');
INSERT INTO authors (id, name) VALUES (2, 'Grace');
INSERT INTO posts (id, author_id) VALUES (10, 1);
INSERT INTO posts (id, author_id) VALUES (11, 2);
INSERT INTO posts (id, author_id) VALUES (12, NULL);
