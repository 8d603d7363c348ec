INSERT INTO pages (id, path, tags, draft, views) VALUES (1, '/home', '{a,b}', false, 3);
INSERT INTO pages (id, path, tags, draft, views) VALUES (2, '/about', NULL, true, 0);
