SELECT id, body::jsonb FROM docs ORDER BY id
