INSERT INTO authors (id, name) VALUES (1, 'Ann');
INSERT INTO posts (id, author_id, words) VALUES (10, 1, 350);
INSERT INTO posts (id, author_id, words) VALUES (11, 1, 1200);
