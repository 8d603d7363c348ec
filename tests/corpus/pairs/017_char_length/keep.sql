SELECT id, name, email FROM users ORDER BY id
SELECT id, rtrim(country) FROM users ORDER BY id
