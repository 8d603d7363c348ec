INSERT INTO posts (id, title, body, published) VALUES (1, 'Hello', 'First post', TRUE);
INSERT INTO posts (id, title, body, published) VALUES (2, 'Draft', 'Not yet', FALSE);
INSERT INTO posts (id, title, body, published) VALUES (3, 'Again', 'Second post', TRUE);
