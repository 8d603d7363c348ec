INSERT INTO articles (id, title, body) VALUES (1, 'hello', 'world');
