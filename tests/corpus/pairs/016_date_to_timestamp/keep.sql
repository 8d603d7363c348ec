SELECT id, name, email FROM users ORDER BY id
SELECT id, substr(CAST(born AS CHAR(10)), 1, 10) FROM users ORDER BY id
