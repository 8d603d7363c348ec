INSERT INTO posts (id, title, state) VALUES (1, ' Hello ', 'live');
INSERT INTO posts (id, title, state) VALUES (2, 'Bye', 'gone');
