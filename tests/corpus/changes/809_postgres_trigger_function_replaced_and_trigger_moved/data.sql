INSERT INTO docs (id, body, updated) VALUES (1, 'hello', '2024-01-01 00:00:00+00');
