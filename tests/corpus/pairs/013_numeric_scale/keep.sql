SELECT id, name, email FROM users ORDER BY id
SELECT id, CAST(balance * 100 AS INTEGER) FROM users ORDER BY id
