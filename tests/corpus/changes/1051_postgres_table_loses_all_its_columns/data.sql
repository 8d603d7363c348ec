INSERT INTO drafts (title, body) VALUES ('first', 'hello');
INSERT INTO drafts (title, body) VALUES ('second', 'again');
INSERT INTO authors (id, name) VALUES (1, 'ada');
