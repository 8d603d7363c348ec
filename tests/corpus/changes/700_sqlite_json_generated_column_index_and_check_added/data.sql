INSERT INTO documents (id, body) VALUES (1, '{"kind": "page", "title": "Home"}');
INSERT INTO documents (id, body) VALUES (2, '{"kind": "post"}');
