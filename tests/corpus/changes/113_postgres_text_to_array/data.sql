INSERT INTO posts (id, tags) VALUES (1, '{a,b}');
INSERT INTO posts (id, tags) VALUES (2, NULL);
