INSERT INTO page_cache (path, body, hits) VALUES ('/', 'home', 3);
INSERT INTO page_cache (path, body, hits) VALUES ('/about', 'about us', 1);
