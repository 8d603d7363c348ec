INSERT INTO articles (id, slug, body) VALUES (1, 'hello', 'first post');
INSERT INTO articles (id, slug, body) VALUES (2, 'again', NULL);
