INSERT INTO docs (id, body) VALUES (1, '{"a": 1}');
