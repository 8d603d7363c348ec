INSERT INTO posts (id, title, status, history) VALUES (1, 'hello', 'published', '{draft,published}');
INSERT INTO posts (id, title) VALUES (2, 'notes');
