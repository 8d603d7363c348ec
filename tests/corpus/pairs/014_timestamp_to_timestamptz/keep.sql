SELECT id, name, email FROM users ORDER BY id
SELECT id, substr(CAST(seen AS TEXT), 1, 19) FROM users ORDER BY id
