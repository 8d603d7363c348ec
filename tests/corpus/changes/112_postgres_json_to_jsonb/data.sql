INSERT INTO docs (id, body) VALUES (1, '{"a": 1, "b": [true, null]}');
INSERT INTO docs (id, body) VALUES (2, '[1, 2]');
